/**
 * Access records: one JSON line per response that carried student data, in
 * `access-log.jsonl` beside the exchange configuration. A record says when,
 * which token and scope, which endpoint and school, and how many students;
 * never the data itself.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"

/** One access record. */
export interface AccessRecord {
  /** ISO 8601 time the response finished. */
  readonly time: string
  readonly tokenId: string
  /** `school 165-010`, `tech 902-030` or `state`. */
  readonly scope: string
  /** The endpoint's path pattern, e.g. `/api/schools/{school}/attendance`. */
  readonly endpoint: string
  /** The school or district the request named, if any. */
  readonly school: string | null
  readonly students: number
}

/** The access log of a configuration: `access-log.jsonl` in its folder. */
export const defaultAccessLogFile = (configFile: string): string => join(dirname(resolve(configFile)), "access-log.jsonl")

/** Appends one record (one line, one write). */
export const appendAccessRecord = (file: string, record: AccessRecord): void => {
  appendFileSync(file, `${JSON.stringify(record)}\n`)
}

/** The records of the log, oldest first; those before `since` (a date or ISO time) left out. */
export const readAccessLog = (file: string, since?: string): Array<AccessRecord> => {
  if (!existsSync(file)) return []
  const records: Array<AccessRecord> = []
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.trim() === "") continue
    const record = JSON.parse(line) as AccessRecord
    if (since === undefined || record.time >= since) records.push(record)
  }
  return records
}

/** One record as a text line. */
export const formatAccessRecord = (record: AccessRecord): string =>
  `${record.time}  token ${record.tokenId}  ${record.scope.padEnd(14)}  ${record.endpoint}  ` +
  `${record.school ?? "-"}  ${record.students} student${record.students === 1 ? "" : "s"}`
