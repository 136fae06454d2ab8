/**
 * An exchange world: the technical-school database and the district databases
 * whose high schools send students to it, each written as its own bundle, with
 * the `exchange.json` that links them and a `world.json` describing the night
 * to run, the drift that night must carry and the misconfigurations it must
 * report (see `docs/exchange-world.md`).
 *
 * Two moments of the same world: `midYear` (as if every night until the one
 * before `night` had run, then one school day of changes) and `startOfYear`
 * (courses and rosters made, nothing synced yet). Every random draw is made
 * whatever the variant, so both share schools, courses, people and ids of
 * the organisation; the variant only decides which rows are written.
 */
import { mkdir, writeFile } from "node:fs/promises"
import { join } from "node:path"
import { ktsCatalogName } from "@kts/domain"
import { type Context, type GlobalIds, Ids } from "./Context.js"
import { TECH_PROGRAMS } from "./Courses.js"
import { BundleWriter } from "./CsvWriter.js"
import { plusDays, weekday, ymd } from "./Dates.js"
import type { CourseInfo, SectionInfo, StructureInfo, TermInfo, YearDays } from "./Model.js"
import { type NameOptions, personName, placeNames, schoolStem } from "./Names.js"
import { nextStateId, OTHER_LANGUAGES, RACE_WEIGHTS, writeStaff } from "./People.js"
import { Random } from "./Random.js"
import { regularYear, termDates } from "./SchoolDays.js"
import { writeCourse, writeSection } from "./Sections.js"

// ── Options and results ──────────────────────────────────────────────────────

export type WorldScale = "tiny" | "state"
export type WorldVariant = "midYear" | "startOfYear"

export interface ExchangeWorldOptions {
  readonly scale: WorldScale
  readonly seed: number
  /** Folder to write the world into; created when missing. */
  readonly outDir: string
  /** School year, by its end year; default 2025 (SY 24-25). */
  readonly endYear?: number
  /** Default `midYear`. */
  readonly variant?: WorldVariant
  /** Called once at the start and after each district database. */
  readonly onProgress?: (done: number, total: number, label: string) => void
}

/** One database of the world: its bundle folder and the store the configuration names. */
export interface WorldDatabase {
  /** Key in `exchange.json`'s `databases`. */
  readonly name: string
  /** Bundle folder, relative to the world folder (`tech`, `districts/165`). */
  readonly bundle: string
  /** Store path, relative to the world folder (`tech.db`, `districts/165.db`). */
  readonly store: string
  readonly rowCounts: Record<string, number>
}

export interface WorldCounts {
  readonly techSchools: number
  readonly districts: number
  readonly highSchools: number
  readonly links: number
  readonly techSections: number
  readonly ktsCourses: number
  /** Persons with a primary enrollment at the high schools. */
  readonly highSchoolStudents: number
  /** High-school students on a KTS section (as of the night). */
  readonly ktsStudents: number
  /** Students the technical-school database already holds (0 at the start of the year). */
  readonly syncedStudents: number
  readonly rows: number
}

export interface ExchangeWorldSummary {
  readonly variant: WorldVariant
  readonly endYear: number
  /** The date of the next night to run on this world. */
  readonly night: string
  /** `exchange.json`, absolute. */
  readonly configFile: string
  /** `world.json`, absolute. */
  readonly worldFile: string
  readonly databases: ReadonlyArray<WorldDatabase>
  readonly counts: WorldCounts
  /** The misconfigurations, by kind. */
  readonly misconfigurations: Record<string, number>
  /** The day's changes the night must carry, by kind (empty at the start of the year). */
  readonly drift: Record<string, number>
}

/** Number of the technical-school database's district (the existing generator's "Kentucky Tech System"). */
export const TECH_DISTRICT = "901"

const nthWeekdayOf = (year: number, month: number, dow: number, n: number): string => {
  let date = ymd(year, month, 1)
  while (weekday(date) !== dow) date = plusDays(date, 1)
  return plusDays(date, 7 * (n - 1))
}

/**
 * The nights of a world of end year Y: mid-year, the second Thursday of
 * February of Y; start of year, the first Wednesday on or after August 20 of Y−1.
 */
export const worldNight = (endYear: number, variant: WorldVariant): string => {
  if (variant === "midYear") return nthWeekdayOf(endYear, 2, 4, 2)
  let date = ymd(endYear - 1, 8, 20)
  while (weekday(date) !== 3) date = plusDays(date, 1)
  return date
}

/** The technical schools' KTS catalog of an end year (`24-25 KTS Course Catalog (TECH SCHOOLS ONLY)`). */
const techCatalogName = (endYear: number): string => `${ktsCatalogName(endYear).slice(0, 5)} KTS Course Catalog (TECH SCHOOLS ONLY)`

// ── Plan ─────────────────────────────────────────────────────────────────────

type TechFault = "none" | "twoActiveMasks" | "duplicateTask"
type CourseFault = "none" | "twoActiveMasks" | "duplicateTask" | "twoSections"
type ReportCardGap = "none" | "final" | "both"

interface TechCoursePlan {
  readonly program: readonly [string, string]
  readonly sections: number
  readonly fault: TechFault
  readonly renamed: boolean
}

interface TechPlan {
  readonly number: string
  readonly name: string
  readonly termCount: number
  readonly courses: ReadonlyArray<TechCoursePlan>
}

interface HighPlan {
  readonly number: string
  readonly name: string
  readonly tech: number
  readonly attendanceSync: boolean
  readonly wrongTerm: boolean
  readonly reportCard: ReportCardGap
  /** Position among all high schools, for the tiny world's fixed cases. */
  readonly index: number
}

interface DistrictPlanW {
  readonly number: string
  readonly name: string
  readonly highSchools: ReadonlyArray<HighPlan>
}

interface WorldPlan {
  readonly tech: ReadonlyArray<TechPlan>
  readonly districts: ReadonlyArray<DistrictPlanW>
}

const program = (number: string): readonly [string, string] => {
  const found = TECH_PROGRAMS.find((entry) => entry[1] === number)
  if (found === undefined) throw new Error(`no tech program ${number}`)
  return found
}

/** Course titles the state renamed; a program without an entry gets a generic new title. */
const RENAMES: Readonly<Record<string, string>> = {
  "Welding Technology I": "Welding I: Fundamentals",
  "Automotive Technology I": "Automotive Maintenance and Light Repair I",
  "Health Science I": "Principles of Health Science",
  "Information Technology Support": "IT Support and Networking",
  "Carpentry Fundamentals": "Carpentry I",
  "Electrical Technology": "Electrical Systems I",
  "Culinary Arts I": "Culinary and Food Service I"
}
const renamedTitle = (name: string): string => RENAMES[name] ?? `${name} (Revised)`

/**
 * The tiny world, fixed so tests can name its cases: two technical schools,
 * three districts, four high schools. The misconfigurations sit where
 * `docs/exchange-world.md` lists them, whatever the seed.
 */
const tinyPlan = (): WorldPlan => ({
  tech: [
    {
      number: "030",
      name: "Laurel Ridge Area Technology Center",
      termCount: 2,
      courses: [
        { program: program("T4701"), sections: 2, fault: "twoActiveMasks", renamed: false },
        { program: program("T4741"), sections: 1, fault: "none", renamed: false },
        { program: program("T4711"), sections: 2, fault: "none", renamed: false }
      ]
    },
    {
      number: "045",
      name: "Copper Valley Area Technology Center",
      termCount: 4,
      courses: [
        { program: program("T4731"), sections: 1, fault: "none", renamed: true },
        { program: program("T4751"), sections: 2, fault: "none", renamed: false },
        { program: program("T4801"), sections: 1, fault: "none", renamed: false }
      ]
    }
  ],
  districts: [
    {
      number: "165",
      name: "Ashford County",
      highSchools: [
        { number: "010", name: "Ashford County High School", tech: 0, attendanceSync: true, wrongTerm: false, reportCard: "none", index: 0 },
        { number: "020", name: "Cedar Ridge High School", tech: 0, attendanceSync: false, wrongTerm: false, reportCard: "final", index: 1 }
      ]
    },
    {
      number: "171",
      name: "Briar Independent",
      highSchools: [{ number: "010", name: "Briar High School", tech: 1, attendanceSync: false, wrongTerm: false, reportCard: "none", index: 2 }]
    },
    {
      number: "180",
      name: "Copper County",
      highSchools: [{ number: "010", name: "Copper County High School", tech: 1, attendanceSync: true, wrongTerm: true, reportCard: "none", index: 3 }]
    }
  ]
})

