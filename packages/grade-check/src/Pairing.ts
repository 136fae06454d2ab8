/**
 * Check 10, the pairing itself: the KTSTechID names a tech section of a
 * linked technical school, the high-school course has exactly one KTS
 * section, and each student has a State ID and is on both rosters.
 */
import { type CheckResult, type Fix, makeResult } from "./CheckResult.js"
import { capitalized, hsCourse, onRoster, scopeOf, singleSection, techCourse } from "./internal/Scope.js"
import type { GradeCheckSnapshot, StudentRef } from "./Snapshot.js"

/** A course-level pairing problem: what is wrong and who fixes it. */
export interface PairingProblem {
  readonly finding: string
  readonly fix: Fix
}

const techSectionProblem = (snapshot: GradeCheckSnapshot): PairingProblem | null => {
  const lookup = snapshot.techSection
  const hs = snapshot.highSchool
  const id = snapshot.ktsTechID
  const techSchool = `${lookup.district ?? "?"}-${lookup.school ?? "?"}`
  const correct = `correct the KTSTechID of course ${hs.course.number} (Course > Custom Attributes) to the value of the tech section's master in the high school's KTS catalog`
  switch (lookup.status) {
    case "ok":
      return null
    case "malformed":
      return { finding: `The KTSTechID "${id}" of ${hsCourse(snapshot)} is not of the form district-school-sectionID.`, fix: { who: "high school", what: `${correct}.` } }
    case "unknownSchool":
      return { finding: `The KTSTechID ${id} names school ${techSchool}, which no database of the exchange holds.`, fix: { who: "high school", what: `${correct}.` } }
    case "schoolNotLinked":
      return {
        finding: `The KTSTechID ${id} names technical school ${techSchool}, which is not linked to high school ${hs.district}-${hs.school}.`,
        fix: { who: "high school", what: `${correct}, or have the link to technical school ${techSchool} added to the exchange configuration.` }
      }
    case "noSuchSection":
      return { finding: `The KTSTechID ${id} names section ${lookup.sectionID}, which technical school ${techSchool} does not have.`, fix: { who: "high school", what: `${correct}.` } }
    case "notInTechCatalog":
      return {
        finding: `The KTSTechID ${id} names a section whose course ${snapshot.tech?.course.number ?? "?"} is not in the technical school's KTS catalog for ${snapshot.endYear}.`,
        fix: { who: "technical school", what: `Put course ${snapshot.tech?.course.number ?? "?"} of technical school ${techSchool} on a master of the tech KTS course catalog of ${snapshot.endYear}.` }
      }
    case "notTechSection":
      return {
        finding: `The KTSTechID ${id} names a section that is not a tech section of ${snapshot.endYear}: ${lookup.detail ?? "it does not qualify"}.`,
        fix: { who: "high school", what: `${correct} (a section of this school year's tech KTS catalog).` }
      }
  }
}

/** The course-level problems of the pairing, the tech section's first. */
export const pairingProblems = (snapshot: GradeCheckSnapshot): ReadonlyArray<PairingProblem> => {
  const problems: Array<PairingProblem> = []
  const techProblem = techSectionProblem(snapshot)
  if (techProblem !== null) problems.push(techProblem)
  const hs = snapshot.highSchool
  if (hs.sections.length !== 1) {
    const numbers = hs.sections.map((section) => section.number).join(", ")
    problems.push({
      finding: hs.sections.length === 0
        ? `${capitalized(hsCourse(snapshot))} has no section in an active trial, so no student can be synced.`
        : `${capitalized(hsCourse(snapshot))} has ${hs.sections.length} sections (${numbers}); a KTS course must have exactly one.`,
      fix: {
        who: "high school",
        what: hs.sections.length === 0
          ? `Add one section to course ${hs.course.number} and roster the students on it.`
          : `Keep one section of course ${hs.course.number} (move its students there) and delete sections ${numbers} but that one.`
      }
    })
  }
  return problems
}

