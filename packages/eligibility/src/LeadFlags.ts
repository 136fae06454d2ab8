/**
 * The input and output of the LEAD report's per-student rules (columns 39,
 * 47–59), and `evaluateLeadFlags`, which runs them all for one student-section.
 */
import type {
  AttendanceGroup,
  Enrollment,
  FosterCare,
  Fram,
  Gifted,
  Homeless,
  Lep,
  LepAccommodation,
  LepService,
  LocalDate,
  Migrant,
  MilitaryConnection,
  Person,
  Plan,
  TeamMember
} from "@kts/domain"
import { evaluateAlternativeEducationIlpa } from "./AlternativeEducationIlpa.js"
import { evaluateCaseManagers } from "./CaseManager.js"
import { evaluateEconomicallyDisadvantaged } from "./EconomicallyDisadvantaged.js"
import { evaluateEnglishLearner } from "./EnglishLearner.js"
import { makeEnrollmentWindow } from "./EnrollmentWindow.js"
import { evaluateFosterCare } from "./FosterCare.js"
import { evaluateGifted } from "./Gifted.js"
import { evaluateHomeHospital } from "./HomeHospital.js"
import { evaluateHomeless } from "./Homeless.js"
import { evaluateMigrant } from "./Migrant.js"
import { evaluateMilitaryConnected } from "./MilitaryConnected.js"
import { evaluatePrimaryDisabilityEnrollment, evaluatePrimaryDisabilityInSection } from "./SpecialEd.js"
import type { Flag, Verdict } from "./Verdict.js"

/** Everything about one person the program rules may read (any district, any year). */
export interface PersonRecords {
  readonly plans: ReadonlyArray<Plan>
  readonly teamMembers: ReadonlyArray<TeamMember>
  readonly leps: ReadonlyArray<Lep>
  readonly lepServices: ReadonlyArray<LepService>
  readonly lepAccommodations: ReadonlyArray<LepAccommodation>
  readonly gifted: ReadonlyArray<Gifted>
  readonly migrants: ReadonlyArray<Migrant>
  readonly frams: ReadonlyArray<Fram>
  readonly homeless: ReadonlyArray<Homeless>
  readonly fosterCare: ReadonlyArray<FosterCare>
  readonly militaryConnections: ReadonlyArray<MilitaryConnection>
  readonly attendanceGroups: ReadonlyArray<AttendanceGroup>
}

/** One reported student in one section. */
export interface LeadFlagInput {
  readonly person: Person
  /** The reported enrollment (see `chooseReportedEnrollment`). */
  readonly enrollment: Enrollment
  readonly records: PersonRecords
  /** planTypeID → planType.module, e.g. `specialEd`, `alp`. */
  readonly planModules: ReadonlyMap<number, string>
  /** The district of the enrollment's calendar's school. */
  readonly districtID: number
  /** The school's state classification (A2/C2 get no case manager). */
  readonly stateClassification: string | null
  /** The calendar's end year. */
  readonly endYear: number
  readonly sectionEndDate: LocalDate
  /** The structure's last instructional day, or null when it has none. */
  readonly lastInstructionalDay: LocalDate | null
  /** The date part of the run time. */
  readonly today: LocalDate
}

/** The per-student columns of the LEAD report, each with its evidence. */
export interface LeadFlags {
  /** Column 39: a primary disability code, or `""`. */
  readonly primaryDisabilityInSection: Verdict<string>
  /** Column 47: a primary disability code, or `""`. */
  readonly primaryDisabilityEnrollment: Verdict<string>
  readonly englishLearner: Verdict<Flag>
  readonly gifted: Verdict<Flag>
  readonly migrant: Verdict<Flag>
  readonly economicallyDisadvantaged: Verdict<Flag>
  readonly homeless: Verdict<Flag>
  readonly fosterCare: Verdict<Flag>
  readonly militaryConnected: Verdict<Flag>
  readonly homeHospital: Verdict<Flag>
  readonly alternativeEducationIlpa: Verdict<Flag>
  /**
   * Columns 57–59: one verdict per report row, never empty. Value: the case
   * manager's personID as text, `"0"` when none is active, `""` when the
   * column is blank for this student.
   */
  readonly caseManagers: ReadonlyArray<Verdict<string>>
}

/**
 * Every per-student column of one student-section (39, 47–59), each with its
 * evidence. Pure: the run date is `input.today`; records are the person's,
 * from any district and year (each rule applies its own district filter).
 */
export const evaluateLeadFlags = (input: LeadFlagInput): LeadFlags => {
  const { records, planModules, enrollment, today } = input
  const window = makeEnrollmentWindow(enrollment, input.districtID, input.lastInstructionalDay, today)
  const primaryDisabilityEnrollment = evaluatePrimaryDisabilityEnrollment(
    records.plans,
    planModules,
    window.effectiveEnd,
    today
  )
  return {
    primaryDisabilityInSection: evaluatePrimaryDisabilityInSection(records.plans, planModules, input.sectionEndDate, today),
    primaryDisabilityEnrollment,
    englishLearner: evaluateEnglishLearner(input.person.homePrimaryLanguage, records, window),
    gifted: evaluateGifted(records.gifted, window),
    migrant: evaluateMigrant(records.migrants, window, input.endYear),
    economicallyDisadvantaged: evaluateEconomicallyDisadvantaged(records.frams, window),
    homeless: evaluateHomeless(records.homeless, window),
    fosterCare: evaluateFosterCare(records.fosterCare, window),
    militaryConnected: evaluateMilitaryConnected(records.militaryConnections, input.districtID, input.endYear),
    homeHospital: evaluateHomeHospital(records.attendanceGroups, window),
    alternativeEducationIlpa: evaluateAlternativeEducationIlpa(records.plans, planModules, window),
    caseManagers: evaluateCaseManagers(
      records.teamMembers,
      primaryDisabilityEnrollment.value,
      enrollment,
      input.stateClassification,
      today
    )
  }
}

/** The program record kinds of `PersonRecords`, one per program table the rules read. */
export const PersonRecordKinds: ReadonlyArray<keyof PersonRecords> = [
  "plans",
  "teamMembers",
  "leps",
  "lepServices",
  "lepAccommodations",
  "gifted",
  "migrants",
  "frams",
  "homeless",
  "fosterCare",
  "militaryConnections",
  "attendanceGroups"
]

/** A person's records with none of any kind, as fresh arrays a loader may fill. */
export const emptyPersonRecords = (): { -readonly [K in keyof PersonRecords]: Array<PersonRecords[K][number]> } =>
  Object.fromEntries(PersonRecordKinds.map((kind) => [kind, []])) as unknown as {
    -readonly [K in keyof PersonRecords]: Array<PersonRecords[K][number]>
  }
