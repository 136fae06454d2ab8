/**
 * The exchange's commands as the CLI calls them: run a night under the
 * configuration's lock, approve a hold, show the status. Each opens the
 * databases it needs and closes them before it returns.
 */
import { Schema } from "effect"
import { type ExchangeConfig } from "../Config.js"
import { loadExchangeConfig, readExchangeConfig, schoolProblemsIn } from "./ConfigFile.js"
import { acquireLock } from "./Lock.js"
import { closeDatabases, type NightOptions, type NightReport, openDatabases, runNight, schoolLabel } from "./Night.js"
import { applyChange, type Row, selectRows, type StoreDb } from "./Rows.js"
import { StageNames } from "./Unit.js"

/** A flag's value the command cannot use (exit status 2). */
export class ExchangeBadFlag extends Schema.TaggedError<ExchangeBadFlag>()("ExchangeBadFlag", {
  flag: Schema.String,
  value: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.flag} ${JSON.stringify(this.value)}: ${this.reason}`
  }
}

/** The night ran, and a hold of it awaits approval (exit status 3). */
export class ExchangeHeld extends Schema.TaggedError<ExchangeHeld>()("ExchangeHeld", {
  configFile: Schema.String,
  holds: Schema.Array(Schema.Struct({ database: Schema.String, holdID: Schema.Number, school: Schema.String }))
}) {
  override get message(): string {
    return this.holds.map((hold) =>
      `hold ${hold.holdID} (technical school ${hold.school}, database ${hold.database}) awaits approval: ` +
      `kts exchange approve --config ${this.configFile} --hold ${hold.holdID}`
    ).join("\n")
  }
}

/** Some units of the night failed (a database could not be opened or written); the others ran (exit status 1). */
export class ExchangeUnitsFailed extends Schema.TaggedError<ExchangeUnitsFailed>()("ExchangeUnitsFailed", {
  failures: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `the night did not complete:\n${this.failures.map((line) => `  ${line}`).join("\n")}`
  }
}

/** The failure a night's report ends with, if any: units failed (1), else a hold awaiting approval (3). */
export const nightFailure = (configFile: string, report: NightReport): ExchangeHeld | ExchangeUnitsFailed | undefined => {
  if (report.status === 1) {
    const failures = [
      ...report.failedDatabases.map((entry) => `database ${entry.database} could not be opened: ${entry.reason}`),
      ...report.units.filter((unit) => unit.outcome === "failed").map((unit) =>
        `${unit.stage} ${unit.school ?? `database ${unit.database}`}: ${unit.error ?? "failed"}`
      )
    ]
    return new ExchangeUnitsFailed({ failures })
  }
  if (report.status === 3) {
    return new ExchangeHeld({ configFile, holds: report.holdsAwaiting.map((hold) => ({ ...hold })) })
  }
  return undefined
}

/** Runs a night of the configuration in `configFile` under its lock. */
export const runExchange = (configFile: string, options: NightOptions): NightReport => {
  const config = readExchangeConfig(configFile)
  // Each database is opened once: the links' schools are checked on the connections the night uses. When
  // that finds a problem, or a database could not be opened, the read-only check of `loadExchangeConfig`
  // decides, exactly as if the night had begun with it.
  let opened = openDatabases(config)
  if (opened.failed.size > 0 || schoolProblemsIn(config, opened.connections).length > 0) {
    closeDatabases(opened.connections)
    loadExchangeConfig(configFile)
    opened = openDatabases(config)
  }
  try {
    const lock = acquireLock(configFile)
    try {
      return runNight(config, opened.connections, opened.failed, options)
    } finally {
      lock.release()
    }
  } finally {
    closeDatabases(opened.connections)
  }
}

/** The technical-school databases of a configuration (those a link's `tech` names), in file order. */
const techDatabases = (config: ExchangeConfig): Array<string> =>
  [...config.databases.keys()].filter((key) => config.links.some((link) => link.tech.database === key))

/** The outcome of `approve`. */
export interface ApproveResult {
  readonly database: string
  readonly holdID: number
  readonly school: string
  readonly night: string
  /** The date it was approved (today, or the earlier approval's date). */
  readonly approvedOn: string
  readonly alreadyApproved: boolean
}

/**
 * Approves hold `holdArg` (`ID`, or `DATABASE:ID` when several technical
 * databases have a hold with that id) on `today`.
 */
export const approveHold = (configFile: string, holdArg: string, today: string): ApproveResult => {
  const match = /^(?:([^:]+):)?([1-9][0-9]*)$/.exec(holdArg)
  if (match === null) throw new ExchangeBadFlag({ flag: "--hold", value: holdArg, reason: "expected a hold id (e.g. 3, or tech:3)" })
  const config = loadExchangeConfig(configFile)
  const wantedDatabase = match[1]
  const holdID = Number(match[2])
  const databases = techDatabases(config).filter((key) => wantedDatabase === undefined || key === wantedDatabase)
  if (wantedDatabase !== undefined && databases.length === 0) {
    throw new ExchangeBadFlag({ flag: "--hold", value: holdArg, reason: `${wantedDatabase} is not a technical-school database of the configuration` })
  }
  const lock = acquireLock(configFile)
  try {
    const { connections, failed } = openDatabases(config)
    try {
      const found: Array<{ database: string; db: StoreDb; hold: Row }> = []
      for (const database of databases) {
        const db = connections.get(database)
        if (db === undefined) {
          if (wantedDatabase !== undefined) throw new Error(`database ${database} could not be opened: ${failed.get(database) ?? ""}`)
          continue
        }
        const hold = selectRows(db, "exchangeHold", { holdID })[0]
        if (hold !== undefined) found.push({ database, db, hold })
      }
      if (found.length === 0) throw new ExchangeBadFlag({ flag: "--hold", value: holdArg, reason: "no hold with that id" })
      if (found.length > 1) {
        throw new ExchangeBadFlag({
          flag: "--hold",
          value: holdArg,
          reason: `several databases have a hold ${holdID}: name one, e.g. ${found.map((entry) => `${entry.database}:${holdID}`).join(" or ")}`
        })
      }
      const { database, db, hold } = found[0]!
      const school = selectRows(db, "school", { schoolID: hold["schoolID"]! })[0]
      const district = school === undefined ? undefined : selectRows(db, "district", { districtID: school["districtID"]! })[0]
      const label = school === undefined || district === undefined
        ? `school ${String(hold["schoolID"])}`
        : schoolLabel({ district: district["number"] as string, school: school["number"] as string })
      const already = hold["approvedOn"] as string | null
      if (already === null) {
        db.transaction(() => {
          applyChange(db, { kind: "update", table: "exchangeHold", key: { holdID }, set: { approvedOn: today } })
        })
      }
      return {
        database,
        holdID,
        school: label,
        night: hold["night"] as string,
        approvedOn: already ?? today,
        alreadyApproved: already !== null
      }
    } finally {
      closeDatabases(connections)
    }
  } finally {
    lock.release()
  }
}

/** One line of the status: a unit's last night. */
export interface UnitStatus {
  readonly database: string
  readonly stage: string
  readonly school: string | null
  readonly lastNight: string
}

/** The configuration's state: each unit's last night, open holds, open alerts per school. */
export interface ExchangeStatus {
  readonly units: ReadonlyArray<UnitStatus>
  readonly openHolds: ReadonlyArray<{
    readonly database: string
    readonly holdID: number
    readonly school: string
    readonly night: string
    readonly activeRows: number
    readonly removals: number
    readonly approvedOn: string | null
  }>
  readonly openAlerts: ReadonlyArray<{ readonly database: string; readonly school: string; readonly errors: number; readonly warnings: number }>
  readonly failedDatabases: ReadonlyArray<{ readonly database: string; readonly reason: string }>
}

/** One unit of a night, as its journal row (`exchangeRun`) has it. */
export interface JournalUnit {
  readonly database: string
  readonly night: string
  readonly stage: string
  /** `district-school`; null for a unit of a whole database (publish). */
  readonly school: string | null
  readonly inserted: number
  readonly updated: number
  readonly removed: number
  readonly finishedAt: string
}

/** A hold a night recorded (`exchangeHold`). */
export interface JournalHold {
  readonly database: string
  readonly holdID: number
  readonly night: string
  /** The technical school, `district-school`. */
  readonly school: string
  readonly activeRows: number
  readonly removals: number
  readonly approvedOn: string | null
  readonly usedOn: string | null
}

/** What one database's exchange tables hold: every journal row, every hold, the open alert counts per school. */
export interface DatabaseJournal {
  readonly units: ReadonlyArray<JournalUnit>
  readonly holds: ReadonlyArray<JournalHold>
  readonly openAlerts: ReadonlyArray<{ readonly database: string; readonly school: string; readonly errors: number; readonly warnings: number }>
}

/** A hold stays open until a night uses it (approved or not). */
export const isHoldOpen = (hold: Pick<JournalHold, "usedOn">): boolean => hold.usedOn === null

/** The exchange tables of database `database` (its key in the configuration), read-only. */
export const readJournal = (db: StoreDb, database: string): DatabaseJournal => {
  const labels = schoolLabels(db)
  const label = (schoolID: unknown) => labels.get(schoolID as number) ?? String(schoolID)
  const units = db.rawRows(`SELECT "night", "stage", "schoolID", "inserted", "updated", "removed", "finishedAt" FROM "exchangeRun" ORDER BY "runID"`)
    .map(([night, stage, schoolID, inserted, updated, removed, finishedAt]): JournalUnit => ({
      database,
      night: night as string,
      stage: stage as string,
      school: schoolID === null ? null : label(schoolID),
      inserted: inserted as number,
      updated: updated as number,
      removed: removed as number,
      finishedAt: finishedAt as string
    }))
  const holds = db.rawRows(`SELECT "holdID", "night", "schoolID", "activeRows", "removals", "approvedOn", "usedOn" FROM "exchangeHold" ORDER BY "holdID"`)
    .map(([holdID, night, schoolID, activeRows, removals, approvedOn, usedOn]): JournalHold => ({
      database,
      holdID: holdID as number,
      night: night as string,
      school: label(schoolID),
      activeRows: activeRows as number,
      removals: removals as number,
      approvedOn: approvedOn as string | null,
      usedOn: usedOn as string | null
    }))
  const openAlerts = db.rawRows(
    `SELECT "schoolID", SUM("severity" <> 'warning'), SUM("severity" = 'warning') FROM "processAlert" WHERE "resolvedOn" IS NULL GROUP BY "schoolID" ORDER BY "schoolID"`
  ).map(([schoolID, errors, warnings]) => ({ database, school: label(schoolID), errors: Number(errors), warnings: Number(warnings) }))
  return { units, holds, openAlerts }
}

const stageIndex = (stage: string): number => StageNames.indexOf(stage as (typeof StageNames)[number])

/** Units in the order a night runs them: by stage, then by school. */
export const byStageThenSchool = (a: Pick<JournalUnit, "stage" | "school">, b: Pick<JournalUnit, "stage" | "school">): number =>
  stageIndex(a.stage) - stageIndex(b.stage) || (a.school ?? "").localeCompare(b.school ?? "")

/** Each unit's last night, per database in the order given, units by stage then school. */
export const lastNightOfEachUnit = (databases: ReadonlyArray<string>, units: ReadonlyArray<JournalUnit>): Array<UnitStatus> => {
  const last = new Map<string, JournalUnit>()
  for (const unit of units) {
    const key = `${unit.database}\u0000${unit.stage}\u0000${unit.school ?? ""}`
    const previous = last.get(key)
    if (previous === undefined || previous.night < unit.night) last.set(key, unit)
  }
  return databases.flatMap((database) =>
    [...last.values()].filter((unit) => unit.database === database).sort(byStageThenSchool)
      .map((unit) => ({ database, stage: unit.stage, school: unit.school, lastNight: unit.night }))
  )
}

/** The status of a configuration, read-only. */
export const exchangeStatus = (configFile: string): ExchangeStatus => {
  const config = loadExchangeConfig(configFile)
  const { connections, failed } = openDatabases(config, { readonly: true })
  try {
    const journals = [...connections].map(([database, db]) => readJournal(db, database))
    return {
      units: lastNightOfEachUnit([...connections.keys()], journals.flatMap((journal) => journal.units)),
      openHolds: journals.flatMap((journal) => journal.holds.filter(isHoldOpen)).map((hold) => ({
        database: hold.database,
        holdID: hold.holdID,
        school: hold.school,
        night: hold.night,
        activeRows: hold.activeRows,
        removals: hold.removals,
        approvedOn: hold.approvedOn
      })),
      openAlerts: journals.flatMap((journal) => journal.openAlerts),
      failedDatabases: [...failed].map(([database, reason]) => ({ database, reason }))
    }
  } finally {
    closeDatabases(connections)
  }
}

/** `district-school` labels of a database's schools by schoolID. */
export const schoolLabels = (db: StoreDb): Map<number, string> => {
  const districts = new Map(selectRows(db, "district").map((row) => [row["districtID"] as number, row["number"] as string]))
  return new Map(selectRows(db, "school").map((row) => [
    row["schoolID"] as number,
    schoolLabel({ district: districts.get(row["districtID"] as number) ?? "?", school: row["number"] as string })
  ]))
}