const STATE_TECH_SCHOOLS = 50

const statePlan = (seed: number): WorldPlan => {
  const rng = Random.of(seed, "world", "state", "plan")
  const places = placeNames(rng, STATE_TECH_SCHOOLS + 200)
  const techNumbers = rng.sample(Array.from({ length: 980 }, (_, index) => index + 10), STATE_TECH_SCHOOLS).sort((a, b) => a - b)
  const tech: Array<TechPlan> = techNumbers.map((number, index) => {
    const count = rng.int(16, 25)
    const programs = rng.sample(TECH_PROGRAMS, count).sort((a, b) => (a[1] < b[1] ? -1 : 1))
    return {
      number: String(number).padStart(3, "0"),
      name: `${places[index] ?? `Center ${index}`} Area Technology Center`,
      termCount: rng.chance(0.7) ? 2 : 4,
      courses: programs.map((entry): TechCoursePlan => {
        const roll = rng.float()
        return {
          program: entry,
          sections: rng.weighted([[1, 5], [2, 35], [3, 40], [4, 20]]),
          fault: roll < 0.02 ? "twoActiveMasks" : roll < 0.035 ? "duplicateTask" : "none",
          renamed: rng.chance(0.02)
        }
      })
    }
  })
  // High schools, grouped by the technical school they send students to; districts are cut across that list,
  // so a district on the border between two technical schools' areas has high schools linked to each.
  const links: Array<number> = []
  tech.forEach((_, index) => {
    for (let count = rng.int(3, 8); count > 0; count--) links.push(index)
  })
  const chunks: Array<Array<number>> = []
  for (let at = 0; at < links.length;) {
    const size = rng.weighted([[1, 20], [2, 30], [3, 30], [4, 20]])
    chunks.push(links.slice(at, at + size))
    at += size
  }
  const districtNumbers = rng.sample(Array.from({ length: 600 }, (_, index) => index + 1), chunks.length).sort((a, b) => a - b)
  let hsIndex = 0
  const districts = chunks.map((chunk, districtIndex): DistrictPlanW => {
    const place = places[STATE_TECH_SCHOOLS + districtIndex] ?? `Place ${districtIndex}`
    const used = new Set<string>()
    let next = 0
    return {
      number: String(districtNumbers[districtIndex] ?? districtIndex + 1).padStart(3, "0"),
      name: rng.chance(0.75) ? `${place} County` : `${place} Independent`,
      highSchools: chunk.map((techIndex, index): HighPlan => {
        next += 10 + rng.int(0, 5)
        return {
          number: String(next).padStart(3, "0"),
          name: index === 0 ? `${place} County High School` : `${schoolStem(rng, used, place)} High School`,
          tech: techIndex,
          attendanceSync: rng.chance(0.5),
          wrongTerm: rng.chance(0.04),
          reportCard: rng.weighted<ReportCardGap>([["none", 85], ["final", 10], ["both", 5]]),
          index: hsIndex++
        }
      })
    }
  })
  return { tech, districts }
}

// ── One database's output ────────────────────────────────────────────────────

interface DbTasks {
  readonly cteTerm: number
  readonly cteFinal: number
  readonly cteExam: number
  readonly semester: number
}

interface Db {
  readonly name: string
  readonly bundle: string
  readonly store: string
  readonly writer: BundleWriter
  /** For the generator's shared writers (courses, sections, staff); its `globals` are not used by them. */
  readonly ctx: Context
  readonly tasks: DbTasks
  readonly cteGroup: number
  readonly letterGroup: number | null
}

/** The shared writers this module reuses (courses, sections, staff) never read the bundle-wide ids. */
const UNUSED_GLOBALS: GlobalIds = {
  tasks: { cteTerm: 0, cteFinal: 0, cteExam: 0, semester: 0, progress: 0, quarter: 0 },
  scoreGroups: { cteNumeric: 0, letter: 0, letterNoGpa: 0, mismatched: 0, passFail: 0 },
  catalogs: { ktsHighSchools: 0, ktsHighSchoolsPrior: 0, ktsTech: 0 },
  attributes: { ktsTechId: 0, sectionKtsTechId: 0, courseLevel: 0 },
  planTypes: { iep: 0, iepAmendment: 0, ilpa: 0, plan504: 0, healthPlan: 0 }
}

const SCORES: ReadonlyArray<readonly [string, number, number, boolean]> = [
  ["A", 90, 4, true], ["B", 80, 3, true], ["C", 70, 2, true], ["D", 60, 1, true], ["F", 0, 0, false]
]

const openDb = async (world: World, name: string, bundle: string, store: string, withLetterGroup: boolean): Promise<Db> => {
  const dir = join(world.outDir, bundle)
  await mkdir(dir, { recursive: true })
  const writer = new BundleWriter(dir)
  const ids = new Ids()
  const ctx: Context = {
    seed: world.seed,
    scale: world.scale,
    endYear: world.endYear,
    showcase: false,
    out: writer.sinks,
    ids,
    globals: UNUSED_GLOBALS,
    techCenters: new Map(),
    districtIDs: [],
    earlierSites: [],
    nearToday: [],
    stateIdCounter: 0,
    cursors: new Map()
  }
  const out = writer.sinks
  const task = (taskName: string) => {
    const taskID = ids.next("gradingTask")
    out.gradingTask.add({ taskID, name: taskName })
    return taskID
  }
  const tasks = { cteTerm: task("CTE Term Grade"), cteFinal: task("CTE Final Grade"), cteExam: task("CTE Final Exam"), semester: task("Semester Grade") }
  const group = (groupName: string) => {
    const scoreGroupID = ids.next("scoreGroup")
    out.scoreGroup.add({ scoreGroupID, name: groupName })
    SCORES.forEach(([score, minPercent, gpaValue, passing], index) => {
      out.scoreGroupItem.add({ itemID: ids.next("scoreGroupItem"), scoreGroupID, seq: index + 1, score, minPercent, gpaValue, passing })
    })
    return scoreGroupID
  }
  const cteGroup = group("CTE Numeric Score Group")
  const letterGroup = withLetterGroup ? group("HS Letter Grades") : null
  return { name, bundle, store, writer, ctx, tasks, cteGroup, letterGroup }
}

// ── Calendars ────────────────────────────────────────────────────────────────

interface Year {
  readonly days: YearDays
  readonly instructional: ReadonlySet<string>
  readonly structure: StructureInfo
}

/** Draws a school year until `fits` accepts it (deterministic: each try is its own fork). */
const drawYear = (rng: Random, endYear: number, termCount: number, fits: (days: YearDays, terms: ReadonlyArray<{ start: string; end: string }>) => boolean): YearDays => {
  for (let attempt = 0; attempt < 200; attempt++) {
    const days = regularYear(rng.fork("year", attempt), endYear)
    if (fits(days, termDates(days, termCount))) return days
  }
  throw new Error("no school year fits the world's nights")
}

const GRADES = ["09", "10", "11", "12"]

