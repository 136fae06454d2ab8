/**
 * The grade check's verdict equals the night. For every KTS pairing of tiny
 * exchange worlds (several seeds, both moments, with the misconfigurations the
 * generator plants), every student on it and every CTE task and tech term
 * they have a grade for: the grade check, run the day of the night, says
 * whether the grade syncs (`syncVerdict`); then the exchange's own night runs
 * on the imported copies, and the high school either holds the grade (posted,
 * same score, percent and modified date) or not. The two must agree for every
 * grade; a mismatch names the pairing, task, student and term.
 *
 * Mid-year, the high schools' CTE grades are removed before the night, so
 * what the high school holds afterwards is what that night wrote. At the start
 * of the year nothing is synced yet: a first night syncs the rosters, the
 * technical schools then post (and leave some unposted) grades for every term
 * of every CTE task on their sections, and the next night is the one compared.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { type CheckResult, runGradeCheck, syncVerdict } from "@kts/grade-check"
import { connectStore, importBundleIntoFile } from "@kts/store"
import { runExchange } from "@kts/sync/shell"
import { generateExchangeWorld, type WorldVariant } from "@kts/synth"
import { describe, expect, it } from "vitest"
import { tempDir } from "./runKts.js"
import { editStore } from "./support/exchangeWorld.js"

const CTE_TASKS = ["CTE Term Grade", "CTE Final Grade", "CTE Final Exam"]
const CTE_LIST = CTE_TASKS.map((name) => `'${name}'`).join(", ")

interface Link {
  readonly tech: { readonly database: string; readonly district: string; readonly school: string }
  readonly highSchool: { readonly database: string; readonly district: string; readonly school: string }
}

/** A grade as either school holds it. */
interface Grade {
  readonly stateID: string
  readonly task: string
  readonly term: string
  readonly score: string | null
  readonly percent: number | null
  readonly posted: boolean
  readonly modifiedDate: string | null
}

const query = (path: string, sql: string, params: ReadonlyArray<string | number> = []): Array<ReadonlyArray<unknown>> => {
  const store = connectStore(path, { readonly: true })
  try {
    return store.rawRows(sql, params)
  } finally {
    store.close()
  }
}

const plusDays = (date: string, days: number): string => {
  const value = new Date(`${date}T00:00:00Z`)
  value.setUTCDate(value.getUTCDate() + days)
  return value.toISOString().slice(0, 10)
}

/** The CTE grades on the sections of a school's courses of the end year, by course and section number (the tech's by KTSTechID). */
const gradesOf = (path: string, school: string): Map<string, Array<Grade>> => {
  const rows = query(path, `
    SELECT c."number", x."sectionID", p."stateID", t."name", m."name", g."score", g."percent", g."posted", g."modifiedDate"
    FROM "gradingScore" g
    JOIN "person" p ON p."personID" = g."personID"
    JOIN "gradingTask" t ON t."taskID" = g."taskID"
    JOIN "term" m ON m."termID" = g."termID"
    JOIN "section" x ON x."sectionID" = g."sectionID"
    JOIN "course" c ON c."courseID" = x."courseID"
    JOIN "calendar" k ON k."calendarID" = c."calendarID"
    JOIN "school" s ON s."schoolID" = k."schoolID"
    WHERE s."number" = ? AND k."endYear" = 2025 AND p."stateID" IS NOT NULL AND t."name" IN (${CTE_LIST})`, [school])
  const bySection = new Map<string, Array<Grade>>()
  for (const [courseNumber, sectionID, stateID, task, term, score, percent, posted, modifiedDate] of rows) {
    const grade: Grade = {
      stateID: stateID as string,
      task: task as string,
      term: term as string,
      score: score as string | null,
      percent: percent as number | null,
      posted: posted === 1,
      modifiedDate: modifiedDate as string | null
    }
    for (const key of [`course ${courseNumber as string}`, `section ${sectionID as number}`]) {
      const list = bySection.get(key)
      if (list === undefined) bySection.set(key, [grade])
      else list.push(grade)
    }
  }
  return bySection
}

const sameGrade = (copy: Grade, posted: Grade): boolean =>
  copy.posted && copy.score === posted.score && copy.percent === posted.percent && copy.modifiedDate === posted.modifiedDate

