/**
 * Which of a person's roster rows in a section counts, when several do
 * (docs/lead-report.md → Which students; the exchange reads the same rule).
 */
import type { Roster } from "@kts/domain"
import { choose, chooseWithEvidence, comparePreference, latestThenHighest, type Choice, type Preference } from "./Latest.js"

/** The order among one person's roster rows: NULL endDate, else the later endDate, then the higher rosterID. */
export const RosterOrder: Preference<Roster> = latestThenHighest(
  "endDate",
  (roster) => roster.endDate,
  "rosterID",
  (roster) => roster.rosterID
)

/** True when roster row `a` is used in preference to `b` for the same person (`RosterOrder`). */
export const isPreferredRoster = (a: Roster, b: Roster): boolean => comparePreference(RosterOrder, a, b) > 0

/**
 * The row used among one person's roster rows (the caller passes only the rows
 * that qualify, or gives `accept`); undefined when none.
 */
export const chooseRosterRow = (
  rosters: ReadonlyArray<Roster>,
  accept?: (roster: Roster) => boolean
): Roster | undefined => choose(rosters, RosterOrder, accept)

/** `chooseRosterRow` with the evidence: the rows compared, the runner-up and the step that decided. */
export const explainRosterRow = (
  rosters: ReadonlyArray<Roster>,
  accept?: (roster: Roster) => boolean
): Choice<Roster> => chooseWithEvidence(rosters, RosterOrder, accept)