/** A school's calendar for the end year: one structure, its days, grades 9–12, terms and one active trial. */
const writeYear = (db: Db, schoolID: number, schoolName: string, days: YearDays, termCount: number): Year => {
  const { out, ids } = db.ctx
  const endYear = db.ctx.endYear
  const calendarID = ids.next("calendar")
  const label = `${String((endYear - 1) % 100).padStart(2, "0")}-${String(endYear % 100).padStart(2, "0")}`
  out.calendar.add({ calendarID, schoolID, name: `${label} ${schoolName}`, endYear, startDate: days.first, endDate: days.last, summerSchool: false, exclude: false })
  const structureID = ids.next("scheduleStructure")
  out.scheduleStructure.add({ structureID, calendarID, name: "Main" })
  for (const row of days.rows) out.day.add({ calendarID, structureID, date: row.date, instruction: row.instruction })
  for (const grade of GRADES) {
    out.gradeLevel.add({ gradeLevelID: ids.next("gradeLevel"), calendarID, structureID, name: grade, stateGrade: grade, excludeEnrollment: false })
  }
  const prefix = termCount === 2 ? "S" : termCount === 3 ? "T" : "Q"
  const terms: Array<TermInfo> = termDates(days, termCount).map((dates, index) => {
    const term: TermInfo = { termID: ids.next("term"), name: `${prefix}${index + 1}`, seq: index + 1, start: dates.start, end: dates.end }
    out.term.add({ termID: term.termID, structureID, name: term.name, seq: term.seq, startDate: term.start, endDate: term.end })
    return term
  })
  const activeTrialID = ids.next("trial")
  out.trial.add({ trialID: activeTrialID, structureID, name: "Trial 1", active: true })
  const structure: StructureInfo = { structureID, calendarID, name: "Main", days, terms, undatedTerm: null, activeTrialID, inactiveTrialID: null, offerings: [] }
  return { days, instructional: new Set(days.instructional), structure }
}

/** The term whose dates hold `date`, start and end inclusive. */
const termHolding = <T extends { readonly start: string | null; readonly end: string | null }>(terms: ReadonlyArray<T>, date: string): T | undefined =>
  terms.find((term) => term.start !== null && term.end !== null && term.start <= date && date <= term.end)

/** A random instructional day of `year` in [from, to], or null when there is none. */
const dayBetween = (rng: Random, year: Year, from: string, to: string): string | null => {
  const days = year.days.instructional.filter((day) => day >= from && day <= to)
  return days.length === 0 ? null : rng.pick(days)
}

// ── The world being written ──────────────────────────────────────────────────

interface TechSchool {
  readonly plan: TechPlan
  readonly schoolID: number
  readonly year: Year
  readonly terms: ReadonlyArray<TermInfo>
  /** The CTE Term Grade active term: the latest term ended before the mid-year night's previous day, or the first term at the start of the year. */
  readonly activeTerm: TermInfo
  readonly midActiveTerm: TermInfo
  readonly firstTerm: TermInfo
  readonly lastTerm: TermInfo
  readonly courses: Array<TechCourse>
}

interface TechCourse {
  readonly plan: TechCoursePlan
  readonly school: TechSchool
  readonly info: CourseInfo
  readonly number: string
  /** The name the high schools' masters carry (before any rename). */
  readonly publishedName: string
  readonly stateCode: string
  readonly sections: Array<TechSection>
}

interface TechSection {
  readonly course: TechCourse
  readonly info: SectionInfo
  readonly number: number
  readonly ktsTechID: string
}

interface Misconfiguration {
  readonly kind: string
  readonly database: string
  readonly district: string
  readonly school: string
  readonly courseNumber?: string
  readonly sectionNumber?: number
  readonly ktsTechID?: string
  readonly task?: string
  readonly stateIDs?: ReadonlyArray<string>
  /** The process alert the exchange raises for it (none for report cards: a grade check finds those). */
  readonly alert: string | null
  readonly note: string
}

interface DriftEvent {
  readonly kind: string
  readonly [key: string]: string | number | boolean | null
}

interface World {
  readonly seed: number
  readonly scale: WorldScale
  readonly endYear: number
  readonly variant: WorldVariant
  readonly outDir: string
  readonly tiny: boolean
  readonly names: NameOptions
  /** The mid-year night and its previous day (the drift's day). */
  readonly midNight: string
  readonly midDay: string
  readonly startNight: string
  readonly startDay: string
  readonly misconfigurations: Array<Misconfiguration>
  readonly drift: Array<DriftEvent>
  readonly tally: { highSchoolStudents: number; ktsStudents: number; syncedStudents: number; ktsCourses: number }
}

const mid = (world: World): boolean => world.variant === "midYear"

const time = (rng: Random, from: number, to: number): string =>
  `${String(rng.int(from, to)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`

// ── Technical schools ────────────────────────────────────────────────────────

const writeTechSchools = (world: World, db: Db, plan: WorldPlan): Array<TechSchool> => {
  const { ctx } = db
  const { out, ids } = ctx
  const districtID = ids.next("district")
  out.district.add({ districtID, number: TECH_DISTRICT, name: "Kentucky Tech System" })
  const catalogID = ids.next("courseCatalog")
  out.courseCatalog.add({ catalogID, name: techCatalogName(world.endYear) })
  const masters = new Map<string, number>()
  const masterFor = (name: string, number: string, stateCode: string): number => {
    const known = masters.get(number)
    if (known !== undefined) return known
    const courseMasterID = ids.next("courseMaster")
    out.courseMaster.add({ courseMasterID, catalogID, number, name, stateCode, ktsTechID: null })
    masters.set(number, courseMasterID)
    return courseMasterID
  }
  return plan.tech.map((techPlan) => {
    const rng = Random.of(world.seed, "world", world.scale, "tech", techPlan.number)
    const schoolID = ids.next("school")
    out.school.add({ schoolID, districtID, number: techPlan.number, name: techPlan.name, stateClassification: "C2" })
    const days = drawYear(rng, world.endYear, techPlan.termCount, (candidate, terms) => {
      const taught = new Set(candidate.instructional)
      return taught.has(world.midDay) && taught.has(world.startDay) && terms.some((term) => term.end < world.midDay)
    })
    const year = writeYear(db, schoolID, techPlan.name, days, techPlan.termCount)
    const terms = year.structure.terms
    const ended = terms.filter((term) => (term.end as string) < world.midDay)
    const midActiveTerm = ended[ended.length - 1] as TermInfo
    const firstTerm = terms[0] as TermInfo
    const lastTerm = terms[terms.length - 1] as TermInfo
    const staff = Array.from({ length: Math.max(2, Math.ceil(techPlan.courses.length / 2)) }, () => writeStaff(ctx, rng))
    const school: TechSchool = {
      plan: techPlan, schoolID, year, terms, midActiveTerm, firstTerm, lastTerm,
      activeTerm: mid(world) ? midActiveTerm : firstTerm,
      courses: []
    }
    for (const coursePlan of techPlan.courses) {
      const [oldName, number] = coursePlan.program
      const stateCode = `47${number.slice(2)}0`.slice(0, 6)
      const name = coursePlan.renamed && mid(world) ? renamedTitle(oldName) : oldName
      const info = writeCourse(ctx, year.structure.calendarID, {
        number, name, grades: GRADES, core: false, masterID: masterFor(oldName, number, stateCode), active: true, stateCode,
        teachingMethod: "01", instructionalSetting: null, type: null, difficultyLevel: null, responsive: false
      })
      const course: TechCourse = { plan: coursePlan, school, info, number, publishedName: oldName, stateCode, sections: [] }
      for (let index = 0; index < coursePlan.sections; index++) {
        const section = writeSection(ctx, rng, info, year.structure, {
          trialID: year.structure.activeTrialID, terms, number: index + 1, coreContent: null, periodic: true,
          crossSite: null, staff, staffShape: rng.chance(0.1) ? "coTeacher" : "plain"
        })
        course.sections.push({ course, info: section, number: index + 1, ktsTechID: `${TECH_DISTRICT}-${techPlan.number}-${section.sectionID}` })
      }
      writeTechGrading(db, info.courseID, school, coursePlan.fault)
      if (coursePlan.fault !== "none") {
        world.misconfigurations.push({
          kind: coursePlan.fault === "twoActiveMasks" ? "tech.twoActiveMasks" : "tech.duplicateTask",
          database: "tech", district: TECH_DISTRICT, school: techPlan.number, courseNumber: number, task: "CTE Term Grade",
          alert: coursePlan.fault === "twoActiveMasks" ? "grades.tech.activeMasks" : "grades.tech.duplicateTask",
          note: "raised for each of the course's sections that a usable KTS course names"
        })
      }
      if (coursePlan.renamed && mid(world)) {
        world.drift.push({
          kind: "courseRenamed", techSchool: `${TECH_DISTRICT}-${techPlan.number}`, courseNumber: number, from: oldName, to: name,
          ktsTechIDs: course.sections.map((section) => section.ktsTechID).join(" ")
        })
      }
      school.courses.push(course)
    }
    const card = ids.next("reportCardTemplate")
    out.reportCardTemplate.add({ templateID: card, schoolID, name: `${String(world.endYear % 100).padStart(2, "0")} CTE Report Card` })
    out.reportCardTemplateTask.add({ templateID: card, taskID: db.tasks.cteTerm })
    out.reportCardTemplateTask.add({ templateID: card, taskID: db.tasks.cteFinal })
    return school
  })
}

