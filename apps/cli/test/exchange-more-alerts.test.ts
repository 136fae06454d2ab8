/**
 * The alert codes the other CLI tests do not raise and resolve: every
 * technical grading-setup code, the high-school grading-setup codes but
 * `grades.hs.missingTask`, and `student.duplicateStateId`. Each is raised one
 * night, kept (lastSeen moves) the next, and resolved the night after the
 * school fixes it; its message names the school's own course and section, the
 * setting at fault and who fixes it, and a student only by State ID.
 */
import { describe, expect, it } from "vitest"
import { districtBundle, editStore, makeWorld, rowsOf, runNight, techBundle, techID, type TableRows } from "./support/exchangeWorld.js"
import { alertsOf, type AlertRow } from "./support/exchangeMore.js"

const ann = { stateID: "7100000001", first: "Annika", last: "Oddfellow" }
const ben = { stateID: "7100000002", first: "Bertram", last: "Quillfeather" }
const zed = { stateID: "7100000009", first: "Zedekiah", last: "Zetterlund" }
const names = [ann, ben, zed].flatMap((student) => [student.first, student.last])

const posted = (scoreID: number, sectionID: number, taskID: number, termID: number, score: string, isPosted = true, personID = 1) =>
  ({ scoreID, personID, sectionID, taskID, termID, score, percent: null, posted: isPosted, modifiedDate: "2024-12-18T09:00" })

const taskTerm = (courseGradingTaskID: number, termID: number, termMask: boolean, activeMask: boolean) =>
  ({ courseGradingTaskID, termID, termMask, activeMask })

const summary = (alert: AlertRow) => [alert.code, alert.school, alert.courseNumber, alert.sectionNumber, alert.task, alert.severity]

/** Found again the next night: the same alerts of `db`, first seen on the 7th, last seen on the 8th. */
const expectKept = (db: string, first: ReadonlyArray<AlertRow>) => {
  const second = alertsOf(db)
  expect(second.map(summary).sort()).toEqual(first.map(summary).sort())
  expect(second.every((alert) => alert.firstSeen === "2025-01-07" && alert.lastSeen === "2025-01-08")).toBe(true)
}

/** After the fix: no open alert in `db`, and each of `first` resolved on the 9th, last seen on the 8th. */
const expectResolved = (db: string, first: ReadonlyArray<AlertRow>) => {
  expect(alertsOf(db)).toEqual([])
  const all = alertsOf(db, "--all")
  expect(all.map(summary).sort()).toEqual(first.map(summary).sort())
  expect(all.every((alert) => alert.resolvedOn === "2025-01-09" && alert.lastSeen === "2025-01-08")).toBe(true)
}

const ok = (run: { status: number; stderr: string }) => {
  expect(run.stderr).toBe("")
  expect(run.status).toBe(0)
}

/** The high school's gradingScore rows as [sectionID, taskID, termID, score, posted]. */
const hsGrades = (db: string) =>
  rowsOf(db, "gradingScore").map((row) => [row["sectionID"], row["taskID"], row["termID"], row["score"], row["posted"]])
    .sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number))

