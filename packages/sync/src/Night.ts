/**
 * A whole night in memory: every stage asked for, over every link, as an
 * ordered list of unit plans. For a caller that holds all the snapshots (a
 * vendor's own system, the tests); the shell may instead call the stage
 * planners one technical school at a time, in the same order, to bound memory.
 *
 * Order: stages publish, rosters, grades, attendance; within a stage the
 * sending side first (rosters: the high schools, then the technical schools;
 * grades and attendance: the technical schools, then the high schools);
 * schools by (district number, school number); publish by database name.
 */
import type { LocalDate } from "@kts/domain"
import { planAttendance } from "./Attendance.js"
import { planGrades, type ReadableHighSchool, type TechStageResult } from "./Grades.js"
import { DatabaseLedger } from "./Ledger.js"
import { indexTechSections, pairHighSchool, type HighSchoolPairings, type TechSection, techSectionsOf } from "./Pairing.js"
import { type HoldRecord, type PlanTable, type Stage, STAGES, type UnitPlan } from "./Plan.js"
import { planPublish } from "./Publish.js"
import { planRosters, type LinkedHighSchool } from "./Rosters.js"
import {
  compareSchoolKeys,
  DEFAULT_HOLD_SETTINGS,
  type HighSchoolSnapshot,
  type HoldSettings,
  keyOfSchool,
  type Link,
  type PublishSnapshot,
  schoolKeyText,
  type TechSchoolSnapshot
} from "./Snapshot.js"
import { type HighSchoolPart, planHighSchoolUnit } from "./Units.js"

/** Everything a night reads, for a caller that holds it all. */
export interface NightInput {
  readonly night: LocalDate
  readonly endYear: number
  /** The stages to run (a subset keeps the night's order); all four by default. */
  readonly stages?: ReadonlyArray<Stage>
  readonly links: ReadonlyArray<Link>
  readonly holds?: HoldSettings
  /** Every linked technical school's snapshot. */
  readonly techSchools: ReadonlyArray<TechSchoolSnapshot>
  /** Every linked high school's snapshot; a linked high school missing here is in a database that could not be read. */
  readonly highSchools: ReadonlyArray<HighSchoolSnapshot>
  /** Each readable high-school database's KTS catalog, for publish. */
  readonly publish: ReadonlyArray<PublishSnapshot>
  /** Each database's highest id per written table before the night, by database name. */
  readonly maxIds: Readonly<Record<string, Partial<Record<PlanTable, number>>>>
}

/** A night's plan. */
export interface NightPlan {
  /** Every unit, in the order they are applied. */
  readonly units: ReadonlyArray<UnitPlan>
  /** The holds the night records. */
  readonly holds: ReadonlyArray<HoldRecord>
}

