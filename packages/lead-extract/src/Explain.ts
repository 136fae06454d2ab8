/**
 * `explain`: for one student (by state ID), the rows the report gives them
 * and, for every derived column, the value with its evidence (the deciding
 * record and the reason). People are identified by state ID and personID
 * only: the explanation never holds names or birth dates.
 */
import { formatUsDate, formatUsDateTime, type LocalDate, type LocalDateTime, type Roster, type Term } from "@kts/domain"
import {
  chooseWithEvidence,
  describeChoice,
  evaluateLeadFlags,
  explainEffectiveEnrollmentEnd,
  explainReportedEnrollment,
  type DecidingRecord,
  type LeadFlags,
  type Preference,
  type Verdict
} from "@kts/eligibility"
import { LeadColumns, NameColumns, type LeadColumn } from "./Columns.js"
import { resolveLeadParameters } from "./Parameters.js"
import { leadFlagInput, reportContext, type ReportContext } from "./ReportBuilder.js"
import {
  instructionalSetting,
  rowValues,
  sectionSpecialType,
  sectionValues,
  studentRows,
  teachingMethod
} from "./RowAssembly.js"
import { compareRowsInSection, compareSections } from "./RowOrder.js"
import {
  decideSection,
  EndingTermOrder,
  StartingTermOrder,
  type ReportedSection,
  type SectionCandidate
} from "./SectionSelection.js"
import type { StoreConnection } from "@kts/store"
import { type CalendarScope, type LeadSource, NoPersonRecords } from "./Source.js"
import { leadSourceOf } from "./StoreLeadSource.js"
import { chooseRosterRows, enrollmentCandidates, rosterQualifies } from "./StudentSelection.js"

/** What to explain. */
export interface ExplainOptions {
  readonly endYear: number | string
  /** The run time `YYYY-MM-DDTHH:MM`; default the machine's local now. */
  readonly asOf?: string | undefined
  /** The student's state ID (exact match). */
  readonly stateID: string
  /** Only this section. */
  readonly sectionID?: number | undefined
  readonly from?: string | undefined
  readonly to?: string | undefined
  readonly excludeCrossSite?: boolean | undefined
}

/** One derived value with its evidence. */
export interface ExplainedValue {
  /** The report column (or a derived fact such as `Reported enrollment`). */
  readonly column: string
  readonly value: string
  readonly record: DecidingRecord | null
  readonly reason: string
}

/** One of the student's roster rows in the section. */
export interface ExplainedRoster {
  readonly rosterID: number
  readonly startDate: LocalDate | null
  readonly endDate: LocalDate | null
  /** Present on the section's last day (endDate NULL, = Section End Date or = LID). */
  readonly qualifies: boolean
}

/** One of the student's enrollments in the section's calendar and structure. */
export interface ExplainedEnrollment {
  readonly enrollmentID: number
  readonly startDate: LocalDate
  readonly endDate: LocalDate | null
  readonly serviceType: string
  readonly noShow: boolean
}

/** The student in one section they are rostered in. */
export interface ExplainedSection {
  readonly sectionID: number
  readonly calendarID: number
  readonly districtNumber: string
  readonly schoolNumber: string
  readonly calendarName: string
  readonly courseNumber: string
  readonly sectionNumber: number
  /** Whether the section is in the report. */
  readonly sectionReported: boolean
  /** Why it is left out, or what makes it reported. */
  readonly sectionReason: string
  /** The section's derived columns (empty when the section is left out). */
  readonly sectionFacts: ReadonlyArray<ExplainedValue>
  readonly rosterRows: ReadonlyArray<ExplainedRoster>
  readonly chosenRosterID: number | null
  readonly enrollmentCandidates: ReadonlyArray<ExplainedEnrollment>
  readonly chosenEnrollmentID: number | null
  /** Whether the student gets rows in this section. */
  readonly studentReported: boolean
  /** Why (not). */
  readonly studentReason: string
  /** The student's derived columns: reported enrollment, EEE, 39, 47–59. */
  readonly studentFacts: ReadonlyArray<ExplainedValue>
  /** The student's rows in report order, name columns left out. */
  readonly rows: ReadonlyArray<ReadonlyArray<{ readonly column: LeadColumn; readonly value: string }>>
}

