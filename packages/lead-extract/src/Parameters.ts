/**
 * The report's run parameters (docs/lead-report.md → Run parameters): what the
 * caller may give, the defaults, and the checks that need no store.
 */
import {
  datePart,
  isLocalDate,
  isLocalDateTime,
  localDateTimeOf,
  schoolYearEnd,
  schoolYearStart,
  type LocalDate,
  type LocalDateTime
} from "@kts/domain"
import { availableParallelism } from "node:os"
import { InvalidLeadParameter, LeadDateRangeReversed } from "./LeadExtractError.js"

/** Which files to write. */
export type LeadFormat = "csv" | "html" | "both"

/** The formats, for argument parsers. */
export const LeadFormats: ReadonlyArray<LeadFormat> = ["csv", "html", "both"]

/** What a caller gives; everything but the end year has a default. */
export interface LeadExtractOptions {
  /** The school year, by its end year (`2025` for SY 24-25). */
  readonly endYear: number | string
  /** The run time `YYYY-MM-DDTHH:MM` (seconds accepted and dropped); default: the machine's local now. */
  readonly asOf?: string | undefined
  /** Start of the extract date range; default July 1 of endYear − 1. */
  readonly from?: string | undefined
  /** End of the extract date range; default June 30 of endYear. */
  readonly to?: string | undefined
  /** Leave out cross-site sections; default true. */
  readonly excludeCrossSite?: boolean | undefined
  /** State district numbers to report; default (undefined or empty) every district. */
  readonly districts?: ReadonlyArray<string> | undefined
  /** The report name in `KECS_LEAD_<name>.csv`; default `Extract`. */
  readonly name?: string | undefined
  /** Default `csv`. */
  readonly format?: string | undefined
  /** The folder the files go to (created when missing); default the current folder. */
  readonly outDir?: string | undefined
  /**
   * Worker threads that build the rows (1 keeps the run on the calling
   * thread); default the machine's available parallelism, at most 4. The
   * files are the same bytes whatever the number.
   */
  readonly threads?: number | undefined
}

/** Run parameters with every default applied and every value checked. */
export interface LeadExtractParameters {
  readonly endYear: number
  /** `YYYY-MM-DDTHH:MM`. */
  readonly asOf: LocalDateTime
  readonly from: LocalDate
  readonly to: LocalDate
  readonly excludeCrossSite: boolean
  /** Distinct district numbers in the order given; empty means every district. */
  readonly districts: ReadonlyArray<string>
  readonly name: string
  readonly format: LeadFormat
  readonly outDir: string
  readonly threads: number
}

/** `today` in the rules: the date part of the run time. */
export const todayOf = (parameters: { readonly asOf: LocalDateTime }): LocalDate => datePart(parameters.asOf)

/** The report's file name for a format: `KECS_LEAD_<name>.csv` or `.html`. */
export const reportFileName = (name: string, extension: "csv" | "html"): string => `KECS_LEAD_${name}.${extension}`

const readEndYear = (value: number | string): number => {
  const text = String(value).trim()
  const year = Number(text)
  if (!/^\d{4}$/.test(text) || year < 1900) {
    throw new InvalidLeadParameter({ parameter: "--end-year", value: String(value), expected: "a 4-digit school end year such as 2025" })
  }
  return year
}

const readDate = (parameter: string, value: string): LocalDate => {
  if (!isLocalDate(value)) throw new InvalidLeadParameter({ parameter, value, expected: "a real date as YYYY-MM-DD" })
  return value
}

const readAsOf = (value: string): LocalDateTime => {
  if (!isLocalDateTime(value)) {
    throw new InvalidLeadParameter({ parameter: "--as-of", value, expected: "a local date and time as YYYY-MM-DDTHH:MM" })
  }
  return value.slice(0, 16)
}

// The name becomes part of a file name: nothing that could leave the output
// folder or be unportable across file systems.
const UNSAFE_NAME = /[/\\:*?"<>|\u0000-\u001f]/

const readName = (value: string): string => {
  if (value === "" || value === "." || value === ".." || UNSAFE_NAME.test(value)) {
    throw new InvalidLeadParameter({
      parameter: "--name",
      value,
      expected: "a non-empty name without / \\ : * ? \" < > | or control characters"
    })
  }
  return value
}

const readThreads = (value: number): number => {
  if (!Number.isInteger(value) || value < 1 || value > 64) {
    throw new InvalidLeadParameter({ parameter: "--threads", value: String(value), expected: "a whole number from 1 to 64" })
  }
  return value
}

/** The default number of worker threads: the available parallelism, at most 4. */
export const defaultThreads = (): number => Math.max(1, Math.min(availableParallelism(), 4))

const readFormat = (value: string): LeadFormat => {
  if (!(LeadFormats as ReadonlyArray<string>).includes(value)) {
    throw new InvalidLeadParameter({ parameter: "--format", value, expected: "csv, html or both" })
  }
  return value as LeadFormat
}

/**
 * Applies the defaults and checks every value that needs no store. `now` is the
 * machine's clock, read only when `asOf` is not given. Idempotent: resolved
 * parameters resolve to themselves.
 *
 * @throws InvalidLeadParameter, LeadDateRangeReversed
 */
export const resolveLeadParameters = (options: LeadExtractOptions, now: () => Date = () => new Date()): LeadExtractParameters => {
  const endYear = readEndYear(options.endYear)
  const asOf = options.asOf === undefined ? localDateTimeOf(now()) : readAsOf(options.asOf)
  const from = options.from === undefined ? schoolYearStart(endYear) : readDate("--from", options.from)
  const to = options.to === undefined ? schoolYearEnd(endYear) : readDate("--to", options.to)
  if (from > to) throw new LeadDateRangeReversed({ from, to })
  const districts: Array<string> = []
  for (const number of options.districts ?? []) {
    if (number === "") throw new InvalidLeadParameter({ parameter: "--district", value: number, expected: "a state district number such as 165" })
    if (!districts.includes(number)) districts.push(number)
  }
  return {
    endYear,
    asOf,
    from,
    to,
    excludeCrossSite: options.excludeCrossSite ?? true,
    districts,
    name: readName(options.name ?? "Extract"),
    format: readFormat(options.format ?? "csv"),
    outDir: options.outDir ?? ".",
    threads: options.threads === undefined ? defaultThreads() : readThreads(options.threads)
  }
}
