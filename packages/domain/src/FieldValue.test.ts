import { describe, expect, it } from "vitest"
import { col } from "./Column.js"
import { GradeLevel } from "./CodeList.js"
import { readField } from "./FieldValue.js"

describe("readField", () => {
  it.each([
    { case: "an id", column: col.pk(), text: "42", expected: { ok: true, value: 42 } },
    { case: "an id with a sign", column: col.pk(), text: "+4", expected: { ok: false } },
    { case: "a negative int", column: col.int(), text: "-3", expected: { ok: true, value: -3 } },
    { case: "a lone minus", column: col.int(), text: "-", expected: { ok: false } },
    { case: "a decimal", column: col.num(), text: "93.5", expected: { ok: true, value: 93.5 } },
    { case: "a decimal without integer part", column: col.num(), text: ".5", expected: { ok: true, value: 0.5 } },
    { case: "an empty bool is 0", column: col.bool(), text: "", expected: { ok: true, value: 0 } },
    { case: "an empty nullable date is NULL", column: col.dateOrNull(), text: "", expected: { ok: true, value: null } },
    { case: "an empty required date", column: col.date(), text: "", expected: { ok: false } },
    { case: "a grade keeps its leading zero", column: col.code(GradeLevel), text: "09", expected: { ok: true, value: "09" } },
    { case: "an unchecked code is kept", column: col.code(), text: "ZZ", expected: { ok: true, value: "ZZ" } },
    { case: "text keeps its spaces", column: col.text(), text: " a ", expected: { ok: true, value: " a " } }
  ])("$case", ({ column, expected, text }) => {
    expect(readField(column, text)).toMatchObject(expected)
  })
})
