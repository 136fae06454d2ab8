import { describe, expect, it } from "vitest"
import {
  attendanceGroup,
  DISTRICT,
  END_YEAR,
  enrollment,
  fosterCare,
  fram,
  gifted,
  homeless,
  ILPA_TYPE,
  LAST_INSTRUCTIONAL_DAY,
  lep,
  lepAccommodation,
  lepService,
  migrant,
  militaryConnection,
  noRecords,
  OTHER_DISTRICT,
  person,
  plan,
  PLAN_MODULES,
  teamMember,
  TODAY
} from "../test/records.js"
import { evaluateLeadFlags, type LeadFlagInput, type LeadFlags, type PersonRecords } from "./LeadFlags.js"
import type { Verdict } from "./Verdict.js"

type FlagColumn = Exclude<keyof LeadFlags, "caseManagers">
/** Expected [value, deciding record id] per column; columns left out must be "0"/"" with no record. */
type Expected = Partial<Record<FlagColumn, readonly [string, number]>>

const everyProgram: PersonRecords = {
  ...noRecords,
  plans: [plan({ planID: 801 }), plan({ planID: 901, planTypeID: ILPA_TYPE })],
  teamMembers: [teamMember({ teamMemberID: 71, staffPersonID: 9002 })],
  leps: [lep()],
  lepServices: [lepService()],
  lepAccommodations: [lepAccommodation()],
  gifted: [gifted()],
  migrants: [migrant()],
  frams: [fram()],
  homeless: [homeless()],
  fosterCare: [fosterCare()],
  militaryConnections: [militaryConnection()],
  attendanceGroups: [attendanceGroup()]
}

const fromOtherDistrict: PersonRecords = {
  ...noRecords,
  plans: [plan({ planID: 802, districtID: OTHER_DISTRICT }), plan({ planID: 902, planTypeID: ILPA_TYPE, districtID: OTHER_DISTRICT })],
  teamMembers: [teamMember({ teamMemberID: 72 })],
  leps: [lep({ districtID: OTHER_DISTRICT })],
  lepServices: [lepService({ districtID: OTHER_DISTRICT })],
  lepAccommodations: [lepAccommodation({ districtID: OTHER_DISTRICT })],
  gifted: [gifted({ districtID: OTHER_DISTRICT })],
  migrants: [migrant({ districtID: OTHER_DISTRICT })],
  frams: [fram({ districtID: OTHER_DISTRICT })],
  homeless: [homeless({ districtID: OTHER_DISTRICT })],
  fosterCare: [fosterCare({ districtID: OTHER_DISTRICT })],
  militaryConnections: [militaryConnection({ districtID: OTHER_DISTRICT })]
}

const input = (fields: Partial<LeadFlagInput> = {}): LeadFlagInput => ({
  person: person(),
  enrollment: enrollment(),
  records: noRecords,
  planModules: PLAN_MODULES,
  districtID: DISTRICT,
  stateClassification: "A1",
  endYear: END_YEAR,
  sectionEndDate: LAST_INSTRUCTIONAL_DAY,
  lastInstructionalDay: LAST_INSTRUCTIONAL_DAY,
  today: TODAY,
  ...fields
})

const COLUMNS: ReadonlyArray<FlagColumn> = [
  "primaryDisabilityInSection",
  "primaryDisabilityEnrollment",
  "englishLearner",
  "gifted",
  "migrant",
  "economicallyDisadvantaged",
  "homeless",
  "fosterCare",
  "militaryConnected",
  "homeHospital",
  "alternativeEducationIlpa"
]
const unset = (column: FlagColumn) => (column.startsWith("primaryDisability") ? "" : "0")

interface Row {
  readonly case: string
  readonly input: LeadFlagInput
  readonly expected: Expected
  readonly caseManagers: ReadonlyArray<readonly [string, number | null]>
}

