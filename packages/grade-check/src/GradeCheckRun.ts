/**
 * One `kts grade-check` run: read the configuration and the databases, run
 * the checks, format the result, and write the CSV table and the support
 * request (scanned first: on a hit nothing at all is written).
 */
import { endYearOf, isLocalDate, type LocalDate } from "@kts/domain"
import { isCteTaskName } from "@kts/sync"
import { existsSync, mkdirSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { type CheckResult, sortResults } from "./CheckResult.js"
import { runChecks, schoolWithoutCourses, studentWithoutPairing } from "./GradeCheck.js"
import { GradeCheckInputError, GradeCheckReader, type GradeCheckTarget, type ReadResult } from "./ReadSnapshots.js"
import { csvFileName, formatCsv, formatHtml, formatJson, formatText, type GradeCheckDocument, type GradeCheckFormat } from "./Report.js"
import { buildSupportRequest, checkSupportRequest, writeSupportRequest } from "./SupportRequest.js"
import { type ExchangeConfig, loadExchangeConfig } from "./internal/SyncPending.js"

/** A run's parameters, as the command line gives them. */
export interface GradeCheckOptions {
  readonly configFile: string
  readonly target: GradeCheckTarget
  readonly course?: string | undefined
  readonly task?: string | undefined
  readonly endYear?: number | undefined
  /** The run's today, YYYY-MM-DD. */
  readonly asOf: LocalDate
  readonly format: GradeCheckFormat
  /** Folder of the CSV table. */
  readonly outDir: string
  readonly supportRequest?: string | undefined
  /**
   * The databases, already opened for this configuration (several runs sharing
   * one reader read each database's shared rows once); default: opened and
   * closed by this run.
   */
  readonly reader?: GradeCheckReader | undefined
}

/** What a run produced: the text for stdout and the files written. */
export interface GradeCheckOutcome {
  readonly document: GradeCheckDocument
  readonly stdout: string
  readonly written: ReadonlyArray<string>
}

/** Reads and checks `exchange.json` with the exchange's own loader; throws its `ExchangeConfigError` naming the file and JSON path. */
export const readConfig = (file: string): ExchangeConfig => loadExchangeConfig(file)

/** The grade check's document from what was read: every check of every snapshot, plus the finding for a target without pairings, in report order. */
export const checkedDocument = (read: ReadResult, query: { readonly asOf: LocalDate; readonly endYear: number; readonly task?: string | undefined }): GradeCheckDocument => {
  const results: Array<CheckResult> = read.snapshots.flatMap((snapshot) => runChecks(snapshot, { task: query.task }))
  const missing = read.noPairing
  if (missing?.kind === "student") results.push(studentWithoutPairing(missing.stateID, query.endYear))
  if (missing?.kind === "school") results.push(schoolWithoutCourses(missing.district, missing.school, missing.linked, query.endYear))
  return { asOf: query.asOf, endYear: query.endYear, results: sortResults(results) }
}

/** Runs the checks and writes what the options ask for. */
export const runGradeCheck = (options: GradeCheckOptions): GradeCheckOutcome => {
  if (!isLocalDate(options.asOf)) throw new GradeCheckInputError({ message: `--as-of ${options.asOf}: not a date YYYY-MM-DD` })
  if (options.task !== undefined && !isCteTaskName(options.task)) {
    throw new GradeCheckInputError({ message: `--task ${options.task}: not a CTE task (CTE Term Grade, CTE Final Grade, CTE Final Exam)` })
  }
  const reader = options.reader ?? new GradeCheckReader(readConfig(options.configFile))
  const endYear = options.endYear ?? endYearOf(options.asOf)
  let read
  try {
    read = reader.read({
      target: options.target,
      course: options.course,
      endYear,
      asOf: options.asOf,
      readPersons: options.supportRequest !== undefined
    })
  } finally {
    if (options.reader === undefined) reader.close()
  }
  const document = checkedDocument(read, { asOf: options.asOf, endYear, task: options.task })

  const request = options.supportRequest === undefined
    ? null
    : buildSupportRequest({ ...options.target, course: options.course }, document, read.snapshots)
  if (request !== null) checkSupportRequest(options.supportRequest!, request, read.persons)

  const written: Array<string> = []
  let stdout: string
  switch (options.format) {
    case "json":
      stdout = formatJson(document)
      break
    case "html":
      stdout = formatHtml(document)
      break
    case "text":
      stdout = formatText(document)
      break
    case "csv": {
      if (!existsSync(options.outDir)) mkdirSync(options.outDir, { recursive: true })
      const path = join(options.outDir, csvFileName(options.target))
      writeFileSync(path, formatCsv(document))
      written.push(path)
      stdout = `wrote ${path}\n`
      break
    }
  }
  if (request !== null) {
    writeSupportRequest(options.supportRequest!, request)
    written.push(options.supportRequest!)
    if (options.format !== "json" && options.format !== "html") stdout += `wrote the support request to ${options.supportRequest}\n`
  }
  return { document, stdout, written }
}
