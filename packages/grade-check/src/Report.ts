/**
 * The run's document and its four forms: the checklist a clerk reads top to
 * bottom (text), the spec's JSON, one self-contained HTML page, and the CSV
 * findings table (one row per result that does not pass).
 */
import type { LocalDate } from "@kts/domain"
import { CHECK_IDS, type CheckId, type CheckResult, type CheckStatus } from "./CheckResult.js"
import { csvText, type CsvValue } from "./Csv.js"

/** The `--json` document. */
export interface GradeCheckDocument {
  readonly asOf: LocalDate
  readonly endYear: number
  readonly results: ReadonlyArray<CheckResult>
}

/** The output formats. */
export const GradeCheckFormats = ["text", "json", "html", "csv"] as const
export type GradeCheckFormat = (typeof GradeCheckFormats)[number]

/** The `--json` text: the document, two-space indented, with a final line feed. */
export const formatJson = (document: GradeCheckDocument): string => `${JSON.stringify(document, null, 2)}\n`

const SYMBOLS: Record<CheckStatus, string> = { pass: "✓", fail: "✗", warning: "!", "n/a": "–" }

/** How a clerk reads each check's name. */
export const CHECK_LABELS: Record<CheckId, string> = {
  alerts: "Process alerts",
  postedAtTech: "Grade posted at the technical school",
  techMasks: "Technical school's term and active masks",
  arrivedAtHighSchool: "Grade arrived at the high school",
  highSchoolMasks: "High school's term and active masks",
  cteTasksOnly: "Only the CTE grading tasks, each once",
  gradeCalcOptions: "Grade Calc Options",
  scoreGroup: "Score group",
  reportCards: "Report card templates",
  pairing: "The pairing itself"
}

const pairingKey = (result: CheckResult): string =>
  `${result.highSchool?.district ?? ""}-${result.highSchool?.school ?? ""}|${result.highSchool?.courseNumber ?? ""}|${result.tech?.ktsTechID ?? ""}`

const pairingTitle = (result: CheckResult): string => {
  const hs = result.highSchool
  const tech = result.tech
  if (hs === null) return `Student ${result.stateID ?? "?"}: no KTS course`
  if (hs.courseNumber === null) return `High school ${hs.district}-${hs.school}`
  const hsText = `High school ${hs.district}-${hs.school} course ${hs.courseNumber}${hs.sectionNumber === null ? "" : ` section ${hs.sectionNumber}`}`
  if (tech === null) return hsText
  const techText = tech.courseNumber === null
    ? `KTSTechID ${tech.ktsTechID ?? "?"}`
    : `technical school ${tech.district}-${tech.school} course ${tech.courseNumber}${tech.sectionNumber === null ? "" : ` section ${tech.sectionNumber}`} (KTSTechID ${tech.ktsTechID})`
  return `${hsText} <- ${techText}`
}

const counts = (results: ReadonlyArray<CheckResult>): string => {
  const of = (status: CheckStatus) => results.filter((result) => result.status === status).length
  return `${results.length} results: ${of("pass")} pass, ${of("fail")} fail, ${of("warning")} warning, ${of("n/a")} n/a`
}

/** The checklist: one block per pairing, one line per result (✓ pass, ✗ fail, ! warning, – n/a), its finding and its fix. */
export const formatText = (document: GradeCheckDocument): string => {
  const lines: Array<string> = [`KTS grade check as of ${document.asOf}, school year ending ${document.endYear}`]
  let current: string | null = null
  for (const result of document.results) {
    const key = pairingKey(result)
    if (key !== current) {
      current = key
      lines.push("", pairingTitle(result))
    }
    const number = CHECK_IDS.indexOf(result.check) + 1
    const about = [result.task, result.stateID === null ? null : `State ID ${result.stateID}`, result.term === null ? null : `term ${result.term}`]
      .filter((part) => part !== null).join(", ")
    lines.push(`  ${SYMBOLS[result.status]} ${number}. ${CHECK_LABELS[result.check]}${about === "" ? "" : ` (${about})`}: ${result.status}`)
    lines.push(`      ${result.finding}`)
    if (result.fix !== null) lines.push(`      Fix, by the ${result.fix.who}: ${result.fix.what}`)
  }
  lines.push("", counts(document.results))
  return `${lines.join("\n")}\n`
}

