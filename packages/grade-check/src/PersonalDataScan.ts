/**
 * The support request's guard: before anything is written, every file's text
 * is scanned for the people of the databases read (students and staff). A
 * hit is a person's full name (preferred or legal, `First Last` or
 * `Last, First`) anywhere, ignoring case; their birth date as `YYYY-MM-DD`
 * or `MM/DD/YYYY` anywhere; or a CSV field or JSON string whose whole value is
 * their first or last name (preferred or legal, two characters or more),
 * ignoring case. A single name inside free text is not a hit.
 */
import type { CsvValue } from "./Csv.js"
import { fieldText } from "./Csv.js"

/** A person as the scan needs them: who they are in which database, and the values to look for. */
export interface ScannedPerson {
  readonly database: string
  readonly personID: number
  readonly firstName: string
  readonly lastName: string
  readonly legalFirstName: string | null
  readonly legalLastName: string | null
  readonly birthDate: string | null
}

/** A file about to be written: its text, and its fields (CSV) or strings (JSON) for the whole-value rule. */
export type PendingFile =
  | { readonly path: string; readonly kind: "text"; readonly text: string }
  | { readonly path: string; readonly kind: "csv"; readonly text: string; readonly rows: ReadonlyArray<ReadonlyArray<CsvValue>> }
  | { readonly path: string; readonly kind: "json"; readonly text: string; readonly value: unknown }

/** What was found, without the value itself (a message must not repeat it). */
export interface ScanHit {
  readonly path: string
  /** 1-based line of the file where the value starts. */
  readonly line: number
  readonly rule: "full name" | "birth date" | "single name as a whole value"
  readonly database: string
  readonly personID: number
}

interface Needles {
  /** Lower-cased full names and birth-date forms, with their rule and person. */
  readonly anywhere: ReadonlyArray<{ readonly text: string; readonly rule: ScanHit["rule"]; readonly person: ScannedPerson }>
  /** Lower-cased single names (two characters or more) → a person. */
  readonly whole: ReadonlyMap<string, ScannedPerson>
}

const needlesOf = (persons: ReadonlyArray<ScannedPerson>): Needles => {
  const anywhere: Array<Needles["anywhere"][number]> = []
  const whole = new Map<string, ScannedPerson>()
  for (const person of persons) {
    const pairs: Array<[string | null, string | null]> = [[person.firstName, person.lastName], [person.legalFirstName, person.legalLastName]]
    for (const [first, last] of pairs) {
      if (first === null || last === null || first.trim() === "" || last.trim() === "") continue
      anywhere.push({ text: `${first} ${last}`.toLowerCase(), rule: "full name", person })
      anywhere.push({ text: `${last}, ${first}`.toLowerCase(), rule: "full name", person })
    }
    if (person.birthDate !== null && /^\d{4}-\d{2}-\d{2}$/.test(person.birthDate)) {
      const [year, month, day] = person.birthDate.split("-") as [string, string, string]
      anywhere.push({ text: person.birthDate, rule: "birth date", person })
      anywhere.push({ text: `${month}/${day}/${year}`, rule: "birth date", person })
    }
    for (const name of [person.firstName, person.lastName, person.legalFirstName, person.legalLastName]) {
      if (name === null || name.length < 2) continue
      const key = name.toLowerCase()
      if (!whole.has(key)) whole.set(key, person)
    }
  }
  return { anywhere, whole }
}

const lineAt = (text: string, index: number): number => {
  let line = 1
  for (let at = 0; at < index; at++) if (text.charCodeAt(at) === 10) line++
  return line
}

/** Every string of a JSON value (keys too). */
const jsonStrings = (value: unknown, out: Array<string>): Array<string> => {
  if (typeof value === "string") out.push(value)
  else if (Array.isArray(value)) for (const item of value) jsonStrings(item, out)
  else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      out.push(key)
      jsonStrings(item, out)
    }
  }
  return out
}

/** The first hit in the files, or null when they may be written. */
export const scanForPersonalData = (files: ReadonlyArray<PendingFile>, persons: ReadonlyArray<ScannedPerson>): ScanHit | null => {
  const needles = needlesOf(persons)
  for (const file of files) {
    const lower = file.text.toLowerCase()
    for (const needle of needles.anywhere) {
      const index = lower.indexOf(needle.text)
      if (index !== -1) return { path: file.path, line: lineAt(file.text, index), rule: needle.rule, database: needle.person.database, personID: needle.person.personID }
    }
    if (file.kind === "csv") {
      for (let row = 0; row < file.rows.length; row++) {
        for (const value of file.rows[row]!) {
          const person = needles.whole.get(fieldText(value).toLowerCase())
          if (person !== undefined) return { path: file.path, line: row + 1, rule: "single name as a whole value", database: person.database, personID: person.personID }
        }
      }
    }
    if (file.kind === "json") {
      for (const text of jsonStrings(file.value, [])) {
        const person = needles.whole.get(text.toLowerCase())
        if (person !== undefined) {
          const index = file.text.toLowerCase().indexOf(JSON.stringify(text).toLowerCase())
          return { path: file.path, line: index === -1 ? 1 : lineAt(file.text, index), rule: "single name as a whole value", database: person.database, personID: person.personID }
        }
      }
    }
  }
  return null
}
