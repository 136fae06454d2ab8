import { describe, expect, it } from "vitest"
import { DISCLOSURE_BASIS, planDisclosures } from "./Disclosures.js"
import { DatabaseLedger } from "./Ledger.js"

const NIGHT = "2024-10-15"
const HS = { district: "165", school: "010" }

describe("planDisclosures", () => {
  it("a first disclosure is inserted with first = last = the night; repeats count once", () => {
    const intent = { personID: 7, recipient: HS, kind: "grades" as const }
    const plan = planDisclosures(NIGHT, [intent, intent], [], new DatabaseLedger({ disclosure: 2 }))
    expect(plan.insert).toEqual([{
      disclosureID: 3, personID: 7, recipientDistrict: "165", recipientSchool: "010", kind: "grades",
      basis: DISCLOSURE_BASIS, firstNight: NIGHT, lastNight: NIGHT
    }])
  })

  it.each([
    { case: "an earlier night: lastNight moves", lastNight: "2024-10-14", updated: true },
    { case: "this night already: nothing", lastNight: NIGHT, updated: false }
  ])("a known disclosure, $case", ({ lastNight, updated }) => {
    const existing = {
      disclosureID: 1, personID: 7, recipientDistrict: "165", recipientSchool: "010", kind: "grades",
      basis: DISCLOSURE_BASIS, firstNight: "2024-09-01", lastNight
    }
    const plan = planDisclosures(NIGHT, [{ personID: 7, recipient: HS, kind: "grades" }], [existing], new DatabaseLedger())
    expect(plan.insert).toEqual([])
    expect(plan.update).toEqual(updated ? [{ ...existing, lastNight: NIGHT }] : [])
  })

  it.each([
    { case: "another kind", intent: { personID: 7, recipient: HS, kind: "attendance" as const } },
    { case: "another school", intent: { personID: 7, recipient: { district: "165", school: "020" }, kind: "grades" as const } }
  ])("$case is another row", ({ intent }) => {
    const existing = {
      disclosureID: 1, personID: 7, recipientDistrict: "165", recipientSchool: "010", kind: "grades",
      basis: DISCLOSURE_BASIS, firstNight: "2024-09-01", lastNight: "2024-10-14"
    }
    expect(planDisclosures(NIGHT, [intent], [existing], new DatabaseLedger({ disclosure: 1 })).insert.map((row) => row.disclosureID)).toEqual([2])
  })

  it("two units of one database the same night: the second sees the first's row", () => {
    const ledger = new DatabaseLedger()
    const intent = { personID: 7, recipient: HS, kind: "grades" as const }
    expect(planDisclosures(NIGHT, [intent], [], ledger).insert).toHaveLength(1)
    const second = planDisclosures(NIGHT, [intent], [], ledger)
    expect(second).toEqual({ insert: [], update: [] })
  })
})
