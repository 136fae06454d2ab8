/**
 * The exchange's configuration file (`exchange.json`): which school databases
 * take part and which high school sends students to which technical school.
 *
 * Decoding is pure (text in, configuration or problems out); whether each file
 * exists is asked of a function passed in, and whether each named school is in
 * its database is checked by the shell (`shell/ConfigFile.ts`), which opens
 * the stores read-only.
 */
import { Schema, SchemaIssue } from "effect"
import { dirname, isAbsolute, resolve } from "node:path"
import { DEFAULT_HOLD_SETTINGS, type HoldSettings } from "./Snapshot.js"

/** One end of a link: the database key and the school's state numbers. */
export interface LinkEnd {
  readonly database: string
  readonly district: string
  readonly school: string
}

/** A high school that sends students to a technical school. */
export interface ExchangeLink {
  readonly tech: LinkEnd
  readonly highSchool: LinkEnd
  readonly attendanceSync: boolean
}

/** A decoded configuration, database paths absolute. */
export interface ExchangeConfig {
  /** The configuration file, as the user named it (for messages). */
  readonly file: string
  /** Database key → absolute path, in the file's order. */
  readonly databases: ReadonlyMap<string, string>
  readonly links: ReadonlyArray<ExchangeLink>
  readonly holds: HoldSettings
}

/** One thing wrong in the file, at a JSON path such as `links[3].highSchool.school`. */
export interface ConfigProblem {
  readonly path: string
  readonly message: string
}

/** The configuration file cannot be used: every problem found, each with its JSON path. */
export class ExchangeConfigError extends Schema.TaggedError<ExchangeConfigError>()("ExchangeConfigError", {
  file: Schema.String,
  problems: Schema.Array(Schema.Struct({ path: Schema.String, message: Schema.String }))
}) {
  override get message(): string {
    return this.problems.map((problem) => `${this.file}: ${problem.path === "" ? "" : `${problem.path}: `}${problem.message}`)
      .join("\n")
  }
}

const NonEmptyText = Schema.String.check(Schema.isNonEmpty({ message: "must not be empty" }))

const SchoolRefSchema = Schema.Struct({
  database: NonEmptyText,
  district: NonEmptyText,
  school: NonEmptyText
})

const LinkSchema = Schema.Struct({
  tech: SchoolRefSchema,
  highSchool: SchoolRefSchema,
  attendanceSync: Schema.optionalKey(Schema.Boolean)
})

const HoldsSchema = Schema.Struct({
  rosterRemovalShare: Schema.optionalKey(
    Schema.Number.check(Schema.isBetween({ minimum: 0, maximum: 1 }, { message: "must be a number from 0 to 1" }))
  ),
  rosterRemovalMinimum: Schema.optionalKey(
    Schema.Number.check(
      Schema.isInt({ message: "must be a whole number" }),
      Schema.isGreaterThanOrEqualTo(0, { message: "must not be negative" })
    )
  )
})

/** The file's shape, as written. */
export const ExchangeFileSchema = Schema.Struct({
  databases: Schema.Record(Schema.String, NonEmptyText),
  links: Schema.Array(LinkSchema),
  holds: Schema.optionalKey(HoldsSchema)
})

/** The file as decoded by `ExchangeFileSchema`. */
export type ExchangeFile = typeof ExchangeFileSchema.Type

const decodeFile = Schema.decodeUnknownResult(ExchangeFileSchema, { errors: "all", onExcessProperty: "error" })

const issueFormatter = SchemaIssue.makeFormatterStandardSchemaV1()

/** `["links", 3, "highSchool", "school"]` as `links[3].highSchool.school`. */
export const formatJsonPath = (path: ReadonlyArray<PropertyKey | { readonly key: PropertyKey }>): string => {
  let text = ""
  for (const step of path) {
    const key = typeof step === "object" && step !== null ? step.key : step
    if (typeof key === "number") text += `[${key}]`
    else if (typeof key === "string" && /^[A-Za-z_$][\w$]*$/.test(key)) text += text === "" ? key : `.${key}`
    else text += `[${JSON.stringify(String(key))}]`
  }
  return text
}

const refKey = (ref: LinkEnd): string => `${ref.database}\u0000${ref.district}\u0000${ref.school}`

/**
 * Decodes the text of a configuration file named `file`; database paths are
 * resolved against the file's folder and must exist (`fileExists`).
 */
export const parseExchangeConfig = (
  file: string,
  text: string,
  fileExists: (path: string) => boolean
): { readonly _tag: "Right"; readonly config: ExchangeConfig } | { readonly _tag: "Left"; readonly error: ExchangeConfigError } => {
  const fail = (problems: ReadonlyArray<ConfigProblem>) => ({ _tag: "Left" as const, error: new ExchangeConfigError({ file, problems }) })
  let json: unknown
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (cause) {
    return fail([{ path: "", message: `not valid JSON (${cause instanceof Error ? cause.message : String(cause)})` }])
  }
  const decoded = decodeFile(json)
  if (decoded._tag === "Failure") {
    const issues = issueFormatter(decoded.failure.issue).issues
    return fail(issues.map((issue) => ({ path: formatJsonPath(issue.path ?? []), message: issue.message })))
  }
  const shape = decoded.success
  const problems: Array<ConfigProblem> = []
  const folder = dirname(resolve(file))
  const databases = new Map<string, string>()
  for (const [key, path] of Object.entries(shape.databases)) {
    const absolute = isAbsolute(path) ? path : resolve(folder, path)
    databases.set(key, absolute)
    if (!fileExists(absolute)) {
      problems.push({ path: formatJsonPath(["databases", key]), message: `no database file at ${absolute}` })
    }
  }
  const seen = new Map<string, number>()
  const links: Array<ExchangeLink> = []
  shape.links.forEach((link, index) => {
    for (const side of ["tech", "highSchool"] as const) {
      if (!databases.has(link[side].database)) {
        problems.push({
          path: formatJsonPath(["links", index, side, "database"]),
          message: `names database "${link[side].database}", which \`databases\` does not list`
        })
      }
    }
    const key = `${refKey(link.tech)}\u0001${refKey(link.highSchool)}`
    const earlier = seen.get(key)
    if (earlier !== undefined) {
      problems.push({ path: formatJsonPath(["links", index]), message: `repeats links[${earlier}] (same technical school and high school)` })
    } else seen.set(key, index)
    links.push({ tech: link.tech, highSchool: link.highSchool, attendanceSync: link.attendanceSync ?? false })
  })
  if (problems.length > 0) return fail(problems)
  return {
    _tag: "Right",
    config: {
      file,
      databases,
      links,
      holds: {
        rosterRemovalShare: shape.holds?.rosterRemovalShare ?? DEFAULT_HOLD_SETTINGS.rosterRemovalShare,
        rosterRemovalMinimum: shape.holds?.rosterRemovalMinimum ?? DEFAULT_HOLD_SETTINGS.rosterRemovalMinimum
      }
    }
  }
}
