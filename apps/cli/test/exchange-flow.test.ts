import { describe, expect, it } from "vitest"
import { districtBundle, editStore, makeWorld, rowsOf, runNight, techBundle, techID } from "./support/exchangeWorld.js"

const ann = { stateID: "1000000001", first: "Ann", last: "Avery" }
const ben = { stateID: "1000000002", first: "Ben", last: "Brook" }

describe("kts exchange run: a night end to end", () => {
  it("publishes a master per tech section into each high-school database's KTS catalog", () => {
    const world = makeWorld({ tech: techBundle(), d165: districtBundle({ district: "165", school: "010" }) }, [
      { highSchool: { database: "d165", district: "165", school: "010" } }
    ])
    const run = runNight(world, "2024-09-10")
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
    const catalogs = rowsOf(world.db["d165"]!, "courseCatalog")
    expect(catalogs.map((row) => row["name"])).toEqual(["24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)"])
    const masters = rowsOf(world.db["d165"]!, "courseMaster")
    expect(masters.map((row) => [row["ktsTechID"], row["number"], row["name"], row["stateCode"]])).toEqual([
      [techID(10), "T100", "Welding I - Central Tech - Section 1", "480508"],
      [techID(11), "T100", "Welding I - Central Tech - Section 2", "480508"]
    ])
    expect(run.stdout).toMatch(/publish:\n\s+catalog database d165: 3 inserted/)
    // Every unit journaled, even the empty ones (attendance too, though no link opts in).
    const journal = rowsOf(world.db["tech"]!, "exchangeRun")
    expect(journal.map((row) => row["stage"])).toEqual(["rosters", "grades", "attendance"])
  })

  it("sends a high school's KTS roster to the technical school, then grades back, and ends the roster row of a student who left", () => {
    const world = makeWorld({
      tech: techBundle({ persons: [ann], extra: {
        gradingScore: [{ scoreID: 1, personID: 1, sectionID: 10, taskID: 1, termID: 1, score: "A", percent: 95, posted: true, modifiedDate: "2024-12-18T10:00" }]
      } }),
      d165: districtBundle({ district: "165", school: "010", courses: [{ number: "KTS100", ktsTechID: techID(10), students: [ann, ben] }] })
    }, [{ highSchool: { database: "d165", district: "165", school: "010" } }])
    const first = runNight(world, "2024-12-19")
    expect(first.stderr).toBe("")
    expect(first.status).toBe(0)
    const persons = rowsOf(world.db["tech"]!, "person")
    expect(persons.map((row) => [row["stateID"], row["firstName"], row["lastName"]])).toEqual([
      [ann.stateID, "Ann", "Avery"],
      [ben.stateID, "Ben", "Brook"]
    ])
    const rosters = rowsOf(world.db["tech"]!, "roster")
    expect(rosters.map((row) => [row["sectionID"], row["startDate"], row["endDate"]])).toEqual([[10, "2024-08-01", null], [10, "2024-08-01", null]])
    const enrollments = rowsOf(world.db["tech"]!, "enrollment")
    expect(enrollments.map((row) => [row["serviceType"], row["grade"], row["startDate"], row["endDate"]])).toEqual([
      ["S", "11", "2024-08-01", null],
      ["S", "11", "2024-08-01", null]
    ])
    const grades = rowsOf(world.db["d165"]!, "gradingScore")
    expect(grades.map((row) => [row["personID"], row["sectionID"], row["taskID"], row["termID"], row["score"], row["percent"], row["posted"]])).toEqual([
      [1, 101, 1, 1, "A", 95, true]
    ])
    const disclosures = rowsOf(world.db["d165"]!, "disclosure")
    expect(disclosures.map((row) => [row["kind"], row["recipientDistrict"], row["recipientSchool"], row["firstNight"]])).toEqual([
      ["roster", "902", "030", "2024-12-19"],
      ["roster", "902", "030", "2024-12-19"]
    ])
    expect(rowsOf(world.db["tech"]!, "disclosure").map((row) => [row["kind"], row["recipientSchool"]])).toEqual([["grades", "010"]])

    // Ben leaves the high school's section; the next night removes his tech roster row (no grades: deleted).
    editStore(world.db["d165"]!, [["UPDATE roster SET endDate = ? WHERE personID = 2", ["2024-12-19"]]])
    const second = runNight(world, "2024-12-21")
    expect(second.status).toBe(0)
    const after = rowsOf(world.db["tech"]!, "roster")
    expect(after.map((row) => [row["personID"], row["endDate"]])).toEqual([[1, null], [2, "2024-12-19"]])
  })
})