describe("kts exchange: the technical school's grading-setup alerts", () => {
  it("raises grades.tech.* at the technical school, syncs nothing for the task, and resolves each after the fix", { timeout: 300_000 }, () => {
    // 902-030's T100 (tech section 10) has one problem per task; a second course T300 (section 12) has no active mask.
    // Zedekiah (tech person 2) is sent by no high school.
    const tech = techBundle({
      persons: [ann, zed],
      extra: {
        courseMaster: [{ courseMasterID: 3, catalogID: 1, number: "T300", name: "Machining", stateCode: "480501" }],
        course: [{ courseID: 3, calendarID: 1, courseMasterID: 3, number: "T300", name: "Machining I", active: true, stateCode: "480501" }],
        section: [{ sectionID: 12, courseID: 3, trialID: 1, number: 1 }],
        sectionPlacement: [{ placementID: 12, sectionID: 12, termID: 1 }],
        gradingScore: [
          posted(1, 10, 1, 1, "A"),
          posted(2, 10, 2, 1, "B"),
          posted(3, 10, 3, 1, "C"),
          posted(4, 12, 1, 1, "D"),
          // Unposted: CTE Final Grade on T300 has no active mask either, but no posted grade, so no alert.
          posted(5, 12, 2, 1, "B", false),
          // CTE Final Exam on T300: no active mask; one posted grade, of a student no high school sends, in term T2.
          posted(6, 12, 3, 2, "C", true, 2)
        ]
      }
    })
    const techTables: TableRows = {
      ...tech,
      courseGradingTask: [
        { courseGradingTaskID: 1, courseID: 1, taskID: 1, scoreGroupID: 1 }, // Term Grade: active term outside the term mask
        { courseGradingTaskID: 2, courseID: 1, taskID: 2, scoreGroupID: 1 }, // Final Grade: two active terms
        { courseGradingTaskID: 3, courseID: 1, taskID: 3, scoreGroupID: 1 }, // Final Exam: twice on the course
        { courseGradingTaskID: 4, courseID: 1, taskID: 3, scoreGroupID: 1 },
        { courseGradingTaskID: 5, courseID: 3, taskID: 1, scoreGroupID: 1 }, // T300 Term Grade: no active term, posted grades
        { courseGradingTaskID: 6, courseID: 3, taskID: 2, scoreGroupID: 1 }, // T300 Final Grade: no active term, nothing posted
        { courseGradingTaskID: 7, courseID: 3, taskID: 3, scoreGroupID: 1 } //  T300 Final Exam: no active term, posted in T2
      ],
      courseGradingTaskTerm: [
        taskTerm(1, 1, false, true), taskTerm(1, 2, true, false),
        taskTerm(2, 1, true, true), taskTerm(2, 2, true, true),
        taskTerm(3, 1, true, true), taskTerm(4, 1, true, true),
        taskTerm(5, 1, true, false), taskTerm(5, 2, true, false),
        taskTerm(6, 1, true, false),
        taskTerm(7, 1, true, false), taskTerm(7, 2, true, false)
      ]
    }
    const world = makeWorld({
      tech: techTables,
      d165: districtBundle({
        district: "165",
        school: "010",
        courses: [
          { number: "KTS100", ktsTechID: techID(10), students: [ann] },
          { number: "KTS300", ktsTechID: "902-030-12" }
        ],
        extra: {
          roster: [{ rosterID: 50, sectionID: 102, personID: 1, startDate: "2024-08-01", endDate: null }],
          // The high school is set up for every task on KTS100 (term S1 active, holding the tech's T1 end).
          courseGradingTask: [
            { courseGradingTaskID: 11, courseID: 1, taskID: 2, scoreGroupID: 1 },
            { courseGradingTaskID: 12, courseID: 1, taskID: 3, scoreGroupID: 1 }
          ],
          courseGradingTaskTerm: [taskTerm(11, 1, true, true), taskTerm(12, 1, true, true)]
        }
      })
    }, [{ highSchool: { database: "d165", district: "165", school: "010" } }])
    const techDb = world.db["tech"]!
    const hs = world.db["d165"]!

    ok(runNight(world, "2025-01-07"))
    const first = alertsOf(techDb)
    expect(first.map(summary).sort()).toEqual([
      ["grades.tech.activeMasks", "902-030", "T100", 1, "CTE Final Grade", "error"],
      ["grades.tech.activeTermNotGraded", "902-030", "T100", 1, "CTE Term Grade", "error"],
      ["grades.tech.duplicateTask", "902-030", "T100", 1, "CTE Final Exam", "error"],
      ["grades.tech.noActiveMask", "902-030", "T300", 1, "CTE Final Exam", "error"],
      ["grades.tech.noActiveMask", "902-030", "T300", 1, "CTE Term Grade", "error"]
    ])
    const setting: Record<string, RegExp> = {
      "grades.tech.activeMasks": /active mask/i,
      "grades.tech.activeTermNotGraded": /term mask/i,
      "grades.tech.duplicateTask": /more than once|duplicate/i,
      "grades.tech.noActiveMask": /active mask/i
    }
    for (const alert of first) {
      expect(alert.stage).toBe("grades")
      expect(alert.stateID).toBeNull()
      expect(alert.firstSeen).toBe("2025-01-07")
      expect(alert.message).toContain(alert.courseNumber!)
      expect(alert.message).toMatch(/section\W*1\b/i)
      expect(alert.message).toMatch(setting[alert.code]!)
      expect(alert.message).toMatch(/technical school/i)
      for (const name of names) expect(alert.message).not.toContain(name)
    }
    // Technical-setup problems raise nothing at the high school, and nothing syncs for those tasks.
    expect(alertsOf(hs)).toEqual([])
    expect(hsGrades(hs)).toEqual([])

    // Found again: the same alerts, lastSeen moved.
    ok(runNight(world, "2025-01-08"))
    expectKept(techDb, first)

    // The technical school fixes its setup.
    editStore(techDb, [
      ["UPDATE courseGradingTaskTerm SET termMask = 1 WHERE courseGradingTaskID = 1 AND termID = 1", []],
      ["UPDATE courseGradingTaskTerm SET activeMask = 0 WHERE courseGradingTaskID = 2 AND termID = 2", []],
      ["DELETE FROM courseGradingTaskTerm WHERE courseGradingTaskID = 4", []],
      ["DELETE FROM courseGradingTask WHERE courseGradingTaskID = 4", []],
      ["UPDATE courseGradingTaskTerm SET activeMask = 1 WHERE courseGradingTaskID = 5 AND termID = 1", []],
      ["UPDATE courseGradingTaskTerm SET activeMask = 1 WHERE courseGradingTaskID = 7 AND termID = 2", []]
    ])
    ok(runNight(world, "2025-01-09"))
    expectResolved(techDb, first)
    // Every posted grade of the tech active term of a synced student now reaches the high school's KTS sections
    // (101: KTS100, 102: KTS300), term S1; Zedekiah's is nobody's at the high school.
    expect(hsGrades(hs)).toEqual([
      [101, 1, 1, "A", true],
      [101, 2, 1, "B", true],
      [101, 3, 1, "C", true],
      [102, 1, 1, "D", true]
    ])

    // The problem coming back after it was resolved is a new alert.
    editStore(techDb, [["UPDATE courseGradingTaskTerm SET termMask = 0 WHERE courseGradingTaskID = 1 AND termID = 1", []]])
    ok(runNight(world, "2025-01-10"))
    const again = alertsOf(techDb)
    expect(again.map(summary)).toEqual([["grades.tech.activeTermNotGraded", "902-030", "T100", 1, "CTE Term Grade", "error"]])
    expect(again[0]!.firstSeen).toBe("2025-01-10")
    expect(alertsOf(techDb, "--all")).toHaveLength(6)
  })
})