/** One courseGradingTask and its term rows: termMask on `graded`, activeMask on `active`. */
const addGradingTask = (db: Db, courseID: number, taskID: number, scoreGroupID: number | null, terms: ReadonlyArray<TermInfo>, graded: (term: TermInfo) => boolean, active: ReadonlyArray<TermInfo>) => {
  const courseGradingTaskID = db.ctx.ids.next("courseGradingTask")
  db.ctx.out.courseGradingTask.add({ courseGradingTaskID, courseID, taskID, scoreGroupID })
  for (const term of terms) {
    db.ctx.out.courseGradingTaskTerm.add({ courseGradingTaskID, termID: term.termID, termMask: graded(term), activeMask: active.includes(term) })
  }
}

/** Another term than `term` for a misplaced second active mask: the next one, else the previous one. */
const neighbour = (terms: ReadonlyArray<TermInfo>, term: TermInfo): TermInfo => {
  const index = terms.indexOf(term)
  return (terms[index + 1] ?? terms[index - 1] ?? term) as TermInfo
}

/** A technical course's grading setup: the three CTE tasks, the composite final, and its fault if any. */
const writeTechGrading = (db: Db, courseID: number, school: TechSchool, fault: TechFault) => {
  const { terms, activeTerm, lastTerm } = school
  const termActive = fault === "twoActiveMasks" ? [activeTerm, neighbour(terms, activeTerm)] : [activeTerm]
  addGradingTask(db, courseID, db.tasks.cteTerm, db.cteGroup, terms, () => true, termActive)
  if (fault === "duplicateTask") addGradingTask(db, courseID, db.tasks.cteTerm, db.cteGroup, terms, () => true, [activeTerm])
  addGradingTask(db, courseID, db.tasks.cteFinal, db.cteGroup, terms, (term) => term === lastTerm, [lastTerm])
  addGradingTask(db, courseID, db.tasks.cteExam, db.cteGroup, terms, (term) => term === lastTerm, [lastTerm])
  db.ctx.out.gradeCalcOption.add({ optionID: db.ctx.ids.next("gradeCalcOption"), courseID, taskID: db.tasks.cteFinal, componentTaskID: db.tasks.cteTerm, weight: 80 })
  db.ctx.out.gradeCalcOption.add({ optionID: db.ctx.ids.next("gradeCalcOption"), courseID, taskID: db.tasks.cteFinal, componentTaskID: db.tasks.cteExam, weight: 20 })
}

// ── High schools ─────────────────────────────────────────────────────────────

type EntryKind = "base" | "lateAdd" | "pastDrop" | "driftAdd" | "driftDrop" | "driftDelete"

/** A student's place on one KTS section, with every date the two moments need. */
interface Entry {
  readonly kts: KtsCourse
  /** Section number at the high school (2 only on a course with two sections). */
  readonly sectionIndex: number
  readonly kind: EntryKind
  readonly start: string | null
  /** The end the high school's row has mid-year (a drop yesterday included). */
  readonly end: string | null
}

interface Student {
  readonly index: number
  readonly stateID: string | null
  readonly studentNumber: string
  readonly grade: string
  readonly name: ReturnType<typeof personName>
  readonly raceEthnicity: string | null
  readonly birthDate: string
  readonly homePrimaryLanguage: string | null
  readonly entries: Array<Entry>
}

interface KtsCourse {
  readonly tech: TechSection
  readonly fault: CourseFault
  readonly courseID: number
  readonly number: string
  readonly sections: ReadonlyArray<SectionInfo>
  /** The CTE Term Grade active term at the high school (mid-year), and the term each tech term's end falls in. */
  readonly hsTermFor: (date: string) => TermInfo | undefined
  readonly usable: boolean
}

const KIND_RATES: ReadonlyArray<readonly [EntryKind, number]> = [
  ["base", 85.7], ["lateAdd", 6], ["pastDrop", 5], ["driftAdd", 1.5], ["driftDrop", 1.5], ["driftDelete", 0.3]
]

/** The tiny world's forced roster cases, per high school, in entry order over its usable KTS courses. */
const TINY_KINDS: ReadonlyArray<ReadonlyArray<EntryKind>> = [
  ["base", "driftDrop", "pastDrop", "base", "driftAdd", "lateAdd"],
  ["base", "driftAdd", "driftDrop"],
  ["base", "driftDelete", "driftDrop", "base", "driftAdd"],
  ["base", "lateAdd", "driftAdd", "base", "driftDrop"]
]

const birthDateFor = (rng: Random, endYear: number, grade: string): string =>
  ymd(endYear - 6 - Number(grade) - (rng.chance(0.75) ? 1 : 0), rng.int(1, 12), rng.int(1, 28))

interface DistrictWork {
  readonly world: World
  readonly db: Db
  readonly techDb: Db
  readonly districtNumber: string
  readonly districtID: number
  readonly masters: ReadonlyMap<string, number>
  readonly attributeID: number
  readonly catalogID: number
  readonly ordinaryMasters: ReadonlyArray<number>
  studentNumber: number
}

const ORDINARY: ReadonlyArray<readonly [string, string]> = [["English", "2001"], ["Mathematics", "2101"], ["Science", "2201"], ["Social Studies", "2301"]]

