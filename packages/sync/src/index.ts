/**
 * @kts/sync: the KTS Data Exchange's nightly stages as a pure core. Each stage
 * turns a snapshot of the records it reads into a plan of rows to write; the
 * shell that reads databases and applies plans lives elsewhere. No database,
 * no clock: the night's date is a parameter.
 */
export * from "./GradingSetup.js"
export * from "./KtsTechID.js"
