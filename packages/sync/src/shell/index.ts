/**
 * The exchange's shell: reads the school databases, calls the core's
 * planners, applies each unit in one transaction with its journal row, and
 * the commands built on that (run, approve, status, the attendance report,
 * alerts and disclosures listings).
 */
export * from "./AttendanceReport.js"
export * from "./ConfigFile.js"
export * from "./Emit.js"
export * from "./Exchange.js"
export * from "./Listings.js"
export * from "./Lock.js"
export * from "./Night.js"
export * from "./Report.js"
export { ExchangeDatabaseUnreadable, StageNames } from "./Unit.js"