const writeHighSchool = async (work: DistrictWork, plan: HighPlan, techSchool: TechSchool, linkIndexInTech: number): Promise<void> => {
  const { world, db, techDb } = work
  const { ctx } = db
  const { out, ids } = ctx
  const hsKey = `${work.districtNumber}-${plan.number}`
  const rng = Random.of(world.seed, "world", world.scale, "hs", hsKey)
  const schoolID = ids.next("school")
  out.school.add({ schoolID, districtID: work.districtID, number: plan.number, name: plan.name, stateClassification: "A1" })
  const termCount = world.tiny ? [2, 4, 2, 4][plan.index % 4] as number : rng.weighted([[4, 45], [2, 45], [3, 10]])
  const needs = [techSchool.firstTerm.end, techSchool.midActiveTerm.end, techSchool.lastTerm.end] as Array<string>
  const days = drawYear(rng, world.endYear, termCount, (candidate, terms) => {
    const taught = new Set(candidate.instructional)
    return taught.has(world.midDay) && taught.has(world.startDay) && needs.every((date) => termHolding(terms, date) !== undefined)
  })
  const year = writeYear(db, schoolID, plan.name, days, termCount)
  const terms = year.structure.terms
  const staff = Array.from({ length: 3 }, () => writeStaff(ctx, rng))
  const sectionStart = terms[0]?.start as string

  // Ordinary courses: every student takes English and Mathematics.
  const ordinary = ORDINARY.map(([name, number], index) =>
    writeCourse(ctx, year.structure.calendarID, {
      number, name, grades: GRADES, core: true, masterID: work.ordinaryMasters[index] ?? null, active: true, stateCode: `${number}00`,
      teachingMethod: "01", instructionalSetting: null, type: null, difficultyLevel: null, responsive: false
    })
  )

  // KTS courses: one per technical course, on one of its sections.
  const correct = (date: string) => termHolding(terms, date)
  const activeFor = (date: string): TermInfo => {
    const right = correct(date) as TermInfo
    return plan.wrongTerm ? neighbour(terms, right) : right
  }
  const ktsCourses: Array<KtsCourse> = []
  techSchool.courses.forEach((techCourse, courseIndex) => {
    const take = world.tiny || rng.chance(0.9)
    const sectionPick = world.tiny ? (linkIndexInTech + courseIndex) % techCourse.sections.length : rng.int(0, techCourse.sections.length - 1)
    const roll = rng.float()
    if (!take) return
    const tech = techCourse.sections[sectionPick] as TechSection
    let fault: CourseFault = "none"
    if (world.tiny) {
      if (plan.index === 1 && courseIndex === techSchool.courses.length - 1) fault = "twoSections"
      if (plan.index === 2 && courseIndex === 0) fault = "duplicateTask"
    } else if (techCourse.plan.fault === "none" && !plan.wrongTerm) {
      fault = roll < 0.01 ? "twoSections" : roll < 0.03 ? "duplicateTask" : roll < 0.04 ? "twoActiveMasks" : "none"
    }
    const masterID = work.masters.get(tech.ktsTechID) as number
    const name = `${techCourse.publishedName} - ${techSchool.plan.name} - Section ${tech.number}`
    const info = writeCourse(ctx, year.structure.calendarID, {
      number: techCourse.number, name, grades: GRADES, core: false, masterID, active: true, stateCode: techCourse.stateCode,
      teachingMethod: "01", instructionalSetting: "02", type: null, difficultyLevel: null, responsive: false
    })
    out.customCourse.add({ customID: ids.next("customCourse"), courseID: info.courseID, attributeID: work.attributeID, value: tech.ktsTechID })
    const sections = Array.from({ length: fault === "twoSections" ? 2 : 1 }, (_, index) =>
      writeSection(ctx, rng, info, year.structure, {
        trialID: year.structure.activeTrialID, terms, number: index + 1, coreContent: null, periodic: true, crossSite: null, staff, staffShape: "plain"
      }))
    const finalTerm = correct(techSchool.lastTerm.end as string) as TermInfo
    const termActive = activeFor(techSchool.activeTerm.end as string)
    addGradingTask(db, info.courseID, db.tasks.cteTerm, rng.chance(0.7) ? db.cteGroup : db.letterGroup, terms, () => true,
      fault === "twoActiveMasks" ? [termActive, neighbour(terms, termActive)] : [termActive])
    if (fault === "duplicateTask") addGradingTask(db, info.courseID, db.tasks.cteTerm, db.cteGroup, terms, () => true, [termActive])
    addGradingTask(db, info.courseID, db.tasks.cteFinal, db.cteGroup, terms, (term) => term === finalTerm, [finalTerm])
    addGradingTask(db, info.courseID, db.tasks.cteExam, db.cteGroup, terms, (term) => term === finalTerm, [finalTerm])
    const kts: KtsCourse = { tech, fault, courseID: info.courseID, number: techCourse.number, sections, hsTermFor: correct, usable: fault !== "twoSections" }
    ktsCourses.push(kts)
    world.tally.ktsCourses++
    if (fault !== "none") {
      const alert = { twoSections: "link.multipleSections", duplicateTask: "grades.hs.duplicateTask", twoActiveMasks: "grades.hs.activeMasks" }[fault]
      world.misconfigurations.push({
        kind: `hs.${fault}`, database: `d${work.districtNumber}`, district: work.districtNumber, school: plan.number,
        courseNumber: techCourse.number, sectionNumber: 1, ktsTechID: tech.ktsTechID, ...(fault === "twoSections" ? {} : { task: "CTE Term Grade" }),
        alert, note: fault === "twoSections" ? "the course is not usable: its students never reach the technical school" : "raised when the technical section has posted grades of synced students"
      })
    }
  })
  if (plan.wrongTerm) {
    world.misconfigurations.push({
      kind: "hs.activeMaskWrongTerm", database: `d${work.districtNumber}`, district: work.districtNumber, school: plan.number, task: "CTE Term Grade",
      alert: "grades.hs.termMismatch", note: "every KTS course's CTE Term Grade active mask is on the term after (or before) the one holding the technical active term's end"
    })
  }

  // Report cards, with the gap the guide warns about.
  const yy = String(world.endYear % 100).padStart(2, "0")
  const card = ids.next("reportCardTemplate")
  out.reportCardTemplate.add({ templateID: card, schoolID, name: `${yy} Report Card` })
  out.reportCardTemplateTask.add({ templateID: card, taskID: db.tasks.semester })
  if (plan.reportCard !== "both") out.reportCardTemplateTask.add({ templateID: card, taskID: db.tasks.cteTerm })
  if (plan.reportCard === "none") out.reportCardTemplateTask.add({ templateID: card, taskID: db.tasks.cteFinal })
  if (plan.reportCard !== "none") {
    world.misconfigurations.push({
      kind: "hs.reportCardMissingTask", database: `d${work.districtNumber}`, district: work.districtNumber, school: plan.number,
      task: plan.reportCard === "final" ? "CTE Final Grade" : "CTE Term Grade, CTE Final Grade", alert: null,
      note: "the report card template lacks the task: synced grades do not print"
    })
  }

  // Students: who is on which KTS section, and when.
  const students: Array<Student> = []
  const newStudent = (noStateId: boolean): Student => {
    const grade = rng.weighted([["09", 10], ["10", 25], ["11", 35], ["12", 30]])
    work.studentNumber++
    const student: Student = {
      index: students.length,
      stateID: noStateId ? null : nextStateId(techDb.ctx),
      studentNumber: `${work.districtNumber}${String(work.studentNumber).padStart(6, "0")}`,
      grade,
      name: personName(rng, world.names),
      raceEthnicity: rng.weighted(RACE_WEIGHTS),
      birthDate: birthDateFor(rng, world.endYear, grade),
      homePrimaryLanguage: rng.chance(0.92) ? "0400" : rng.pick(OTHER_LANGUAGES),
      entries: []
    }
    students.push(student)
    return student
  }
  const tinyKinds = TINY_KINDS[plan.index] ?? []
  let usableEntry = 0
  let noStateIdDone = false
  for (const kts of ktsCourses) {
    const count = world.tiny ? 3 : rng.int(3, 9)
    for (let position = 0; position < count; position++) {
      const draw = rng.float()
      const kind: EntryKind = !kts.usable ? "base" : world.tiny ? (tinyKinds[usableEntry] ?? "base") : rng.weighted(KIND_RATES)
      const nullStart = rng.chance(0.1)
      const lateStart = dayBetween(rng, year, plusDays(sectionStart, 20), plusDays(world.midDay, -10))
      const dropEnd = dayBetween(rng, year, plusDays(sectionStart, 30), plusDays(world.midDay, -10))
      const recentStart = dayBetween(rng, year, plusDays(world.midDay, -12), plusDays(world.midDay, -3))
      if (kts.usable) usableEntry++
      const baseStart = nullStart ? null : sectionStart
      const [start, end]: [string | null, string | null] =
        kind === "lateAdd" ? [lateStart, null]
        : kind === "pastDrop" ? [baseStart, dropEnd]
        : kind === "driftAdd" ? [world.midDay, null]
        : kind === "driftDrop" ? [baseStart, world.midDay]
        : kind === "driftDelete" ? [recentStart, null]
        : [baseStart, null]
      const sectionIndex = kts.fault === "twoSections" ? position % 2 : 0
      // About one in ten on a usable course also takes a second technical course from this high school.
      const reuse = kind === "base" && kts.usable && draw < (world.tiny ? 0 : 0.1)
        ? students.find((other) => other.stateID !== null && other.entries.length === 1 && other.entries[0]?.kind === "base" && other.entries[0].kts !== kts && other.entries[0].kts.usable)
        : undefined
      const tinyReuse = world.tiny && kind === "base" && plan.index >= 2 && kts === ktsCourses[1] && position === 2
        ? students.find((other) => other.entries.length === 1 && other.entries[0]?.kind === "base" && other.entries[0].kts === ktsCourses[0] && other.stateID !== null)
        : undefined
      const noStateId = kts.usable && kind === "base" && (world.tiny ? plan.index === 0 && !noStateIdDone && position === 0 : rng.chance(0.003))
      if (noStateId) noStateIdDone = true
      const student = tinyReuse ?? reuse ?? newStudent(noStateId)
      student.entries.push({ kts, sectionIndex, kind, start, end })
    }
  }
  // A few students who take no technical course.
  for (let count = world.tiny ? 2 : Math.round(students.length * 0.3); count > 0; count--) newStudent(false)

  const noStateIds = students.filter((student) => student.stateID === null && student.entries.length > 0)
  for (const student of noStateIds) {
    const entry = student.entries[0] as Entry
    world.misconfigurations.push({
      kind: "student.noStateId", database: `d${work.districtNumber}`, district: work.districtNumber, school: plan.number,
      courseNumber: entry.kts.number, sectionNumber: entry.sectionIndex + 1, ktsTechID: entry.kts.tech.ktsTechID, alert: "student.noStateId",
      note: "a student on a usable KTS section has no State ID"
    })
  }

  const ordinarySections = ordinary.map((course) => {
    const count = Math.max(1, Math.ceil(students.length / 28))
    return Array.from({ length: count }, (_, index) =>
      writeSection(ctx, rng, course, year.structure, {
        trialID: year.structure.activeTrialID, terms, number: index + 1, coreContent: null, periodic: true, crossSite: null, staff, staffShape: "plain"
      }))
  })
  await db.writer.settle()

  const link = { hsKey, techKey: `${TECH_DISTRICT}-${techSchool.plan.number}`, attendanceSync: plan.attendanceSync }
  const forced = { newPosted: false, corrected: false, unposted: false, absence: false }
  for (const student of students) {
    writeStudent(work, student, { year, ordinarySections, techSchool, link, wrongTerm: plan.wrongTerm, forced })
    if (student.index % 400 === 399) {
      await db.writer.settle()
      await techDb.writer.settle()
    }
  }
}