describe("kts exchange: the high school's grading-setup alerts", () => {
  it("raises grades.hs.* at the high school only when posted grades would sync, and resolves each after the fix", { timeout: 300_000 }, () => {
    // Tech sections 10–15 of T100, each paired with one KTS course; Annika has a posted CTE Term Grade (term T1) on each.
    const tech = techBundle({
      persons: [ann],
      extra: {
        section: [12, 13, 14, 15].map((sectionID) => ({ sectionID, courseID: 1, trialID: 1, number: sectionID - 9 })),
        sectionPlacement: [12, 13, 14, 15].map((sectionID) => ({ placementID: sectionID, sectionID, termID: 1 })),
        gradingScore: [10, 11, 12, 13, 14, 15].map((sectionID) => posted(sectionID, sectionID, 1, 1, sectionID === 14 ? "P" : "A"))
      }
    })
    const world = makeWorld({
      tech,
      d165: districtBundle({
        district: "165",
        school: "010",
        courses: [
          { number: "KTS100", ktsTechID: techID(10), students: [ann] }, // the task twice on the course
          { number: "KTS200", ktsTechID: techID(11), gradingTask: false }, // no active term
          { number: "KTS300", ktsTechID: "902-030-12", gradingTask: false }, // two active terms
          { number: "KTS400", ktsTechID: "902-030-13", gradingTask: false }, // active S2: outside the mask, wrong dates
          { number: "KTS500", ktsTechID: "902-030-14" }, // P is not a letter of the score group
          { number: "KTS600", ktsTechID: "902-030-15", gradingTask: false } // no score group
        ],
        extra: {
          roster: [102, 103, 104, 105, 106].map((sectionID) => ({ rosterID: sectionID - 50, sectionID, personID: 1, startDate: "2024-08-01", endDate: null })),
          courseGradingTask: [
            { courseGradingTaskID: 11, courseID: 1, taskID: 1, scoreGroupID: 1 },
            { courseGradingTaskID: 2, courseID: 2, taskID: 1, scoreGroupID: 1 },
            { courseGradingTaskID: 3, courseID: 3, taskID: 1, scoreGroupID: 1 },
            { courseGradingTaskID: 4, courseID: 4, taskID: 1, scoreGroupID: 1 },
            { courseGradingTaskID: 6, courseID: 6, taskID: 1, scoreGroupID: null }
          ],
          courseGradingTaskTerm: [
            taskTerm(11, 1, true, true),
            taskTerm(2, 1, true, false), taskTerm(2, 2, true, false),
            taskTerm(3, 1, true, true), taskTerm(3, 2, true, true),
            taskTerm(4, 1, true, false), taskTerm(4, 2, false, true),
            taskTerm(6, 1, true, true), taskTerm(6, 2, true, false)
          ]
        }
      })
    }, [{ highSchool: { database: "d165", district: "165", school: "010" } }])
    const techDb = world.db["tech"]!
    const hs = world.db["d165"]!
    const task = "CTE Term Grade"

    ok(runNight(world, "2025-01-07"))
    const first = alertsOf(hs)
    expect(first.map(summary).sort()).toEqual([
      ["grades.hs.activeMasks", "165-010", "KTS300", 1, task, "error"],
      ["grades.hs.activeTermNotGraded", "165-010", "KTS400", 1, task, "error"],
      ["grades.hs.duplicateTask", "165-010", "KTS100", 1, task, "error"],
      ["grades.hs.noActiveMask", "165-010", "KTS200", 1, task, "error"],
      ["grades.hs.noScoreGroup", "165-010", "KTS600", 1, task, "warning"],
      ["grades.hs.scoreNotInGroup", "165-010", "KTS500", 1, task, "warning"],
      ["grades.hs.termMismatch", "165-010", "KTS400", 1, task, "error"]
    ])
    const setting: Record<string, RegExp> = {
      "grades.hs.activeMasks": /active mask/i,
      "grades.hs.activeTermNotGraded": /term mask/i,
      "grades.hs.duplicateTask": /more than once|duplicate/i,
      "grades.hs.noActiveMask": /active mask/i,
      "grades.hs.noScoreGroup": /score group/i,
      "grades.hs.scoreNotInGroup": /score group/i,
      // Names the high-school term that does hold the tech active term's end (2024-12-20): S1.
      "grades.hs.termMismatch": /\bS1\b/
    }
    for (const alert of first) {
      expect(alert.stage).toBe("grades")
      expect(alert.stateID).toBeNull()
      expect(alert.firstSeen).toBe("2025-01-07")
      expect(alert.message).toContain(alert.courseNumber!)
      expect(alert.message).toMatch(/section\W*1\b/i)
      expect(alert.message).toMatch(setting[alert.code]!)
      expect(alert.message).toMatch(/high school/i)
      for (const name of names) expect(alert.message).not.toContain(name)
    }
    // The warnings list the scores.
    expect(first.find((alert) => alert.code === "grades.hs.scoreNotInGroup")!.message).toMatch(/\bP\b/)
    expect(first.find((alert) => alert.code === "grades.hs.noScoreGroup")!.message).toMatch(/\bA\b/)
    expect(alertsOf(techDb)).toEqual([])
    // Only the two courses with warnings got the grade (sections 105, 106; term S1).
    expect(hsGrades(hs)).toEqual([[105, 1, 1, "P", true], [106, 1, 1, "A", true]])

    ok(runNight(world, "2025-01-08"))
    expectKept(hs, first)

    // The high school fixes its setup.
    editStore(hs, [
      ["DELETE FROM courseGradingTaskTerm WHERE courseGradingTaskID = 11", []],
      ["DELETE FROM courseGradingTask WHERE courseGradingTaskID = 11", []],
      ["UPDATE courseGradingTaskTerm SET activeMask = 1 WHERE courseGradingTaskID = 2 AND termID = 1", []],
      ["UPDATE courseGradingTaskTerm SET activeMask = 0 WHERE courseGradingTaskID = 3 AND termID = 2", []],
      ["UPDATE courseGradingTaskTerm SET activeMask = CASE termID WHEN 1 THEN 1 ELSE 0 END WHERE courseGradingTaskID = 4", []],
      ["INSERT INTO scoreGroupItem (itemID, scoreGroupID, seq, score, minPercent, gpaValue, passing) VALUES (6, 1, 6, 'P', NULL, NULL, 1)", []],
      ["UPDATE courseGradingTask SET scoreGroupID = 1 WHERE courseGradingTaskID = 6", []]
    ])
    ok(runNight(world, "2025-01-09"))
    expectResolved(hs, first)
    expect(hsGrades(hs)).toEqual([
      [101, 1, 1, "A", true],
      [102, 1, 1, "A", true],
      [103, 1, 1, "A", true],
      [104, 1, 1, "A", true],
      [105, 1, 1, "P", true],
      [106, 1, 1, "A", true]
    ])
  })
})

