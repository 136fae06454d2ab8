/**
 * For the tests: a correct pairing where every check passes, and helpers that
 * change one setting of it. High school 165-010 course 4821V section 1 names
 * tech section 902-030-48213 (course 470101 section 2); one student,
 * State ID 1234567890; CTE Term Grade and CTE Final Grade in use; the tech
 * active term T1 ends 2024-12-18, inside the high school's active term Q2.
 */
import type { ProcessAlert, Term } from "@kts/domain"
import type { GradeCheckSnapshot, SideRecords } from "../Snapshot.js"

export const STATE_ID = "1234567890"

const term = (termID: number, structureID: number, name: string, seq: number, startDate: string | null, endDate: string | null): Term => ({
  termID,
  structureID,
  name,
  seq,
  startDate,
  endDate
})

const course = (courseID: number, calendarID: number, number: string, name: string) => ({
  courseID,
  calendarID,
  courseMasterID: null,
  number,
  name,
  active: true,
  stateCode: null,
  teachingMethod: null,
  instructionalSetting: null,
  type: null,
  difficultyLevel: null,
  responsive: false
})

const section = (sectionID: number, courseID: number, trialID: number, number: number) => ({
  sectionID,
  courseID,
  trialID,
  number,
  coreContent: null,
  instructionalSetting: null,
  specialType: null,
  crossSiteEnrollment: null
})

const items = (scoreGroupID: number, firstItemID: number) =>
  ([["A", 90, 4], ["B", 80, 3], ["C", 70, 2], ["D", 60, 1], ["F", 0, 0]] as const).map(([score, minPercent, gpaValue], index) => ({
    itemID: firstItemID + index,
    scoreGroupID,
    seq: index + 1,
    score,
    minPercent,
    gpaValue,
    passing: score !== "F"
  }))

/** The high school's side: terms Q1–Q4, Term and Final active on Q2. */
export const baselineHighSchool = (): SideRecords => ({
  database: "d165",
  district: "165",
  school: "010",
  schoolID: 1,
  course: course(10, 1, "4821V", "Welding I"),
  sections: [section(100, 10, 1, 1)],
  roster: [{ rosterID: 1, sectionID: 100, personID: 501, stateID: STATE_ID, startDate: "2024-08-01", endDate: null }],
  gradingTasks: [
    { taskID: 1, name: "CTE Term Grade" },
    { taskID: 2, name: "CTE Final Grade" },
    { taskID: 3, name: "CTE Final Exam" },
    { taskID: 4, name: "Semester Grade" }
  ],
  courseGradingTasks: [
    { courseGradingTaskID: 20, courseID: 10, taskID: 1, scoreGroupID: 7 },
    { courseGradingTaskID: 21, courseID: 10, taskID: 2, scoreGroupID: 7 }
  ],
  taskTerms: [20, 21].flatMap((courseGradingTaskID) =>
    [31, 32, 33, 34].map((termID) => ({ courseGradingTaskID, termID, termMask: true, activeMask: termID === 32 }))
  ),
  terms: [
    term(31, 1, "Q1", 1, "2024-08-01", "2024-10-15"),
    term(32, 1, "Q2", 2, "2024-10-16", "2024-12-20"),
    term(33, 1, "Q3", 3, "2025-01-06", "2025-03-14"),
    term(34, 1, "Q4", 4, "2025-03-17", "2025-05-30")
  ],
  scores: [1, 2].map((taskID) => ({
    scoreID: 900 + taskID,
    personID: 501,
    sectionID: 100,
    taskID,
    termID: 32,
    score: "A",
    percent: 95,
    posted: true,
    modifiedDate: "2024-12-19T02:00",
    stateID: STATE_ID
  })),
  scoreGroups: [{ scoreGroupID: 7, name: "High School Numeric" }],
  scoreGroupItems: items(7, 70),
  gradeCalcOptions: [],
  reportCardTemplates: [{ templateID: 1, schoolID: 1, name: "HS Report Card" }, { templateID: 2, schoolID: 1, name: "Progress Report" }],
  reportCardTemplateTasks: [{ templateID: 1, taskID: 1 }, { templateID: 2, taskID: 2 }],
  alerts: []
})

