/**
 * @kts/store: the only package that opens SQLite files. The store's schema,
 * its migrations, and the all-or-nothing bundle import.
 */
export * from "./BundleImport.js"
export * from "./CsvReader.js"
export * from "./ImportProblem.js"
export * from "./Migrations.js"
export * from "./Schema.js"
export * from "./Store.js"
