/**
 * @kts/synth: seeded synthetic KSIS bundles (one CSV per table, as in
 * `docs/bundle-format.md`) from a tiny demo to a whole state, byte-identical per seed.
 */
export { generateBundle, type GenerateOptions, type GenerateSummary, type Scale } from "./Generate.js"
export {
  type ExchangeWorldOptions,
  type ExchangeWorldSummary,
  generateExchangeWorld,
  TECH_DISTRICT,
  type WorldCounts,
  type WorldDatabase,
  worldNight,
  type WorldScale,
  type WorldVariant
} from "./ExchangeWorld.js"
