/**
 * Students of one school: their person rows, enrollments (with the moves,
 * no-shows, ties and partial enrollments the report must untangle), rosters,
 * technical-center courses, grades, attendance and program records.
 */
import { type Context, tick } from "./Context.js"
import { dateOf, dayNumber, earlier, later, plusDays } from "./Dates.js"
import { writeScores } from "./Exchange.js"
import type { DistrictInfo, Offering, SchoolInfo, SectionInfo, StructureInfo, YearDays } from "./Model.js"
import { personName, showcaseName } from "./Names.js"
import { midSection } from "./Sections.js"
import { nameOptions, nextStateId, OTHER_LANGUAGES, RACE_WEIGHTS } from "./People.js"
import { writePrograms } from "./Programs.js"
import { Random } from "./Random.js"
import { drawTraits, type Trait } from "./Traits.js"

interface Enrollment {
  readonly calendarID: number
  readonly structureID: number
  readonly grade: string
  readonly serviceType: "P" | "S" | "N"
  readonly start: string
  readonly end: string | null
  readonly startStatus: string | null
  readonly endStatus: string | null
  readonly noShow: boolean
  readonly stateExclude: boolean
}

interface Rostered {
  readonly section: SectionInfo
  readonly start: string | null
  readonly end: string | null
}

/** Per-district running state of student generation. */
export interface StudentRun {
  readonly ctx: Context
  readonly district: DistrictInfo
  /** Every other district's id, for records made elsewhere. */
  readonly otherDistricts: ReadonlyArray<number>
  studentNumber: number
}

const writeEnrollment = (ctx: Context, personID: number, enrollment: Enrollment): number => {
  const enrollmentID = ctx.ids.next("enrollment")
  ctx.out.enrollment.add({
    enrollmentID,
    personID,
    calendarID: enrollment.calendarID,
    structureID: enrollment.structureID,
    grade: enrollment.grade,
    serviceType: enrollment.serviceType,
    startDate: enrollment.start,
    endDate: enrollment.end,
    startStatus: enrollment.startStatus,
    endStatus: enrollment.endStatus,
    noShow: enrollment.noShow,
    stateExclude: enrollment.stateExclude
  })
  return enrollmentID
}

const writeRoster = (ctx: Context, personID: number, rostered: Rostered) =>
  ctx.out.roster.add({ rosterID: ctx.ids.next("roster"), sectionID: rostered.section.sectionID, personID, startDate: rostered.start, endDate: rostered.end })

/** An instructional day in [from, to], or null when there is none. */
const instructionalBetween = (rng: Random, days: YearDays, from: string, to: string): string | null => {
  const list = days.instructional
  const lower = lowerBound(list, from)
  const upper = lowerBound(list, plusDays(to, 1)) - 1
  if (upper < lower) return null
  return list[rng.int(lower, upper)] ?? null
}

const lowerBound = (list: ReadonlyArray<string>, value: string): number => {
  let low = 0
  let high = list.length
  while (low < high) {
    const mid = (low + high) >> 1
    if ((list[mid] as string) < value) low = mid + 1
    else high = mid
  }
  return low
}

/** Age on August 1 of the school year's start, by grade. */
const AGE: Readonly<Record<string, number>> = { "95": 3, "96": 4, "97": 4, "14": 19, "20": 10 }
const ageOf = (grade: string): number => AGE[grade] ?? Number(grade) + 5

const birthDate = (rng: Random, endYear: number, grade: string): string => {
  const age = ageOf(grade)
  const from = dayNumber(`${endYear - 2 - age}-08-02`)
  const to = dayNumber(`${endYear - 1 - age}-08-01`)
  return dateOf(rng.int(from, to))
}

/** Sections per student by grade band. */
const courseLoad = (grade: string): number =>
  grade === "95" || grade === "96" || grade === "97" ? 2 : grade <= "05" ? 5 : grade <= "08" ? 6 : 7

const choicesCache = new WeakMap<StructureInfo, Map<string, { core: Array<Offering>; electives: Array<Offering> }>>()