/** The course-level pairing result. */
export const checkPairing = (snapshot: GradeCheckSnapshot): CheckResult => {
  const scope = scopeOf(snapshot)
  const problems = pairingProblems(snapshot)
  const evidence = {
    ktsTechID: snapshot.ktsTechID,
    techSection: snapshot.techSection,
    highSchoolSections: snapshot.highSchool.sections.map((section) => ({ sectionID: section.sectionID, number: section.number, trialID: section.trialID })),
    techCourseID: snapshot.tech?.course.courseID ?? null
  }
  if (problems.length > 0) {
    return makeResult(scope, {
      check: "pairing",
      status: "fail",
      finding: problems.map((problem) => problem.finding).join(" "),
      fix: { who: problems[0]!.fix.who, what: problems.map((problem) => problem.fix.what).join(" ") },
      evidence
    })
  }
  return makeResult(scope, {
    check: "pairing",
    status: "pass",
    finding: `${capitalized(hsCourse(snapshot))} names ${techCourse(snapshot.tech!)} by KTSTechID ${snapshot.ktsTechID} and has exactly one KTS section.`,
    evidence
  })
}

/** One student's pairing result: a State ID, on the high-school roster and on the tech roster. */
export const checkStudentPairing = (snapshot: GradeCheckSnapshot, student: StudentRef): CheckResult => {
  const scope = scopeOf(snapshot)
  const hs = snapshot.highSchool
  const section = singleSection(hs)
  const where = `course ${hs.course.number}${section === null ? "" : ` section ${section.number}`}`
  const base = { check: "pairing" as const, stateID: student.stateID }
  const evidence = {
    highSchoolPersonID: student.highSchoolPersonID,
    highSchoolRoster: hs.roster.filter((row) => row.personID === student.highSchoolPersonID).map(({ rosterID, sectionID, startDate, endDate }) => ({ rosterID, sectionID, startDate, endDate })),
    techRoster: snapshot.tech === null || student.stateID === null
      ? []
      : snapshot.tech.roster.filter((row) => row.stateID === student.stateID).map(({ rosterID, sectionID, personID, startDate, endDate }) => ({ rosterID, sectionID, personID, startDate, endDate }))
  }
  if (student.stateID === null) {
    return makeResult(scope, {
      ...base,
      status: "fail",
      finding: `A student on ${where} at high school ${hs.district}-${hs.school} (personID ${student.highSchoolPersonID ?? "?"} there) has no State ID, so the exchange cannot send them to the technical school.`,
      fix: { who: "high school", what: `Enter the State ID of personID ${student.highSchoolPersonID ?? "?"} in the high school's database.` },
      evidence
    })
  }
  if (student.highSchoolPersonID === null || !onRoster(hs, student.stateID)) {
    return makeResult(scope, {
      ...base,
      status: "fail",
      finding: `Student ${student.stateID} is not on the roster of ${where} at high school ${hs.district}-${hs.school}.`,
      fix: { who: "high school", what: `Roster student ${student.stateID} on ${where}; the technical school's roster follows the night after.` },
      evidence
    })
  }
  if (snapshot.tech === null) {
    return makeResult(scope, { ...base, status: "n/a", finding: `No tech section to compare rosters with (see the course's pairing result).`, evidence })
  }
  if (!onRoster(snapshot.tech, student.stateID)) {
    return makeResult(scope, {
      ...base,
      status: "fail",
      finding: `Student ${student.stateID} is on ${where} at the high school but not on the roster of ${techCourse(snapshot.tech)}.`,
      fix: {
        who: "high school",
        what: `Check that student ${student.stateID} has a reported enrollment at high school ${hs.district}-${hs.school} in the calendar of ${where} (the roster sync skips students without one; see the student.* alerts); the tech roster follows the night after.`
      },
      evidence
    })
  }
  return makeResult(scope, {
    ...base,
    status: "pass",
    finding: `Student ${student.stateID} has a State ID and is on both rosters (${where}; ${techCourse(snapshot.tech)}).`,
    evidence
  })
}
