import { describe, expect, it } from "vitest"
import { parseExchangeConfig } from "./Config.js"

const exists = (present: ReadonlyArray<string>) => (path: string) => present.some((name) => path.endsWith(name))

const link = (tech: string, hs: string, extra: Record<string, unknown> = {}) => ({
  tech: { database: "tech", district: "902", school: tech },
  highSchool: { database: "d165", district: "165", school: hs },
  ...extra
})

const problemsOf = (json: unknown, present: ReadonlyArray<string> = ["tech.db", "165.db"]) => {
  const result = parseExchangeConfig("conf/exchange.json", typeof json === "string" ? json : JSON.stringify(json), exists(present))
  return result._tag === "Left" ? result.error.message.split("\n") : []
}

const databases = { tech: "tech.db", d165: "districts/165.db" }

describe("parseExchangeConfig", () => {
  it("resolves paths against the file's folder and fills the defaults", () => {
    const result = parseExchangeConfig("conf/exchange.json", JSON.stringify({ databases, links: [link("030", "010")] }), () => true)
    expect(result._tag).toBe("Right")
    if (result._tag !== "Right") return
    expect(result.config.databases.get("d165")).toMatch(/conf\/districts\/165\.db$/)
    expect(result.config.links[0]!.attendanceSync).toBe(false)
    expect(result.config.holds).toEqual({ rosterRemovalShare: 0.1, rosterRemovalMinimum: 10 })
  })

  it.each([
    { case: "bad JSON", json: "{ nope", expected: /^conf\/exchange\.json: not valid JSON/ },
    { case: "an unknown key", json: { databases, links: [], extra: 1 }, expected: /^conf\/exchange\.json: extra: / },
    { case: "an unknown key in a link", json: { databases, links: [link("030", "010", { sync: true })] }, expected: /: links\[0\]\.sync: / },
    { case: "a wrong type", json: { databases, links: [link("030", "010", { attendanceSync: "yes" })] }, expected: /: links\[0\]\.attendanceSync: / },
    { case: "a missing school", json: { databases, links: [{ tech: { database: "tech", district: "902" }, highSchool: link("1", "2").highSchool }] }, expected: /: links\[0\]\.tech\.school: / },
    { case: "a number for a school", json: { databases, links: [link("030", "010"), { ...link("030", "010"), highSchool: { database: "d165", district: "165", school: 10 } }] }, expected: /: links\[1\]\.highSchool\.school: / },
    { case: "a missing database file", json: { databases: { ...databases, d200: "200.db" }, links: [] }, expected: /: databases\.d200: no database file/ },
    { case: "an unknown database", json: { databases, links: [link("030", "010"), link("030", "011"), link("030", "012"), { ...link("030", "013"), highSchool: { database: "d999", district: "165", school: "013" } }] }, expected: /: links\[3\]\.highSchool\.database: / },
    { case: "a link given twice", json: { databases, links: [link("030", "010"), link("030", "010")] }, expected: /: links\[1\]: repeats links\[0\]/ },
    { case: "a share above 1", json: { databases, links: [], holds: { rosterRemovalShare: 1.5 } }, expected: /: holds\.rosterRemovalShare: / },
    { case: "a fractional minimum", json: { databases, links: [], holds: { rosterRemovalMinimum: 2.5 } }, expected: /: holds\.rosterRemovalMinimum: / }
  ])("rejects $case with the JSON path", ({ json, expected }) => {
    const problems = problemsOf(json)
    expect(problems.some((line) => expected.test(line))).toBe(true)
  })

  it("reports every problem, not only the first", () => {
    const problems = problemsOf({ databases, links: [link("030", "010", { a: 1 }), link("030", "010", { attendanceSync: 3 })] })
    expect(problems.length).toBeGreaterThanOrEqual(2)
  })
})