/** Start of year: every tech section's rostered students get a grade for every term of every CTE task of its course; one in five is left unposted. */
const postTechGrades = (techDb: string): number => {
  const rows = query(techDb, `
    SELECT r."personID", r."sectionID", cgt."taskID", cgtt."termID", (
      SELECT i."score" FROM "scoreGroupItem" i WHERE i."scoreGroupID" = cgt."scoreGroupID" ORDER BY i."seq", i."itemID" LIMIT 1
    )
    FROM "roster" r
    JOIN "section" x ON x."sectionID" = r."sectionID"
    JOIN "courseGradingTask" cgt ON cgt."courseID" = x."courseID"
    JOIN "gradingTask" t ON t."taskID" = cgt."taskID"
    JOIN "courseGradingTaskTerm" cgtt ON cgtt."courseGradingTaskID" = cgt."courseGradingTaskID"
    WHERE t."name" IN (${CTE_LIST})
    ORDER BY r."rosterID", cgt."courseGradingTaskID", cgtt."termID"`)
  const statements = rows.map(([personID, sectionID, taskID, termID, score], index) => [
    `INSERT INTO "gradingScore" ("personID", "sectionID", "taskID", "termID", "score", "percent", "posted", "modifiedDate") VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [
      personID as number,
      sectionID as number,
      taskID as number,
      termID as number,
      (score as string | null) ?? "A",
      60 + ((index * 7) % 40),
      index % 5 === 4 ? 0 : 1,
      `2024-08-21T${String(8 + Math.floor(index / 60) % 10).padStart(2, "0")}:${String(index % 60).padStart(2, "0")}:00`
    ]
  ] as const)
  editStore(techDb, statements)
  return statements.length
}

interface Outcome {
  readonly pairings: number
  readonly ktsCourses: number
  readonly compared: number
  readonly synced: number
  readonly mismatches: ReadonlyArray<string>
}

const compareWorld = async (seed: number, variant: WorldVariant): Promise<Outcome> => {
  const dir = join(tempDir("kts-grade-night-"), "world")
  const summary = await generateExchangeWorld({ scale: "tiny", seed, variant, outDir: dir })
  const store = (name: string) => join(dir, summary.databases.find((db) => db.name === name)!.store)
  for (const db of summary.databases) importBundleIntoFile(join(dir, db.store), join(dir, db.bundle))
  const links = (JSON.parse(readFileSync(summary.configFile, "utf8")) as { links: Array<Link> }).links
  const techDatabases = [...new Set(links.map((link) => link.tech.database))]
  const hsDatabases = [...new Set(links.map((link) => link.highSchool.database))]

  let night = summary.night
  if (variant === "startOfYear") {
    runExchange(summary.configFile, { night })
    for (const db of techDatabases) expect(postTechGrades(store(db))).toBeGreaterThan(0)
    night = plusDays(night, 1)
  } else {
    for (const db of hsDatabases) {
      editStore(store(db), [[`DELETE FROM "gradingScore" WHERE "taskID" IN (SELECT "taskID" FROM "gradingTask" WHERE "name" IN (${CTE_LIST}))`, []]])
    }
  }

  // The verdicts, the day of the night, for every linked high school.
  const results: Array<CheckResult> = []
  for (const link of links) {
    const outcome = runGradeCheck({
      configFile: summary.configFile,
      target: { kind: "school", district: link.highSchool.district, school: link.highSchool.school },
      asOf: night,
      format: "json",
      outDir: dir
    })
    results.push(...outcome.document.results)
  }
  const techBefore = new Map(links.map((link) => [link.tech.school, gradesOf(store(link.tech.database), link.tech.school)]))

  runExchange(summary.configFile, { night })

  const mismatches: Array<string> = []
  const pairings = new Map<string, { link: Link; courseNumber: string; ktsTechID: string; students: Set<string> }>()
  for (const result of results) {
    if (result.highSchool?.courseNumber == null || result.tech?.ktsTechID == null) continue
    const key = `${result.highSchool.district}-${result.highSchool.school} ${result.highSchool.courseNumber} ${result.tech.ktsTechID}`
    let pairing = pairings.get(key)
    if (pairing === undefined) {
      const link = links.find((row) => row.highSchool.district === result.highSchool!.district && row.highSchool.school === result.highSchool!.school)!
      pairing = { link, courseNumber: result.highSchool.courseNumber, ktsTechID: result.tech.ktsTechID, students: new Set() }
      pairings.set(key, pairing)
    }
    if (result.check === "pairing" && result.stateID !== null) pairing.students.add(result.stateID)
  }

  let compared = 0
  let synced = 0
  for (const [key, pairing] of pairings) {
    const [district, school, sectionID] = pairing.ktsTechID.split("-")
    const techGrades = district === undefined || school === undefined ? [] : techBefore.get(school)?.get(`section ${sectionID}`) ?? []
    const hsGrades = gradesOf(store(pairing.link.highSchool.database), pairing.link.highSchool.school).get(`course ${pairing.courseNumber}`) ?? []
    // Every grade of a student of the pairing, by task and tech term.
    const groups = new Map<string, Array<Grade>>()
    for (const grade of techGrades) {
      if (!pairing.students.has(grade.stateID)) continue
      const id = `${grade.task}|${grade.stateID}|${grade.term}`
      groups.set(id, [...(groups.get(id) ?? []), grade])
    }
    for (const [id, grades] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const [task, stateID, term] = id.split("|") as [string, string, string]
      const verdict = syncVerdict(results, {
        district: pairing.link.highSchool.district,
        school: pairing.link.highSchool.school,
        courseNumber: pairing.courseNumber,
        ktsTechID: pairing.ktsTechID,
        task,
        stateID
      })
      const expected = verdict.canSync && verdict.techTerm === term
      const posted = grades.filter((grade) => grade.posted)
      const arrived = hsGrades.some((copy) => copy.stateID === stateID && copy.task === task && posted.some((grade) => sameGrade(copy, grade)))
      compared++
      if (arrived) synced++
      if (expected !== arrived) {
        mismatches.push(
          `seed ${seed} ${variant} night ${night}: pairing ${key}, ${task}, State ID ${stateID}, tech term ${term}: grade check says ${
            expected ? "it syncs" : `it does not sync (${verdict.blockedBy.map((result) => `${result.check} ${result.status}`).join(", ") || `verdict term ${verdict.techTerm}`})`
          }, the night ${arrived ? "synced it" : "did not sync it"}`
        )
      }
    }
    // Nothing reached the pairing's course that the verdicts do not account for.
    for (const copy of hsGrades) {
      const source = techGrades.filter((grade) => grade.stateID === copy.stateID && grade.task === copy.task && grade.posted && sameGrade(copy, grade))
      const accounted = pairing.students.has(copy.stateID) && source.some((grade) =>
        syncVerdict(results, {
          district: pairing.link.highSchool.district,
          school: pairing.link.highSchool.school,
          courseNumber: pairing.courseNumber,
          ktsTechID: pairing.ktsTechID,
          task: copy.task,
          stateID: copy.stateID
        }).techTerm === grade.term
      )
      if (!accounted) mismatches.push(`seed ${seed} ${variant} night ${night}: pairing ${key}: the night wrote ${copy.task} for State ID ${copy.stateID} (term ${copy.term}), which no verdict says syncs`)
    }
  }
  return { pairings: pairings.size, ktsCourses: summary.counts.ktsCourses, compared, synced, mismatches }
}

describe("grade check verdict = the night", () => {
  it.each([
    { seed: 1, variant: "midYear" as const },
    { seed: 2, variant: "midYear" as const },
    { seed: 3, variant: "midYear" as const },
    { seed: 1, variant: "startOfYear" as const },
    { seed: 2, variant: "startOfYear" as const },
    { seed: 3, variant: "startOfYear" as const }
  ])("seed $seed, $variant world: every grade of every KTS pairing", async ({ seed, variant }) => {
    const outcome = await compareWorld(seed, variant)
    expect(outcome.mismatches).toEqual([])
    // Every KTS course of the world was checked, and the comparison was not vacuous either way.
    expect(outcome.pairings).toBe(outcome.ktsCourses)
    expect(outcome.synced).toBeGreaterThan(0)
    expect(outcome.compared).toBeGreaterThan(outcome.synced)
  }, 600000)
})
