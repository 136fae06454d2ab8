/**
 * A district database: its high-school KTS catalog (the published masters),
 * its high schools with their KTS courses, grading setups and report cards,
 * and who is on which KTS section when (the students themselves are written by
 * `WorldStudents.ts`).
 */
import { ktsCatalogName } from "@kts/domain"
import { plusDays, ymd } from "./Dates.js"
import type { TermInfo } from "./Model.js"
import { personName } from "./Names.js"
import { nextStateId, OTHER_LANGUAGES, RACE_WEIGHTS, writeStaff } from "./People.js"
import { Random } from "./Random.js"
import { writeCourse, writeSection } from "./Sections.js"
import { addGradingTask, dayBetween, drawYear, GRADES, neighbour, openDb, termHolding, writeYear } from "./WorldDatabase.js"
import { type CourseFault, type Db, type DistrictWork, type Entry, type EntryKind, type HighPlan, type KtsCourse, type Student, TECH_DISTRICT, type TechSchool, type TechSection, type World, type WorldDistrictPlan } from "./WorldModel.js"
import { writeStudent } from "./WorldStudents.js"

export const KIND_RATES: ReadonlyArray<readonly [EntryKind, number]> = [
  ["base", 85.7], ["lateAdd", 6], ["pastDrop", 5], ["driftAdd", 1.5], ["driftDrop", 1.5], ["driftDelete", 0.3]
]

/** The tiny world's forced roster cases, per high school, in entry order over its usable KTS courses. */
export const TINY_KINDS: ReadonlyArray<ReadonlyArray<EntryKind>> = [
  ["base", "driftDrop", "pastDrop", "base", "driftAdd", "lateAdd"],
  ["base", "driftAdd", "driftDrop"],
  ["base", "driftDelete", "driftDrop", "base", "driftAdd"],
  ["base", "lateAdd", "driftAdd", "base", "driftDrop"]
]

export const birthDateFor = (rng: Random, endYear: number, grade: string): string =>
  ymd(endYear - 6 - Number(grade) - (rng.chance(0.75) ? 1 : 0), rng.int(1, 12), rng.int(1, 28))

export const ORDINARY: ReadonlyArray<readonly [string, string]> = [["English", "2001"], ["Mathematics", "2101"], ["Science", "2201"], ["Social Studies", "2301"]]

export const writeHighSchool = async (work: DistrictWork, plan: HighPlan, techSchool: TechSchool, linkIndexInTech: number): Promise<void> => {
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

export const writeDistrict = async (world: World, techDb: Db, techSchools: ReadonlyArray<TechSchool>, district: WorldDistrictPlan, linkCounter: Map<number, number>): Promise<Db> => {
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
  const work: DistrictWork = { world, db, techDb, districtNumber: district.number, districtID, masters, attributeID, ordinaryMasters, studentNumber: 0 }
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
