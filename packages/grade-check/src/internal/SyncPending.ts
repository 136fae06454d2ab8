/**
 * The `@kts/sync` names grade-check uses beyond the grading-setup predicates:
 * the pairing rules (which sections are tech sections, which courses are KTS
 * courses) and the exchange configuration loader (decoding, database files,
 * the schools each link names). Everything comes from `@kts/sync`, so the
 * check and the nightly sync cannot disagree; this file is the one place to
 * follow a rename.
 */
import { loadExchangeConfig } from "@kts/sync/shell"

export { ktsCoursesOf, type KtsCourse, type TechSection, techSectionsOf } from "@kts/sync"
export { loadExchangeConfig }

/** A decoded `exchange.json`, database paths absolute. */
export type ExchangeConfig = ReturnType<typeof loadExchangeConfig>
