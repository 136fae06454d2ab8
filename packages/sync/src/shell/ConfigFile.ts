/**
 * Loading `exchange.json`: read the file, decode it (`Config.ts`), then check
 * that every school a link names is in its database, opening each database
 * read-only. A database that exists but cannot be opened is not a problem of
 * the file: the night fails only the units that need it.
 */
import { existsSync, readFileSync, statSync } from "node:fs"
import { type ConfigProblem, type ExchangeConfig, ExchangeConfigError, formatJsonPath, parseExchangeConfig } from "../Config.js"
import { closeDatabases, findSchool, openDatabases } from "./Night.js"
import type { StoreDb } from "./Rows.js"

const isFile = (path: string): boolean => {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}

/** Reads and decodes the configuration without opening any database. */
export const readExchangeConfig = (file: string): ExchangeConfig => {
  if (!existsSync(file)) throw new ExchangeConfigError({ file, problems: [{ path: "", message: "no such file" }] })
  let text: string
  try {
    text = readFileSync(file, "utf8")
  } catch (error) {
    throw new ExchangeConfigError({ file, problems: [{ path: "", message: `cannot be read (${String(error)})` }] })
  }
  const parsed = parseExchangeConfig(file, text, isFile)
  if (parsed._tag === "Left") throw parsed.error
  return parsed.config
}

/** The problems of schools the links name that their (readable) databases do not hold. */
export const schoolProblems = (config: ExchangeConfig): Array<ConfigProblem> => {
  const { connections } = openDatabases(config, { readonly: true })
  try {
    return schoolProblemsIn(config, connections)
  } finally {
    closeDatabases(connections)
  }
}

/** `schoolProblems` over databases already open (a database absent from `connections` is not checked). */
export const schoolProblemsIn = (config: ExchangeConfig, connections: ReadonlyMap<string, StoreDb>): Array<ConfigProblem> => {
  const problems: Array<ConfigProblem> = []
  config.links.forEach((link, index) => {
    for (const side of ["tech", "highSchool"] as const) {
      const ref = link[side]
      const db = connections.get(ref.database)
      if (db === undefined) continue
      const result = findSchool(db, ref)
      if ("missing" in result) {
        problems.push({
          path: formatJsonPath(["links", index, side, result.missing]),
          message: result.missing === "district"
            ? `database "${ref.database}" has no district ${ref.district}`
            : `database "${ref.database}" has no school ${ref.school} in district ${ref.district}`
        })
      }
    }
  })
  return problems
}

/** Reads, decodes and checks the configuration; throws `ExchangeConfigError` with every problem. */
export const loadExchangeConfig = (file: string): ExchangeConfig => {
  const config = readExchangeConfig(file)
  const problems = schoolProblems(config)
  if (problems.length > 0) throw new ExchangeConfigError({ file, problems })
  return config
}
