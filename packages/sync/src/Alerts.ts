/**
 * Process alerts (docs/exchange.md §3): what each code is, its subject, and the
 * lifecycle of an alert across nights. A problem found the first night is
 * inserted (firstSeen = lastSeen = night); found again, its lastSeen moves;
 * not found by a night whose stage completes for that school, it is resolved.
 * A resolved alert is never reopened: the problem coming back is a new alert.
 */
import type { LocalDate, ProcessAlert } from "@kts/domain"
import type { IdLedger } from "./Plan.js"
import { ChangeSet } from "./Plan.js"

/** Every alert code the exchange raises. */
export type AlertCode =
  | "link.unknownTechSection"
  | "link.noSection"
  | "link.multipleSections"
  | "student.noStateId"
  | "student.noEnrollment"
  | "student.duplicateStateId"
  | "hold.rosterRemovals"
  | "grades.tech.duplicateTask"
  | "grades.tech.noActiveMask"
  | "grades.tech.activeMasks"
  | "grades.tech.activeTermNotGraded"
  | "grades.hs.missingTask"
  | "grades.hs.duplicateTask"
  | "grades.hs.noActiveMask"
  | "grades.hs.activeMasks"
  | "grades.hs.activeTermNotGraded"
  | "grades.hs.termMismatch"
  | "grades.hs.scoreNotInGroup"
  | "grades.hs.noScoreGroup"

/** The stages that raise alerts. */
export type AlertStage = "rosters" | "grades"

/** The stage an alert code belongs to: `link.*`, `student.*`, `hold.*` to rosters, `grades.*` to grades. */
export const stageOfCode = (code: AlertCode): AlertStage => (code.startsWith("grades.") ? "grades" : "rosters")

/** The severity of an alert code. */
export const severityOfCode = (code: AlertCode): "error" | "warning" =>
  code === "link.noSection" || code === "grades.hs.scoreNotInGroup" || code === "grades.hs.noScoreGroup"
    ? "warning"
    : "error"

/**
 * What an alert is about: two alerts with the same subject are the same
 * problem. Only the parts the code's subject names are set (docs/exchange.md §3):
 * `link.*` course number and KTSTechID; `student.*` course, section and (but
 * `noStateId`) State ID; `grades.*` course, section and task; `hold.*` none.
 */
export interface AlertSubject {
  readonly schoolID: number
  readonly code: AlertCode
  readonly courseNumber: string | null
  readonly sectionNumber: number | null
  readonly ktsTechID: string | null
  readonly stateID: string | null
  readonly task: string | null
}

/** An alert found this night: its subject and its message. */
export interface RaisedAlert extends AlertSubject {
  readonly message: string
}

/** One text for a subject, for maps. */
export const subjectKey = (subject: Omit<AlertSubject, "code"> & { readonly code: string }): string =>
  JSON.stringify([
    subject.schoolID,
    subject.code,
    subject.courseNumber,
    subject.sectionNumber,
    subject.ktsTechID,
    subject.stateID,
    subject.task
  ])

/** What an alert plan does. */
export interface AlertPlan {
  readonly insert: ReadonlyArray<ProcessAlert>
  readonly update: ReadonlyArray<ProcessAlert>
  /** Alerts found this night (inserted, or an open one seen again). */
  readonly raised: number
  /** Open alerts resolved this night. */
  readonly resolved: number
}

/**
 * The alert rows of one unit: `raised` are the problems found this night at
 * the unit's school for `stage`; `open` are that school's alerts with NULL
 * resolvedOn (any stage: only `stage`'s are matched and resolved). With
 * `resolve` false (a held unit) nothing is resolved. The same subject raised
 * twice counts once (the first message is kept).
 */
export const planAlerts = (
  stage: AlertStage,
  night: LocalDate,
  raised: ReadonlyArray<RaisedAlert>,
  open: ReadonlyArray<ProcessAlert>,
  ids: IdLedger,
  options: { readonly resolve: boolean } = { resolve: true }
): AlertPlan => {
  const openBySubject = new Map<string, ProcessAlert>()
  for (const alert of [...open].sort((a, b) => a.alertID - b.alertID)) {
    if (alert.resolvedOn !== null || alert.stage !== stage) continue
    const key = subjectKey(alert)
    // Two open rows for one subject should not exist; the newest is kept in step, the other resolved.
    openBySubject.set(key, alert)
  }
  const insert: Array<ProcessAlert> = []
  const update: Array<ProcessAlert> = []
  const seen = new Set<string>()
  for (const alert of raised) {
    const key = subjectKey(alert)
    if (seen.has(key)) continue
    seen.add(key)
    const existing = openBySubject.get(key)
    if (existing === undefined) {
      insert.push({
        alertID: ids.take("processAlert"),
        schoolID: alert.schoolID,
        stage,
        severity: severityOfCode(alert.code),
        code: alert.code,
        courseNumber: alert.courseNumber,
        sectionNumber: alert.sectionNumber,
        ktsTechID: alert.ktsTechID,
        stateID: alert.stateID,
        task: alert.task,
        message: alert.message,
        firstSeen: night,
        lastSeen: night,
        resolvedOn: null
      })
    } else if (existing.lastSeen !== night || existing.message !== alert.message) {
      update.push({
        ...existing,
        lastSeen: existing.lastSeen > night ? existing.lastSeen : night,
        message: alert.message
      })
    }
  }
  let resolved = 0
  if (options.resolve) {
    for (const alert of open) {
      if (alert.resolvedOn !== null || alert.stage !== stage) continue
      const key = subjectKey(alert)
      if (seen.has(key) && openBySubject.get(key) === alert) continue
      update.push({ ...alert, resolvedOn: night })
      resolved++
    }
  }
  return { insert, update, raised: seen.size, resolved }
}

/** Adds an alert plan's rows to a unit's changes. */
export const addAlertPlan = (changes: ChangeSet, plan: AlertPlan): void => {
  for (const row of plan.insert) changes.insert("processAlert", row)
  for (const row of plan.update) changes.update("processAlert", row)
}
