/**
 * ADAPTER: the `@kts/sync` names grade-check uses beyond the grading-setup
 * predicates: the exchange configuration decoder (Config.ts) and the pairing
 * rules (Pairing.ts: which sections are tech sections, which courses are KTS
 * courses). Everything comes from `@kts/sync`, so the check and the nightly
 * sync cannot disagree; this file is the one place to follow a rename.
 */
export {
  type ExchangeConfig,
  ExchangeConfigError,
  ktsCoursesOf,
  type KtsCourse,
  parseExchangeConfig,
  type TechSection,
  techSectionsOf
} from "@kts/sync"