/** One person with the state ID. */
export interface ExplainedPerson {
  readonly personID: number
  readonly sections: ReadonlyArray<ExplainedSection>
}

/** Everything `explain` found. */
export interface ExplainReport {
  readonly stateID: string
  readonly endYear: number
  readonly asOf: LocalDateTime
  readonly from: LocalDate
  readonly to: LocalDate
  readonly excludeCrossSite: boolean
  readonly sectionID: number | null
  /** Every person with the state ID (normally one); empty when none. */
  readonly persons: ReadonlyArray<ExplainedPerson>
}

const fromVerdict = (column: string, verdict: Verdict<string>): ExplainedValue => ({
  column,
  value: verdict.value,
  record: verdict.record,
  reason: verdict.reason
})

const usDate = (date: LocalDate | null): string => (date === null ? "NULL" : formatUsDate(date))

/** How the starting or ending term was chosen among the placed terms, from the rule's own evidence. */
const termChoice = (section: ReportedSection, order: Preference<Term>): string =>
  describeChoice(chooseWithEvidence(section.placedTerms, order), (term) => `term ${term.termID}`)

const sectionFacts = (section: ReportedSection): Array<ExplainedValue> => [
  {
    column: "Section Start Date",
    value: formatUsDate(section.startDate),
    record: { table: "term", id: section.startingTerm.termID },
    reason: `starting term: ${termChoice(section, StartingTermOrder)}`
  },
  {
    column: "Section End Date",
    value: formatUsDate(section.endDate),
    record: { table: "term", id: section.endingTerm.termID },
    reason: `ending term: ${termChoice(section, EndingTermOrder)}`
  },
  {
    column: "Last Instructional Day",
    value: section.lastInstructionalDay === null ? "" : formatUsDate(section.lastInstructionalDay),
    record: { table: "scheduleStructure", id: section.structure.structureID },
    reason: section.lastInstructionalDay === null
      ? "the structure has no day with instruction = 1"
      : "latest day with instruction = 1 of the section's structure"
  },
  {
    column: "Low Grade / High Grade",
    value: `${section.lowGrade ?? ""} / ${section.highGrade ?? ""}`,
    record: { table: "scheduleStructure", id: section.structure.structureID },
    reason: section.lowGrade === null
      ? "the structure has no gradeLevel row with excludeEnrollment = 0"
      : "lowest/highest stateGrade of the structure's gradeLevel rows with excludeEnrollment = 0"
  },
  {
    column: "Teaching Method",
    value: teachingMethod(section),
    record: { table: "course", id: section.course.courseID },
    reason: section.course.teachingMethod === null ? "course.teachingMethod is NULL: 01" : "course.teachingMethod"
  },
  {
    column: "Instructional Setting",
    value: instructionalSetting(section),
    record: section.section.instructionalSetting !== null
      ? { table: "section", id: section.section.sectionID }
      : { table: "course", id: section.course.courseID },
    reason: section.section.instructionalSetting !== null
      ? "the section's override"
      : section.course.instructionalSetting !== null
      ? "no section override: the course's setting"
      : "no section override and course setting NULL: 01"
  },
  {
    column: "Section Special Type",
    value: sectionSpecialType(section),
    record: { table: "section", id: section.section.sectionID },
    reason: section.section.specialType === null ? "section.specialType is NULL: 01" : "section.specialType"
  },
  fromVerdict("KTS Exchange", section.ktsExchange),
  {
    column: "Cross-Site Section",
    value: section.section.crossSiteEnrollment === null ? "0" : "1",
    record: { table: "section", id: section.section.sectionID },
    reason: section.section.crossSiteEnrollment === null ? "crossSiteEnrollment is NULL" : "crossSiteEnrollment has a value"
  },
  fromVerdict("Primary Teacher PersonID", section.primaryTeacher)
]

