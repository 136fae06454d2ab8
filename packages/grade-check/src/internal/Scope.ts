/**
 * What the checks share about one pairing: how a result names it, each
 * side's single section, the CTE tasks in use, each side's grading setup as
 * `@kts/sync` reads it, and the words for a course and a term.
 */
import type { Section, Term } from "@kts/domain"
import {
  checkHighSchoolTaskSetup,
  checkTechTaskSetup,
  CTE_TASK_NAMES,
  findCourseTask,
  type GradingSetupRecords,
  type HighSchoolTaskSetup,
  type TechTaskSetup
} from "@kts/sync"
import type { ResultScope } from "../CheckResult.js"
import type { GradeCheckSnapshot, ScoreEntry, SideRecords } from "../Snapshot.js"

/** The side's one section, or null when it has none or several. */
export const singleSection = (side: SideRecords): Section | null => (side.sections.length === 1 ? side.sections[0]! : null)

/** What a function computed for an object (a snapshot, a side) and a key, kept as long as the object lives. */
const memo = <O extends object, V>() => {
  const store = new WeakMap<O, Map<string, V>>()
  return (owner: O, key: string, make: () => V): V => {
    let map = store.get(owner)
    if (map === undefined) store.set(owner, (map = new Map()))
    if (map.has(key)) return map.get(key)!
    const value = make()
    map.set(key, value)
    return value
  }
}

const scopes = memo<GradeCheckSnapshot, ResultScope>()

/** How every result of the pairing names it (one object per snapshot, shared by its results). */
export const scopeOf = (snapshot: GradeCheckSnapshot): ResultScope => scopes(snapshot, "", () => makeScope(snapshot))

const makeScope = (snapshot: GradeCheckSnapshot): ResultScope => {
  const hs = snapshot.highSchool
  const techSection = snapshot.tech === null ? null : singleSection(snapshot.tech)
  return {
    highSchool: {
      district: hs.district,
      school: hs.school,
      courseNumber: hs.course.number,
      sectionNumber: singleSection(hs)?.number ?? null
    },
    tech: {
      district: snapshot.techSection.district,
      school: snapshot.techSection.school,
      courseNumber: snapshot.tech?.course.number ?? null,
      sectionNumber: techSection?.number ?? null,
      ktsTechID: snapshot.ktsTechID
    }
  }
}

/** `course 4821V section 1 at high school 165-010` (the section left out when there is not exactly one). */
export const describeCourse = (side: SideRecords, role: "high school" | "technical school"): string =>
  courseWords(side, role, () => {
    const section = singleSection(side)
    const sectionText = section === null ? "" : ` section ${section.number}`
    return `course ${side.course.number}${sectionText} at ${role} ${side.district}-${side.school}`
  })

const courseWords = memo<SideRecords, string>()

/** The text with its first letter upper-cased (a finding that starts with a course). */
export const capitalized = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** The high school's course in words. */
export const hsCourse = (snapshot: GradeCheckSnapshot): string => describeCourse(snapshot.highSchool, "high school")

/** The tech course in words (only when the tech side is known). */
export const techCourse = (tech: SideRecords): string => describeCourse(tech, "technical school")

/** A term by name and dates, for findings: `Q3 (2025-01-06 to 2025-03-14)`. */
export const describeTerm = (term: Term): string => `${term.name} (${term.startDate ?? "no start date"} to ${term.endDate ?? "no end date"})`

/** A side's records as `@kts/sync`'s grading-setup predicates read them. */
export const setupRecords = (side: SideRecords): GradingSetupRecords => ({
  courseGradingTasks: side.courseGradingTasks,
  gradingTasks: side.gradingTasks,
  taskTerms: side.taskTerms,
  terms: new Map(side.terms.map((term) => [term.termID, term]))
})

const techSetups = memo<GradeCheckSnapshot, TechTaskSetup | null>()
const highSchoolSetups = memo<GradeCheckSnapshot, HighSchoolTaskSetup | null>()

/** The tech course's setup for a task, or null when the tech side is unknown. */
export const techSetupOf = (snapshot: GradeCheckSnapshot, taskName: string): TechTaskSetup | null =>
  techSetups(snapshot, taskName, () =>
    snapshot.tech === null ? null : checkTechTaskSetup(snapshot.tech.course.courseID, taskName, setupRecords(snapshot.tech)))

/** The high school's setup for a task against the tech active term, or null when there is no tech active term. */
export const highSchoolSetupOf = (snapshot: GradeCheckSnapshot, taskName: string): HighSchoolTaskSetup | null =>
  highSchoolSetups(snapshot, taskName, () => {
    const techTerm = techSetupOf(snapshot, taskName)?.activeTermRow ?? null
    if (techTerm === null) return null
    const hs = snapshot.highSchool
    return checkHighSchoolTaskSetup(hs.course.courseID, taskName, setupRecords(hs), techTerm, hs.terms)
  })

const scoreIndexes = memo<SideRecords, ReadonlyMap<string, ReadonlyArray<ScoreEntry>>>()

/** A side's grades of one student, section, task name and term, by scoreID. */
export const scoresOf = (side: SideRecords, stateID: string, sectionID: number, taskName: string, termID: number): ReadonlyArray<ScoreEntry> => {
  const index = scoreIndexes(side, "", () => {
    const byKey = new Map<string, Array<ScoreEntry>>()
    const names = new Map(side.gradingTasks.map((task) => [task.taskID, task.name]))
    for (const score of side.scores) {
      if (score.stateID === null) continue
      const key = `${score.stateID}|${score.sectionID}|${names.get(score.taskID) ?? ""}|${score.termID}`
      const list = byKey.get(key)
      if (list === undefined) byKey.set(key, [score])
      else list.push(score)
    }
    for (const list of byKey.values()) list.sort((a, b) => a.scoreID - b.scoreID)
    return byKey
  })
  return index.get(`${stateID}|${sectionID}|${taskName}|${termID}`) ?? []
}

const rosterIndexes = memo<SideRecords, ReadonlySet<string | null>>()

/** Whether the person with this State ID has a roster row (ended or not) on the side's sections. */
export const onRoster = (side: SideRecords, stateID: string): boolean =>
  rosterIndexes(side, "", () => new Set(side.roster.map((row) => row.stateID))).has(stateID)

/** The CTE tasks in use on the pairing: attached to the tech course or the high-school course, in sync order. */
export const tasksInUse = (snapshot: GradeCheckSnapshot): ReadonlyArray<string> =>
  CTE_TASK_NAMES.filter((name) =>
    [snapshot.highSchool, snapshot.tech].some((side) =>
      side !== null && findCourseTask(side.course.courseID, name, side.courseGradingTasks, side.gradingTasks).status !== "none"
    )
  )

/** The ids of the database's tasks with exactly this name. */
export const taskIDsNamed = (side: SideRecords, taskName: string): ReadonlySet<number> =>
  new Set(side.gradingTasks.filter((task) => task.name === taskName).map((task) => task.taskID))


/** The terms that a course task's term rows name (the side's task terms of one courseGradingTask). */
export const taskTermsOf = (side: SideRecords, courseGradingTaskID: number): ReadonlyArray<Term> => {
  const termIDs = new Set(side.taskTerms.filter((row) => row.courseGradingTaskID === courseGradingTaskID).map((row) => row.termID))
  return side.terms.filter((term) => termIDs.has(term.termID))
}

/** The terms of a list by name, for a finding. */
export const termNames = (terms: ReadonlyArray<Term | null>): string =>
  terms.map((term) => (term === null ? "(unknown term)" : term.name)).join(", ")
