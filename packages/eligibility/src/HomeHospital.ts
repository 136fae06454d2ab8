/**
 * Column 55 "Home Hospital Attendance Group" (seed: Detail Report Layout →
 * Home Hospital Attendance Group; docs/lead-report.md → Columns, 55).
 * attendanceGroup.startDate is not consulted, as the seed lists no condition on it.
 */
import type { AttendanceGroup } from "@kts/domain"
import type { EnrollmentWindow } from "./EnrollmentWindow.js"
import { usDate, usEnd } from "./internal/Wording.js"
import type { Flag, Verdict } from "./Verdict.js"

/** The attendance group category of home/hospital instruction. */
export const HomeHospitalCategory = "HH"

const NO_RECORDS: Verdict<Flag> = Object.freeze({
  value: "0",
  record: null,
  reason: "the student has no attendance group record"
})

/**
 * Column 55: `1` when an attendanceGroup row on the reported enrollment has
 * category `HH` and ends after the earlier of the last instructional day and
 * today (or has no end). The deciding record is the qualifying row with the highest groupID.
 */
export const evaluateHomeHospital = (groups: ReadonlyArray<AttendanceGroup>, window: EnrollmentWindow): Verdict<Flag> => {
  if (groups.length === 0) return NO_RECORDS
  const enrollmentID = window.enrollment.enrollmentID
  const cutoff = window.lastDayOrToday
  let found: AttendanceGroup | undefined
  for (let index = 0; index < groups.length; index++) {
    const group = groups[index]!
    if (
      group.enrollmentID === enrollmentID &&
      group.groupCategory === HomeHospitalCategory &&
      (group.endDate === null || group.endDate > cutoff) &&
      (found === undefined || group.groupID > found.groupID)
    ) found = group
  }
  if (found !== undefined) {
    return {
      value: "1",
      record: { table: "attendanceGroup", id: found.groupID },
      reason: "HH attendance group " + found.groupID + " on enrollment " + enrollmentID + " (ends " +
        usEnd(found.endDate) + ") is still open after " + usDate(cutoff)
    }
  }
  return {
    value: "0",
    record: null,
    reason: "no HH attendance group on enrollment " + enrollmentID + " ending after " + usDate(cutoff) + " or open"
  }
}
