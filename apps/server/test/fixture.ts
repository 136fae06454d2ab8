/**
 * A small exchange for the server's tests: the tiny synthetic bundle in one
 * store, its technical center 101-005 linked to high school 101-010, one
 * night run, then a few rows the tests need (an alert whose message holds
 * markup, a hold awaiting approval). 102-010 is a school outside the link.
 */
import { processAlert, exchangeHold } from "@kts/domain"
import { connectStore, importBundleIntoFile } from "@kts/store"
import { runExchange } from "@kts/sync/shell"
import { generateBundle } from "@kts/synth"
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

export const NIGHT = "2024-10-15"
export const TECH = "101-005"
export const HIGH_SCHOOL = "101-010"
export const OUTSIDE = "102-010"
/** With `secondLink`: a second "technical school" of the fixture, linked to OUTSIDE. */
export const SECOND_TECH = "102-040"
/** With `secondNight`: the night after NIGHT. */
export const NEXT_NIGHT = "2024-10-16"
export const SCRIPT_MESSAGE = "<script>window.__pwned = true</script> course 9999 needs a section"

export interface Fixture {
  readonly dir: string
  readonly configFile: string
  readonly dbPath: string
  /** Every person's names and birth dates (for the log scan). */
  readonly persons: ReadonlyArray<{ firstName: string; lastName: string; birthDate: string | null; stateID: string | null }>
  /** State IDs of students on a KTS course of the high school. */
  readonly rosteredStateIDs: ReadonlyArray<string>
  readonly holdID: number
  /** With `secondNight` and `secondLink`: the hold recorded on NEXT_NIGHT at SECOND_TECH. */
  readonly secondHoldID: number | null
}

/** What else the fixture holds: a second link (SECOND_TECH → OUTSIDE), a second night (NEXT_NIGHT). */
export interface FixtureOptions {
  readonly secondLink?: boolean
  readonly secondNight?: boolean
}

export const makeFixture = async (options: FixtureOptions = {}): Promise<Fixture> => {
  const dir = mkdtempSync(join(tmpdir(), "kts-server-"))
  const bundle = join(dir, "bundle")
  await generateBundle({ scale: "tiny", seed: 1, outDir: bundle })
  const dbPath = join(dir, "kts.db")
  const outcome = importBundleIntoFile(dbPath, bundle)
  if (!outcome.ok) throw new Error(`fixture import failed: ${JSON.stringify(outcome.problems.slice(0, 3))}`)
  const configFile = join(dir, "exchange.json")
  writeFileSync(configFile, JSON.stringify({
    databases: { all: "kts.db" },
    links: [
      { tech: { database: "all", district: "101", school: "005" }, highSchool: { database: "all", district: "101", school: "010" }, attendanceSync: true },
      ...(options.secondLink === true ? [{ tech: { database: "all", district: "102", school: "040" }, highSchool: { database: "all", district: "102", school: "010" } }] : [])
    ]
  }, null, 2))
  runExchange(configFile, { night: NIGHT })
  const db = connectStore(dbPath)
  try {
    const schoolID = (label: string) => {
      const [district, school] = label.split("-")
      return db.scalar<number>(`SELECT s."schoolID" FROM "school" s JOIN "district" d ON d."districtID" = s."districtID" WHERE d."number" = ? AND s."number" = ?`, [district!, school!])!
    }
    const nextAlert = (db.scalar<number>(`SELECT MAX("alertID") FROM "processAlert"`) ?? 0) + 1
    const holdID = (db.scalar<number>(`SELECT MAX("holdID") FROM "exchangeHold"`) ?? 0) + 1
    db.transaction(() => {
      db.insert(processAlert, [
        { alertID: nextAlert, schoolID: schoolID(HIGH_SCHOOL), stage: "rosters", severity: "error", code: "link.unknownTechSection", courseNumber: "9999", sectionNumber: null, ktsTechID: "101-005-1", stateID: null, task: null, message: SCRIPT_MESSAGE, firstSeen: NIGHT, lastSeen: NIGHT, resolvedOn: null },
        { alertID: nextAlert + 1, schoolID: schoolID(OUTSIDE), stage: "rosters", severity: "error", code: "student.noStateId", courseNumber: "OUT1", sectionNumber: 1, ktsTechID: null, stateID: null, task: null, message: "OUTSIDE-SCHOOL-ALERT", firstSeen: NIGHT, lastSeen: NIGHT, resolvedOn: null }
      ])
      db.insert(exchangeHold, [{ holdID, night: NIGHT, schoolID: schoolID(TECH), activeRows: 40, removals: 30, approvedOn: null, usedOn: null }])
    })
    let secondHoldID: number | null = null
    if (options.secondNight === true) {
      runExchange(configFile, { night: NEXT_NIGHT })
      if (options.secondLink === true) {
        secondHoldID = (db.scalar<number>(`SELECT MAX("holdID") FROM "exchangeHold"`) ?? 0) + 1
        const row = { holdID: secondHoldID, night: NEXT_NIGHT, schoolID: schoolID(SECOND_TECH), activeRows: 12, removals: 11, approvedOn: null, usedOn: null }
        db.transaction(() => db.insert(exchangeHold, [row]))
      }
    }
    const persons = db.rawRows(`SELECT "firstName", "lastName", "birthDate", "stateID" FROM "person"`)
      .map(([firstName, lastName, birthDate, stateID]) => ({ firstName: String(firstName), lastName: String(lastName), birthDate: birthDate as string | null, stateID: stateID as string | null }))
    const rosteredStateIDs = db.rawRows(
      `SELECT DISTINCT p."stateID" FROM "roster" r JOIN "person" p ON p."personID" = r."personID" JOIN "section" s ON s."sectionID" = r."sectionID"
       JOIN "course" c ON c."courseID" = s."courseID" JOIN "calendar" k ON k."calendarID" = c."calendarID" JOIN "school" h ON h."schoolID" = k."schoolID"
       WHERE h."schoolID" = ? AND p."stateID" IS NOT NULL AND c."courseID" IN (SELECT "courseID" FROM "customCourse") ORDER BY 1`, [schoolID(HIGH_SCHOOL)]
    ).map(([stateID]) => String(stateID))
    return { dir, configFile, dbPath, persons, rosteredStateIDs, holdID, secondHoldID }
  } finally {
    db.close()
  }
}

/** Posts a token to the login form of the server at `url`: the status, the Set-Cookie header and the `name=value` to send back. */
export const logInAt = async (url: string, token: string) => {
  const response = await fetch(`${url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token }).toString()
  })
  const cookie = response.headers.get("set-cookie") ?? ""
  return { status: response.status, cookie, session: cookie.split(";")[0]! }
}
