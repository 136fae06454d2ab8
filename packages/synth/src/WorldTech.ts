/**
 * The technical-school database's schools: calendars, courses whose masters
 * are in the tech KTS catalog, sections (and their KTSTechIDs) and the CTE
 * grading setup, with the technical side's misconfigurations.
 */
import { Random } from "./Random.js"
import { writeCourse, writeSection } from "./Sections.js"
import { writeStaff } from "./People.js"
import type { TermInfo } from "./Model.js"
import { addGradingTask, drawYear, GRADES, neighbour, techCatalogName, writeYear } from "./WorldDatabase.js"
import { renamedTitle } from "./WorldPlan.js"
import { type Db, mid, TECH_DISTRICT, type TechCourse, type TechFault, type TechSchool, type World, type WorldPlan } from "./WorldModel.js"

export const writeTechSchools = (world: World, db: Db, plan: WorldPlan): Array<TechSchool> => {
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

/** A technical course's grading setup: the three CTE tasks, the composite final, and its fault if any. */
export const writeTechGrading = (db: Db, courseID: number, school: TechSchool, fault: TechFault) => {
  const { terms, activeTerm, lastTerm } = school
  const termActive = fault === "twoActiveMasks" ? [activeTerm, neighbour(terms, activeTerm)] : [activeTerm]
  addGradingTask(db, courseID, db.tasks.cteTerm, db.cteGroup, terms, () => true, termActive)
  if (fault === "duplicateTask") addGradingTask(db, courseID, db.tasks.cteTerm, db.cteGroup, terms, () => true, [activeTerm])
  addGradingTask(db, courseID, db.tasks.cteFinal, db.cteGroup, terms, (term) => term === lastTerm, [lastTerm])
  addGradingTask(db, courseID, db.tasks.cteExam, db.cteGroup, terms, (term) => term === lastTerm, [lastTerm])
  db.ctx.out.gradeCalcOption.add({ optionID: db.ctx.ids.next("gradeCalcOption"), courseID, taskID: db.tasks.cteFinal, componentTaskID: db.tasks.cteTerm, weight: 80 })
  db.ctx.out.gradeCalcOption.add({ optionID: db.ctx.ids.next("gradeCalcOption"), courseID, taskID: db.tasks.cteFinal, componentTaskID: db.tasks.cteExam, weight: 20 })
}
