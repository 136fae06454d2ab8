/**
 * The HTML file: one self-contained page (inline CSS, no scripts, no external
 * resources) with the run parameters, the section and row counts, and the
 * report table under a sticky header. Every value is HTML-escaped, so a name
 * like `<script>…</script>` shows as text. Print CSS lays the table out in
 * landscape and repeats the header on every page.
 *
 * The counts sit above the table but are known only at the end: the page
 * reserves a fixed-width placeholder for each and overwrites it in place
 * before the rename (trailing spaces inside an element do not render).
 */
import { formatUsDate, formatUsDateTime } from "@kts/domain"
import { LeadColumns } from "./Columns.js"
import { PendingFile } from "./internal/PendingFile.js"
import type { LeadExtractParameters } from "./Parameters.js"
import { PartCache } from "./internal/PartCache.js"
import type { LeadRow } from "./RowAssembly.js"
import type { ReportSummary, ReportWriter } from "./ReportWriter.js"

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "\"": "&quot;",
  "'": "&#39;"
}
const SPECIAL = /[&<>"']/g
const HAS_SPECIAL = /[&<>"']/

/** Text safe inside an element or a quoted attribute. */
export const escapeHtml = (text: string): string =>
  HAS_SPECIAL.test(text) ? text.replace(SPECIAL, (character) => ESCAPES[character]!) : text

const COUNT_WIDTH = 15

const STYLE = `
:root { color-scheme: light; }
body { margin: 1rem; font: 13px/1.35 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; background: #fff; }
h1 { font-size: 1.3rem; margin: 0 0 .6rem; }
dl.run { display: grid; grid-template-columns: max-content auto; gap: .15rem 1.2rem; margin: 0 0 1rem; }
dl.run dt { font-weight: 600; }
dl.run dd { margin: 0; }
table.report { border-collapse: separate; border-spacing: 0; font-size: 12px; }
table.report th, table.report td { border-right: 1px solid #d4d8de; border-bottom: 1px solid #d4d8de; padding: 3px 6px; text-align: left; vertical-align: top; white-space: pre; }
table.report th { position: sticky; top: 0; z-index: 1; background: #e8edf3; border-top: 1px solid #b8c0cc; font-weight: 600; }
table.report th:first-child, table.report td:first-child { border-left: 1px solid #d4d8de; }
table.report tbody tr:nth-child(even) td { background: #f7f9fb; }
p.empty { font-style: italic; }
@media print {
  @page { size: landscape; margin: 1cm; }
  body { margin: 0; font-size: 9pt; }
  table.report { font-size: 6.5pt; }
  table.report th { position: static; background: none; }
  table.report thead { display: table-header-group; }
  table.report tr { break-inside: avoid; }
  table.report th, table.report td { padding: 1px 3px; white-space: pre-wrap; }
  table.report tbody tr:nth-child(even) td { background: none; }
}
`.trim()

const cells = (values: ReadonlyArray<string>): string => {
  let html = ""
  for (const value of values) html += "<td>" + escapeHtml(value) + "</td>"
  return html
}

/**
 * Encodes rows as table rows (`<tr>…</tr>` and a line break), every value
 * escaped; shared row parts are encoded once (see `CsvRowEncoder`).
 */
export class HtmlRowEncoder {
  private section: ReadonlyArray<string> | undefined
  private encodedSection = ""
  private readonly shared = new PartCache(cells)

  encode(row: LeadRow): string {
    if (row.section !== this.section) {
      this.section = row.section
      this.encodedSection = cells(row.section)
    }
    return "<tr>" + this.encodedSection + this.part(row.person) + cells(row.placement) + this.part(row.enrollment) +
      this.part(row.programs) + this.part(row.caseManager) + "</tr>\n"
  }

  private part(values: ReadonlyArray<string>): string {
    return this.shared.get(values)
  }
}

/** Writes `KECS_LEAD_<name>.html` under a temporary name until committed. */
export class HtmlReportWriter implements ReportWriter {
  private readonly file: PendingFile
  private readonly sectionCountAt: number
  private readonly rowCountAt: number
  private readonly encoder = new HtmlRowEncoder()

  constructor(readonly path: string, parameters: LeadExtractParameters) {
    this.file = new PendingFile(path)
    const title = `KECS LEAD Extract ${parameters.name} — end year ${parameters.endYear}`
    const districts = parameters.districts.length === 0 ? "all" : parameters.districts.join(", ")
    const item = (term: string, value: string) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(value)}</dd>\n`
    this.file.write(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
        `<title>${escapeHtml(title)}</title>\n<style>\n${STYLE}\n</style>\n</head>\n<body>\n<header>\n` +
        `<h1>${escapeHtml(title)}</h1>\n<dl class="run">\n` +
        item("Report name", parameters.name) +
        item("End year", String(parameters.endYear)) +
        item("Date time generated", formatUsDateTime(parameters.asOf)) +
        item("Extract date range", `${formatUsDate(parameters.from)} – ${formatUsDate(parameters.to)}`) +
        item("Exclude cross-site data", parameters.excludeCrossSite ? "yes" : "no") +
        item("Districts", districts) +
        "<dt>Sections</dt><dd id=\"section-count\">"
    )
    this.sectionCountAt = this.file.offset()
    this.file.write(" ".repeat(COUNT_WIDTH) + "</dd>\n<dt>Rows</dt><dd id=\"row-count\">")
    this.rowCountAt = this.file.offset()
    this.file.write(
      " ".repeat(COUNT_WIDTH) + "</dd>\n</dl>\n</header>\n<main>\n<table class=\"report\">\n<thead>\n<tr>" +
        LeadColumns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join("") +
        "</tr>\n</thead>\n<tbody>\n"
    )
  }

  writeRow(row: LeadRow): void {
    this.file.write(this.encoder.encode(row))
  }

  writeEncoded(rows: string | Uint8Array): void {
    if (typeof rows === "string") this.file.write(rows)
    else this.file.writeBytes(rows)
  }

  commit(summary: ReportSummary): void {
    this.file.write(
      "</tbody>\n</table>\n" +
        (summary.rowCount === 0 ? "<p class=\"empty\">No section matched the run parameters.</p>\n" : "") +
        "</main>\n</body>\n</html>\n"
    )
    this.file.writeAt(this.sectionCountAt, String(summary.sectionCount).padEnd(COUNT_WIDTH))
    this.file.writeAt(this.rowCountAt, String(summary.rowCount).padEnd(COUNT_WIDTH))
    this.file.commit()
  }

  abort(): void {
    this.file.abort()
  }
}
