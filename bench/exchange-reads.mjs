// The read floor of a night: opens every database an exchange.json names (read-only,
// through @kts/store's access API) and reads, decoded into records, the tables the
// exchange's shell reads (attendance only from 30 days before the night, as the
// attendance stage does). No planning, no writes. Prints {"rows": N, "databases": D}.
//
//   node bench/exchange-reads.mjs CONFIG NIGHT
import { TablesByName } from "../packages/domain/dist/index.js"
import { connectStore } from "../packages/store/dist/index.js"
import { loadExchangeConfig } from "../packages/sync/dist/shell/index.js"

const [configFile, night] = process.argv.slice(2)
const TABLES = [
  "district", "school", "calendar", "scheduleStructure", "term", "trial", "courseCatalog", "courseMaster", "course",
  "section", "sectionPlacement", "campusAttribute", "customCourse", "gradingTask", "courseGradingTask",
  "courseGradingTaskTerm", "scoreGroupItem", "person", "enrollment", "roster", "gradingScore", "processAlert",
  "exchangeRun", "exchangeHold", "disclosure"
]
const lookback = new Date(`${night}T00:00:00Z`)
lookback.setUTCDate(lookback.getUTCDate() - 30)
const since = lookback.toISOString().slice(0, 10)

let rows = 0
let databases = 0
for (const [, path] of loadExchangeConfig(configFile).databases) {
  const db = connectStore(path, { readonly: true, memoryMap: true })
  databases++
  for (const name of TABLES) rows += db.rows(TablesByName.get(name)).length
  rows += db.rows(TablesByName.get("attendance"), { tail: "WHERE \"date\" >= ?", params: [since] }).length
  db.close()
}
console.log(JSON.stringify({ rows, databases }))
