import { Cause, Exit, Schema } from "effect"
import { describe, expect, it } from "vitest"
import { readField } from "./FieldValue.js"
import { tableSchema } from "./TableSchema.js"
import { calendar, enrollment, gradingScore, person, scoreGroupItem } from "./Tables.js"
import type { TableSpec } from "./TableSpec.js"

const valid = {
  enrollment: {
    enrollmentID: 1000,
    personID: 800,
    calendarID: 100,
    structureID: 200,
    grade: "09",
    serviceType: "P",
    startDate: "2024-08-14",
    endDate: null,
    startStatus: "E01",
    endStatus: null,
    noShow: false,
    stateExclude: false
  },
  calendar: {
    calendarID: 100,
    schoolID: 10,
    name: "24-25 High",
    endYear: 2025,
    startDate: "2024-08-01",
    endDate: "2025-06-30",
    summerSchool: false,
    exclude: false
  },
  scoreGroupItem: { itemID: 1, scoreGroupID: 2, seq: 1, score: "A", minPercent: 90, gpaValue: 4, passing: true },
  gradingScore: {
    scoreID: 1,
    personID: 800,
    sectionID: 300,
    taskID: 4,
    termID: 5,
    score: "B",
    percent: 85.5,
    posted: true,
    modifiedDate: "2025-05-20T14:30"
  },
  person: {
    personID: 800,
    stateID: "1234567890",
    studentNumber: null,
    firstName: "Ann",
    lastName: "Lee",
    legalFirstName: null,
    legalLastName: null,
    gender: null,
    raceEthnicity: null,
    birthDate: null,
    homePrimaryLanguage: null
  }
} as const

const tables = { enrollment, calendar, scoreGroupItem, gradingScore, person } as const
type Name = keyof typeof tables

/** Decodes `valid[table]` with `field` replaced by `value`: the decoded record, or the first issue's message and path. */
const decodeWith = (table: Name, field: string, value: unknown) => {
  const exit = Schema.decodeUnknownExit(tableSchema(tables[table] as TableSpec))({ ...valid[table], [field]: value })
  if (Exit.isSuccess(exit)) return { ok: true as const, record: exit.value as Record<string, unknown> }
  const error = Cause.squash(exit.cause) as Error
  const [message, ...path] = error.message.split("\n")
  return { ok: false as const, message, path: path.join("\n") }
}

