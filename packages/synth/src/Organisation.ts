/**
 * Districts and schools: what each school gets (calendars, staff, ordinary
 * courses and sections, technical-center courses, high schools' copies of
 * them, report cards), written district by district. Returns what the
 * students of the district will need (ids and dates).
 */
import type { Context } from "./Context.js"
import { type CalendarKind, type CalendarShape, type StructureOptions, writeCalendar } from "./Calendars.js"
import { bandOf, type CourseTemplate, SUMMER_COURSES, TECH_PROGRAMS, templatesFor } from "./Courses.js"
import { setupCopyCourse, setupRegularCourse, setupTechCourse, writeReportCards } from "./Exchange.js"
import type { CalendarInfo, DistrictInfo, KtsCopy, Offering, SchoolInfo, SectionInfo, TechCenter, TechCourse } from "./Model.js"
import { writeStaff } from "./People.js"
import { Random } from "./Random.js"
import type { DistrictPlan, SchoolPlan } from "./Scales.js"
import { endEarlier, regularYear, summerSession } from "./SchoolDays.js"
import { type CourseFields, placement, STAFF_SHAPES, type StaffShape, writeCourse, writeSection } from "./Sections.js"

// ── Schools ──────────────────────────────────────────────────────────────────

const SHOWCASE_KINDS: ReadonlySet<string> = new Set(["high", "elementary", "tech"])

/** Per-district helpers: the district's course catalog and its masters, made on first use. */
class DistrictCatalog {
  private catalogID: number | null = null
  private readonly masters = new Map<string, number>()
  constructor(private readonly ctx: Context, private readonly name: string) {}

  masterFor(template: CourseTemplate): number {
    const known = this.masters.get(template.number)
    if (known !== undefined) return known
    if (this.catalogID === null) {
      this.catalogID = this.ctx.ids.next("courseCatalog")
      this.ctx.out.courseCatalog.add({ catalogID: this.catalogID, name: this.name })
    }
    const courseMasterID = this.ctx.ids.next("courseMaster")
    this.ctx.out.courseMaster.add({ courseMasterID, catalogID: this.catalogID, number: template.number, name: template.name, stateCode: template.stateCode, ktsTechID: null })
    this.masters.set(template.number, courseMasterID)
    return courseMasterID
  }
}

interface SchoolWork {
  readonly ctx: Context
  readonly rng: Random
  readonly plan: SchoolPlan
  readonly schoolID: number
  readonly districtName: string
  readonly catalog: DistrictCatalog
  /** The first school of its kind in its district: it gets every variant. */
  readonly showcase: boolean
}

/** How many sections a course needs for its expected students. */
const sectionCount = (work: SchoolWork, template: CourseTemplate, electives: number): number => {
  const grades = work.plan.grades
  const perGrade = work.plan.students / Math.max(1, grades.length)
  const served = bandOf(template, grades).length
  const takers = template.core ? perGrade * served : (perGrade * served * 2.2) / Math.max(1, electives)
  const classSize = grades.includes("09") ? 25 : 22
  return Math.max(1, Math.round(takers / classSize))
}

const courseFields = (work: SchoolWork, template: CourseTemplate, active: boolean): CourseFields => {
  const { rng } = work
  return {
    number: template.number,
    name: template.name,
    grades: bandOf(template, work.plan.grades),
    core: template.core,
    masterID: rng.chance(0.85) ? work.catalog.masterFor(template) : null,
    active,
    stateCode: rng.chance(0.05) ? null : template.stateCode,
    teachingMethod: template.teachingMethod ?? rng.weighted<string | null>([[null, 55], ["01", 40], ["20", 3], ["19", 2]]),
    instructionalSetting: template.instructionalSetting ?? rng.weighted<string | null>([[null, 70], ["01", 28], ["02", 2]]),
    type: template.type ?? null,
    difficultyLevel: template.difficultyLevel ?? null,
    responsive: rng.chance(0.04)
  }
}

/** Which of the school's templates it offers: all core courses and a size-dependent share of electives. */
const chooseTemplates = (work: SchoolWork): Array<CourseTemplate> => {
  const all = templatesFor(work.plan.grades)
  const electives = all.filter((template) => !template.core)
  let kept: Set<CourseTemplate>
  if (work.ctx.showcase) {
    const special = electives.filter((template) => template.difficultyLevel !== undefined || template.type !== undefined || template.teachingMethod !== undefined)
    kept = new Set([...special, ...work.rng.sample(electives, 4)])
  } else {
    const wanted = Math.min(electives.length, Math.round((work.ctx.showcase ? 2 : 5) + work.plan.students / 30))
    kept = new Set(work.rng.sample(electives, wanted))
  }
  return all.filter((template) => template.core || kept.has(template))
}

