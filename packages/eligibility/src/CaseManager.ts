/**
 * Columns 57–59 "Case Manager PersonID / First Name / Last Name" (seed: Detail
 * Report Layout → Case Manager PersonID; docs/lead-report.md → Columns, 57–59).
 * A case manager's startDate is not consulted, as the seed lists no condition on it.
 */
import { TechnicalCenterClassifications, type Enrollment, type LocalDate, type TeamMember } from "@kts/domain"
import { usDate, usEnd } from "./internal/Wording.js"
import { SpecialEdModule } from "./SpecialEd.js"
import type { Verdict } from "./Verdict.js"

/** The teamMember role that names a case manager (exact, case-sensitive). */
export const CaseManagerRole = "Case Manager"

const blank = (reason: string): ReadonlyArray<Verdict<string>> =>
  Object.freeze([Object.freeze({ value: "", record: null, reason: "blank: " + reason })])

const BLANK_NO_SPED = blank("Primary Disability Enrollment is blank")
const BLANK_TECHNICAL_CENTER = new Map(
  Array.from(TechnicalCenterClassifications, (code) =>
    [code, blank("the school's state classification is " + code + ", a technical center")] as const)
)

const byStaffPerson = (a: TeamMember, b: TeamMember): number => a.staffPersonID! - b.staffPersonID!

/**
 * True when the teamMember row is an active case manager of `personID`: the
 * student's row, module `specialEd`, role `Case Manager`, endDate NULL or on
 * or after today, and a staff person set.
 */
export const isActiveCaseManager = (member: TeamMember, personID: number, today: LocalDate): boolean =>
  member.personID === personID &&
  member.staffPersonID !== null &&
  member.role === CaseManagerRole &&
  member.module === SpecialEdModule &&
  (member.endDate === null || member.endDate >= today)

/**
 * Columns 57–59, one verdict per report row (never empty). Blank (`""`) unless
 * column 47 is non-blank, the enrollment has no end date and the school is not
 * a technical center (A2, C2). Then one verdict per distinct active case
 * manager, ordered by staffPersonID, value = that staffPersonID and record =
 * its teamMember row (the highest teamMemberID when a staff person has
 * several); a single `"0"` verdict when there is none.
 */
export const evaluateCaseManagers = (
  teamMembers: ReadonlyArray<TeamMember>,
  primaryDisabilityEnrollment: string,
  enrollment: Enrollment,
  stateClassification: string | null,
  today: LocalDate
): ReadonlyArray<Verdict<string>> => {
  if (primaryDisabilityEnrollment === "") return BLANK_NO_SPED
  if (enrollment.endDate !== null) {
    return [{ value: "", record: null, reason: "blank: the enrollment ended " + usDate(enrollment.endDate) }]
  }
  const technicalCenter = stateClassification === null ? undefined : BLANK_TECHNICAL_CENTER.get(stateClassification)
  if (technicalCenter !== undefined) return technicalCenter
  const active: Array<TeamMember> = []
  for (let index = 0; index < teamMembers.length; index++) {
    const member = teamMembers[index]!
    if (!isActiveCaseManager(member, enrollment.personID, today)) continue
    let same = 0
    while (same < active.length && active[same]!.staffPersonID !== member.staffPersonID) same++
    if (same === active.length) active.push(member)
    else if (member.teamMemberID > active[same]!.teamMemberID) active[same] = member
  }
  if (active.length === 0) {
    return [{
      value: "0",
      record: null,
      reason: "no active specialEd Case Manager with a staff person (end date empty or on or after " + usDate(today) +
        ")"
    }]
  }
  if (active.length > 1) active.sort(byStaffPerson)
  const verdicts: Array<Verdict<string>> = new Array(active.length)
  for (let index = 0; index < active.length; index++) {
    const member = active[index]!
    verdicts[index] = {
      value: String(member.staffPersonID),
      record: { table: "teamMember", id: member.teamMemberID },
      reason: "teamMember " + member.teamMemberID + ": active specialEd Case Manager, ends " + usEnd(member.endDate)
    }
  }
  return verdicts
}
