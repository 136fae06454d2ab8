/**
 * @kts/eligibility: every program rule of the KECS LEAD report as a pure
 * function over plain records, returning the value the report prints and the
 * evidence behind it. No database, no clock: today is a parameter.
 */
export * from "./Verdict.js"
export * from "./Latest.js"
export * from "./LeadFlags.js"
export * from "./EnrollmentWindow.js"
export * from "./ReportedEnrollment.js"
export * from "./RosterRow.js"
export * from "./SpecialEd.js"
export * from "./EnglishLearner.js"
export * from "./Gifted.js"
export * from "./Migrant.js"
export * from "./EconomicallyDisadvantaged.js"
export * from "./Homeless.js"
export * from "./FosterCare.js"
export * from "./MilitaryConnected.js"
export * from "./HomeHospital.js"
export * from "./AlternativeEducationIlpa.js"
export * from "./CaseManager.js"
export * from "./PrimaryTeacher.js"
export * from "./SectionTerms.js"
