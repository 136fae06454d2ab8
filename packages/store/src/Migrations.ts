/**
 * Schema versions. `PRAGMA user_version` holds the version a store file is at;
 * opening a store applies the migrations it lacks, each in its own transaction.
 */
import type Database from "better-sqlite3"
import { Tables, TablesByName } from "@kts/domain"
import { createIndexSql, createTableSql, indexSpecs } from "./Schema.js"

/** One schema change, applied once. */
export interface Migration {
  readonly version: number
  readonly description: string
  readonly apply: (db: Database.Database) => void
}

const STORE_IMPORT_SQL = `CREATE TABLE "storeImport" (
  "importID" INTEGER PRIMARY KEY,
  "importedAt" TEXT NOT NULL,
  "source" TEXT NOT NULL,
  "rowCount" INTEGER NOT NULL
)`

/** The tables the exchange writes, added by version 2. */
const EXCHANGE_TABLES = ["processAlert", "exchangeRun", "exchangeHold", "disclosure"]

/**
 * Every migration, oldest first. The last one's version is the current schema
 * version. A new store file skips them: it is created at the current schema
 * straight from the declarations (`createCurrentSchema`), so a migration only
 * ever runs on a file an older kts wrote, and states its change in its own
 * words rather than through today's declarations.
 */
export const Migrations: ReadonlyArray<Migration> = [
  {
    version: 1,
    description: "every bundle table of the first release with its keys and indexes",
    apply: (db) => {
      // Version 1 is only reached by creating a store, which now happens at the current schema.
      createCurrentSchema(db)
    }
  },
  {
    version: 2,
    description: "courseMaster.ktsTechID and the exchange's tables (processAlert, exchangeRun, exchangeHold, disclosure)",
    apply: (db) => {
      db.exec(`ALTER TABLE "courseMaster" ADD COLUMN "ktsTechID" TEXT`)
      for (const name of EXCHANGE_TABLES) db.exec(createTableSql(TablesByName.get(name)!))
      for (const index of indexSpecs()) db.exec(createIndexSql(index).replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))
    }
  }
]

/** Creates every table and index of the current schema in an empty database. */
export const createCurrentSchema = (db: Database.Database): void => {
  for (const table of Tables) db.exec(createTableSql(table))
  for (const index of indexSpecs()) db.exec(createIndexSql(index))
  db.exec(STORE_IMPORT_SQL)
}

/** The schema version a store is at after every migration. */
export const CurrentSchemaVersion = Migrations[Migrations.length - 1]!.version

/** Applies the migrations `db` lacks; returns the versions applied. */
export const migrate = (db: Database.Database): ReadonlyArray<number> => {
  const current = db.pragma("user_version", { simple: true }) as number
  if (current > CurrentSchemaVersion) {
    throw new Error(`the store is at schema version ${current}, newer than this kts (${CurrentSchemaVersion}): upgrade kts`)
  }
  const applied: Array<number> = []
  if (current === 0) {
    db.transaction(() => {
      createCurrentSchema(db)
      db.pragma(`user_version = ${CurrentSchemaVersion}`)
    }).immediate()
    return [CurrentSchemaVersion]
  }
  for (const migration of Migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      migration.apply(db)
      db.pragma(`user_version = ${migration.version}`)
    }).immediate()
    applied.push(migration.version)
  }
  return applied
}
