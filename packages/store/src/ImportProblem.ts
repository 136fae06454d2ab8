/**
 * A problem found in a bundle, and the one-line form the user reads:
 * `file.csv:LINE:column: message (value "…")`.
 */

/** One problem in one place of a bundle. */
export interface ImportProblem {
  readonly file: string
  /** Physical line where the record starts; the header is line 1. */
  readonly line: number
  /** The column, or null for problems of a whole record or file. */
  readonly column: string | null
  readonly message: string
  /** The offending field as given, or null when there is none to show. */
  readonly value: string | null
  /** The field is personal data (a name or birth date): its value is never printed. */
  readonly privateValue: boolean
}

/** The problem as one line: `file.csv:LINE:column: message (value "…")`. */
export const formatProblem = (problem: ImportProblem): string => {
  const place = problem.column === null ? `${problem.file}:${problem.line}` : `${problem.file}:${problem.line}:${problem.column}`
  const shown = problem.value === null
    ? ""
    : problem.privateValue
    ? " (value withheld: personal data)"
    : ` (value ${JSON.stringify(problem.value)})`
  return `${place}: ${problem.message}${shown}`
}
