/**
 * A night's report as text (one line per unit, grouped by stage) and the
 * status as text. `--json` prints the `NightReport` itself.
 */
import type { ExchangeStatus } from "./Exchange.js"
import type { NightReport, UnitReport } from "./Night.js"

const plural = (count: number, word: string): string => `${count} ${word}`

/** Who a unit is for: `165-010 Central High (d165)` or `database d165`. */
const unitName = (unit: UnitReport): string =>
  unit.school === null ? `database ${unit.database}` : `${unit.school} ${unit.schoolName ?? ""} (${unit.database})`.replace("  ", " ")

/** One unit as a line. */
export const formatUnit = (unit: UnitReport): string => {
  const head = `  ${unit.role === "tech" ? "tech" : unit.role === "highSchool" ? "high school" : "catalog"} ${unitName(unit)}: `
  if (unit.outcome === "failed") return `${head}FAILED: ${unit.error ?? "unknown error"}`
  const counts = `${plural(unit.inserted, "inserted")}, ${plural(unit.updated, "updated")}, ${plural(unit.removed, "removed")}`
  if (unit.outcome === "skipped") return `${head}already done this night (${counts})`
  const alerts = `alerts ${unit.alertsRaised} raised, ${unit.alertsResolved} resolved`
  const hold = unit.hold === null
    ? ""
    : `; HELD as hold ${unit.hold.holdID}: ${unit.hold.removals} removals of ${unit.hold.activeRows} active roster rows, nothing written`
  return `${head}${unit.hold === null ? counts : "0 inserted, 0 updated, 0 removed"}; ${alerts}${hold}`
}

/** The whole night as text. */
export const formatNightReport = (report: NightReport): string => {
  const lines = [`night ${report.night} (end year ${report.endYear})${report.dryRun ? ", dry run: nothing written" : ""}`]
  for (const failed of report.failedDatabases) lines.push(`database ${failed.database} could not be opened: ${failed.reason}`)
  let stage = ""
  for (const unit of report.units) {
    if (unit.stage !== stage) {
      stage = unit.stage
      lines.push(`${stage}:`)
    }
    lines.push(formatUnit(unit))
  }
  for (const hold of report.holdsAwaiting) {
    lines.push(`hold ${hold.holdID} at ${hold.school} (${hold.database}) awaits approval: kts exchange approve --hold ${hold.holdID}`)
  }
  for (const folder of report.emitted) lines.push(`wrote ${folder}`)
  return lines.join("\n")
}

/** The status as text. */
export const formatStatus = (status: ExchangeStatus): string => {
  const lines: Array<string> = ["last night per unit:"]
  if (status.units.length === 0) lines.push("  (no night has run)")
  for (const unit of status.units) {
    lines.push(`  ${unit.stage.padEnd(10)} ${unit.school === null ? `database ${unit.database}` : `${unit.school} (${unit.database})`}: ${unit.lastNight}`)
  }
  lines.push("open holds:")
  if (status.openHolds.length === 0) lines.push("  none")
  for (const hold of status.openHolds) {
    lines.push(
      `  hold ${hold.holdID} at ${hold.school} (${hold.database}), night ${hold.night}: ${hold.removals} removals of ${hold.activeRows} active roster rows, ` +
        (hold.approvedOn === null ? "awaiting approval" : `approved ${hold.approvedOn}, not used yet`)
    )
  }
  lines.push("open alerts:")
  if (status.openAlerts.length === 0) lines.push("  none")
  for (const school of status.openAlerts) {
    lines.push(`  ${school.school} (${school.database}): ${school.errors} errors, ${school.warnings} warnings`)
  }
  for (const failed of status.failedDatabases) lines.push(`database ${failed.database} could not be opened: ${failed.reason}`)
  return lines.join("\n")
}
