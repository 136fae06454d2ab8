/**
 * Schema versions. `PRAGMA user_version` holds the version a store file is at;
 * opening a store applies the migrations it lacks, each in its own transaction.
 */
import type Database from "better-sqlite3"
import { Tables } from "@kts/domain"
import { createIndexSql, createTableSql, indexSpecs } from "./Schema.js"

/** One schema change, applied once. */
export interface Migration {
  readonly version: number
  readonly description: string
  readonly apply: (db: Database.Database) => void
}

/** Every migration, oldest first. The last one's version is the current schema version. */
export const Migrations: ReadonlyArray<Migration> = [
  {
    version: 1,
    description: "every bundle table with its keys and indexes",
    apply: (db) => {
      for (const table of Tables) db.exec(createTableSql(table))
      for (const index of indexSpecs()) db.exec(createIndexSql(index))
      db.exec(`CREATE TABLE "storeImport" (
  "importID" INTEGER PRIMARY KEY,
  "importedAt" TEXT NOT NULL,
  "source" TEXT NOT NULL,
  "rowCount" INTEGER NOT NULL
)`)
    }
  }
]

/** The schema version a store is at after every migration. */
export const CurrentSchemaVersion = Migrations[Migrations.length - 1]!.version

/** Applies the migrations `db` lacks; returns the versions applied. */
export const migrate = (db: Database.Database): ReadonlyArray<number> => {
  const current = db.pragma("user_version", { simple: true }) as number
  if (current > CurrentSchemaVersion) {
    throw new Error(`the store is at schema version ${current}, newer than this kts (${CurrentSchemaVersion}): upgrade kts`)
  }
  const applied: Array<number> = []
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
