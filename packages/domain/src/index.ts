/**
 * @kts/domain: the KSIS bundle's tables, their types and schemas, the state code
 * lists and the date arithmetic every other package shares. No I/O.
 */
export * from "./CodeList.js"
export * from "./Column.js"
export * from "./FieldValue.js"
export * from "./LocalDate.js"
export * from "./SchoolYear.js"
export * from "./TableSchema.js"
export * from "./TableSpec.js"
export * from "./Tables.js"