const flagFacts = (flags: LeadFlags): Array<ExplainedValue> => [
  fromVerdict("Primary Disability in Section", flags.primaryDisabilityInSection),
  fromVerdict("Primary Disability Enrollment", flags.primaryDisabilityEnrollment),
  fromVerdict("English Learner", flags.englishLearner),
  fromVerdict("Gifted", flags.gifted),
  fromVerdict("Migrant", flags.migrant),
  fromVerdict("Economically Disadvantaged", flags.economicallyDisadvantaged),
  fromVerdict("Homeless", flags.homeless),
  fromVerdict("Foster Care", flags.fosterCare),
  fromVerdict("Military Connected", flags.militaryConnected),
  fromVerdict("Home Hospital Attendance Group", flags.homeHospital),
  fromVerdict("Alternative Education ILPA", flags.alternativeEducationIlpa),
  ...flags.caseManagers.map((verdict) => fromVerdict("Case Manager PersonID", verdict))
]

const withoutNames = (values: ReadonlyArray<string>) =>
  values.flatMap((value, index) => (NameColumns.has(index) ? [] : [{ column: LeadColumns[index]!, value }]))

interface SectionPlace {
  readonly scope: CalendarScope
  readonly candidate: SectionCandidate
}

const explainSection = (
  source: LeadSource,
  place: SectionPlace,
  personID: number,
  rosters: ReadonlyArray<Roster>,
  context: ReportContext
): ExplainedSection => {
  const { candidate } = place
  const base = {
    sectionID: candidate.section.sectionID,
    calendarID: candidate.calendar.calendarID,
    districtNumber: candidate.district.number,
    schoolNumber: candidate.school.number,
    calendarName: candidate.calendar.name,
    courseNumber: candidate.course.number,
    sectionNumber: candidate.section.number
  }
  const decision = decideSection(candidate, context.criteria)
  if (!decision.reported) {
    return {
      ...base,
      sectionReported: false,
      sectionReason: decision.reason,
      sectionFacts: [],
      rosterRows: rosters.map((roster) => ({ ...rosterDates(roster), qualifies: false })),
      chosenRosterID: null,
      enrollmentCandidates: [],
      chosenEnrollmentID: null,
      studentReported: false,
      studentReason: "the section is not in the report",
      studentFacts: [],
      rows: []
    }
  }
  const section = decision.section
  const rosterRows = rosters.map((roster) => ({
    ...rosterDates(roster),
    qualifies: rosterQualifies(roster, section.endDate, section.lastInstructionalDay)
  }))
  const [chosenRoster] = chooseRosterRows(rosters, section.endDate, section.lastInstructionalDay)
  const candidates = enrollmentCandidates(
    source.enrollmentsOfPerson(personID),
    section.calendar.calendarID,
    section.structure.structureID
  )
  const explainedCandidates = candidates.map((enrollment) => ({
    enrollmentID: enrollment.enrollmentID,
    startDate: enrollment.startDate,
    endDate: enrollment.endDate,
    serviceType: enrollment.serviceType,
    noShow: enrollment.noShow
  }))
  const enrollmentChoice = explainReportedEnrollment(candidates)
  const enrollment = enrollmentChoice.chosen
  const sectionPart = {
    ...base,
    sectionReported: true,
    sectionReason: `reported: runs ${formatUsDate(section.startDate)}–${formatUsDate(section.endDate)}`,
    sectionFacts: sectionFacts(section),
    rosterRows,
    chosenRosterID: chosenRoster?.rosterID ?? null,
    enrollmentCandidates: explainedCandidates,
    chosenEnrollmentID: enrollment?.enrollmentID ?? null
  }
  const lastDay = section.lastInstructionalDay === null ? "blank" : formatUsDate(section.lastInstructionalDay)
  if (chosenRoster === undefined) {
    return {
      ...sectionPart,
      studentReported: false,
      studentReason: `no roster row has endDate NULL, the Section End Date (${formatUsDate(section.endDate)}) ` +
        `or the Last Instructional Day (${lastDay})`,
      studentFacts: [],
      rows: []
    }
  }
  if (enrollment === undefined) {
    return {
      ...sectionPart,
      studentReported: false,
      studentReason: candidates.length === 0
        ? `no enrollment in calendar ${section.calendar.calendarID} and structure ${section.structure.structureID}`
        : `every enrollment in calendar ${section.calendar.calendarID} and structure ${section.structure.structureID} is a no-show`,
      studentFacts: [],
      rows: []
    }
  }
  const person = source.persons([personID]).get(personID)
  if (person === undefined) throw new Error(`person ${personID} disappeared from the store during explain`)
  const records = source.personRecords([personID]).get(personID) ?? NoPersonRecords
  const flags = evaluateLeadFlags(leadFlagInput(section, person, enrollment, records, context))
  const effectiveEnd = explainEffectiveEnrollmentEnd(enrollment, section.lastInstructionalDay, context.criteria.today)
  const studentFacts: Array<ExplainedValue> = [
    {
      column: "Reported enrollment",
      value: String(enrollment.enrollmentID),
      record: { table: "enrollment", id: enrollment.enrollmentID },
      reason: `chosen among ${candidates.length} enrollment(s) in calendar ${section.calendar.calendarID} and ` +
        `structure ${section.structure.structureID}: ${enrollmentChoice.reason}`
    },
    {
      column: "Effective enrollment end (EEE)",
      value: formatUsDate(effectiveEnd.value),
      record: effectiveEnd.record,
      reason: effectiveEnd.reason
    },
    ...flagFacts(flags)
  ]
  // Staff names are left undefined: an explanation never carries names.
  const rows = studentRows(
    sectionValues(section, undefined, context.asOf),
    { roster: chosenRoster, person, enrollment, flags },
    () => undefined
  ).sort(compareRowsInSection)
  return {
    ...sectionPart,
    studentReported: true,
    studentReason: `roster row ${chosenRoster.rosterID} and enrollment ${enrollment.enrollmentID}`,
    studentFacts,
    rows: rows.map((row) => withoutNames(rowValues(row)))
  }
}

