/**
 * The journal row of a unit (`exchangeRun`) and the conversion of a core
 * plan into the row changes the shell applies: inserts and updates in the
 * order of `PLAN_TABLES` (each table after those it references), deletes in
 * the reverse order, then the journal row. Updates carry the whole row as
 * the core planned it.
 */
import { localDateTimeOf } from "@kts/domain"
import { PLAN_TABLE_KEYS, PLAN_TABLES, type UnitPlan } from "../Plan.js"
import { maxId, type Row, type RowChange, selectRows, type StoreDb } from "./Rows.js"
import type { StageName } from "./Unit.js"

/** The journal row of a unit already applied for `night`, if any. */
export const journalRow = (db: StoreDb, night: string, stage: StageName, schoolID: number | null): Row | undefined =>
  selectRows(db, "exchangeRun", { night, stage, schoolID })[0]

/** A plan's rows as changes, in an order the foreign keys allow. */
export const planChanges = (plan: UnitPlan): Array<RowChange> => {
  const changes: Array<RowChange> = []
  for (const table of PLAN_TABLES) {
    const key = PLAN_TABLE_KEYS[table]
    const rows = plan.changes[table]
    for (const row of rows.insert) changes.push({ kind: "insert", table, row: row as unknown as Row })
    for (const row of rows.update) {
      const record = row as unknown as Row
      const set: Record<string, Row[string]> = { ...record }
      delete set[key]
      changes.push({ kind: "update", table, key: { [key]: record[key]! }, set })
    }
  }
  for (const table of [...PLAN_TABLES].reverse()) {
    const key = PLAN_TABLE_KEYS[table]
    for (const row of plan.changes[table].delete) {
      changes.push({ kind: "delete", table, key: { [key]: (row as unknown as Row)[key]! } })
    }
  }
  return changes
}

/** The journal row of a unit, written even when the unit changed nothing. */
export const journalChange = (db: StoreDb, night: string, plan: UnitPlan, finishedAt: Date): RowChange => ({
  kind: "insert",
  table: "exchangeRun",
  row: {
    runID: maxId(db, "exchangeRun") + 1,
    night,
    stage: plan.stage,
    schoolID: plan.schoolID,
    inserted: plan.counts.inserted,
    updated: plan.counts.updated,
    removed: plan.counts.removed,
    finishedAt: localDateTimeOf(finishedAt)
  }
})
