import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join, relative } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import { checkBundle, recordsOf, type Row } from "./BundleCheck.testkit.js"
import { generateExchangeWorld, type WorldVariant, worldNight } from "./index.js"

const made: Array<string> = []
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true })
}, 120_000)

interface WorldFile {
  readonly night: string
  readonly import: ReadonlyArray<string>
  readonly misconfigurations: ReadonlyArray<Record<string, string | number | null>>
  readonly drift: ReadonlyArray<Record<string, string | number | boolean | null>>
}

interface Config {
  readonly databases: Record<string, string>
  readonly links: ReadonlyArray<{
    readonly tech: { database: string; district: string; school: string }
    readonly highSchool: { database: string; district: string; school: string }
    readonly attendanceSync: boolean
  }>
}

const generate = async (variant: WorldVariant, seed = 1, endYear = 2025) => {
  const dir = mkdtempSync(join(tmpdir(), "synth-world-"))
  made.push(dir)
  const summary = await generateExchangeWorld({ scale: "tiny", seed, outDir: dir, variant, endYear })
  const world = JSON.parse(readFileSync(join(dir, "world.json"), "utf8")) as WorldFile
  const config = JSON.parse(readFileSync(join(dir, "exchange.json"), "utf8")) as Config
  return { dir, summary, world, config }
}

const bundleOf = (dir: string, store: string) => join(dir, store.replace(/\.db$/, ""))

const filesUnder = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  }).sort()

/** The tables of one bundle that the exchange reads, with the lookups the checks below need. */
const load = (dir: string) => {
  const table = (name: string) => recordsOf(dir, name)
  const byId = (rows: Array<Row>, key: keyof Row) => new Map(rows.map((row) => [row[key], row]))
  const tables = {
    school: table("school"), person: table("person"), roster: table("roster"), section: table("section"), course: table("course"),
    customCourse: table("customCourse"), campusAttribute: table("campusAttribute"), courseMaster: table("courseMaster"),
    courseGradingTask: table("courseGradingTask"), courseGradingTaskTerm: table("courseGradingTaskTerm"), gradingTask: table("gradingTask"),
    term: table("term"), gradingScore: table("gradingScore"), attendance: table("attendance"), enrollment: table("enrollment"),
    reportCardTemplate: table("reportCardTemplate"), reportCardTemplateTask: table("reportCardTemplateTask"), calendar: table("calendar")
  }
  const persons = byId(tables.person, "personID")
  const sections = byId(tables.section, "sectionID")
  const courses = byId(tables.course, "courseID")
  const terms = byId(tables.term, "termID")
  const cteTerm = tables.gradingTask.find((task) => task.name === "CTE Term Grade")?.taskID
  const stateOf = (personID: string) => persons.get(personID)?.stateID ?? ""
  /** CTE Term Grade setups of a course: per task row, its active terms. */
  const termGradeSetups = (courseID: string) =>
    tables.courseGradingTask.filter((row) => row.courseID === courseID && row.taskID === cteTerm).map((row) =>
      tables.courseGradingTaskTerm.filter((term) => term.courseGradingTaskID === row.courseGradingTaskID && term.activeMask === "1")
        .map((term) => terms.get(term.termID) as Row))
  return { ...tables, persons, sections, courses, terms, cteTerm, stateOf, termGradeSetups }
}
type Loaded = ReturnType<typeof load>

/** KTS courses of a district bundle: course, its KTSTechID, its sections, its school. */
const ktsCourses = (db: Loaded) => {
  const attribute = db.campusAttribute.find((row) => row.object === "Course" && row.element === "KTSTechID")?.attributeID
  return db.customCourse.filter((row) => row.attributeID === attribute && row.value !== "").map((row) => {
    const course = db.courses.get(row.courseID) as Row
    const calendar = db.calendar.find((candidate) => candidate.calendarID === course.calendarID) as Row
    const school = db.school.find((candidate) => candidate.schoolID === calendar.schoolID) as Row
    return { course, ktsTechID: row.value, school: school.number, sections: db.section.filter((section) => section.courseID === row.courseID) }
  })
}

const sectionIdOf = (ktsTechID: string) => ktsTechID.split("-")[2] as string