/** Ordinary courses of the current calendar, with sections in each structure. */
const writeCourses = (work: SchoolWork, calendar: CalendarInfo, staff: ReadonlyArray<number>) => {
  const { ctx, rng } = work
  const templates = chooseTemplates(work)
  const electiveCount = templates.filter((template) => !template.core).length
  const main = calendar.structures[0]
  if (main === undefined) return
  const highGrades = work.plan.grades.includes("10")
  const periodic = work.plan.grades.includes("06") || work.plan.grades.includes("09")
  // Counts the school's regular sections, so the showcase school gets each variant on its first ones.
  let sectionIndex = 0
  const shape = (): StaffShape => {
    if (work.showcase && sectionIndex <= STAFF_SHAPES.length) return STAFF_SHAPES[sectionIndex - 1] as StaffShape
    return rng.chance(0.2) ? rng.pick(STAFF_SHAPES) : "plain"
  }
  const crossSite = (): string | null => {
    const forced = work.showcase && highGrades && sectionIndex === 2
    return forced || (highGrades && rng.chance(0.02)) ? `Cross-site: ${work.districtName} ${rng.int(1, 9)}` : null
  }
  templates.forEach((template, templateIndex) => {
    const inactive = work.showcase ? templateIndex === 3 : rng.chance(0.03)
    const course = writeCourse(ctx, calendar.calendarID, courseFields(work, template, !inactive))
    const offering: Offering = { course, sections: [] }
    const count = sectionCount(work, template, electiveCount)
    for (let index = 0; index < count; index++) {
      sectionIndex++
      offering.sections.push(
        writeSection(ctx, rng, course, main, {
          trialID: main.activeTrialID,
          terms: placement(main.terms, template.semester, index),
          number: index + 1,
          coreContent: template.coreContent,
          periodic,
          crossSite: crossSite(),
          staff,
          staffShape: shape()
        })
      )
    }
    main.offerings.push(offering)
    if (highGrades && rng.chance(work.showcase ? 0.5 : 0.2)) setupRegularCourse(ctx, course.courseID, main)
    // A second structure offers the core courses only, one section each.
    for (const other of calendar.structures.slice(1)) {
      if (!template.core) continue
      const section = writeSection(ctx, rng, course, other, {
        trialID: other.activeTrialID,
        terms: placement(other.terms, template.semester, 0),
        number: count + 1,
        coreContent: template.coreContent,
        periodic: true,
        crossSite: null,
        staff,
        staffShape: "plain"
      })
      other.offerings.push({ course, sections: [section] })
    }
    // Draft sections in the inactive trial, never reported.
    for (const structure of calendar.structures) {
      if (structure.inactiveTrialID !== null && templateIndex < 2) {
        writeSection(ctx, rng, course, structure, {
          trialID: structure.inactiveTrialID,
          terms: structure.terms,
          number: 90 + templateIndex,
          coreContent: template.coreContent,
          periodic: true,
          crossSite: null,
          staff,
          staffShape: "plain"
        })
      }
    }
  })
  // Structures with an undated term: sections placed in it have no end date.
  for (const structure of calendar.structures) {
    const undated = structure.undatedTerm
    if (undated === null) continue
    const course = writeCourse(ctx, calendar.calendarID, {
      number: "9990", name: "Intersession Enrichment", grades: null, core: false, masterID: null, active: true,
      stateCode: null, teachingMethod: null, instructionalSetting: null, type: null, difficultyLevel: null, responsive: false
    })
    const lastTerm = structure.terms[structure.terms.length - 1]
    const sections = [
      writeSection(ctx, rng, course, structure, { trialID: structure.activeTrialID, terms: [undated], number: 1, coreContent: null, periodic: false, crossSite: null, staff, staffShape: "plain" }),
      writeSection(ctx, rng, course, structure, {
        trialID: structure.activeTrialID,
        terms: lastTerm === undefined ? [undated] : [lastTerm, undated],
        number: 2,
        coreContent: null,
        periodic: false,
        crossSite: null,
        staff,
        staffShape: "plain"
      })
    ]
    structure.offerings.push({ course, sections })
  }
}

