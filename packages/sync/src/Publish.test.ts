import { describe, expect, it } from "vitest"
import { courseMaster } from "../test/records.js"
import { KTS_TECH_ID, makeWorld, techSnapshot } from "../test/world.js"
import { DatabaseLedger } from "./Ledger.js"
import { techSectionsOf } from "./Pairing.js"
import { planPublish, publishedMasterOf } from "./Publish.js"

const tech = techSnapshot(makeWorld())
const sections = techSectionsOf(tech.database, tech.school, tech.setup, 2025)
const CATALOG = "24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)"
const wanted = { number: "470101", name: "Welding - Tech Center - Section 2", stateCode: "470101", ktsTechID: KTS_TECH_ID }

describe("publishedMasterOf", () => {
  it("names the master after the course, the technical school and the section number", () => {
    expect(publishedMasterOf(sections[0]!)).toEqual(wanted)
  })
})

describe("planPublish", () => {
  it("creates the catalog and the master when missing", () => {
    const plan = planPublish(2025, { database: "d165", courseCatalogs: [], courseMasters: [] }, sections, new DatabaseLedger({ courseCatalog: 4, courseMaster: 30 }))
    expect(plan.changes.courseCatalog.insert).toEqual([{ catalogID: 5, name: CATALOG }])
    expect(plan.changes.courseMaster.insert).toEqual([{ courseMasterID: 31, catalogID: 5, ...wanted }])
    expect(plan).toMatchObject({ stage: "publish", database: "d165", schoolID: null, counts: { inserted: 2, updated: 0, removed: 0 } })
  })

  it("no tech section: no catalog is created", () => {
    const plan = planPublish(2025, { database: "d165", courseCatalogs: [], courseMasters: [] }, [], new DatabaseLedger())
    expect(plan.changes.courseCatalog.insert).toEqual([])
  })

  it.each([
    { case: "in step: nothing", master: { ...wanted }, updated: false },
    { case: "another name: updated", master: { ...wanted, name: "Welding - Tech Center - Section 1" }, updated: true },
    { case: "another number: updated", master: { ...wanted, number: "470102" }, updated: true },
    { case: "another stateCode: updated", master: { ...wanted, stateCode: null }, updated: true }
  ])("an existing master, $case", ({ master, updated }) => {
    const existing = courseMaster(8, 2, master)
    const other = courseMaster(9, 2, { ktsTechID: "902-030-555" })
    const plan = planPublish(2025, { database: "d165", courseCatalogs: [{ catalogID: 2, name: CATALOG }], courseMasters: [existing, other] }, sections, new DatabaseLedger())
    expect(plan.changes.courseMaster.insert).toEqual([])
    expect(plan.changes.courseMaster.update).toEqual(updated ? [{ ...existing, ...wanted }] : [])
    expect(plan.changes.courseMaster.delete).toEqual([])
  })

  it("a master of the KTSTechID in another catalog does not count", () => {
    const plan = planPublish(2025, {
      database: "d165",
      courseCatalogs: [{ catalogID: 2, name: CATALOG }, { catalogID: 3, name: "23-24 KTS Course Catalog (HIGH SCHOOLS ONLY)" }],
      courseMasters: [courseMaster(8, 3, wanted)]
    }, sections, new DatabaseLedger({ courseMaster: 8 }))
    expect(plan.changes.courseMaster.insert).toEqual([{ courseMasterID: 9, catalogID: 2, ...wanted }])
  })
})