/** The offerings of a structure a student of `grade` can take, split into core and electives. */
const choicesFor = (structure: StructureInfo, grade: string) => {
  let byGrade = choicesCache.get(structure)
  if (byGrade === undefined) {
    byGrade = new Map()
    choicesCache.set(structure, byGrade)
  }
  let choices = byGrade.get(grade)
  if (choices === undefined) {
    const fits = structure.offerings.filter((offering) => offering.sections.length > 0 && (offering.course.grades === null || offering.course.grades.has(grade)))
    choices = { core: fits.filter((offering) => offering.course.core), electives: fits.filter((offering) => !offering.course.core) }
    byGrade.set(grade, choices)
  }
  return choices
}

/** A roster's dates inside both the section and the enrollment; null when they do not meet. */
const rosterDates = (section: SectionInfo, start: string, end: string | null): { start: string | null; end: string | null } | null => {
  if (section.start === null || section.end === null) return { start: null, end }
  if (end !== null && section.start > end) return null
  if (section.end < start) return null
  return { start: later(section.start, start), end: end === null ? null : earlier(section.end, end) }
}

/** Rosters a student into `load` offerings of a structure (core first). */
const pickSections = (rng: Random, structure: StructureInfo, grade: string, start: string, end: string | null, load: number): Array<Rostered> => {
  const { core, electives } = choicesFor(structure, grade)
  const chosen = core.slice(0, load)
  if (chosen.length < load) chosen.push(...rng.sample(electives, load - chosen.length))
  const rostered: Array<Rostered> = []
  for (const offering of chosen) {
    const section = rng.pick(offering.sections)
    const dates = rosterDates(section, start, end)
    if (dates === null) continue
    rostered.push({ section, start: rng.chance(0.08) ? null : dates.start, end: dates.end })
  }
  return rostered
}

/** Applies the roster-end traits to a student's open rosters. */
const shapeRosters = (rng: Random, rosters: Array<Rostered>, traits: ReadonlySet<Trait>, days: YearDays): Array<Rostered> => {
  const open = rosters.filter((entry) => entry.end === null && entry.section.end !== null)
  const out = rosters.slice()
  const replace = (entry: Rostered, next: Rostered) => {
    const index = out.indexOf(entry)
    if (index >= 0) out[index] = next
  }
  const take = () => open.splice(rng.int(0, open.length - 1), 1)[0]
  if (traits.has("rosterEndSectionEnd")) {
    const entry = take()
    if (entry !== undefined) replace(entry, { ...entry, end: entry.section.end })
  }
  if (traits.has("rosterEndLid")) {
    // A section that runs to the end of the year, ended on the last instructional day.
    const index = open.findIndex((entry) => (entry.section.end as string) >= days.lid)
    const entry = index >= 0 ? open.splice(index, 1)[0] : undefined
    if (entry !== undefined) replace(entry, { ...entry, end: days.lid })
  }
  if (traits.has("rosterDrop")) {
    const entry = take()
    const mid = entry === undefined ? null : midSection(rng, entry.section)
    if (entry !== undefined && mid !== null && (entry.start === null || entry.start <= mid)) {
      replace(entry, { ...entry, end: mid })
      // Half the time the student moves to another section of the same course the next day.
      const offering = entry.section.structure.offerings.find((candidate) => candidate.course === entry.section.course)
      const other = offering?.sections.find((section) => section !== entry.section)
      if (other !== undefined && rng.chance(0.5)) out.push({ section: other, start: plusDays(mid, 1), end: null })
    }
  }
  return out
}

const chooseGrade = (rng: Random, grades: ReadonlyArray<string>, forced: ReadonlySet<Trait>, index: number, dealt: boolean): string => {
  const fitting = (wanted: ReadonlyArray<string>) => grades.filter((grade) => wanted.includes(grade))
  if (forced.has("graduated") && grades.includes("12")) return "12"
  if (forced.has("kts") || forced.has("ktsTwo")) {
    const options = fitting(["10", "11", "12"])
    if (options.length > 0) return rng.pick(options)
  }
  if (forced.has("giftedPrimary")) {
    const options = fitting(["00", "01", "02", "03"])
    if (options.length > 0) return rng.pick(options)
  }
  return dealt ? (grades[index % grades.length] as string) : rng.pick(grades)
}

