import { describe, expect, it } from "vitest"
import { baseline, changeHighSchool, STATE_ID } from "./internal/Baseline.js"
import { checkPairing, checkStudentPairing } from "./Pairing.js"
import type { TechSectionStatus } from "./Snapshot.js"

describe("checkPairing: the KTS sections of the high-school course", () => {
  it.each([
    { sections: 0, status: "fail", mentions: "no section" },
    { sections: 1, status: "pass", mentions: null },
    { sections: 2, status: "fail", mentions: "2 sections (1, 2)" }
  ])("$sections section(s): $status", ({ sections, status, mentions }) => {
    const snapshot = changeHighSchool((side) => ({
      sections: Array.from({ length: sections }, (_, index) => ({ ...side.sections[0]!, sectionID: 100 + index, number: index + 1 }))
    }))
    const result = checkPairing(snapshot)
    expect(result.status).toBe(status)
    if (mentions !== null) {
      expect(result.finding).toContain(mentions)
      expect(result.fix?.who).toBe("high school")
    }
  })
})

describe("checkPairing: what the KTSTechID names", () => {
  it.each<{ status: TechSectionStatus; who: string | null }>([
    { status: "ok", who: null },
    { status: "malformed", who: "high school" },
    { status: "unknownSchool", who: "high school" },
    { status: "schoolNotLinked", who: "high school" },
    { status: "noSuchSection", who: "high school" },
    { status: "notTechSection", who: "high school" },
    { status: "notInTechCatalog", who: "technical school" }
  ])("$status: fixed by $who", ({ status, who }) => {
    const snapshot = { ...baseline(), techSection: { ...baseline().techSection, status } }
    const result = checkPairing(snapshot)
    expect(result.status).toBe(who === null ? "pass" : "fail")
    expect(result.fix?.who ?? null).toBe(who)
  })
})

describe("checkStudentPairing", () => {
  it.each([
    { case: "on both rosters", student: { stateID: STATE_ID, highSchoolPersonID: 501 }, techRoster: true, status: "fail", expectPass: true },
    { case: "on the high-school roster only", student: { stateID: STATE_ID, highSchoolPersonID: 501 }, techRoster: false, status: "fail", expectPass: false },
    { case: "without a State ID", student: { stateID: null, highSchoolPersonID: 501 }, techRoster: true, status: "fail", expectPass: false }
  ])("$case", ({ student, techRoster, expectPass }) => {
    const base = baseline()
    const snapshot = techRoster ? base : { ...base, tech: { ...base.tech!, roster: [] } }
    const result = checkStudentPairing(snapshot, student)
    expect(result.status).toBe(expectPass ? "pass" : "fail")
    expect(result.stateID).toBe(student.stateID)
    if (!expectPass) expect(result.fix?.who).toBe("high school")
    if (student.stateID === null) expect(result.finding).toContain("personID 501")
  })
})
