/**
 * A section's starting and ending terms among the terms it is placed in
 * (docs/lead-report.md → the section's dates). The LEAD report dates a section
 * by them, and the exchange dates a synced enrollment from the starting term.
 */
import type { Term } from "@kts/domain"
import { choose, earliestDate, highest, latestDate, lowest, type Preference } from "./Latest.js"

/**
 * The starting term's order: lowest seq; ties go to the earliest startDate (a
 * NULL startDate loses the tie, as on the ending side), then the lowest termID.
 */
export const StartingTermOrder: Preference<Term> = [
  lowest("seq", (term) => term.seq),
  earliestDate("startDate", (term) => term.startDate, "latest"),
  lowest("termID", (term) => term.termID)
]

/** The ending term's order: highest seq; ties go to the latest endDate (a NULL endDate loses), then the highest termID. */
export const EndingTermOrder: Preference<Term> = [
  highest("seq", (term) => term.seq),
  latestDate("endDate", (term) => term.endDate, "earliest"),
  highest("termID", (term) => term.termID)
]

/** The starting term (`StartingTermOrder`); undefined when the section is placed in no term. */
export const startingTerm = (terms: ReadonlyArray<Term>): Term | undefined => choose(terms, StartingTermOrder)

/** The ending term (`EndingTermOrder`); undefined when the section is placed in no term. */
export const endingTerm = (terms: ReadonlyArray<Term>): Term | undefined => choose(terms, EndingTermOrder)
