/**
 * A one-line progress bar on stderr, drawn only for a person at a terminal:
 * silent when stderr is piped or under CI, so logs and scripts stay clean.
 */

/** A progress bar that can be advanced and closed. */
export interface ProgressBar {
  /** Shows `done` of `total` with a label (e.g. the table being read). */
  readonly update: (done: number, total: number, label: string) => void
  /** Clears the bar. */
  readonly finish: () => void
}

const SILENT: ProgressBar = { update: () => {}, finish: () => {} }

/** True when progress should be drawn: stderr is a terminal and not under CI. */
export const progressWanted = (): boolean =>
  process.stderr.isTTY === true && (process.env["CI"] === undefined || process.env["CI"] === "" || process.env["CI"] === "false")

const WIDTH = 28
const REDRAW_MS = 100

/** A bar titled `title`; a silent one when nobody is watching. */
export const makeProgressBar = (title: string, formatAmount: (value: number) => string = String): ProgressBar => {
  if (!progressWanted()) return SILENT
  let lastDrawn = 0
  let drawn = false
  return {
    update: (done, total, label) => {
      const now = Date.now()
      if (now - lastDrawn < REDRAW_MS && done < total) return
      lastDrawn = now
      const share = total > 0 ? Math.min(1, done / total) : 0
      const filled = Math.round(share * WIDTH)
      const bar = "#".repeat(filled) + "-".repeat(WIDTH - filled)
      const percent = `${Math.floor(share * 100)}`.padStart(3)
      process.stderr.write(`\r\x1b[2K${title} [${bar}] ${percent}% ${formatAmount(done)}/${formatAmount(total)} ${label}`)
      drawn = true
    },
    finish: () => {
      if (drawn) process.stderr.write("\r\x1b[2K")
    }
  }
}

/** Bytes as `12.3 MB`. */
export const formatBytes = (bytes: number): string =>
  bytes >= 1e9 ? `${(bytes / 1e9).toFixed(2)} GB` : bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`
