/**
 * `kts alerts` and `kts disclosures`: a store's process alerts (open ones, or
 * all, newest first) and a student's disclosure records. Students appear by
 * state ID only.
 */
import { connectStore } from "@kts/store"
import { ExchangeBadFlag, schoolLabels } from "./Exchange.js"
import { selectRows } from "./Rows.js"

/** An alert as listed. */
export interface ListedAlert {
  readonly alertID: number
  readonly schoolID: number
  /** `district-school`. */
  readonly school: string
  readonly stage: string
  readonly severity: string
  readonly code: string
  readonly courseNumber: string | null
  readonly sectionNumber: number | null
  readonly ktsTechID: string | null
  readonly stateID: string | null
  readonly task: string | null
  readonly message: string
  readonly firstSeen: string
  readonly lastSeen: string
  readonly resolvedOn: string | null
}

/** Which alerts to list. */
export interface AlertFilter {
  /** A school number (`030`) or `district-school` (`902-030`). */
  readonly school?: string | undefined
  /** Resolved ones too. */
  readonly all?: boolean | undefined
  /** A `school` the store does not hold is bad input (`ExchangeBadFlag` for `--school`), not a school without alerts. */
  readonly schoolMustExist?: boolean | undefined
}

/** The alerts of the store at `dbPath`, newest first (firstSeen, then lastSeen, then id, descending). */
export const listAlerts = (dbPath: string, filter: AlertFilter = {}): Array<ListedAlert> => {
  const db = connectStore(dbPath, { readonly: true })
  try {
    const labels = schoolLabels(db)
    const wanted = filter.school
    const isWanted = (label: string) => wanted === undefined || label === wanted || label.endsWith(`-${wanted}`)
    if (filter.schoolMustExist === true && wanted !== undefined && ![...labels.values()].some(isWanted)) {
      throw new ExchangeBadFlag({ flag: "--school", value: wanted, reason: "the store holds no school with this number" })
    }
    const rows = selectRows(db, "processAlert", filter.all === true ? {} : { resolvedOn: null })
    const alerts = rows.map((row): ListedAlert => ({
      alertID: row["alertID"] as number,
      schoolID: row["schoolID"] as number,
      school: labels.get(row["schoolID"] as number) ?? String(row["schoolID"]),
      stage: row["stage"] as string,
      severity: row["severity"] as string,
      code: row["code"] as string,
      courseNumber: row["courseNumber"] as string | null,
      sectionNumber: row["sectionNumber"] as number | null,
      ktsTechID: row["ktsTechID"] as string | null,
      stateID: row["stateID"] as string | null,
      task: row["task"] as string | null,
      message: row["message"] as string,
      firstSeen: row["firstSeen"] as string,
      lastSeen: row["lastSeen"] as string,
      resolvedOn: row["resolvedOn"] as string | null
    }))
    return alerts
      .filter((alert) => isWanted(alert.school))
      .sort((a, b) =>
        a.firstSeen !== b.firstSeen
          ? (a.firstSeen < b.firstSeen ? 1 : -1)
          : a.lastSeen !== b.lastSeen
          ? (a.lastSeen < b.lastSeen ? 1 : -1)
          : b.alertID - a.alertID
      )
  } finally {
    db.close()
  }
}

/** One alert as a text block: a heading line with its subject, then the message indented. */
export const formatAlert = (alert: ListedAlert): string => {
  const subject = [
    alert.courseNumber === null ? null : `course ${alert.courseNumber}`,
    alert.sectionNumber === null ? null : `section ${alert.sectionNumber}`,
    alert.ktsTechID === null ? null : `KTSTechID ${alert.ktsTechID}`,
    alert.stateID === null ? null : `state ID ${alert.stateID}`,
    alert.task === null ? null : `task ${alert.task}`
  ].filter((part) => part !== null)
  const seen = alert.resolvedOn === null
    ? `open since ${alert.firstSeen}, last seen ${alert.lastSeen}`
    : `${alert.firstSeen} to ${alert.lastSeen}, resolved ${alert.resolvedOn}`
  return `${alert.firstSeen}  ${alert.severity.padEnd(7)}  ${alert.code}  school ${alert.school}  ${alert.stage}` +
    `${subject.length === 0 ? "" : `  ${subject.join(", ")}`}  (${seen})\n    ${alert.message}`
}

/** A disclosure record as listed. */
export interface ListedDisclosure {
  readonly disclosureID: number
  /** The student's personID in this database. */
  readonly personID: number
  readonly stateID: string
  readonly recipientDistrict: string
  readonly recipientSchool: string
  readonly kind: string
  readonly basis: string
  readonly firstNight: string
  readonly lastNight: string
}

/** The disclosure records of the student with `stateID` in the store at `dbPath`, by recipient then kind. */
export const listDisclosures = (dbPath: string, stateID: string): Array<ListedDisclosure> => {
  const db = connectStore(dbPath, { readonly: true })
  try {
    const people = selectRows(db, "person", { stateID }).map((row) => row["personID"] as number)
    return selectRows(db, "disclosure", { personID: people })
      .map((row): ListedDisclosure => ({
        disclosureID: row["disclosureID"] as number,
        personID: row["personID"] as number,
        stateID,
        recipientDistrict: row["recipientDistrict"] as string,
        recipientSchool: row["recipientSchool"] as string,
        kind: row["kind"] as string,
        basis: row["basis"] as string,
        firstNight: row["firstNight"] as string,
        lastNight: row["lastNight"] as string
      }))
      .sort((a, b) =>
        `${a.recipientDistrict}-${a.recipientSchool}`.localeCompare(`${b.recipientDistrict}-${b.recipientSchool}`) ||
        a.kind.localeCompare(b.kind) || a.disclosureID - b.disclosureID
      )
  } finally {
    db.close()
  }
}

/** One disclosure as a text line. */
export const formatDisclosure = (record: ListedDisclosure): string =>
  `${record.stateID}  ${record.kind.padEnd(10)}  to ${record.recipientDistrict}-${record.recipientSchool}  ` +
  `${record.firstNight} to ${record.lastNight}  basis ${record.basis}`
