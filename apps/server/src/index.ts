/**
 * @kts/server: the KTS HTTP API and pages, scoped per school. Routes call
 * the packages (sync's shell, grade-check, lead-extract) and hold no rules.
 */
export * from "./AccessLog.js"
export * from "./AccessScope.js"
export * from "./Server.js"
export * from "./Tokens.js"
export { openApiDocument } from "./OpenApi.js"
export type { LogEntry } from "./App.js"
export * from "./TokenCommands.js"