/** A small calendar's courses (summer session, prior year): a few courses, one section each. */
const writeSmallCourses = (work: SchoolWork, calendar: CalendarInfo, staff: ReadonlyArray<number>, templates: ReadonlyArray<CourseTemplate>) => {
  const structure = calendar.structures[0]
  if (structure === undefined) return
  for (const template of templates) {
    const course = writeCourse(work.ctx, calendar.calendarID, courseFields(work, template, true))
    const section = writeSection(work.ctx, work.rng, course, structure, {
      trialID: structure.activeTrialID,
      terms: structure.terms,
      number: 1,
      coreContent: template.coreContent,
      periodic: true,
      crossSite: null,
      staff,
      staffShape: "plain"
    })
    structure.offerings.push({ course, sections: [section] })
  }
}

const summerTemplates: ReadonlyArray<CourseTemplate> = SUMMER_COURSES.map(([name, number]) => ({
  name, number, grades: null, core: false, semester: false, stateCode: null, coreContent: null
}))

/** High-school copies of the feeder center's KTS courses, with the catalog and KTSTechID variants. */
const writeKtsCopies = (work: SchoolWork, calendar: CalendarInfo, staff: ReadonlyArray<number>, center: TechCenter): Array<KtsCopy> => {
  const { ctx, rng } = work
  const main = calendar.structures[0]
  if (main === undefined) return []
  const copies: Array<KtsCopy> = []
  center.courses.forEach((tech, index) => {
    // Variants: 0 normal; 1 NULL KTSTechID; 2 no KTSTechID row; 3 last year's catalog; 4 no master; 5 attribute on the wrong object.
    const variant = work.showcase ? index % 8 : rng.weighted([[0, 88], [1, 3], [2, 3], [3, 2], [4, 2], [5, 2]])
    let masterID: number | null = tech.hsMasterID
    if (variant === 3) {
      masterID = ctx.ids.next("courseMaster")
      ctx.out.courseMaster.add({ courseMasterID: masterID, catalogID: ctx.globals.catalogs.ktsHighSchoolsPrior, number: tech.course.number, name: tech.course.name, stateCode: null, ktsTechID: null })
    }
    if (variant === 4) masterID = null
    const course = writeCourse(ctx, calendar.calendarID, {
      number: `KTS${tech.course.number}`,
      name: tech.course.name,
      grades: ["09", "10", "11", "12"],
      core: false,
      masterID,
      active: true,
      stateCode: null,
      teachingMethod: "01",
      instructionalSetting: "02",
      type: null,
      difficultyLevel: null,
      responsive: false
    })
    const attributeID = variant === 5 ? ctx.globals.attributes.sectionKtsTechId : ctx.globals.attributes.ktsTechId
    if (variant !== 2) {
      ctx.out.customCourse.add({ customID: ctx.ids.next("customCourse"), courseID: course.courseID, attributeID, value: variant === 1 ? null : tech.techID })
    }
    const section = writeSection(ctx, rng, course, main, {
      trialID: main.activeTrialID,
      terms: main.terms,
      number: 1,
      coreContent: null,
      periodic: true,
      crossSite: null,
      staff,
      staffShape: "plain"
    })
    setupCopyCourse(ctx, rng, course.courseID, main, work.showcase ? index : null)
    copies.push({ tech, section })
  })
  return copies
}

