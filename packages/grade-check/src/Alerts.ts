/**
 * Check 1, process alerts: the open exchange alerts at both schools for the
 * pairing's courses and sections, and whether the high school is linked at
 * all (no alert can reach a high school that is not).
 */
import type { ProcessAlert } from "@kts/domain"
import { isAlertOpen } from "@kts/sync"
import { type CheckResult, makeResult } from "./CheckResult.js"
import { scopeOf, singleSection } from "./internal/Scope.js"
import type { GradeCheckSnapshot, SideRecords } from "./Snapshot.js"

/** Whether an alert of the side's school concerns the pairing: its course (and section, when it names one), or its KTSTechID. */
const concerns = (alert: ProcessAlert, side: SideRecords, ktsTechID: string): boolean => {
  if (alert.schoolID !== side.schoolID) return false
  if (alert.courseNumber === side.course.number) {
    return alert.sectionNumber === null || side.sections.some((section) => section.number === alert.sectionNumber)
  }
  return alert.courseNumber === null && alert.ktsTechID === ktsTechID
}

const alertEvidence = (alert: ProcessAlert, at: "high school" | "technical school") => ({
  at,
  alertID: alert.alertID,
  code: alert.code,
  severity: alert.severity,
  courseNumber: alert.courseNumber,
  sectionNumber: alert.sectionNumber,
  ktsTechID: alert.ktsTechID,
  stateID: alert.stateID,
  task: alert.task,
  firstSeen: alert.firstSeen,
  lastSeen: alert.lastSeen,
  message: alert.message
})

const byAlert = (a: ProcessAlert, b: ProcessAlert): number =>
  (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || a.alertID - b.alertID

/** The alerts check for one pairing. */
export const checkAlerts = (snapshot: GradeCheckSnapshot): CheckResult => {
  const scope = scopeOf(snapshot)
  const hs = snapshot.highSchool
  const techAlerts = snapshot.tech === null
    ? []
    : snapshot.tech.alerts.filter((alert) => isAlertOpen(alert, snapshot.asOf) && concerns(alert, snapshot.tech!, snapshot.ktsTechID))
      .sort(byAlert)
  const hsAlerts = hs.alerts.filter((alert) => isAlertOpen(alert, snapshot.asOf) && concerns(alert, hs, snapshot.ktsTechID))
    .sort(byAlert)
  const evidence = {
    highSchoolLinked: snapshot.highSchoolLinked,
    openAlerts: [
      ...techAlerts.map((alert) => alertEvidence(alert, "technical school")),
      ...hsAlerts.map((alert) => alertEvidence(alert, "high school"))
    ]
  }
  const listed = (alerts: ReadonlyArray<ProcessAlert>) =>
    alerts.map((alert) =>
      `${alert.code} (course ${alert.courseNumber ?? "-"} section ${alert.sectionNumber ?? "-"}${
        alert.task === null ? "" : `, ${alert.task}`
      }${alert.stateID === null ? "" : `, State ID ${alert.stateID}`}): ${alert.message}`
    ).join("; ")
  if (!snapshot.highSchoolLinked) {
    return makeResult(scope, {
      check: "alerts",
      status: "fail",
      finding: `High school ${hs.district}-${hs.school} is not a linked high school of the exchange configuration, so no KTS alert or grade can reach it.`,
      fix: {
        who: "district Campus administrator",
        what: `Set up high school ${hs.district}-${hs.school} for the KTS Data Exchange (its link to technical school ${
          snapshot.techSection.district ?? "?"
        }-${snapshot.techSection.school ?? "?"} in exchange.json) as the Data Exchange User Group directions describe.`
      },
      evidence
    })
  }
  const techErrors = techAlerts.filter((alert) => alert.severity === "error")
  const hsErrors = hsAlerts.filter((alert) => alert.severity === "error")
  const section = singleSection(hs)
  if (techErrors.length + hsErrors.length > 0) {
    const atTech = techErrors.length > 0
    return makeResult(scope, {
      check: "alerts",
      status: "fail",
      finding: `${techErrors.length + hsErrors.length} open error alert(s) for the pairing: ${listed([...techErrors, ...hsErrors])}`,
      fix: {
        who: atTech ? "technical school" : "high school",
        what: atTech
          ? `Fix what the open alerts at technical school ${snapshot.tech!.district}-${snapshot.tech!.school} name for course ${snapshot.tech!.course.number}: ${listed(techErrors)}`
          : `Fix what the open alerts at high school ${hs.district}-${hs.school} name for course ${hs.course.number}${
            section === null ? "" : ` section ${section.number}`
          }: ${listed(hsErrors)}`
      },
      evidence
    })
  }
  const warnings = [...techAlerts, ...hsAlerts]
  if (warnings.length > 0) {
    const atTech = techAlerts.length > 0
    return makeResult(scope, {
      check: "alerts",
      status: "warning",
      finding: `${warnings.length} open warning(s) for the pairing: ${listed(warnings)}`,
      fix: {
        who: atTech ? "technical school" : "high school",
        what: `Review the warnings: ${listed(atTech ? techAlerts : hsAlerts)}`
      },
      evidence
    })
  }
  return makeResult(scope, {
    check: "alerts",
    status: "pass",
    finding: `No open KTS alert for high-school course ${hs.course.number} or its tech section ${snapshot.ktsTechID}, as of ${snapshot.asOf}.`,
    evidence
  })
}