describe("kts exchange: student.duplicateStateId", () => {
  it("skips a student two technical persons share, alerts the technical school, and syncs them once merged", { timeout: 300_000 }, () => {
    const twin = { ...ann, first: "Anni", last: "Oddfellow-Twin" }
    const world = makeWorld({
      tech: techBundle({ persons: [ann, twin] }),
      d165: districtBundle({ district: "165", school: "010", courses: [{ number: "KTS100", ktsTechID: techID(10), students: [ann, ben] }] })
    }, [{ highSchool: { database: "d165", district: "165", school: "010" } }])
    const techDb = world.db["tech"]!
    const hs = world.db["d165"]!
    const techRoster = () => rowsOf(techDb, "roster").map((row) => [row["personID"], row["sectionID"], row["startDate"], row["endDate"]])

    ok(runNight(world, "2024-10-01"))
    const first = alertsOf(techDb)
    expect(first.map((alert) => [alert.code, alert.school, alert.courseNumber, alert.sectionNumber, alert.stateID, alert.severity, alert.stage]))
      .toEqual([["student.duplicateStateId", "902-030", "T100", 1, ann.stateID, "error", "rosters"]])
    const message = first[0]!.message
    expect(message).toContain("T100")
    expect(message).toMatch(/section\W*1\b/i)
    expect(message).toContain(ann.stateID)
    expect(message).toMatch(/technical school/i)
    for (const name of [...names, twin.first, twin.last]) expect(message).not.toContain(name)
    expect(alertsOf(hs)).toEqual([])
    // Annika is skipped (no person created, no roster row, no enrollment); Bertram is synced as person 3.
    expect(rowsOf(techDb, "person").map((row) => [row["personID"], row["stateID"]])).toEqual([[1, ann.stateID], [2, ann.stateID], [3, ben.stateID]])
    expect(techRoster()).toEqual([[3, 10, "2024-08-01", null]])
    expect(rowsOf(techDb, "enrollment").map((row) => [row["personID"], row["serviceType"]])).toEqual([[3, "S"]])

    ok(runNight(world, "2024-10-02"))
    expect(alertsOf(techDb).map((alert) => [alert.code, alert.firstSeen, alert.lastSeen])).toEqual([["student.duplicateStateId", "2024-10-01", "2024-10-02"]])

    // The technical school merges the two persons (the second had no rows of its own).
    editStore(techDb, [["DELETE FROM person WHERE personID = 2", []]])
    ok(runNight(world, "2024-10-03"))
    expect(alertsOf(techDb)).toEqual([])
    expect(alertsOf(techDb, "--all").map((alert) => [alert.code, alert.resolvedOn])).toEqual([["student.duplicateStateId", "2024-10-03"]])
    expect(techRoster()).toEqual([[3, 10, "2024-08-01", null], [1, 10, "2024-08-01", null]])
    expect(rowsOf(techDb, "person").find((row) => row["personID"] === 1)!["firstName"]).toBe(ann.first)
    expect(rowsOf(techDb, "enrollment").map((row) => [row["personID"], row["serviceType"], row["startDate"], row["endDate"]]).sort())
      .toEqual([[1, "S", "2024-08-01", null], [3, "S", "2024-08-01", null]])
  })
})