interface StudentPlace {
  readonly year: Year
  readonly ordinarySections: ReadonlyArray<ReadonlyArray<SectionInfo>>
  readonly techSchool: TechSchool
  readonly link: { readonly hsKey: string; readonly techKey: string; readonly attendanceSync: boolean }
  /** The high school's CTE Term Grade active masks sit on the wrong term. */
  readonly wrongTerm: boolean
  /** The tiny world's one-of-each outcomes, per high school. */
  readonly forced: { newPosted: boolean; corrected: boolean; unposted: boolean; absence: boolean }
}

type TermOutcome = "postedBefore" | "newPosted" | "corrected" | "unposted"

const letter = (percent: number): string => (percent >= 90 ? "A" : percent >= 80 ? "B" : percent >= 70 ? "C" : percent >= 60 ? "D" : "F")

/** Writes one student: the high school's rows and, mid-year, what the earlier nights gave the technical school. */
const writeStudent = (work: DistrictWork, student: Student, place: StudentPlace) => {
  const { world, db, techDb } = work
  const { out, ids } = db.ctx
  const { year, techSchool } = place
  const isMid = mid(world)
  const person = {
    stateID: student.stateID,
    studentNumber: student.studentNumber,
    firstName: student.name.first,
    lastName: student.name.last,
    legalFirstName: student.name.legalFirst,
    legalLastName: student.name.legalLast,
    gender: student.name.gender,
    raceEthnicity: student.raceEthnicity,
    birthDate: student.birthDate,
    homePrimaryLanguage: student.homePrimaryLanguage
  }
  const personID = ids.next("person")
  out.person.add({ personID, ...person })
  world.tally.highSchoolStudents++
  out.enrollment.add({
    enrollmentID: ids.next("enrollment"), personID, calendarID: year.structure.calendarID, structureID: year.structure.structureID,
    grade: student.grade, serviceType: "P", startDate: year.days.first, endDate: null, startStatus: "E01", endStatus: null, noShow: false, stateExclude: false
  })
  for (const sections of place.ordinarySections.slice(0, 2)) {
    const section = sections[student.index % sections.length] as SectionInfo
    out.roster.add({ rosterID: ids.next("roster"), sectionID: section.sectionID, personID, startDate: section.start, endDate: null })
  }

  // The high school's KTS roster rows as they stand on the night.
  let onKts = false
  for (const entry of student.entries) {
    const section = entry.kts.sections[entry.sectionIndex] as SectionInfo
    const row = isMid
      ? entry.kind === "driftDelete" ? null : { start: entry.start, end: entry.end }
      : entry.kind === "base" || entry.kind === "pastDrop" || entry.kind === "driftDrop" ? { start: entry.start, end: null } : null
    if (row === null) continue
    onKts = true
    out.roster.add({ rosterID: ids.next("roster"), sectionID: section.sectionID, personID, startDate: row.start, endDate: row.end })
  }
  if (onKts) world.tally.ktsStudents++
  if (!isMid) return

  // Mid-year drift at the high school.
  for (const entry of student.entries) {
    if (student.stateID === null || !entry.kts.usable) continue
    const base = { highSchool: place.link.hsKey, ktsTechID: entry.kts.tech.ktsTechID, stateID: student.stateID, courseNumber: entry.kts.number, sectionNumber: entry.sectionIndex + 1 }
    if (entry.kind === "driftAdd") world.drift.push({ kind: "rosterAdd", ...base, startDate: entry.start })
    if (entry.kind === "driftDrop") world.drift.push({ kind: "rosterDrop", ...base, endDate: entry.end })
    if (entry.kind === "driftDelete") world.drift.push({ kind: "rosterDelete", ...base })
  }

  // What the nights until yesterday gave the technical school: synced entries, with the dates the technical school last saw.
  if (student.stateID === null) return
  const synced = student.entries.filter((entry) => entry.kts.usable && entry.kind !== "driftAdd")
  if (synced.length === 0) return
  const tech = techDb.ctx
  const techPersonID = tech.ids.next("person")
  tech.out.person.add({ personID: techPersonID, ...person })
  world.tally.syncedStudents++
  const techStart = techSchool.year.days.first
  const rows = synced.map((entry) => ({ entry, start: entry.start, end: entry.kind === "driftDrop" ? null : entry.end }))
  const effectiveStarts = rows.map((row) => row.start ?? techStart).sort()
  const allEnded = rows.every((row) => row.end !== null)
  const enrollmentEnd = allEnded ? (rows.map((row) => row.end as string).sort().pop() as string) : null
  tech.out.enrollment.add({
    enrollmentID: tech.ids.next("enrollment"), personID: techPersonID, calendarID: techSchool.year.structure.calendarID,
    structureID: techSchool.year.structure.structureID, grade: student.grade, serviceType: "S", startDate: effectiveStarts[0] as string,
    endDate: enrollmentEnd, startStatus: null, endStatus: null, noShow: false, stateExclude: false
  })
  for (const row of rows) {
    const techSection = row.entry.kts.tech
    tech.out.roster.add({ rosterID: tech.ids.next("roster"), sectionID: techSection.info.sectionID, personID: techPersonID, startDate: row.start, endDate: row.end })
    writeMarks(work, student, place, row, personID, techPersonID)
  }
}