/** A technical center's courses: masters in the tech and high-school KTS catalogs, sections, grading setup. */
const writeTechCourses = (work: SchoolWork, calendar: CalendarInfo, staff: ReadonlyArray<number>): Array<TechCourse> => {
  const { ctx, rng, plan } = work
  const main = calendar.structures[0]
  if (main === undefined) return []
  const wanted = ctx.showcase ? 8 : Math.max(6, Math.min(TECH_PROGRAMS.length, Math.round(6 + plan.techLoad / 40)))
  const programs = rng.sample(TECH_PROGRAMS, wanted).sort((a, b) => (a[1] < b[1] ? -1 : 1))
  const sectionsEach = Math.max(1, Math.round((plan.techLoad * 1.4) / wanted / 18))
  return programs.map(([name, number], index) => {
    const stateCode = `47${number.slice(2)}0`.slice(0, 6)
    const techMasterID = ctx.ids.next("courseMaster")
    ctx.out.courseMaster.add({ courseMasterID: techMasterID, catalogID: ctx.globals.catalogs.ktsTech, number, name, stateCode, ktsTechID: null })
    const hsMasterID = ctx.ids.next("courseMaster")
    ctx.out.courseMaster.add({ courseMasterID: hsMasterID, catalogID: ctx.globals.catalogs.ktsHighSchools, number: `KTS${number}`, name, stateCode, ktsTechID: null })
    const course = writeCourse(ctx, calendar.calendarID, {
      number, name, grades: ["09", "10", "11", "12"], core: false, masterID: techMasterID, active: true, stateCode,
      teachingMethod: "01", instructionalSetting: rng.chance(0.5) ? null : "01", type: null,
      difficultyLevel: rng.chance(0.05) ? "DC" : null, responsive: false
    })
    const sections: Array<SectionInfo> = []
    const semester = !ctx.showcase && rng.chance(0.15)
    for (let count = 0; count < sectionsEach; count++) {
      sections.push(writeSection(ctx, rng, course, main, {
        trialID: main.activeTrialID,
        terms: placement(main.terms, semester, count),
        number: count + 1,
        coreContent: null,
        periodic: true,
        crossSite: (ctx.showcase && index === 1) || rng.chance(0.02) ? `KTS cross-site ${plan.number}` : null,
        staff,
        staffShape: ctx.showcase ? (STAFF_SHAPES[index] ?? "plain") : rng.chance(0.15) ? rng.pick(STAFF_SHAPES) : "plain"
      }))
    }
    main.offerings.push({ course, sections })
    setupTechCourse(ctx, rng, course.courseID, main, ctx.showcase ? index : null)
    return { course, sections, hsMasterID, techID: String(course.courseID) }
  })
}

/** Decoy custom attributes: a course level on some courses, KTSTechID on the wrong object. */
const writeCustomDecoys = (work: SchoolWork, calendar: CalendarInfo) => {
  const { ctx, rng } = work
  const main = calendar.structures[0]
  if (main === undefined) return
  main.offerings.forEach((offering, index) => {
    if ((work.showcase && index === 0) || rng.chance(0.04)) {
      ctx.out.customCourse.add({ customID: ctx.ids.next("customCourse"), courseID: offering.course.courseID, attributeID: ctx.globals.attributes.courseLevel, value: rng.pick(["Honors", "Standard", null]) })
    }
  })
}

const shapeFor = (work: SchoolWork, kind: CalendarKind): CalendarShape => {
  const { rng, plan, ctx } = work
  const isHigh = plan.grades.includes("09")
  const isTech = plan.kind === "tech"
  const extraGrades: Array<string> = []
  if (kind === "current") {
    if (isHigh && !isTech && (work.showcase || rng.chance(0.3))) extraGrades.push("14")
    if (plan.grades.includes("00") && !plan.grades.includes("96") && (work.showcase || rng.chance(0.3))) extraGrades.push("96")
  }
  if (kind === "summer") {
    return { extraGrades, structures: [{ name: "Summer", days: summerSession(rng, ctx.endYear), termCount: 1, termPrefix: "Summer ", undatedTerm: false, inactiveTrial: false }] }
  }
  // The showcase high school ends after its last instructional day, so LID and the last term's end differ.
  const days = regularYear(rng, kind === "prior" ? ctx.endYear - 1 : ctx.endYear, work.showcase && isHigh && !isTech)
  const termCount = isTech ? (rng.chance(0.8) ? 2 : 4) : isHigh ? rng.weighted([[4, 50], [2, 40], [3, 10]]) : rng.weighted([[4, 70], [3, 30]])
  const prefix = termCount === 2 ? "S" : termCount === 3 ? "T" : "Q"
  const structures: Array<StructureOptions> = [{
    name: rng.pick(["Main", "Traditional", "Regular Day"]),
    days,
    termCount,
    termPrefix: prefix,
    undatedTerm: kind === "current" && !isTech && (work.showcase ? isHigh : rng.chance(0.05)),
    inactiveTrial: kind === "current" && (work.showcase ? isHigh : rng.chance(0.15))
  }]
  const second = kind === "current" && !isTech && plan.students >= 8 && (work.showcase ? isHigh : (isHigh || plan.kind === "middle") && rng.chance(0.15))
  if (second) {
    structures.push({
      name: rng.pick(["Night School", "Block Schedule", "Seniors Early Release"]),
      days: endEarlier(days, rng.int(1, 4)),
      termCount: 2,
      termPrefix: "S",
      undatedTerm: false,
      inactiveTrial: false
    })
  }
  return { structures, extraGrades }
}

