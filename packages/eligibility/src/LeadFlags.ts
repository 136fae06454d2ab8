/**
 * The input and output of the LEAD report's per-student rules (columns 39, 47–59).
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