/** Grades and attendance of one synced entry at the technical school, and the copies earlier nights made at the high school. */
const writeMarks = (
  work: DistrictWork,
  student: Student,
  place: StudentPlace,
  row: { readonly entry: Entry; readonly start: string | null; readonly end: string | null },
  personID: number,
  techPersonID: number
) => {
  const { world, db, techDb } = work
  const { techSchool, link, forced } = place
  const { entry } = row
  const kts = entry.kts
  const techSection = kts.tech
  const hsSection = kts.sections[entry.sectionIndex] as SectionInfo
  const stateID = student.stateID as string
  const rng = Random.of(world.seed, "world", world.scale, "marks", link.hsKey, student.index, kts.courseID)
  const start = row.start ?? techSchool.year.days.first
  const techClean = techSection.course.plan.fault === "none"
  const hsClean = kts.fault === "none"
  const base = rng.normal(84, 8)
  const percentOf = () => Math.round(Math.min(100, Math.max(40, base + rng.normal(0, 5))) * 10) / 10
  const score = (termID: number, sectionID: number, target: "tech" | "hs", values: { score: string; percent: number; posted: boolean; modified: string }, who: number) => {
    const sink = target === "tech" ? techDb.ctx : db.ctx
    sink.out.gradingScore.add({
      scoreID: sink.ids.next("gradingScore"), personID: who, sectionID, taskID: target === "tech" ? techDb.tasks.cteTerm : db.tasks.cteTerm,
      termID, score: values.score, percent: values.percent, posted: values.posted, modifiedDate: values.modified
    })
  }
  const drift = { techSchool: link.techKey, highSchool: link.hsKey, ktsTechID: techSection.ktsTechID, stateID }
  // Term grades of every term that ended before yesterday, while the student was on the section.
  const gradedTerms = techSchool.terms.filter((term) => (term.end as string) < world.midDay && start <= (term.end as string) && (row.end === null || row.end >= (term.end as string)))
  const clean = techClean && hsClean && !place.wrongTerm
  type Values = { score: string; percent: number; posted: boolean; modified: string }
  // The high school keeps one row per term: a later technical term ending in the same high-school term updated it.
  const copies = new Map<number, Values>()
  for (const term of techSchool.terms) {
    const percent = percentOf()
    const roll = rng.float()
    const minute = time(rng, 7, 16)
    const postedDay = dayBetween(rng, techSchool.year, plusDays(term.end as string, 1), plusDays(world.midDay, -1)) ?? world.midDay
    const earlierDay = plusDays(term.end as string, rng.int(2, 12))
    const correction = Math.round((percent + (rng.chance(0.5) ? -1 : 1) * rng.int(2, 8)) * 10) / 10
    if (!gradedTerms.includes(term)) continue
    const hsTerm = kts.hsTermFor(term.end as string)
    const hsCopy = techClean && hsClean && hsTerm !== undefined
    if (term !== techSchool.midActiveTerm) {
      const values = { score: letter(percent), percent, posted: true, modified: `${earlierDay}T${minute}` }
      score(term.termID, techSection.info.sectionID, "tech", values, techPersonID)
      if (hsCopy) copies.set(hsTerm.termID, values)
      continue
    }
    let outcome: TermOutcome
    if (world.tiny) {
      // One of each outcome at each high school, on its first clean pairs; the rest were posted before yesterday.
      outcome = !clean ? "postedBefore" : !forced.newPosted ? "newPosted" : !forced.corrected ? "corrected" : !forced.unposted ? "unposted" : "postedBefore"
      if (outcome !== "postedBefore") forced[outcome] = true
    } else {
      outcome = roll < 0.8 ? "postedBefore" : roll < 0.9 ? "newPosted" : roll < 0.95 ? "corrected" : "unposted"
    }
    const before = postedDay < world.midDay ? postedDay : plusDays(world.midDay, -1)
    const earlier = { score: letter(percent), percent, posted: true, modified: `${before}T${minute}` }
    const activeTermID = clean && hsTerm !== undefined ? hsTerm.termID : null
    // What the next night does at the high school: insert a row, update the one an earlier term left, or nothing.
    const hsWrite = activeTermID === null ? null : copies.has(activeTermID) ? "update" : "insert"
    switch (outcome) {
      case "postedBefore":
        score(term.termID, techSection.info.sectionID, "tech", earlier, techPersonID)
        if (activeTermID !== null) copies.set(activeTermID, earlier)
        break
      case "newPosted":
        score(term.termID, techSection.info.sectionID, "tech", { ...earlier, modified: `${world.midDay}T${minute}` }, techPersonID)
        world.drift.push({ kind: "gradePosted", ...drift, term: term.name, score: letter(percent), percent, hsWrite })
        break
      case "corrected":
        score(term.termID, techSection.info.sectionID, "tech", { score: letter(correction), percent: correction, posted: true, modified: `${world.midDay}T${minute}` }, techPersonID)
        if (activeTermID !== null) copies.set(activeTermID, earlier)
        world.drift.push({ kind: "gradeCorrected", ...drift, term: term.name, score: letter(correction), percent: correction, hsWrite: activeTermID === null ? null : "update" })
        break
      case "unposted":
        score(term.termID, techSection.info.sectionID, "tech", { ...earlier, posted: false, modified: `${world.midDay}T${minute}` }, techPersonID)
        break
    }
  }
  for (const [termID, values] of copies) score(termID, hsSection.sectionID, "hs", values, personID)

  // Attendance: an earlier absence now and then (copied when the link syncs attendance), and yesterday's unknown absences.
  if (entry.kind === "driftDelete") return
  const attendance = (target: "tech" | "hs", date: string, status: string, excuse: string | null) => {
    const sink = target === "tech" ? techDb.ctx : db.ctx
    sink.out.attendance.add({
      attendanceID: sink.ids.next("attendance"), personID: target === "tech" ? techPersonID : personID,
      sectionID: target === "tech" ? techSection.info.sectionID : hsSection.sectionID, date, status, excuse
    })
  }
  const lastEarlier = row.end !== null && row.end < plusDays(world.midDay, -2) ? row.end : plusDays(world.midDay, -2)
  const earlierDay = dayBetween(rng, techSchool.year, start, lastEarlier)
  const status = rng.chance(0.7) ? "A" : "T"
  const excuse = rng.weighted<string | null>([["U", 60], ["E", 30], [null, 10]])
  const resolved = rng.chance(0.25)
  if (earlierDay !== null && rng.chance(world.tiny ? 0.5 : 0.25)) {
    attendance("tech", earlierDay, status, excuse)
    if (excuse === "U" && link.attendanceSync) attendance("hs", earlierDay, status, resolved ? "E" : "U")
  }
  const activeYesterday = start <= world.midDay && (row.end === null || row.end >= world.midDay)
  const yesterday = rng.float()
  if (!activeYesterday) return
  const unknown = world.tiny ? !forced.absence : yesterday < 0.05
  if (unknown) {
    forced.absence = true
    const yStatus = rng.chance(0.8) ? "A" : "T"
    attendance("tech", world.midDay, yStatus, "U")
    world.drift.push({ kind: "attendanceUnknown", ...drift, date: world.midDay, status: yStatus, attendanceSync: link.attendanceSync })
  } else if (!world.tiny && yesterday < 0.06) {
    attendance("tech", world.midDay, "A", "E")
  }
}

