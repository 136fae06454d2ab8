/**
 * The attendance stage (opt-in per link), the real-time attendance report and
 * the disclosure records through the CLI.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { kts, tempDir } from "./runKts.js"
import { districtBundle, editStore, makeWorld, rowsOf, runNight, techBundle, techID } from "./support/exchangeWorld.js"

const ann = { stateID: "5000000001", first: "Ann", last: "Zeller" }
const bea = { stateID: "5000000002", first: "Bea", last: "Adams" }

const absence = (attendanceID: number, personID: number, date: string, excuse: string | null, status = "A") =>
  ({ attendanceID, personID, sectionID: 10, date, status, excuse })

describe("kts exchange: attendance", () => {
  it("copies the previous day's unknown absences, catches up missed nights, leaves resolved ones, and reports them", () => {
    const world = makeWorld({
      tech: techBundle({
        persons: [ann, bea],
        extra: {
          attendance: [
            absence(1, 1, "2024-10-07", "U"),
            absence(2, 1, "2024-10-08", "U"),
            absence(3, 2, "2024-10-08", "E"),
            absence(4, 1, "2024-10-10", "U", "T"),
            absence(5, 2, "2024-10-10", "U")
          ]
        }
      }),
      d165: districtBundle({ district: "165", school: "010", courses: [{ number: "KTS100", ktsTechID: techID(10), students: [ann, bea] }] })
    }, [{ highSchool: { database: "d165", district: "165", school: "010" }, attendanceSync: true }])
    const hs = world.db["d165"]!
    const hsRows = () => rowsOf(hs, "attendance").map((row) => [row["personID"], row["sectionID"], row["date"], row["status"], row["excuse"]])

    // First night: only the day before.
    expect(runNight(world, "2024-10-09").status).toBe(0)
    expect(hsRows()).toEqual([[1, 101, "2024-10-08", "A", "U"]])

    // The high school resolves it; a night is missed; the next catches up from the last completed night.
    editStore(hs, [["UPDATE attendance SET excuse = 'E', status = 'T'", []]])
    editStore(world.db["tech"]!, [["UPDATE attendance SET status = 'T' WHERE attendanceID = 2", []]])
    expect(runNight(world, "2024-10-11").status).toBe(0)
    expect(hsRows()).toEqual([
      [1, 101, "2024-10-08", "T", "E"],
      [1, 101, "2024-10-10", "T", "U"],
      [2, 101, "2024-10-10", "A", "U"]
    ])

    const out = tempDir("kts-attendance-")
    const report = kts("exchange", "attendance", "--config", world.config, "--district", "165", "--school", "010",
      "--from", "2024-10-01", "--to", "2024-10-10", "--format", "both", "--out", out)
    expect(report.stderr).toBe("")
    expect(report.status).toBe(0)
    const csv = readFileSync(join(out, "KTS_Attendance_165-010.csv"), "utf8").trimEnd().split("\r\n")
    expect(csv).toEqual([
      "Date,State ID,Student Last Name,Student First Name,Course Number,Section Number,Tech School,Tech Course Number,Tech Section Number,Status,Excuse",
      "10/07/2024,5000000001,Zeller,Ann,KTS100,1,Central Tech,T100,1,A,U",
      "10/08/2024,5000000002,Adams,Bea,KTS100,1,Central Tech,T100,1,A,E",
      "10/08/2024,5000000001,Zeller,Ann,KTS100,1,Central Tech,T100,1,T,U",
      "10/10/2024,5000000002,Adams,Bea,KTS100,1,Central Tech,T100,1,A,U",
      "10/10/2024,5000000001,Zeller,Ann,KTS100,1,Central Tech,T100,1,T,U"
    ])
    expect(readFileSync(join(out, "KTS_Attendance_165-010.html"), "utf8")).toContain("<td>10/07/2024</td>")

    const disclosures = kts("disclosures", "--db", world.db["tech"]!, "--state-id", ann.stateID, "--json")
    expect(disclosures.status).toBe(0)
    const records = JSON.parse(disclosures.stdout) as Array<{ kind: string; recipientSchool: string; firstNight: string; lastNight: string }>
    expect(records.map((record) => [record.kind, record.recipientSchool, record.firstNight, record.lastNight])).toEqual([
      ["attendance", "010", "2024-10-09", "2024-10-11"]
    ])
    const roster = kts("disclosures", "--db", hs, "--state-id", ann.stateID)
    expect(roster.stdout).toMatch(/roster\s+to 902-030\s+2024-10-09 to 2024-10-09\s+basis 34 CFR 99\.31\(a\)\(2\)/)
  })

  it("journals every technical school's attendance unit, also one whose links did not opt in; high schools only when they did", () => {
    const world = makeWorld({
      tech: techBundle({ persons: [ann], extra: { attendance: [absence(1, 1, "2024-10-08", "U")] } }),
      d165: districtBundle({ district: "165", school: "010", courses: [{ number: "KTS100", ktsTechID: techID(10), students: [ann] }] })
    }, [{ highSchool: { database: "d165", district: "165", school: "010" } }])
    expect(runNight(world, "2024-10-09").status).toBe(0)
    const attendanceRuns = (db: string) =>
      rowsOf(db, "exchangeRun").filter((row) => row["stage"] === "attendance").map((row) => [row["night"], row["schoolID"], row["inserted"]])
    const techRuns = attendanceRuns(world.db["tech"]!)
    expect(techRuns).toHaveLength(1)
    expect(techRuns[0]![0]).toBe("2024-10-09")
    expect(techRuns[0]![2]).toBe(0)
    expect(attendanceRuns(world.db["d165"]!)).toEqual([])
    expect(rowsOf(world.db["d165"]!, "attendance")).toEqual([])
    expect(rowsOf(world.db["tech"]!, "disclosure")).toEqual([])
  })

  it("exits 2 for a high school no link names", () => {
    const world = makeWorld({ tech: techBundle(), d165: districtBundle({ district: "165", school: "010" }) }, [
      { highSchool: { database: "d165", district: "165", school: "010" } }
    ])
    const run = kts("exchange", "attendance", "--config", world.config, "--district", "165", "--school", "099", "--to", "2024-10-10")
    expect(run.status).toBe(2)
    expect(run.stderr).toContain("165-099")
  })
})
