/**
 * @kts/store: the only package that opens SQLite files. The store's schema,
 * its migrations, the all-or-nothing bundle import and delta load, and export.
 */
export * from "./BundleExport.js"
export * from "./BundleImport.js"
export * from "./CsvReader.js"
export * from "./DeltaImport.js"
export * from "./ImportProblem.js"
export * from "./Migrations.js"
export * from "./Schema.js"
export * from "./Store.js"