describe("tableSchema", () => {
  // Values the schema accepts, each with the CSV text the importer reads as the same value.
  it.each([
    { case: "an id of 1 (lowest)", table: "enrollment", field: "personID", value: 1, text: "1" },
    { case: "the largest safe id", table: "enrollment", field: "personID", value: 2 ** 53 - 1, text: "9007199254740991" },
    { case: "a negative int", table: "scoreGroupItem", field: "seq", value: -3, text: "-3" },
    { case: "a zero int", table: "scoreGroupItem", field: "seq", value: 0, text: "0" },
    { case: "a decimal num", table: "scoreGroupItem", field: "minPercent", value: 93.5, text: "93.5" },
    { case: "a num starting with a point", table: "scoreGroupItem", field: "minPercent", value: 0.5, text: ".5" },
    { case: "NULL in a nullable num", table: "scoreGroupItem", field: "gpaValue", value: null, text: "" },
    { case: "29 February of a leap year", table: "enrollment", field: "startDate", value: "2024-02-29", text: "2024-02-29" },
    { case: "a date-time without seconds", table: "gradingScore", field: "modifiedDate", value: "2025-05-20T14:30", text: "2025-05-20T14:30" },
    { case: "a date-time with seconds", table: "gradingScore", field: "modifiedDate", value: "2025-05-20T14:30:59", text: "2025-05-20T14:30:59" },
    { case: "a checked code with its leading zero", table: "enrollment", field: "grade", value: "00", text: "00" },
    { case: "the last checked grade code", table: "enrollment", field: "grade", value: "20", text: "20" },
    { case: "an unchecked code outside any list", table: "enrollment", field: "startStatus", value: "ZZ9", text: "ZZ9" },
    { case: "NULL in a nullable checked code", table: "person", field: "raceEthnicity", value: null, text: "" },
    { case: "a nullable checked code from its list", table: "person", field: "raceEthnicity", value: "7", text: "7" },
    { case: "text kept with its spaces", table: "calendar", field: "name", value: "  High, \"A\"\n", text: "  High, \"A\"\n" },
    { case: "NULL in a nullable date", table: "enrollment", field: "endDate", value: null, text: "" }
  ] as const)("accepts $case, as the importer does", ({ field, table, text, value }) => {
    const decoded = decodeWith(table, field, value)
    expect(decoded).toEqual({ ok: true, record: { ...valid[table], [field]: value } })
    expect(readField(tables[table].columns[field as never], text)).toEqual({ ok: true, value })
  })

  it.each([
    { case: "a bool", table: "enrollment", field: "noShow", value: true },
    { case: "a bool (false)", table: "enrollment", field: "stateExclude", value: false }
  ] as const)("accepts $case", ({ field, table, value }) => {
    expect(decodeWith(table, field, value).ok).toBe(true)
  })

  // Values both reject: the schema's message is the one the importer prints for the same field text.
  it.each([
    { case: "an id of 0", table: "enrollment", field: "personID", value: 0, text: "0", message: "expected a positive integer id" },
    { case: "a negative id", table: "enrollment", field: "personID", value: -1, text: "-1", message: "expected a positive integer id" },
    { case: "a fractional id", table: "enrollment", field: "personID", value: 1.5, text: "1.5", message: "expected a positive integer id" },
    { case: "an id past the safe range", table: "enrollment", field: "personID", value: 2 ** 53, text: "9007199254740992", message: "expected a positive integer id" },
    { case: "a fractional int", table: "scoreGroupItem", field: "seq", value: 2.5, text: "2.5", message: "expected an integer" },
    { case: "an int past the safe range", table: "calendar", field: "endYear", value: 2 ** 53, text: "9007199254740992", message: "integer out of range" },
    { case: "an infinite num", table: "scoreGroupItem", field: "minPercent", value: Infinity, text: "Infinity", message: "expected a decimal number" },
    { case: "a NaN num", table: "scoreGroupItem", field: "gpaValue", value: NaN, text: "NaN", message: "expected a decimal number" },
    { case: "30 February", table: "enrollment", field: "startDate", value: "2025-02-30", text: "2025-02-30", message: "expected a real calendar date as YYYY-MM-DD" },
    { case: "29 February of a common year", table: "calendar", field: "endDate", value: "2025-02-29", text: "2025-02-29", message: "expected a real calendar date as YYYY-MM-DD" },
    { case: "a US-style date", table: "enrollment", field: "endDate", value: "05/22/2025", text: "05/22/2025", message: "expected a real calendar date as YYYY-MM-DD" },
    { case: "a date-time without minutes", table: "gradingScore", field: "modifiedDate", value: "2025-05-20T14", text: "2025-05-20T14", message: "expected a date and time as YYYY-MM-DDTHH:MM[:SS]" },
    { case: "a date-time with a zone", table: "gradingScore", field: "modifiedDate", value: "2025-05-20T14:30Z", text: "2025-05-20T14:30Z", message: "expected a date and time as YYYY-MM-DDTHH:MM[:SS]" },
    { case: "a grade outside the list", table: "enrollment", field: "grade", value: "13", text: "13", message: "not a state grade level code" },
    { case: "a grade without its leading zero", table: "enrollment", field: "grade", value: "9", text: "9", message: "not a state grade level code" },
    { case: "a nullable checked code outside its list", table: "person", field: "raceEthnicity", value: "8", text: "8" },
    { case: "NULL in a required date", table: "enrollment", field: "startDate", value: null, text: "", message: "a value is required" },
    { case: "NULL in a required id", table: "enrollment", field: "calendarID", value: null, text: "", message: "a value is required" },
    { case: "NULL in a required text", table: "calendar", field: "name", value: null, text: "", message: "a value is required" },
    { case: "NULL in a required checked code", table: "enrollment", field: "serviceType", value: null, text: "", message: "a value is required" }
  ] as const)("rejects $case with the importer's message", ({ field, table, text, value, ...row }) => {
    const decoded = decodeWith(table, field, value)
    const imported = readField(tables[table].columns[field as never], text)
    expect(decoded.ok).toBe(false)
    expect(imported.ok).toBe(false)
    if (decoded.ok || imported.ok) return
    expect(decoded.message).toBe(imported.message)
    if ("message" in row) expect(decoded.message).toBe(row.message)
    expect(decoded.path).toContain(`["${field}"]`)
  })

  // Values of the wrong JavaScript type: no CSV field reads as them, so only the rejection is checked.
  it.each([
    { case: "a bool given as 1", table: "enrollment", field: "noShow", value: 1 },
    { case: "NULL in a bool", table: "enrollment", field: "noShow", value: null },
    { case: "an id given as text", table: "enrollment", field: "personID", value: "800" },
    { case: "a num given as text", table: "scoreGroupItem", field: "minPercent", value: "90" },
    { case: "a date given as a Date", table: "enrollment", field: "startDate", value: new Date(2025, 0, 2) },
    { case: "a missing required column", table: "enrollment", field: "grade", value: undefined }
  ] as const)("rejects $case", ({ field, table, value }) => {
    const decoded = decodeWith(table, field, value)
    expect(decoded.ok).toBe(false)
    if (!decoded.ok) expect(decoded.path).toContain(`["${field}"]`)
  })
})
