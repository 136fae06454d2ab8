/**
 * @kts/sync: the KTS Data Exchange's nightly stages as a pure core. Each stage
 * turns a snapshot of the records it reads into a plan of rows to write; the
 * shell that reads databases and applies plans lives elsewhere. No database,
 * no clock: the night's date is a parameter.
 */
export * from "./GradingSetup.js"
export * from "./GradeSyncFacts.js"
export * from "./KtsTechID.js"
export * from "./Pairing.js"
export * from "./Snapshot.js"
export * from "./Plan.js"
export * from "./Ledger.js"
export * from "./Alerts.js"
export * from "./Disclosures.js"
export * from "./Students.js"
export * from "./Units.js"
export * from "./Publish.js"
export * from "./Rosters.js"
export * from "./Grades.js"
export * from "./Attendance.js"
export * from "./Night.js"
export type { HoldSettings, SchoolRef } from "./Snapshot.js"
