/**
 * @kts/grade-check: the KTS grade-sync troubleshooting checklist as ten pure
 * checks over a snapshot of a high school's KTS course and the technical
 * section it names, using `@kts/sync`'s own rules; a shell that reads the
 * snapshots from the exchange's databases; the text, JSON, HTML and CSV
 * writers; and the support request with its personal-data scan.
 */
export * from "./Alerts.js"
export * from "./ArrivedAtHighSchool.js"
export * from "./CheckResult.js"
export * from "./CteTasksOnly.js"
export * from "./GradeCalcOptions.js"
export * from "./GradeCheck.js"
export * from "./HighSchoolMasks.js"
export * from "./Pairing.js"
export * from "./PostedAtTech.js"
export * from "./ReportCards.js"
export * from "./ScoreGroup.js"
export * from "./Snapshot.js"
export * from "./TechMasks.js"
export * from "./Csv.js"
export * from "./GradeCheckRun.js"
export * from "./PersonalDataScan.js"
export * from "./ReadSnapshots.js"
export * from "./Report.js"
export * from "./SupportRequest.js"