const buildSchool = (work: SchoolWork, district: DistrictInfo): SchoolInfo => {
  const { ctx, rng, plan, schoolID } = work
  ctx.out.school.add({ schoolID, districtID: district.districtID, number: plan.number, name: plan.name, stateClassification: plan.classification })
  const isTech = plan.kind === "tech"
  const current = writeCalendar(ctx, rng, plan, schoolID, "current", shapeFor(work, "current"))
  const sectionGuess = isTech ? 12 : Math.max(4, (plan.students * 6) / 24)
  const staff: Array<number> = []
  for (let count = Math.max(2, Math.round(sectionGuess / 6)); count > 0; count--) staff.push(writeStaff(ctx, rng))
  const sped = isTech ? 1 : 1 + Math.floor(plan.students / 180)
  for (let count = 0; count < sped; count++) district.spedStaff.push(writeStaff(ctx, rng))
  district.otherStaff.push(writeStaff(ctx, rng))
  const hasStudents = plan.students > 0
  const isHigh = plan.grades.includes("09") && !isTech
  const summer = hasStudents && (work.showcase ? isHigh : isHigh && rng.chance(0.3))
    ? writeCalendar(ctx, rng, plan, schoolID, "summer", shapeFor(work, "summer"))
    : null
  const prior = hasStudents && (work.showcase ? isHigh : rng.chance(0.2))
    ? writeCalendar(ctx, rng, plan, schoolID, "prior", shapeFor(work, "prior"))
    : null
  let ktsCopies: Array<KtsCopy> = []
  let feeder: TechCenter | null = null
  if (isTech) {
    const courses = writeTechCourses(work, current, staff)
    const info: SchoolInfo = { plan, schoolID, districtID: district.districtID, current, summer: null, prior: null, staff, ktsCopies: [], feeder: null }
    ctx.techCenters.set(plan.key, { school: info, courses })
    writeReportCards(ctx, schoolID, "none")
    return info
  }
  writeCourses(work, current, staff)
  writeCustomDecoys(work, current)
  if (summer !== null) writeSmallCourses(work, summer, staff, work.ctx.showcase ? summerTemplates : rng.sample(summerTemplates, 2))
  if (prior !== null) {
    // Last year's calendar: a handful of core courses is enough to carry prior-year enrollments.
    const core = templatesFor(plan.grades).filter((template) => template.core)
    const kept = new Set(rng.sample(core, ctx.showcase ? 4 : 8))
    writeSmallCourses(work, prior, staff, core.filter((template) => kept.has(template)))
  }
  if (plan.feeder !== null) {
    feeder = ctx.techCenters.get(plan.feeder) ?? null
    if (feeder !== null) ktsCopies = writeKtsCopies(work, current, staff, feeder)
  }
  if (isHigh) {
    const missing = work.showcase ? "final" : rng.weighted<"none" | "final" | "both">([["none", 70], ["final", 10], ["both", 20]])
    writeReportCards(ctx, schoolID, missing)
  }
  return { plan, schoolID, districtID: district.districtID, current, summer, prior, staff, ktsCopies, feeder }
}

/**
 * Writes a district's schools and everything they hold but students.
 * Technical centers come first so the district's high schools can copy their courses.
 */
export const buildDistrict = (ctx: Context, plan: DistrictPlan, districtID: number, showcased: Set<string>): DistrictInfo => {
  const district: DistrictInfo = { districtID, number: plan.number, schools: [], spedStaff: [], otherStaff: [] }
  const catalog = new DistrictCatalog(ctx, `${plan.name} Course Catalog`)
  const order = plan.schools.map((school, index) => ({ school, index })).sort((a, b) =>
    (a.school.kind === "tech" ? 0 : 1) - (b.school.kind === "tech" ? 0 : 1) || a.index - b.index
  )
  for (const { school } of order) {
    // In a tiny bundle, the first high school, elementary school and technical center carry every variant.
    const showcase = ctx.showcase && SHOWCASE_KINDS.has(school.kind) && !showcased.has(school.kind)
    if (showcase) showcased.add(school.kind)
    const work: SchoolWork = {
      ctx,
      rng: Random.of(ctx.seed, "school", school.key),
      plan: school,
      schoolID: ctx.ids.next("school"),
      districtName: plan.name,
      catalog,
      showcase
    }
    district.schools.push(buildSchool(work, district))
  }
  return district
}