const rosterDates = (roster: Roster) => ({ rosterID: roster.rosterID, startDate: roster.startDate, endDate: roster.endDate })

/**
 * Explains one student's rows. Every person with the state ID is explained,
 * in every section of the end year they have a roster row in (or only
 * `sectionID`). The district filter of a run does not apply.
 *
 * @throws InvalidLeadParameter, LeadDateRangeReversed
 */
export const explainStudent = (store: StoreConnection | LeadSource, options: ExplainOptions): ExplainReport => {
  const parameters = resolveLeadParameters({
    endYear: options.endYear,
    asOf: options.asOf,
    from: options.from,
    to: options.to,
    excludeCrossSite: options.excludeCrossSite
  })
  const source = leadSourceOf(store)
  const context = reportContext(source, parameters)
  const scopes = new Map(source.calendarsOfYear(parameters.endYear).map((scope) => [scope.calendar.calendarID, scope]))
  const candidatesByCalendar = new Map<number, Map<number, SectionCandidate>>()
  const placeOf = (calendarID: number, sectionID: number): SectionPlace | undefined => {
    const scope = scopes.get(calendarID)
    if (scope === undefined) return undefined
    let candidates = candidatesByCalendar.get(calendarID)
    if (candidates === undefined) {
      candidates = new Map(source.sectionCandidates(scope).map((candidate) => [candidate.section.sectionID, candidate]))
      candidatesByCalendar.set(calendarID, candidates)
    }
    const candidate = candidates.get(sectionID)
    return candidate === undefined ? undefined : { scope, candidate }
  }

  const persons = source.personsByStateID(options.stateID).map((person): ExplainedPerson => {
    const bySection = new Map<number, { calendarID: number; rosters: Array<Roster> }>()
    for (const row of source.rostersOfPerson(person.personID, parameters.endYear)) {
      if (options.sectionID !== undefined && row.sectionID !== options.sectionID) continue
      const held = bySection.get(row.sectionID)
      const roster: Roster = {
        rosterID: row.rosterID,
        sectionID: row.sectionID,
        personID: row.personID,
        startDate: row.startDate,
        endDate: row.endDate
      }
      if (held === undefined) bySection.set(row.sectionID, { calendarID: row.calendarID, rosters: [roster] })
      else held.rosters.push(roster)
    }
    const sections: Array<ExplainedSection> = []
    for (const [sectionID, { calendarID, rosters }] of bySection) {
      const place = placeOf(calendarID, sectionID)
      if (place !== undefined) sections.push(explainSection(source, place, person.personID, rosters, context))
    }
    sections.sort(compareSections)
    return { personID: person.personID, sections }
  })
  return {
    stateID: options.stateID,
    endYear: parameters.endYear,
    asOf: parameters.asOf,
    from: parameters.from,
    to: parameters.to,
    excludeCrossSite: parameters.excludeCrossSite,
    sectionID: options.sectionID ?? null,
    persons
  }
}

