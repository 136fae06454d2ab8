/**
 * @kts/lead-extract: the KECS LEAD detail report. Pure section/student
 * selection and row assembly, CSV and HTML writers, the LeadSource interface
 * and its store implementation (bounded memory), the `runLeadExtract` entry point and `explain`.
 */
export * from "./Columns.js"
export * from "./CsvWriter.js"
export * from "./Explain.js"
export * from "./HtmlWriter.js"
export * from "./LeadExtract.js"
export * from "./LeadExtractError.js"
export * from "./Parameters.js"
export * from "./ReportBuilder.js"
export * from "./ReportWriter.js"
export * from "./RowAssembly.js"
export * from "./RowOrder.js"
export * from "./SectionSelection.js"
export * from "./Source.js"
export * from "./StoreLeadSource.js"
export * from "./StudentSelection.js"