// ── Districts ────────────────────────────────────────────────────────────────

const writeDistrict = async (world: World, techDb: Db, techSchools: ReadonlyArray<TechSchool>, district: DistrictPlanW, linkCounter: Map<number, number>): Promise<Db> => {
  const db = await openDb(world, `d${district.number}`, `districts/${district.number}`, `districts/${district.number}.db`, true)
  const { out, ids } = db.ctx
  const districtID = ids.next("district")
  out.district.add({ districtID, number: district.number, name: district.name })
  // The high-school KTS catalog: one master per section of every technical school linked to this database's high schools.
  const catalogID = ids.next("courseCatalog")
  out.courseCatalog.add({ catalogID, name: ktsCatalogName(world.endYear) })
  const linked = [...new Set(district.highSchools.map((school) => school.tech))].sort((a, b) => a - b)
  const masters = new Map<string, number>()
  for (const techIndex of linked) {
    const techSchool = techSchools[techIndex] as TechSchool
    for (const course of techSchool.courses) {
      for (const section of course.sections) {
        const courseMasterID = ids.next("courseMaster")
        out.courseMaster.add({
          courseMasterID, catalogID, number: course.number, name: `${course.publishedName} - ${techSchool.plan.name} - Section ${section.number}`,
          stateCode: course.stateCode, ktsTechID: section.ktsTechID
        })
        masters.set(section.ktsTechID, courseMasterID)
      }
    }
  }
  const ordinaryCatalog = ids.next("courseCatalog")
  out.courseCatalog.add({ catalogID: ordinaryCatalog, name: `${district.name} Course Catalog` })
  const ordinaryMasters = ORDINARY.map(([name, number]) => {
    const courseMasterID = ids.next("courseMaster")
    out.courseMaster.add({ courseMasterID, catalogID: ordinaryCatalog, number, name, stateCode: `${number}00`, ktsTechID: null })
    return courseMasterID
  })
  const attributeID = ids.next("campusAttribute")
  out.campusAttribute.add({ attributeID, object: "Course", element: "KTSTechID" })
  const work: DistrictWork = { world, db, techDb, districtNumber: district.number, districtID, masters, attributeID, catalogID, ordinaryMasters, studentNumber: 0 }
  for (const school of district.highSchools) {
    const techSchool = techSchools[school.tech] as TechSchool
    const position = linkCounter.get(school.tech) ?? 0
    linkCounter.set(school.tech, position + 1)
    await writeHighSchool(work, school, techSchool, position)
    await db.writer.settle()
    await techDb.writer.settle()
  }
  return db
}

// ── Entry point ──────────────────────────────────────────────────────────────

const countBy = (items: ReadonlyArray<{ readonly kind: string }>): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const item of items) counts[item.kind] = (counts[item.kind] ?? 0) + 1
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
}

/**
 * Writes an exchange world: `exchange.json`, `world.json`, the technical-school
 * bundle `tech/` and one bundle per district database `districts/<number>/`.
 * The same options always give the same bytes.
 */
export const generateExchangeWorld = async (options: ExchangeWorldOptions): Promise<ExchangeWorldSummary> => {
  const endYear = options.endYear ?? 2025
  const variant = options.variant ?? "midYear"
  if (!Number.isInteger(endYear) || endYear < 1901 || endYear > 9998) throw new RangeError(`endYear must be a 4-digit year, got ${endYear}`)
  if (!Number.isFinite(options.seed)) throw new RangeError("seed must be a finite number")
  if (options.scale !== "tiny" && options.scale !== "state") throw new RangeError(`an exchange world is tiny or state, got ${String(options.scale)}`)
  if (variant !== "midYear" && variant !== "startOfYear") throw new RangeError(`variant must be midYear or startOfYear, got ${String(variant)}`)
  const tiny = options.scale === "tiny"
  const midNight = worldNight(endYear, "midYear")
  const startNight = worldNight(endYear, "startOfYear")
  const world: World = {
    seed: options.seed,
    scale: options.scale,
    endYear,
    variant,
    outDir: options.outDir,
    tiny,
    names: tiny ? { awkward: 0.25, broken: 0.08, markup: false } : { awkward: 0.03, broken: 0.002, markup: false },
    midNight,
    midDay: plusDays(midNight, -1),
    startNight,
    startDay: plusDays(startNight, -1),
    misconfigurations: [],
    drift: [],
    tally: { highSchoolStudents: 0, ktsStudents: 0, syncedStudents: 0, ktsCourses: 0 }
  }
  await mkdir(options.outDir, { recursive: true })
  const plan = tiny ? tinyPlan() : statePlan(options.seed)
  options.onProgress?.(0, plan.districts.length, "technical schools")
  const opened: Array<Db> = []
  try {
    const techDb = await openDb(world, "tech", "tech", "tech.db", false)
    opened.push(techDb)
    const techSchools = writeTechSchools(world, techDb, plan)
    await techDb.writer.settle()
    const databases: Array<WorldDatabase> = []
    const linkCounter = new Map<number, number>()
    for (const [index, district] of plan.districts.entries()) {
      const db = await writeDistrict(world, techDb, techSchools, district, linkCounter)
      opened.push(db)
      await db.writer.close()
      opened.pop()
      databases.push({ name: db.name, bundle: db.bundle, store: db.store, rowCounts: db.writer.rowCounts() })
      options.onProgress?.(index + 1, plan.districts.length, district.name)
    }
    await techDb.writer.close()
    opened.length = 0
    databases.unshift({ name: techDb.name, bundle: techDb.bundle, store: techDb.store, rowCounts: techDb.writer.rowCounts() })

    const config = {
      databases: Object.fromEntries(databases.map((db) => [db.name, db.store])),
      links: plan.districts.flatMap((district) =>
        district.highSchools.map((school) => ({
          tech: { database: "tech", district: TECH_DISTRICT, school: (plan.tech[school.tech] as TechPlan).number },
          highSchool: { database: `d${district.number}`, district: district.number, school: school.number },
          attendanceSync: school.attendanceSync
        })))
    }
    const configFile = join(options.outDir, "exchange.json")
    await writeFile(configFile, `${JSON.stringify(config, null, 2)}\n`)
    const rows = databases.reduce((sum, db) => sum + Object.values(db.rowCounts).reduce((a, b) => a + b, 0), 0)
    const counts: WorldCounts = {
      techSchools: plan.tech.length,
      districts: plan.districts.length,
      highSchools: config.links.length,
      links: config.links.length,
      techSections: techSchools.reduce((sum, school) => sum + school.courses.reduce((inner, course) => inner + course.sections.length, 0), 0),
      ktsCourses: world.tally.ktsCourses,
      highSchoolStudents: world.tally.highSchoolStudents,
      ktsStudents: world.tally.ktsStudents,
      syncedStudents: world.tally.syncedStudents,
      rows
    }
    const night = variant === "midYear" ? midNight : startNight
    const misconfigurations = countBy(world.misconfigurations)
    const drift = countBy(world.drift)
    const worldFile = join(options.outDir, "world.json")
    await writeFile(worldFile, `${JSON.stringify({
      scale: options.scale,
      seed: options.seed,
      endYear,
      variant,
      night,
      config: "exchange.json",
      import: databases.map((db) => `kts import ${db.bundle} --db ${db.store}`),
      run: `kts exchange run --config exchange.json --date ${night}`,
      counts,
      misconfigurationCounts: misconfigurations,
      driftCounts: drift,
      misconfigurations: world.misconfigurations,
      drift: world.drift
    }, null, 2)}\n`)
    return { variant, endYear, night, configFile, worldFile, databases, counts, misconfigurations, drift }
  } catch (error) {
    for (const db of opened) db.writer.destroy()
    throw error
  }
}