/** Schools a public-school student does not move to within the district. */
const NOT_PUBLIC: ReadonlySet<string> = new Set(["tech", "private", "parochial", "federal", "program"])

/** Another public school of the district that teaches `grade`, if any. */
const otherSchool = (rng: Random, district: DistrictInfo, school: SchoolInfo, grade: string, prefer?: ReadonlyArray<string>): SchoolInfo | null => {
  const options = district.schools.filter((other) =>
    other !== school && other.plan.students > 0 && !NOT_PUBLIC.has(other.plan.kind) && other.plan.grades.includes(grade)
  )
  if (options.length === 0) return null
  const preferred = prefer === undefined ? [] : options.filter((other) => prefer.includes(other.plan.kind))
  return rng.pick(preferred.length > 0 ? preferred : options)
}

const mainStructure = (school: SchoolInfo, traits: ReadonlySet<Trait>): StructureInfo => {
  const structures = school.current.structures
  const second = traits.has("secondStructure") ? structures[1] : undefined
  return second ?? (structures[0] as StructureInfo)
}

/** Writes one student and everything attached to them. */
const writeStudent = (run: StudentRun, rng: Random, school: SchoolInfo, index: number, forced: ReadonlySet<Trait>, dealt: boolean) => {
  const { ctx, district } = run
  const grade = chooseGrade(rng, school.plan.grades, forced, index, dealt)
  const traits = drawTraits(rng, grade, forced)
  const personID = ctx.ids.next("person")
  const drawn = personName(rng, nameOptions(ctx))
  const name = dealt ? { ...drawn, ...showcaseName(index) } : drawn
  const language = traits.has("nullLanguage")
    ? null
    : (traits.has("el") && !traits.has("elEnglishHome")) || traits.has("otherLanguage")
    ? rng.pick(OTHER_LANGUAGES)
    : "0400"
  run.studentNumber++
  ctx.out.person.add({
    personID,
    stateID: rng.chance(0.002) ? null : nextStateId(ctx),
    studentNumber: rng.chance(0.01) ? null : `${district.number}${String(run.studentNumber).padStart(6, "0")}`,
    firstName: name.first,
    lastName: name.last,
    legalFirstName: name.legalFirst,
    legalLastName: name.legalLast,
    gender: rng.chance(0.005) ? null : name.gender,
    raceEthnicity: rng.chance(0.01) ? null : rng.weighted(RACE_WEIGHTS),
    birthDate: rng.chance(0.01) ? null : birthDate(rng, ctx.endYear, grade),
    homePrimaryLanguage: language
  })

  const structure = mainStructure(school, traits)
  const days = structure.days
  const enroll = (enrollment: Enrollment) => writeEnrollment(ctx, personID, enrollment)
  const base = { calendarID: school.current.calendarID, structureID: structure.structureID, grade, noShow: false, stateExclude: false }
  const rostered: Array<Rostered> = []

  // Where the student was before: another district earlier this year.
  let start = days.first
  let startStatus: string | null = "E01"
  const earlierSites = traits.has("movedIn")
    ? ctx.earlierSites.filter((site) => site.districtID !== district.districtID && site.grades.includes(grade))
    : []
  if (earlierSites.length > 0) {
    const site = rng.pick(earlierSites)
    const left = dateOf(rng.int(dayNumber(site.first) + 20, Math.min(dayNumber(site.lid), dayNumber(days.lid)) - 60))
    enroll({ ...base, calendarID: site.calendarID, structureID: site.structureID, serviceType: "P", start: site.first, end: left, startStatus: "E01", endStatus: "W22" })
    start = later(plusDays(left, rng.int(1, 7)), days.first)
    startStatus = "E03"
  } else if (traits.has("lateEntry")) {
    start = instructionalBetween(rng, days, days.first, plusDays(days.first, 150)) ?? days.first
    startStatus = rng.weighted([["E03", 50], ["E02", 20], ["R01", 15], ["E98", 15]])
  }

  // How the enrollment ends: a move within the district, a withdrawal, graduation, or not yet.
  let end: string | null = null
  let endStatus: string | null = null
  const moveTarget = traits.has("moveWithin") ? otherSchool(rng, district, school, grade) : null
  const leaveDay = () => instructionalBetween(rng, days, plusDays(start, 20), plusDays(days.lid, -20))
  if (moveTarget !== null) {
    end = leaveDay()
    endStatus = end === null ? null : "W02"
  } else if (traits.has("withdrawn")) {
    end = leaveDay()
    // Dropping out (W25) only happens above the minimum age.
    endStatus = end === null ? null : rng.pick(grade >= "09" && grade <= "14" ? ["W22", "W24", "W29", "W25"] : ["W22", "W24", "W29", "W21"])
  } else if (traits.has("graduated") && grade === "12") {
    end = days.lid
    endStatus = "G02"
  }

  const main: Enrollment = {
    ...base,
    serviceType: "P",
    start,
    end,
    startStatus: traits.has("noShowOnly") ? "NS" : startStatus,
    endStatus,
    noShow: traits.has("noShowOnly"),
    stateExclude: traits.has("stateExclude")
  }
  const tieFirst = traits.has("tiePS") && rng.chance(0.5)
  if (tieFirst) enroll({ ...main, serviceType: "S", noShow: false, stateExclude: false })
  const mainID = enroll(main)
  if (traits.has("tiePS") && !tieFirst) enroll({ ...main, serviceType: "S", noShow: false, stateExclude: false })
  if (traits.has("tiePP")) enroll({ ...main, noShow: false, stateExclude: false })
  rostered.push(...shapeRosters(rng, pickSections(rng, structure, grade, start, end, courseLoad(grade)), traits, days))

  if (moveTarget !== null && end !== null) {
    const targetStructure = moveTarget.current.structures[0] as StructureInfo
    const moved = later(plusDays(end, rng.chance(0.7) ? 1 : 0), targetStructure.days.first)
    if (moved <= targetStructure.days.lid) {
      enroll({ ...base, calendarID: moveTarget.current.calendarID, structureID: targetStructure.structureID, serviceType: "P", start: moved, end: null, startStatus: "E02", endStatus: null })
      rostered.push(...pickSections(rng, targetStructure, grade, moved, null, courseLoad(grade)))
    }
  }

  if (traits.has("noShow")) {
    const target = otherSchool(rng, district, school, grade) ?? school
    const targetStructure = target.current.structures[0] as StructureInfo
    const first = targetStructure.days.first
    enroll({ ...base, calendarID: target.current.calendarID, structureID: targetStructure.structureID, serviceType: "P", start: first, end: rng.chance(0.5) ? first : null, startStatus: rng.pick(["E01", "NS"]), endStatus: null, noShow: true })
  }

  if (traits.has("serviceN")) {
    const target = otherSchool(rng, district, school, grade, ["special", "alternative", "preschool"])
    if (target !== null) {
      const targetStructure = target.current.structures[0] as StructureInfo
      const from = later(start, targetStructure.days.first)
      const serviceStart = instructionalBetween(rng, targetStructure.days, from, plusDays(from, 30))
      if (serviceStart !== null) {
        enroll({ ...base, calendarID: target.current.calendarID, structureID: targetStructure.structureID, serviceType: "N", start: serviceStart, end: null, startStatus: "E98", endStatus: null })
      }
    }
  }

  if (traits.has("kts") && school.feeder !== null) {
    const center = school.feeder
    const techStructure = center.school.current.structures[0] as StructureInfo
    const techStart = later(techStructure.days.first, start)
    const techEnd = end === null ? null : later(end, techStart)
    enroll({ ...base, calendarID: center.school.current.calendarID, structureID: techStructure.structureID, serviceType: "S", start: techStart, end: techEnd, startStatus: "E01", endStatus: techEnd === null ? null : endStatus })
    for (const tech of rng.sample(center.courses, traits.has("ktsTwo") ? 2 : 1)) {
      const section = rng.pick(tech.sections)
      const dates = rosterDates(section, techStart, techEnd)
      if (dates === null) continue
      rostered.push({ section, start: dates.start, end: dates.end })
      const copy = school.ktsCopies.find((candidate) => candidate.tech === tech)
      const copyDates = copy === undefined ? null : rosterDates(copy.section, start, end)
      if (copy !== undefined && copyDates !== null) rostered.push({ section: copy.section, start: copyDates.start, end: copyDates.end })
      writeScores(ctx, rng, personID, section, copy === undefined ? null : copy.section)
    }
  }

  if (traits.has("summer") && school.summer !== null) {
    const summerStructure = school.summer.structures[0] as StructureInfo
    const summerEnd = rng.chance(0.5) ? summerStructure.days.last : null
    enroll({ ...base, calendarID: school.summer.calendarID, structureID: summerStructure.structureID, serviceType: "S", start: summerStructure.days.first, end: summerEnd, startStatus: "E01", endStatus: null })
    rostered.push(...pickSections(rng, summerStructure, grade, summerStructure.days.first, summerEnd, 1))
  }

  const gradeIndex = school.plan.grades.indexOf(grade)
  if (traits.has("prior") && !traits.has("movedIn") && school.prior !== null && gradeIndex > 0) {
    const priorGrade = school.plan.grades[gradeIndex - 1] as string
    const priorStructure = school.prior.structures[0] as StructureInfo
    const priorDays = priorStructure.days
    enroll({ ...base, calendarID: school.prior.calendarID, structureID: priorStructure.structureID, grade: priorGrade, serviceType: "P", start: priorDays.first, end: priorDays.last, startStatus: "E01", endStatus: rng.chance(0.3) ? "CO1" : null })
    rostered.push(...pickSections(rng, priorStructure, priorGrade, priorDays.first, priorDays.last, 2))
  }

  for (const entry of rostered) writeRoster(ctx, personID, entry)

  if (traits.has("attendance")) writeAttendance(ctx, rng, personID, rostered)

  const others = run.otherDistricts
  writePrograms(ctx, rng, {
    personID,
    enrollmentID: mainID,
    grade,
    start,
    end,
    lid: days.lid,
    eee: end ?? days.lid,
    district,
    otherDistrictID: others.length > 0 ? rng.pick(others) : district.districtID
  }, traits)
}