/** Plans a whole night over snapshots held in memory. */
export const planNight = (input: NightInput): NightPlan => {
  const stages = STAGES.filter((stage) => (input.stages ?? STAGES).includes(stage))
  const holdSettings = input.holds ?? DEFAULT_HOLD_SETTINGS
  const ledgers = new Map<string, DatabaseLedger>()
  const ledgerOf = (database: string): DatabaseLedger => {
    let ledger = ledgers.get(database)
    if (ledger === undefined) ledgers.set(database, (ledger = new DatabaseLedger(input.maxIds[database] ?? {})))
    return ledger
  }
  const techs = [...input.techSchools].sort((a, b) => compareSchoolKeys(keyOfSchool(a.school), keyOfSchool(b.school)))
  const highSchools = new Map(input.highSchools.map((row) => [schoolKeyText(keyOfSchool(row.school)), row]))
  const techSectionsBySchool = new Map<string, ReadonlyArray<TechSection>>(
    techs.map((tech) => [schoolKeyText(keyOfSchool(tech.school)), techSectionsOf(tech.database, tech.school, tech.setup, input.endYear)])
  )
  const linksOfTech = (tech: TechSchoolSnapshot) =>
    input.links.filter((link) => schoolKeyText(link.tech) === schoolKeyText(keyOfSchool(tech.school)))
  const pairings = new Map<string, HighSchoolPairings>()
  for (const [key, snapshot] of highSchools) {
    const linked = input.links
      .filter((link) => schoolKeyText(link.highSchool) === key)
      .flatMap((link) => techSectionsBySchool.get(schoolKeyText(link.tech)) ?? [])
    pairings.set(key, pairHighSchool(snapshot, input.endYear, indexTechSections(linked)))
  }
  const hsOrder = [...highSchools.values()].sort((a, b) => compareSchoolKeys(keyOfSchool(a.school), keyOfSchool(b.school)))
  const units: Array<UnitPlan> = []
  const holds: Array<HoldRecord> = []

  const highSchoolUnits = (stage: Stage, parts: ReadonlyArray<HighSchoolPart>, include: (hs: HighSchoolSnapshot) => boolean) =>
    hsOrder.filter(include).map((snapshot) => {
      const key = schoolKeyText(keyOfSchool(snapshot.school))
      return planHighSchoolUnit({
        stage,
        night: input.night,
        database: snapshot.database,
        highSchool: snapshot.school,
        openAlerts: snapshot.alerts,
        existingDisclosures: snapshot.disclosures,
        ownAlerts: stage === "rosters" ? pairings.get(key)?.alerts ?? [] : [],
        parts: parts.filter((part) => part.highSchool.schoolID === snapshot.school.schoolID && part.database === snapshot.database)
      }, ledgerOf(snapshot.database))
    })

  for (const stage of stages) {
    if (stage === "publish") {
      for (const snapshot of [...input.publish].sort((a, b) => (a.database < b.database ? -1 : a.database > b.database ? 1 : 0))) {
        const techKeys = new Set(
          input.links
            .filter((link) => highSchools.get(schoolKeyText(link.highSchool))?.database === snapshot.database)
            .map((link) => schoolKeyText(link.tech))
        )
        const sections = [...techKeys].flatMap((key) => techSectionsBySchool.get(key) ?? [])
        units.push(planPublish(input.endYear, snapshot, sections, ledgerOf(snapshot.database)))
      }
      continue
    }
    const techUnits: Array<UnitPlan> = []
    const parts: Array<HighSchoolPart> = []
    for (const tech of techs) {
      const links = linksOfTech(tech)
      const techSections = techSectionsBySchool.get(schoolKeyText(keyOfSchool(tech.school))) ?? []
      if (stage === "rosters") {
        const linked: Array<LinkedHighSchool> = links.map((link) => {
          const snapshot = highSchools.get(schoolKeyText(link.highSchool)) ?? null
          return {
            highSchool: snapshot?.school ?? { schoolID: 0, district: link.highSchool.district, number: link.highSchool.school, name: "" },
            snapshot,
            pairings: snapshot === null ? null : pairings.get(schoolKeyText(link.highSchool)) ?? null
          }
        })
        const result = planRosters({ night: input.night, holds: holdSettings, tech, techSections, highSchools: linked }, ledgerOf(tech.database))
        techUnits.push(result.techUnit)
        parts.push(...result.highSchoolParts)
        if (result.techUnit.hold !== null) holds.push(result.techUnit.hold)
        continue
      }
      const readable: Array<ReadableHighSchool> = links
        .filter((link) => stage !== "attendance" || link.attendanceSync)
        .flatMap((link) => {
          const snapshot = highSchools.get(schoolKeyText(link.highSchool))
          const paired = pairings.get(schoolKeyText(link.highSchool))
          return snapshot === undefined || paired === undefined ? [] : [{ snapshot, pairings: paired }]
        })
      const stageInput = { night: input.night, tech, techSections, highSchools: readable }
      const result: TechStageResult = stage === "grades"
        ? planGrades(stageInput, ledgerOf(tech.database))
        : planAttendance(stageInput, ledgerOf(tech.database))
      techUnits.push(result.techUnit)
      parts.push(...result.highSchoolParts)
    }
    const include = (snapshot: HighSchoolSnapshot) =>
      input.links.some((link) =>
        schoolKeyText(link.highSchool) === schoolKeyText(keyOfSchool(snapshot.school)) &&
        (stage !== "attendance" || link.attendanceSync))
    const hsUnits = highSchoolUnits(stage, parts, include)
    if (stage === "rosters") units.push(...hsUnits, ...techUnits)
    else units.push(...techUnits, ...hsUnits)
  }
  return { units, holds }
}