/** The technical school's side: terms T1–T2, Term and Final active on T1 (ends 2024-12-18). */
export const baselineTech = (): SideRecords => ({
  database: "tech",
  district: "902",
  school: "030",
  schoolID: 5,
  course: course(40, 9, "470101", "Welding Technology"),
  sections: [section(48213, 40, 8, 2)],
  roster: [{ rosterID: 7, sectionID: 48213, personID: 8801, stateID: STATE_ID, startDate: "2024-08-01", endDate: null }],
  gradingTasks: [
    { taskID: 11, name: "CTE Term Grade" },
    { taskID: 12, name: "CTE Final Grade" },
    { taskID: 13, name: "CTE Final Exam" }
  ],
  courseGradingTasks: [
    { courseGradingTaskID: 50, courseID: 40, taskID: 11, scoreGroupID: 77 },
    { courseGradingTaskID: 51, courseID: 40, taskID: 12, scoreGroupID: 77 }
  ],
  taskTerms: [50, 51].flatMap((courseGradingTaskID) =>
    [61, 62].map((termID) => ({ courseGradingTaskID, termID, termMask: true, activeMask: termID === 61 }))
  ),
  terms: [term(61, 8, "T1", 1, "2024-08-05", "2024-12-18"), term(62, 8, "T2", 2, "2025-01-05", "2025-05-28")],
  scores: [11, 12].map((taskID) => ({
    scoreID: 700 + taskID,
    personID: 8801,
    sectionID: 48213,
    taskID,
    termID: 61,
    score: "A",
    percent: 95,
    posted: true,
    modifiedDate: "2024-12-18T15:00",
    stateID: STATE_ID
  })),
  scoreGroups: [{ scoreGroupID: 77, name: "CTE Numeric Score Group" }],
  scoreGroupItems: items(77, 770),
  gradeCalcOptions: [{ optionID: 1, courseID: 40, taskID: 12, componentTaskID: 11, weight: 1 }],
  reportCardTemplates: [],
  reportCardTemplateTasks: [],
  alerts: []
})

/** The correct pairing: every check passes. */
export const baseline = (): GradeCheckSnapshot => {
  const tech = baselineTech()
  return {
    asOf: "2025-01-10",
    endYear: 2025,
    highSchool: baselineHighSchool(),
    highSchoolLinked: true,
    ktsTechID: "902-030-48213",
    techSection: { status: "ok", district: "902", school: "030", sectionID: 48213, detail: null },
    tech,
    cteNumericScoreGroup: { scoreGroup: tech.scoreGroups[0]!, items: tech.scoreGroupItems },
    students: [{ stateID: STATE_ID, highSchoolPersonID: 501 }]
  }
}

/** A change to one side's records. */
export type SideChange = (side: SideRecords) => Partial<SideRecords>

/** The baseline with one change at the high school. */
export const changeHighSchool = (change: SideChange, snapshot = baseline()): GradeCheckSnapshot => ({
  ...snapshot,
  highSchool: { ...snapshot.highSchool, ...change(snapshot.highSchool) }
})

/** The baseline with one change at the technical school. */
export const changeTech = (change: SideChange, snapshot = baseline()): GradeCheckSnapshot => ({
  ...snapshot,
  tech: { ...snapshot.tech!, ...change(snapshot.tech!) }
})

/** Sets the masks of one course task's term. */
export const setMasks = (
  courseGradingTaskID: number,
  termID: number,
  masks: { termMask?: boolean; activeMask?: boolean }
): SideChange =>
(side) => ({
  taskTerms: side.taskTerms.map((row) =>
    row.courseGradingTaskID === courseGradingTaskID && row.termID === termID ? { ...row, ...masks } : row
  )
})

/** Sets a term's dates. */
export const setTermDates = (termID: number, startDate: string | null, endDate: string | null): SideChange => (side) => ({
  terms: side.terms.map((row) => (row.termID === termID ? { ...row, startDate, endDate } : row))
})

/** An open alert at a school. */
export const alert = (fields: Partial<ProcessAlert> & Pick<ProcessAlert, "schoolID" | "code" | "severity">): ProcessAlert => ({
  alertID: 1,
  stage: "grades",
  courseNumber: null,
  sectionNumber: null,
  ktsTechID: null,
  stateID: null,
  task: null,
  message: "see the setting",
  firstSeen: "2025-01-02",
  lastSeen: "2025-01-09",
  resolvedOn: null,
  ...fields
})
