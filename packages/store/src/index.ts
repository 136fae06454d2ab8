/**
 * @kts/store: the only package that opens SQLite files. The store's schema,
 * its migrations, the all-or-nothing bundle import, and the one access API
 * other packages read and write through (`StoreConnection`, the `Store`
 * service, SQL built from the domain declarations by `Sql`).
 */
export * from "./BundleExport.js"
export * from "./BundleImport.js"
export * from "./CsvReader.js"
export * from "./Errors.js"
export * from "./DeltaImport.js"
export * from "./ImportProblem.js"
export * from "./Migrations.js"
export * from "./Schema.js"
export * from "./Sql.js"
export * from "./Store.js"
export * from "./StoreConnection.js"
