/**
 * Process alerts through the CLI: raised the first night a problem is found,
 * kept (lastSeen moves) while it lasts, resolved the first night the stage
 * completes without finding it; students named by state ID only.
 */
import { describe, expect, it } from "vitest"
import { kts } from "./runKts.js"
import { districtBundle, editStore, makeWorld, runNight, techBundle, techID } from "./support/exchangeWorld.js"

const ann = { stateID: "4000000001", first: "Annabel", last: "Quincey" }
const ben = { stateID: "4000000002", first: "Benedict", last: "Rowntree" }
const nobody = { stateID: null, first: "Nora", last: "Stateless" }

interface Alert {
  code: string
  school: string
  courseNumber: string | null
  sectionNumber: number | null
  stateID: string | null
  task: string | null
  message: string
  firstSeen: string
  lastSeen: string
  resolvedOn: string | null
}

const alertsOf = (db: string, ...flags: Array<string>): Array<Alert> => {
  const run = kts("alerts", "--db", db, "--json", ...flags)
  expect(run.status).toBe(0)
  return JSON.parse(run.stdout) as Array<Alert>
}

describe("kts exchange: alerts raised, kept and resolved", () => {
  it("raises each problem once, moves lastSeen while it lasts, and resolves it the night it is fixed", () => {
    const world = makeWorld({
      tech: techBundle({
        persons: [ann],
        extra: {
          courseGradingTask: [{ courseGradingTaskID: 2, courseID: 1, taskID: 3, scoreGroupID: 1 }],
          courseGradingTaskTerm: [{ courseGradingTaskID: 2, termID: 1, termMask: true, activeMask: true }],
          gradingScore: [{ scoreID: 1, personID: 1, sectionID: 10, taskID: 3, termID: 1, score: "A", percent: null, posted: true, modifiedDate: null }]
        }
      }),
      d165: districtBundle({
        district: "165",
        school: "010",
        courses: [
          { number: "KTS100", ktsTechID: techID(10), students: [ann, nobody], unenrolled: [ben] },
          { number: "KTS200", ktsTechID: "902-030-99" },
          { number: "KTS300", ktsTechID: techID(11), sections: 0 },
          { number: "KTS400", ktsTechID: techID(11), sections: 2 }
        ]
      })
    }, [{ highSchool: { database: "d165", district: "165", school: "010" } }])
    const hs = world.db["d165"]!

    expect(runNight(world, "2024-10-01").status).toBe(0)
    const first = alertsOf(hs)
    expect(first.map((alert) => [alert.code, alert.courseNumber, alert.stateID, alert.task]).sort()).toEqual([
      ["grades.hs.missingTask", "KTS100", null, "CTE Final Exam"],
      ["link.multipleSections", "KTS400", null, null],
      ["link.noSection", "KTS300", null, null],
      ["link.unknownTechSection", "KTS200", null, null],
      ["student.noEnrollment", "KTS100", ben.stateID, null],
      ["student.noStateId", "KTS100", null, null]
    ])
    for (const alert of first) {
      expect(alert.firstSeen).toBe("2024-10-01")
      for (const name of [ann, ben, nobody].flatMap((student) => [student.first, student.last])) expect(alert.message).not.toContain(name)
    }
    const text = kts("alerts", "--db", hs, "--school", "010")
    expect(text.stdout).toContain("link.noSection")
    expect(alertsOf(hs, "--school", "165-010")).toHaveLength(first.length)
    // A school the store does not hold is bad input, not a school without alerts.
    for (const school of ["011", "166-010"]) {
      const unknown = kts("alerts", "--db", hs, "--school", school)
      expect(unknown.status).toBe(2)
      expect(unknown.stderr).toContain(`--school "${school}"`)
      expect(unknown.stdout).toBe("")
    }

    // Still there the next night: the same alerts, lastSeen moved.
    expect(runNight(world, "2024-10-02").status).toBe(0)
    const second = alertsOf(hs)
    expect(second).toHaveLength(first.length)
    expect(second.every((alert) => alert.firstSeen === "2024-10-01" && alert.lastSeen === "2024-10-02")).toBe(true)

    // The high school fixes everything.
    editStore(hs, [
      ["UPDATE course SET active = 0 WHERE number = ?", ["KTS200"]],
      ["INSERT INTO section (sectionID, courseID, trialID, number) VALUES (300, 3, 1, 1)", []],
      ["DELETE FROM section WHERE courseID = 4 AND number = 2", []],
      ["UPDATE person SET stateID = ? WHERE stateID IS NULL", ["4000000003"]],
      ["INSERT INTO enrollment (enrollmentID, personID, calendarID, structureID, grade, serviceType, startDate, noShow, stateExclude) " +
        "SELECT 99, personID, 1, 1, '11', 'P', '2024-08-01', 0, 0 FROM person WHERE stateID = ?", [ben.stateID]],
      ["INSERT INTO courseGradingTask (courseGradingTaskID, courseID, taskID, scoreGroupID) VALUES (9, 1, 3, 1)", []],
      ["INSERT INTO courseGradingTaskTerm (courseGradingTaskID, termID, termMask, activeMask) VALUES (9, 1, 1, 1)", []]
    ])
    expect(runNight(world, "2024-10-03").status).toBe(0)
    expect(alertsOf(hs)).toEqual([])
    expect(kts("alerts", "--db", hs).stdout).toMatch(/no open alerts/)
    const all = alertsOf(hs, "--all")
    expect(all).toHaveLength(first.length)
    expect(all.every((alert) => alert.resolvedOn === "2024-10-03")).toBe(true)
  })
})