describe("generateExchangeWorld, tiny", () => {
  it("writes exchange.json, world.json and one bundle per database, each valid", async () => {
    const { dir, config, world, summary } = await generate("midYear")
    expect(Object.keys(config)).toEqual(["databases", "links"])
    expect(config.databases).toEqual({ tech: "tech.db", d165: "districts/165.db", d171: "districts/171.db", d180: "districts/180.db" })
    expect(config.links).toHaveLength(4)
    expect(config.links.filter((link) => link.attendanceSync)).toHaveLength(2)
    expect(world.import).toContain("kts import districts/165 --db districts/165.db")
    expect(summary.night).toBe("2025-02-13")
    for (const [name, store] of Object.entries(config.databases)) {
      expect(checkBundle(bundleOf(dir, store)), name).toEqual([])
    }
    // Every school a link names is in the database the link names.
    for (const link of config.links) {
      for (const side of [link.tech, link.highSchool]) {
        const db = load(bundleOf(dir, config.databases[side.database] as string))
        expect(db.school.map((school) => school.number), `${side.database} ${side.school}`).toContain(side.school)
      }
    }
  })

  it.each(["midYear", "startOfYear"] as const)("is byte-identical for the same seed (%s)", async (variant) => {
    const first = await generate(variant, 4)
    const second = await generate(variant, 4)
    const a = filesUnder(first.dir)
    expect(a.map((file) => relative(first.dir, file))).toEqual(filesUnder(second.dir).map((file) => relative(second.dir, file)))
    for (const file of a) {
      expect(readFileSync(file).equals(readFileSync(join(second.dir, relative(first.dir, file)))), file).toBe(true)
    }
  })

  it("differs for another seed", async () => {
    const first = await generate("midYear", 1)
    const second = await generate("midYear", 2)
    expect(readFileSync(join(first.dir, "districts/165/person.csv")).equals(readFileSync(join(second.dir, "districts/165/person.csv")))).toBe(false)
  })

  it("puts each misconfiguration where the docs say", async () => {
    const { dir, world } = await generate("midYear")
    const tech = load(join(dir, "tech"))
    const kinds = world.misconfigurations.map((entry) => `${entry.kind} ${entry.database} ${entry.school}`)
    expect(kinds.sort()).toEqual([
      "hs.activeMaskWrongTerm d180 010",
      "hs.duplicateTask d171 010",
      "hs.reportCardMissingTask d165 020",
      "hs.twoSections d165 020",
      "student.noStateId d165 010",
      "tech.twoActiveMasks tech 030"
    ])
    // Two active masks on the CTE Term Grade of course T4701 at technical school 030.
    const t4701 = tech.course.find((course) => course.number === "T4701") as Row
    expect(tech.termGradeSetups(t4701.courseID).map((active) => active.length)).toEqual([2])
    // A duplicate CTE Term Grade task on a KTS course of 171-010.
    const d171 = load(join(dir, "districts/171"))
    expect(ktsCourses(d171).filter((kts) => d171.termGradeSetups(kts.course.courseID).length === 2)).toHaveLength(1)
    // A KTS course with two sections at 165-020, and its report card without CTE Final Grade.
    const d165 = load(join(dir, "districts/165"))
    const twoSections = ktsCourses(d165).filter((kts) => kts.sections.length === 2)
    expect(twoSections.map((kts) => kts.school)).toEqual(["020"])
    const school020 = d165.school.find((school) => school.number === "020") as Row
    const card = d165.reportCardTemplate.find((template) => template.schoolID === school020.schoolID && template.name.endsWith("Report Card")) as Row
    const cardTasks = d165.reportCardTemplateTask.filter((row) => row.templateID === card.templateID).map((row) => d165.gradingTask.find((task) => task.taskID === row.taskID)?.name)
    expect(cardTasks).toContain("CTE Term Grade")
    expect(cardTasks).not.toContain("CTE Final Grade")
    // A student without a State ID on a usable KTS section of 165-010.
    const usable010 = ktsCourses(d165).filter((kts) => kts.school === "010" && kts.sections.length === 1)
    const withoutId = usable010.flatMap((kts) => d165.roster.filter((row) => row.sectionID === kts.sections[0]?.sectionID && d165.stateOf(row.personID) === ""))
    expect(withoutId).toHaveLength(1)
    // 180-010's active masks do not hold the technical active term's end; every other clean KTS course's do.
    const d180 = load(join(dir, "districts/180"))
    for (const kts of ktsCourses(d180)) {
      const techSection = tech.sections.get(sectionIdOf(kts.ktsTechID)) as Row
      const techActive = tech.termGradeSetups(techSection.courseID)[0]?.[0] as Row
      const hsActive = d180.termGradeSetups(kts.course.courseID)[0]?.[0] as Row
      expect(hsActive.startDate <= techActive.endDate && techActive.endDate <= hsActive.endDate).toBe(false)
    }
  })

  // A leap year and a century year too: calendars are drawn until the nights fit.
  it.each([[1, 2025], [7, 2024], [3, 2100]])("mid-year (seed %i, end year %i): the technical school holds what the nights until yesterday synced, and the drift is the only difference", async (seed, endYear) => {
    const { dir, config, world } = await generate("midYear", seed, endYear)
    const night = world.night
    expect(night).toBe(worldNight(endYear, "midYear"))
    const yesterday = new Date(Date.parse(`${night}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10)
    for (const [name, store] of Object.entries(config.databases)) expect(checkBundle(bundleOf(dir, store)), name).toEqual([])
    const tech = load(join(dir, "tech"))
    const techRows = new Map<string, string>()
    for (const row of tech.roster) {
      const section = tech.sections.get(row.sectionID) as Row
      const ktsTechID = `901-${tech.school.find((school) => school.schoolID === tech.calendar.find((calendar) => calendar.calendarID === tech.courses.get(section.courseID)?.calendarID)?.schoolID)?.number}-${row.sectionID}`
      techRows.set(`${ktsTechID}|${tech.stateOf(row.personID)}`, `${row.startDate}|${row.endDate}`)
    }
    const hsRows = new Map<string, string>()
    const events = (kind: string) => world.drift.filter((event) => event.kind === kind)
    const found = { rosterAdd: 0, rosterDrop: 0, rosterDelete: 0, gradeWrites: 0, attendance: 0 }
    const has = (kind: string, ktsTechID: string, stateID: string) => events(kind).some((event) => event.ktsTechID === ktsTechID && event.stateID === stateID)
    for (const [name, store] of Object.entries(config.databases)) {
      if (name === "tech") continue
      const db = load(bundleOf(dir, store))
      for (const kts of ktsCourses(db)) {
        if (kts.sections.length !== 1) continue
        const section = kts.sections[0] as Row
        const link = config.links.find((candidate) => candidate.highSchool.database === name && candidate.highSchool.school === kts.school)
        for (const row of db.roster.filter((candidate) => candidate.sectionID === section.sectionID)) {
          const stateID = db.stateOf(row.personID)
          if (stateID !== "") hsRows.set(`${kts.ktsTechID}|${stateID}`, `${row.startDate}|${row.endDate}`)
        }
        // Grades: posted CTE Term grades of the technical active term, against the copies in the high school's active term.
        const techSection = tech.sections.get(sectionIdOf(kts.ktsTechID)) as Row
        const techSetups = tech.termGradeSetups(techSection.courseID)
        const hsSetups = db.termGradeSetups(kts.course.courseID)
        const techActive = techSetups[0]?.[0] as Row
        const hsActive = hsSetups[0]?.[0] as Row
        const clean = techSetups.length === 1 && techSetups[0]?.length === 1 && hsSetups.length === 1 && hsSetups[0]?.length === 1 &&
          hsActive.startDate <= techActive.endDate && techActive.endDate <= hsActive.endDate
        const synced = new Set(db.roster.filter((row) => row.sectionID === section.sectionID).map((row) => db.stateOf(row.personID)))
        const copies = new Map(db.gradingScore.filter((score) => score.sectionID === section.sectionID && score.taskID === db.cteTerm && score.termID === hsActive.termID)
          .map((score) => [db.stateOf(score.personID), `${score.score}|${score.percent}|${score.modifiedDate}`]))
        const posted = tech.gradingScore.filter((score) => score.sectionID === techSection.sectionID && score.taskID === tech.cteTerm && score.termID === techActive.termID && score.posted === "1" && synced.has(tech.stateOf(score.personID)))
        // Attendance: yesterday's unknown absences at the technical school are not at the high school yet; earlier ones are, when the link syncs attendance.
        for (const row of tech.attendance.filter((candidate) => candidate.sectionID === techSection.sectionID && synced.has(tech.stateOf(candidate.personID)) && candidate.excuse === "U")) {
          const stateID = tech.stateOf(row.personID)
          const copy = db.attendance.find((candidate) => candidate.sectionID === section.sectionID && db.stateOf(candidate.personID) === stateID && candidate.date === row.date)
          if (row.date === yesterday) {
            expect(copy).toBeUndefined()
            expect(has("attendanceUnknown", kts.ktsTechID, stateID)).toBe(true)
            if (link?.attendanceSync === true) found.attendance++
          } else if (link?.attendanceSync === true) {
            expect(copy?.status, `${kts.ktsTechID} ${stateID} ${row.date}`).toBe(row.status)
          } else {
            expect(copy).toBeUndefined()
          }
        }
        if (!clean) {
          expect(copies.size, `${name} ${kts.ktsTechID}`).toBe(0)
          continue
        }
        for (const score of posted) {
          const stateID = tech.stateOf(score.personID)
          const copy = copies.get(stateID)
          const event = world.drift.find((candidate) => (candidate.kind === "gradePosted" || candidate.kind === "gradeCorrected") && candidate.ktsTechID === kts.ktsTechID && candidate.stateID === stateID)
          if (copy === undefined) {
            expect(event?.hsWrite, `${kts.ktsTechID} ${stateID}`).toBe("insert")
            found.gradeWrites++
          } else if (copy !== `${score.score}|${score.percent}|${score.modifiedDate}`) {
            expect(event?.hsWrite, `${kts.ktsTechID} ${stateID}`).toBe("update")
            found.gradeWrites++
          }
        }
      }
    }
    for (const [key, hs] of hsRows) {
      const [ktsTechID, stateID] = key.split("|") as [string, string]
      const techRow = techRows.get(key)
      if (techRow === undefined) {
        expect(has("rosterAdd", ktsTechID, stateID), key).toBe(true)
        found.rosterAdd++
      } else if (techRow !== hs) {
        expect(hs.endsWith(`|${yesterday}`), key).toBe(true)
        expect(techRow.endsWith("|"), key).toBe(true)
        expect(has("rosterDrop", ktsTechID, stateID), key).toBe(true)
        found.rosterDrop++
      }
    }
    for (const key of techRows.keys()) {
      if (hsRows.has(key)) continue
      const [ktsTechID, stateID] = key.split("|") as [string, string]
      expect(has("rosterDelete", ktsTechID, stateID), key).toBe(true)
      found.rosterDelete++
    }
    expect(found).toEqual({
      rosterAdd: events("rosterAdd").length,
      rosterDrop: events("rosterDrop").length,
      rosterDelete: events("rosterDelete").length,
      gradeWrites: world.drift.filter((event) => event.hsWrite === "insert" || event.hsWrite === "update").length,
      attendance: events("attendanceUnknown").filter((event) => event.attendanceSync === true).length
    })
    for (const count of Object.values(found)) expect(count).toBeGreaterThan(0)
    // Every synced person has one S enrollment in the technical school's calendar, starting no later than their first roster row.
    expect(tech.enrollment.every((row) => row.serviceType === "S")).toBe(true)
    expect(new Set(tech.enrollment.map((row) => row.personID)).size).toBe(tech.enrollment.length)
    expect(events("rosterAdd").every((event) => event.startDate === yesterday)).toBe(true)
  })

  it("mid-year: a renamed technical course is the only master out of date", async () => {
    const { dir, config, world } = await generate("midYear")
    const tech = load(join(dir, "tech"))
    const renamed = world.drift.filter((event) => event.kind === "courseRenamed")
    expect(renamed).toHaveLength(1)
    let stale = 0
    for (const store of Object.values(config.databases).filter((store) => store !== "tech.db")) {
      const db = load(bundleOf(dir, store))
      for (const master of db.courseMaster.filter((row) => row.ktsTechID !== "")) {
        const course = tech.courses.get((tech.sections.get(sectionIdOf(master.ktsTechID)) as Row).courseID) as Row
        if (!master.name.startsWith(`${course.name} - `)) {
          stale++
          expect(renamed[0]?.to).toBe(course.name)
          expect(master.name.startsWith(`${renamed[0]?.from} - `)).toBe(true)
        }
      }
    }
    expect(stale).toBeGreaterThan(0)
  })

  it("start of year: same schools and courses, nothing synced yet", async () => {
    const start = await generate("startOfYear")
    const midYear = await generate("midYear")
    expect(start.summary.night).toBe("2024-08-21")
    const tech = load(join(start.dir, "tech"))
    expect(tech.person.every((person) => person.stateID === "")).toBe(true)
    for (const table of ["roster", "enrollment", "gradingScore", "attendance"] as const) expect(tech[table], table).toHaveLength(0)
    expect(tech.section.length).toBe(load(join(midYear.dir, "tech")).section.length)
    expect(start.world.drift).toEqual([])
    expect(start.world.misconfigurations).toEqual(midYear.world.misconfigurations)
    const d165 = load(join(start.dir, "districts/165"))
    for (const kts of ktsCourses(d165)) {
      for (const row of d165.roster.filter((candidate) => kts.sections.some((section) => section.sectionID === candidate.sectionID))) {
        expect(row.endDate).toBe("")
        expect(row.startDate === "" || row.startDate <= start.summary.night).toBe(true)
      }
    }
    expect(d165.gradingScore).toHaveLength(0)
    expect(checkBundle(join(start.dir, "districts/165"))).toEqual([])
    expect(checkBundle(join(start.dir, "tech"))).toEqual([])
  })

  it("rejects a scale without an exchange layout and a bad end year", async () => {
    const dir = mkdtempSync(join(tmpdir(), "synth-world-"))
    made.push(dir)
    await expect(generateExchangeWorld({ scale: "district" as "tiny", seed: 1, outDir: dir })).rejects.toThrow(/tiny or state/)
    await expect(generateExchangeWorld({ scale: "tiny", seed: 1, outDir: dir, endYear: 25 })).rejects.toThrow(/endYear/)
  })
})

describe("worldNight", () => {
  // Mid-year: the second Thursday of February. Start of year: the first Wednesday on or after August 20.
  it.each([
    [2025, "midYear", "2025-02-13"],
    [2024, "midYear", "2024-02-08"], // February 1 is a Thursday: the second is the 8th
    [2026, "midYear", "2026-02-12"],
    [2025, "startOfYear", "2024-08-21"], // August 20 is a Tuesday: the next day
    [2026, "startOfYear", "2025-08-20"], // August 20 is a Wednesday: that day
    [2021, "startOfYear", "2020-08-26"] // August 20 is a Thursday: six days later
  ] as const)("%i %s → %s", (endYear, variant, night) => {
    expect(worldNight(endYear, variant)).toBe(night)
  })
})

describe("generateExchangeWorld, state", () => {
  // The sizes of docs/exchange.md's Scale section; slower than the rest (about 10 s to write, as much to check).
  it("has about 50 technical schools, 3–8 high schools each, ≈ 120 districts, ≈ 3,000 sections, ≈ 30,000 students, every bundle valid", { timeout: 240_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), "synth-world-state-"))
    made.push(dir)
    const summary = await generateExchangeWorld({ scale: "state", seed: 1, outDir: dir })
    const config = JSON.parse(readFileSync(join(dir, "exchange.json"), "utf8")) as Config
    expect(summary.counts.techSchools).toBe(50)
    const perTech = new Map<string, number>()
    for (const link of config.links) perTech.set(link.tech.school, (perTech.get(link.tech.school) ?? 0) + 1)
    expect(perTech.size).toBe(50)
    for (const [school, count] of perTech) {
      expect(count, school).toBeGreaterThanOrEqual(3)
      expect(count, school).toBeLessThanOrEqual(8)
    }
    expect(summary.counts.districts).toBeGreaterThan(100)
    expect(summary.counts.districts).toBeLessThan(150)
    expect(summary.counts.techSections).toBeGreaterThan(2_500)
    expect(summary.counts.techSections).toBeLessThan(3_500)
    expect(summary.counts.ktsStudents).toBeGreaterThan(25_000)
    expect(summary.counts.ktsStudents).toBeLessThan(35_000)
    for (const kind of ["tech.twoActiveMasks", "tech.duplicateTask", "hs.duplicateTask", "hs.twoActiveMasks", "hs.activeMaskWrongTerm", "hs.twoSections", "student.noStateId", "hs.reportCardMissingTask"]) {
      expect(summary.misconfigurations[kind], kind).toBeGreaterThan(0)
    }
    for (const kind of ["rosterAdd", "rosterDrop", "rosterDelete", "gradePosted", "gradeCorrected", "attendanceUnknown", "courseRenamed"]) {
      expect(summary.drift[kind], kind).toBeGreaterThan(0)
    }
    for (const [name, store] of Object.entries(config.databases)) expect(checkBundle(bundleOf(dir, store)), name).toEqual([])
  })
})