const recordText = (record: DecidingRecord | null): string => (record === null ? "no record" : `${record.table} ${record.id}`)

const quoteValue = (value: string): string => (value === "" ? "(blank)" : JSON.stringify(value))

/** The explanation as plain text for a terminal. */
export const formatExplanation = (report: ExplainReport): string => {
  const lines: Array<string> = []
  lines.push(
    `KECS LEAD explain: state ID ${report.stateID}, end year ${report.endYear}, run time ${formatUsDateTime(report.asOf)}`,
    `Extract date range ${formatUsDate(report.from)}–${formatUsDate(report.to)}; cross-site data ${
      report.excludeCrossSite ? "excluded" : "included"
    }${report.sectionID === null ? "" : `; section ${report.sectionID} only`}`
  )
  if (report.persons.length === 0) {
    lines.push("", `No person has state ID ${report.stateID}.`)
    return lines.join("\n") + "\n"
  }
  for (const person of report.persons) {
    lines.push("", `Person ${person.personID} (state ID ${report.stateID})`)
    if (person.sections.length === 0) {
      lines.push(`  No roster row in a calendar with end year ${report.endYear}${report.sectionID === null ? "" : ` in section ${report.sectionID}`}.`)
    }
    for (const section of person.sections) {
      lines.push(
        "",
        `  Section ${section.sectionID}: district ${section.districtNumber}, school ${section.schoolNumber}, ` +
          `calendar ${JSON.stringify(section.calendarName)}, course ${section.courseNumber} section ${section.sectionNumber}`,
        `    Section ${section.sectionReported ? "reported" : "not reported"}: ${section.sectionReason}`
      )
      for (const fact of section.sectionFacts) {
        lines.push(`      ${fact.column} = ${quoteValue(fact.value)}  [${recordText(fact.record)}] ${fact.reason}`)
      }
      for (const roster of section.rosterRows) {
        const chosen = roster.rosterID === section.chosenRosterID ? " (used)" : ""
        lines.push(
          `    Roster ${roster.rosterID}: ${usDate(roster.startDate)}–${usDate(roster.endDate)}` +
            (section.sectionReported ? (roster.qualifies ? ", present on the last day" : ", not present on the last day") : "") +
            chosen
        )
      }
      for (const enrollment of section.enrollmentCandidates) {
        const chosen = enrollment.enrollmentID === section.chosenEnrollmentID ? " (reported)" : ""
        lines.push(
          `    Enrollment ${enrollment.enrollmentID}: ${usDate(enrollment.startDate)}–${usDate(enrollment.endDate)}, ` +
            `service type ${enrollment.serviceType}${enrollment.noShow ? ", no-show" : ""}${chosen}`
        )
      }
      lines.push(`    Student ${section.studentReported ? "reported" : "not reported"}: ${section.studentReason}`)
      for (const fact of section.studentFacts) {
        lines.push(`      ${fact.column} = ${quoteValue(fact.value)}  [${recordText(fact.record)}] ${fact.reason}`)
      }
      section.rows.forEach((row, index) => {
        lines.push(`    Row ${index + 1} of ${section.rows.length} (name columns withheld):`)
        for (const cell of row) lines.push(`      ${cell.column}: ${cell.value}`)
      })
    }
  }
  return lines.join("\n") + "\n"
}