describe("LeadFlags", () => {
  it.each<Row>([
    {
      case: "no program records: every flag 0, disability blank, case manager blank",
      input: input(),
      expected: {},
      caseManagers: [["", null]]
    },
    {
      case: "a student in every program",
      input: input({ records: everyProgram }),
      expected: {
        primaryDisabilityInSection: ["10", 801],
        primaryDisabilityEnrollment: ["10", 801],
        englishLearner: ["1", 10],
        gifted: ["1", 50],
        migrant: ["1", 60],
        economicallyDisadvantaged: ["1", 90],
        homeless: ["1", 110],
        fosterCare: ["1", 120],
        militaryConnected: ["1", 130],
        homeHospital: ["1", 140],
        alternativeEducationIlpa: ["1", 901]
      },
      caseManagers: [["9002", 71]]
    },
    {
      case: "records from another district: only SPED, ILPA and migrant count",
      input: input({ records: fromOtherDistrict }),
      expected: {
        primaryDisabilityInSection: ["10", 802],
        primaryDisabilityEnrollment: ["10", 802],
        migrant: ["1", 60],
        alternativeEducationIlpa: ["1", 902]
      },
      caseManagers: [["9001", 72]]
    },
    {
      case: "plan without a special ed setting: column 39 set, column 47 and case manager blank",
      input: input({ records: { ...everyProgram, plans: [plan({ planID: 803, specialEdSetting: null })] } }),
      expected: {
        primaryDisabilityInSection: ["10", 803],
        primaryDisabilityEnrollment: ["", 803],
        englishLearner: ["1", 10],
        gifted: ["1", 50],
        migrant: ["1", 60],
        economicallyDisadvantaged: ["1", 90],
        homeless: ["1", 110],
        fosterCare: ["1", 120],
        militaryConnected: ["1", 130],
        homeHospital: ["1", 140]
      },
      caseManagers: [["", null]]
    },
    {
      case: "section ended before the plan started: column 39 blank, column 47 set",
      input: input({ records: { ...noRecords, plans: [plan({ planID: 804, startDate: "2025-01-06" })] }, sectionEndDate: "2024-12-20" }),
      expected: { primaryDisabilityEnrollment: ["10", 804] },
      caseManagers: [["0", null]]
    },
    {
      case: "enrollment ended before the plan started: column 47 blank, column 39 set",
      input: input({
        enrollment: enrollment({ endDate: "2024-12-20" }),
        records: { ...noRecords, plans: [plan({ planID: 805, startDate: "2025-01-06" })] }
      }),
      expected: { primaryDisabilityInSection: ["10", 805] },
      caseManagers: [["", null]]
    },
    {
      case: "technical center C2: case manager blank although column 47 is set",
      input: input({ stateClassification: "C2", records: { ...noRecords, plans: [plan({ planID: 806 })], teamMembers: [teamMember()] } }),
      expected: { primaryDisabilityInSection: ["10", 806], primaryDisabilityEnrollment: ["10", 806] },
      caseManagers: [["", null]]
    }
  ])("$case", ({ input, expected, caseManagers }) => {
    const flags = evaluateLeadFlags(input)
    for (const column of COLUMNS) {
      const verdict: Verdict<string> = flags[column]
      const [value, id] = expected[column] ?? [unset(column), null]
      expect({ column, value: verdict.value, id: verdict.record?.id ?? null }).toEqual({ column, value, id })
      expect(verdict.reason.length).toBeGreaterThan(0)
    }
    expect(flags.caseManagers.map((verdict) => [verdict.value, verdict.record?.id ?? null])).toEqual(caseManagers)
  })

  it("gives the same answer however many times it runs (no state between calls)", () => {
    const first = evaluateLeadFlags(input({ records: everyProgram }))
    evaluateLeadFlags(input({ records: fromOtherDistrict, endYear: 2030 }))
    expect(evaluateLeadFlags(input({ records: everyProgram }))).toEqual(first)
  })
})