const STATUSES = ["A", "T", "E"]
const EXCUSES = ["U", "E", "X", null]

const writeAttendance = (ctx: Context, rng: Random, personID: number, rostered: ReadonlyArray<Rostered>) => {
  const dated = rostered.filter((entry) => entry.section.start !== null && entry.section.end !== null)
  const asOf = ctx.nearToday[0] as string
  for (let count = rng.int(1, 3); count > 0 && dated.length > 0; count--) {
    const entry = rng.pick(dated)
    const from = entry.start ?? (entry.section.start as string)
    const to = earlier(entry.end ?? (entry.section.end as string), asOf)
    const date = instructionalBetween(rng, entry.section.structure.days, from, to)
    if (date === null) continue
    ctx.out.attendance.add({
      attendanceID: ctx.ids.next("attendance"),
      personID,
      sectionID: entry.section.sectionID,
      date,
      // A showcase bundle cycles through every status and excuse.
      status: ctx.showcase ? (STATUSES[tick(ctx, "attendance status") % 3] as string) : rng.weighted([["A", 55], ["T", 35], ["E", 10]]),
      excuse: ctx.showcase ? (EXCUSES[tick(ctx, "attendance excuse") % 4] ?? null) : rng.weighted<string | null>([["U", 35], ["E", 30], ["X", 5], [null, 30]])
    })
  }
}

/**
 * Writes a school's students, pausing every few hundred for the output
 * streams to drain. Showcase schools get every trait dealt to someone.
 */
export const writeSchoolStudents = async (run: StudentRun, school: SchoolInfo, hands: ReadonlyArray<ReadonlySet<Trait>> | null, settle: () => Promise<void>) => {
  const rng = Random.of(run.ctx.seed, "students", school.plan.key)
  const none: ReadonlySet<Trait> = new Set()
  for (let index = 0; index < school.plan.students; index++) {
    writeStudent(run, rng, school, index, hands?.[index] ?? none, hands !== null)
    if (index % 400 === 399) await settle()
  }
}