/** Escapes text for HTML element content and attribute values. */
export const escapeHtml = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll("\"", "&quot;").replaceAll("'", "&#39;")

/** One self-contained page (no script, no outside link), every value escaped. */
export const formatHtml = (document: GradeCheckDocument): string => {
  const body: Array<string> = []
  let current: string | null = null
  let open = false
  for (const result of document.results) {
    const key = pairingKey(result)
    if (key !== current) {
      if (open) body.push("</tbody></table>")
      current = key
      open = true
      body.push(`<h2>${escapeHtml(pairingTitle(result))}</h2>`)
      body.push("<table><thead><tr><th></th><th>Check</th><th>Task</th><th>State ID</th><th>Term</th><th>Status</th><th>Finding</th><th>Fix</th></tr></thead><tbody>")
    }
    const fix = result.fix === null ? "" : `<strong>${escapeHtml(result.fix.who)}</strong>: ${escapeHtml(result.fix.what)}`
    body.push(
      `<tr class="${escapeHtml(result.status === "n/a" ? "na" : result.status)}"><td>${escapeHtml(SYMBOLS[result.status])}</td><td>${
        escapeHtml(`${CHECK_IDS.indexOf(result.check) + 1}. ${CHECK_LABELS[result.check]}`)
      }</td><td>${escapeHtml(result.task ?? "")}</td><td>${escapeHtml(result.stateID ?? "")}</td><td>${escapeHtml(result.term ?? "")}</td><td>${
        escapeHtml(result.status)
      }</td><td>${escapeHtml(result.finding)}</td><td>${fix}</td></tr>`
    )
  }
  if (open) body.push("</tbody></table>")
  const title = `KTS grade check as of ${document.asOf}`
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 1.5rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1.5rem; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
tr.fail td:first-child { color: #b00020; }
tr.warning td:first-child { color: #a15c00; }
tr.pass td:first-child { color: #1b7a1b; }
tr.na td:first-child { color: #666; }
</style>
</head>
<body>
<h1>${escapeHtml(title)}, school year ending ${escapeHtml(String(document.endYear))}</h1>
${body.join("\n")}
<p>${escapeHtml(counts(document.results))}</p>
</body>
</html>
`
}

/** The findings table's header. */
export const CSV_HEADER = ["School", "Course Number", "Section Number", "Task", "Term", "Check", "Severity", "Finding", "Fix"] as const

/** Whether a result is about the technical school's course (then the row names the tech school, course and section). */
const atTechnicalSchool = (result: CheckResult): boolean => {
  if (result.tech === null || result.tech.courseNumber === null) return false
  if (result.fix?.who === "technical school") return true
  if (result.check === "postedAtTech" || result.check === "techMasks") return true
  return result.evidence["side"] === "technical school"
}

/** One findings-table row: the school, course and section of the side at fault. */
export const csvRow = (result: CheckResult): Array<CsvValue> => {
  const tech = atTechnicalSchool(result)
  const school = tech
    ? `${result.tech!.district}-${result.tech!.school}`
    : result.highSchool === null ? "" : `${result.highSchool.district}-${result.highSchool.school}`
  return [
    school,
    tech ? result.tech!.courseNumber : result.highSchool?.courseNumber ?? null,
    tech ? result.tech!.sectionNumber : result.highSchool?.sectionNumber ?? null,
    result.task,
    result.term,
    result.check,
    result.status,
    result.finding,
    result.fix === null ? null : `${result.fix.who}: ${result.fix.what}`
  ]
}

/** The findings table: the header and one row per result that does not pass. */
export const formatCsv = (document: GradeCheckDocument): string =>
  csvText([[...CSV_HEADER], ...document.results.filter((result) => result.status !== "pass").map(csvRow)])

/** The findings table's file name: `KTS_GradeCheck_{district}-{school}.csv` or `KTS_GradeCheck_{stateID}.csv`. */
export const csvFileName = (target: { readonly kind: "school"; readonly district: string; readonly school: string } | { readonly kind: "student"; readonly stateID: string }): string =>
  target.kind === "school" ? `KTS_GradeCheck_${target.district}-${target.school}.csv` : `KTS_GradeCheck_${target.stateID}.csv`
