/**
 * Program and plan records of one student: IEPs and their teams, ILPAs, EL,
 * gifted, migrant, meal eligibility, homeless, foster care, military
 * connection and attendance groups. Dates are set relative to the student's
 * enrollment; boundary traits put them exactly on the edges the LEAD rules
 * compare against (equal dates are where off-by-one mistakes show).
 */
import { GradeLevel } from "@kts/domain"
import { type Context, tick } from "./Context.js"
import { dateOf, dayNumber, earlier, later, plusDays, ymd } from "./Dates.js"
import type { DistrictInfo } from "./Model.js"
import type { Random } from "./Random.js"
import type { Trait } from "./Traits.js"

/** What the program rules compare a record with. */
export interface EnrollmentFacts {
  readonly personID: number
  readonly enrollmentID: number
  readonly grade: string
  readonly start: string
  readonly end: string | null
  readonly lid: string
  /** Effective end: the end date, else the last instructional day. */
  readonly eee: string
  readonly district: DistrictInfo
  /** Another district, for records made elsewhere. */
  readonly otherDistrictID: number
}

/**
 * Which boundary variants to write: one at random, or in a showcase (tiny)
 * bundle all of them, so every edge case is present whatever the seed.
 */
const variants = (ctx: Context, rng: Random, count: number): Array<number> =>
  ctx.showcase ? Array.from({ length: count }, (_, index) => index) : [rng.int(0, count - 1)]

/** Whether this record comes from another district (always, in a showcase bundle). */
const foreign = (ctx: Context, rng: Random, traits: ReadonlySet<Trait>, p: number): boolean =>
  traits.has("foreignRecord") && (ctx.showcase || rng.chance(p))

const between = (rng: Random, from: string, to: string): string => {
  const a = dayNumber(from)
  const b = dayNumber(to)
  return b <= a ? from : dateOf(rng.int(a, b))
}

const DISABILITIES: ReadonlyArray<readonly [string, number]> = [
  ["10", 34], ["05", 20], ["09", 15], ["13", 10], ["15", 7], ["07", 5], ["01", 3], ["12", 2], ["02", 1], ["04", 1], ["06", 1], ["08", 1], ["14", 1]
]
const SETTINGS: ReadonlyArray<readonly [string, number]> = [["01", 70], ["02", 15], ["03", 8], ["04", 4], ["05", 3]]

interface PlanRow {
  planTypeID: number
  districtID: number
  startDate: string
  endDate: string | null
  locked: boolean
  primaryDisability: string | null
  specialEdStatus: string | null
  specialEdSetting: string | null
}

const writePlan = (ctx: Context, personID: number, row: PlanRow) =>
  ctx.out.plan.add({ planID: ctx.ids.next("plan"), personID, ...row })

const writeSpecialEd = (ctx: Context, rng: Random, facts: EnrollmentFacts, traits: ReadonlySet<Trait>) => {
  const { endYear } = ctx
  const { planTypes } = ctx.globals
  const districtID = foreign(ctx, rng, traits, 0.3) ? facts.otherDistrictID : facts.district.districtID
  const start = between(rng, ymd(endYear - 1, 5, 20), ymd(endYear, 3, 31))
  const end = plusDays(start, 364)
  const disability = rng.weighted(DISABILITIES)
  const missing = traits.has("iepMissingFields") ? (ctx.showcase ? tick(ctx, "iepMissingFields") % 3 : rng.int(0, 2)) : -1
  writePlan(ctx, facts.personID, {
    planTypeID: planTypes.iep,
    districtID,
    startDate: start,
    endDate: end,
    locked: !traits.has("iepUnlocked"),
    primaryDisability: missing === 0 ? null : disability,
    specialEdStatus: missing === 1 ? null : rng.weighted([["A", 95], ["R", 5]]),
    specialEdSetting: missing === 2 ? null : rng.weighted(SETTINGS)
  })
  if (traits.has("iepBoundary")) {
    for (const variant of variants(ctx, rng, 3)) {
      const edge = variant === 0
        ? { startDate: plusDays(facts.eee, -364), endDate: facts.eee } // ends on the effective enrollment end
        : variant === 1
        ? { startDate: facts.eee, endDate: plusDays(facts.eee, 364) } // starts on it
        : { startDate: plusDays(facts.start, -364), endDate: facts.start } // ends the day the enrollment starts
      writePlan(ctx, facts.personID, { planTypeID: planTypes.iep, districtID, ...edge, locked: true, primaryDisability: disability, specialEdStatus: "A", specialEdSetting: rng.weighted(SETTINGS) })
    }
  }
  if (traits.has("iepHistory")) {
    writePlan(ctx, facts.personID, {
      planTypeID: planTypes.iep,
      districtID: rng.chance(0.1) ? facts.otherDistrictID : districtID,
      startDate: plusDays(start, -365),
      endDate: plusDays(start, -1),
      locked: true,
      primaryDisability: rng.chance(0.8) ? disability : rng.weighted(DISABILITIES),
      specialEdStatus: "A",
      specialEdSetting: rng.weighted(SETTINGS)
    })
  }
  if (traits.has("iepTiedEnds")) {
    // An amendment ending the same day: the later start decides the tie.
    writePlan(ctx, facts.personID, {
      planTypeID: planTypes.iepAmendment,
      districtID,
      startDate: between(rng, plusDays(start, 1), earlier(plusDays(end, -1), ctx.nearToday[0] ?? end)),
      endDate: end,
      locked: rng.chance(0.85),
      primaryDisability: rng.weighted(DISABILITIES),
      specialEdStatus: "A",
      specialEdSetting: rng.chance(0.2) ? null : rng.weighted(SETTINGS)
    })
  }
  if (traits.has("iepDraft")) {
    writePlan(ctx, facts.personID, {
      planTypeID: planTypes.iep,
      districtID,
      startDate: plusDays(end, 1),
      endDate: rng.chance(0.3) ? null : plusDays(end, 365),
      locked: false,
      primaryDisability: disability,
      specialEdStatus: null,
      specialEdSetting: null
    })
  }
  writeTeam(ctx, rng, facts, traits, start)
}

const writeTeam = (ctx: Context, rng: Random, facts: EnrollmentFacts, traits: ReadonlySet<Trait>, planStart: string) => {
  const staff = facts.district.spedStaff
  const member = (staffPersonID: number | null, role: string, startDate: string | null, endDate: string | null, module = "specialEd") =>
    ctx.out.teamMember.add({ teamMemberID: ctx.ids.next("teamMember"), personID: facts.personID, staffPersonID, module, role, startDate, endDate })
  const main = rng.pick(staff)
  if (!traits.has("caseManagerNone")) {
    if (traits.has("caseManagerEnded")) {
      member(rng.pick(staff), "Case Manager", plusDays(planStart, -300), plusDays(planStart, -1))
    }
    const end = traits.has("caseManagerEndsToday") ? rng.pick(ctx.nearToday) : null
    member(main, "Case Manager", rng.chance(0.1) ? null : planStart, end)
    if (traits.has("twoCaseManagers")) {
      const others = staff.filter((id) => id !== main)
      const second = others.length > 0 ? rng.pick(others) : main
      member(second, "Case Manager", plusDays(planStart, rng.int(0, 60)), rng.chance(0.2) ? ymd(ctx.endYear, 6, 30) : null)
    }
    if (traits.has("caseManagerDuplicate")) member(main, "Case Manager", planStart, null)
  }
  if (traits.has("caseManagerNullStaff")) member(null, "Case Manager", planStart, null)
  if (traits.has("caseManagerMiscased")) {
    if (rng.chance(0.5)) member(rng.pick(staff), "case manager", planStart, null)
    else member(rng.pick(staff), "Case Manager", planStart, null, "SpecialEd")
  }
  if (traits.has("otherTeamRoles")) {
    member(rng.pick(facts.district.otherStaff), rng.pick(["Special Education Teacher", "Speech-Language Pathologist", "General Education Teacher", "School Psychologist"]), planStart, null)
    if (rng.chance(0.5)) member(null, "Parent/Guardian", planStart, null)
  }
}

const writeIlpa = (ctx: Context, rng: Random, facts: EnrollmentFacts, traits: ReadonlySet<Trait>) => {
  const start = between(rng, plusDays(facts.start, -90), facts.eee)
  const boundary = traits.has("ilpaBoundary")
  writePlan(ctx, facts.personID, {
    planTypeID: ctx.globals.planTypes.ilpa,
    districtID: facts.district.districtID,
    startDate: boundary ? plusDays(facts.start, -120) : start,
    // On the boundary the plan ends the day the enrollment starts (still overlapping).
    endDate: boundary ? facts.start : rng.chance(0.3) ? null : plusDays(start, rng.int(60, 300)),
    locked: !traits.has("ilpaUnlocked"),
    primaryDisability: null,
    specialEdStatus: null,
    specialEdSetting: null
  })
}

const write504 = (ctx: Context, rng: Random, facts: EnrollmentFacts) => {
  const start = between(rng, ymd(ctx.endYear - 2, 8, 1), ymd(ctx.endYear - 1, 12, 1))
  writePlan(ctx, facts.personID, {
    planTypeID: rng.chance(0.8) ? ctx.globals.planTypes.plan504 : ctx.globals.planTypes.healthPlan,
    districtID: facts.district.districtID,
    startDate: start,
    endDate: plusDays(start, 364),
    locked: rng.chance(0.9),
    primaryDisability: null,
    specialEdStatus: null,
    specialEdSetting: null
  })
  ctx.out.teamMember.add({
    teamMemberID: ctx.ids.next("teamMember"),
    personID: facts.personID,
    staffPersonID: rng.pick(facts.district.otherStaff),
    module: "504",
    role: "Case Manager",
    startDate: start,
    endDate: null
  })
}

const writeEnglishLearner = (ctx: Context, rng: Random, facts: EnrollmentFacts, traits: ReadonlySet<Trait>) => {
  const { endYear } = ctx
  const districtID = facts.district.districtID
  const status = traits.has("elNotEl") ? "Not EL" : traits.has("elExited") ? "Exited EL" : "EL"
  const identified = traits.has("elNullIdentified") ? null : between(rng, ymd(endYear - 6, 8, 1), ymd(endYear - 1, 10, 1))
  const boundary = traits.has("elBoundary")
  let exit: string | null = null
  if (status === "Exited EL") exit = boundary ? facts.start : between(rng, ymd(endYear - 2, 6, 1), ymd(endYear, 4, 30))
  ctx.out.lep.add({ lepID: ctx.ids.next("lep"), personID: facts.personID, districtID, programStatus: status, identifiedDate: identified, exitDate: exit })
  if (boundary && status !== "Exited EL") {
    // An earlier EL episode that ended the day the enrollment starts (an exit must be after the start to count).
    ctx.out.lep.add({ lepID: ctx.ids.next("lep"), personID: facts.personID, districtID, programStatus: "Exited EL", identifiedDate: ymd(endYear - 5, 9, 1), exitDate: facts.start })
  }
  if (status === "Not EL") return
  const serviceStart = identified ?? ymd(endYear - 1, 8, 15)
  ctx.out.lepService.add({
    lepServiceID: ctx.ids.next("lepService"),
    personID: facts.personID,
    districtID,
    startDate: serviceStart,
    // On the boundary the service ends the day the enrollment starts: not after it, so it does not count.
    endDate: boundary && (ctx.showcase || rng.chance(0.5)) ? facts.start : exit
  })
  if (!traits.has("elNoInstructional")) {
    ctx.out.lepAccommodation.add({
      accommodationID: ctx.ids.next("lepAccommodation"),
      personID: facts.personID,
      districtID,
      type: "I",
      startDate: boundary ? facts.eee : between(rng, serviceStart, ymd(endYear - 1, 9, 30)),
      endDate: null
    })
  }
  if (traits.has("elNoInstructional") || rng.chance(0.6)) {
    ctx.out.lepAccommodation.add({
      accommodationID: ctx.ids.next("lepAccommodation"),
      personID: facts.personID,
      districtID,
      type: "A",
      startDate: ymd(endYear, 2, 1),
      endDate: ymd(endYear, 5, 15)
    })
  }
}

const GIFTED_CATEGORIES = ["01", "02", "03", "04", "05"]

const writeGifted = (ctx: Context, rng: Random, facts: EnrollmentFacts, traits: ReadonlySet<Trait>) => {
  const primary = GradeLevel.rankOf(facts.grade) <= GradeLevel.rankOf("03")
  const mismatch = traits.has("giftedMismatch")
  const category = primary !== mismatch ? "12" : rng.pick(GIFTED_CATEGORIES)
  const start = traits.has("giftedBoundary")
    ? (facts.end ?? rng.pick(ctx.nearToday))
    : between(rng, ymd(ctx.endYear - 4, 8, 1), ymd(ctx.endYear - 1, 12, 1))
  const districtID = facts.district.districtID
  ctx.out.gifted.add({ giftedID: ctx.ids.next("gifted"), personID: facts.personID, districtID, category, startDate: start, endDate: rng.chance(0.1) ? plusDays(start, 200) : null })
  // A second area of giftedness, sometimes.
  if (rng.chance(0.2)) {
    ctx.out.gifted.add({ giftedID: ctx.ids.next("gifted"), personID: facts.personID, districtID, category: rng.pick(GIFTED_CATEGORIES), startDate: start, endDate: null })
  }
}

const writeMigrant = (ctx: Context, rng: Random, facts: EnrollmentFacts, traits: ReadonlySet<Trait>) => {
  const { endYear } = ctx
  const districtID = rng.chance(0.2) ? facts.otherDistrictID : facts.district.districtID
  const row = (arrival: string, expiration: string) =>
    ctx.out.migrant.add({ migrantID: ctx.ids.next("migrant"), personID: facts.personID, districtID, lastQualifyingArrivalDate: arrival, eligibilityExpirationDate: expiration })
  const arrival = between(rng, ymd(endYear - 3, 9, 1), ymd(endYear - 1, 6, 30))
  if (!traits.has("migrantBoundary")) {
    row(arrival, plusDays(ymd(Number(arrival.slice(0, 4)) + 3, Number(arrival.slice(5, 7)), 1), -1))
    return
  }
  for (const variant of variants(ctx, rng, 5)) {
    let arrival = ""
    let expiration = ""
    switch (variant) {
      case 0: // last arrival date that still qualifies for the year
        arrival = ymd(endYear, 8, 31)
        expiration = ymd(endYear + 3, 8, 30)
        break
      case 1: // first arrival date that no longer does
        arrival = ymd(endYear, 9, 1)
        expiration = ymd(endYear + 3, 8, 31)
        break
      case 2: // expires on the first day of the migrant year
        arrival = ymd(endYear - 4, 9, 2)
        expiration = ymd(endYear - 1, 9, 1)
        break
      case 3: // expires the day the enrollment starts
        expiration = facts.start
        arrival = plusDays(facts.start, -900)
        break
      default: // arrives on the effective enrollment end
        arrival = facts.eee
        expiration = plusDays(facts.eee, 1000)
    }
    row(arrival, expiration)
  }
}

const writeFram = (ctx: Context, rng: Random, facts: EnrollmentFacts, traits: ReadonlySet<Trait>) => {
  const { endYear } = ctx
  const districtID = facts.district.districtID
  const row = (eligibility: string, startDate: string, endDate: string | null, district = districtID) =>
    ctx.out.fram.add({ eligibilityID: ctx.ids.next("fram"), personID: facts.personID, districtID: district, eligibility, startDate, endDate })
  const yearStart = ymd(endYear - 1, 7, 1)
  if (traits.has("framNotEligible")) {
    row("N", yearStart, null)
    return
  }
  if (traits.has("framHistory")) row(rng.pick(["F", "R", "N"]), ymd(endYear - 2, 7, 1), ymd(endYear - 1, 6, 30))
  const eligibility = rng.chance(0.72) ? "F" : "R"
  const start = rng.weighted([[yearStart, 60], [later(yearStart, facts.start), 25], [between(rng, ymd(endYear - 1, 8, 1), ymd(endYear - 1, 10, 31)), 15]])
  const end: string | null = rng.chance(0.8) ? null : ymd(endYear, 6, 30)
  if (traits.has("framBoundary")) {
    for (const variant of variants(ctx, rng, 3)) {
      if (variant === 0) row(eligibility, start, facts.eee) // ends on the effective end: still overlaps it
      else if (variant === 1) row(eligibility, facts.eee, null) // starts on it
      else row(eligibility, earlier(start, plusDays(facts.eee, -30)), plusDays(facts.eee, -1)) // ends the day before: no overlap
    }
  }
  if (!traits.has("framBoundary")) row(eligibility, start, end)
  // Same start date, another eligibility: any F or R among the latest records counts.
  if (traits.has("framTie")) row("N", start, end)
  // A later "not eligible" record replaces the earlier eligibility.
  if (traits.has("framSuperseded")) row("N", between(rng, start, earlier(facts.eee, ymd(endYear, 3, 1))), null)
}

/** Records around the enrollment; on the boundary, exactly at the edges of the overlap rule. */
const aroundEnrollment = (ctx: Context, rng: Random, facts: EnrollmentFacts, boundary: boolean): Array<{ start: string; end: string | null }> => {
  if (boundary) {
    return variants(ctx, rng, 3).map((variant) => {
      switch (variant) {
        case 0: // ends the day the enrollment starts: overlaps by one day
          return { start: plusDays(facts.start, -200), end: facts.start }
        case 1: // starts on the effective end
          return { start: facts.eee, end: null }
        default: // ends the day before the enrollment starts: no overlap
          return { start: plusDays(facts.start, -200), end: plusDays(facts.start, -1) }
      }
    })
  }
  const start = between(rng, plusDays(facts.start, -400), facts.eee)
  return [{ start, end: rng.chance(0.6) ? null : between(rng, start, plusDays(facts.eee, 120)) }]
}

const MILITARY: ReadonlyArray<readonly [string, number]> = [
  ["Active Duty, Deployed", 35], ["Active Duty, Not Deployed", 35], ["National Guard", 10], ["Reserve", 10], ["Veteran", 5],
  ["Active Duty, deployed", 5]
]

const ACTIVE_DUTY = ["Active Duty, Deployed", "Active Duty, Not Deployed"]
const OTHER_SERVICE = ["National Guard", "Reserve", "Veteran", "Active Duty, deployed"]

const writeMilitary = (ctx: Context, rng: Random, facts: EnrollmentFacts, traits: ReadonlySet<Trait>) => {
  const { endYear } = ctx
  const districtID = facts.district.districtID
  const row = (status: string, startDate: string, endDate: string | null) =>
    ctx.out.militaryConnection.add({ militaryID: ctx.ids.next("militaryConnection"), personID: facts.personID, districtID, status, startDate, endDate })
  const start = between(rng, ymd(endYear - 5, 1, 1), ymd(endYear - 1, 12, 31))
  if (!traits.has("militaryBoundary")) {
    const end = rng.chance(0.8) ? null : between(rng, ymd(endYear - 1, 1, 1), ymd(endYear + 1, 6, 30))
    // A showcase bundle gets its active-duty rows from the boundary cases; the others show the other statuses.
    const status = ctx.showcase ? (OTHER_SERVICE[tick(ctx, "military") % OTHER_SERVICE.length] as string) : rng.weighted(MILITARY)
    row(status, start, end !== null && end < start ? start : end)
    return
  }
  for (const variant of variants(ctx, rng, 4)) {
    const status = ACTIVE_DUTY[variant % 2] as string
    if (variant === 0) row(status, ymd(endYear, 7, 1), null) // starts July 1 of the end year: too late
    else if (variant === 1) row(status, earlier(start, ymd(endYear - 2, 6, 30)), ymd(endYear - 1, 6, 30)) // ends June 30 of the start year: too early
    else if (variant === 2) row(status, ymd(endYear, 6, 30), null) // starts June 30 of the end year: counts
    else row(status, earlier(start, ymd(endYear - 2, 7, 1)), ymd(endYear - 1, 7, 1)) // ends July 1 of the start year: counts
  }
}

const writeGroups = (ctx: Context, rng: Random, facts: EnrollmentFacts, traits: ReadonlySet<Trait>) => {
  const row = (groupCategory: string, startDate: string, endDate: string | null) =>
    ctx.out.attendanceGroup.add({ groupID: ctx.ids.next("attendanceGroup"), personID: facts.personID, enrollmentID: facts.enrollmentID, groupCategory, startDate, endDate })
  if (traits.has("hh")) {
    const start = between(rng, facts.start, facts.eee)
    if (traits.has("hhBoundary")) {
      // Ends on the last instructional day (not after it: no longer counts) or the day after.
      for (const variant of variants(ctx, rng, 2)) row("HH", start, variant === 0 ? facts.lid : plusDays(facts.lid, 1))
    } else {
      row("HH", start, rng.chance(0.5) ? null : between(rng, start, plusDays(facts.lid, 30)))
    }
  }
  if (traits.has("otherGroup")) row(rng.pick(["ALT", "ISS", "SNP"]), between(rng, facts.start, facts.eee), null)
}

/**
 * Records another district made for the student (where they were before):
 * they overlap the enrollment but must not count where the rule wants the
 * enrollment's district. One kind at random, or every kind in a showcase bundle.
 */
const writeForeignRecords = (ctx: Context, rng: Random, facts: EnrollmentFacts) => {
  const districtID = facts.otherDistrictID
  const { personID } = facts
  const start = plusDays(facts.start, -rng.int(30, 300))
  for (const kind of variants(ctx, rng, 5)) {
    switch (kind) {
      case 0:
        ctx.out.gifted.add({ giftedID: ctx.ids.next("gifted"), personID, districtID, category: GradeLevel.rankOf(facts.grade) <= GradeLevel.rankOf("03") ? "12" : "01", startDate: start, endDate: null })
        break
      case 1:
        ctx.out.lep.add({ lepID: ctx.ids.next("lep"), personID, districtID, programStatus: "EL", identifiedDate: start, exitDate: null })
        ctx.out.lepService.add({ lepServiceID: ctx.ids.next("lepService"), personID, districtID, startDate: start, endDate: null })
        ctx.out.lepAccommodation.add({ accommodationID: ctx.ids.next("lepAccommodation"), personID, districtID, type: "I", startDate: start, endDate: null })
        break
      case 2:
        ctx.out.fram.add({ eligibilityID: ctx.ids.next("fram"), personID, districtID, eligibility: "F", startDate: start, endDate: null })
        break
      case 3:
        ctx.out.homeless.add({ homelessID: ctx.ids.next("homeless"), personID, districtID, startDate: start, endDate: null })
        break
      default:
        ctx.out.militaryConnection.add({ militaryID: ctx.ids.next("militaryConnection"), personID, districtID, status: "Active Duty, Deployed", startDate: start, endDate: null })
    }
  }
}

/** Every program record of a student, from their traits. */
export const writePrograms = (ctx: Context, rng: Random, facts: EnrollmentFacts, traits: ReadonlySet<Trait>) => {
  if (traits.has("iep")) writeSpecialEd(ctx, rng, facts, traits)
  if (traits.has("plan504")) write504(ctx, rng, facts)
  if (traits.has("ilpa")) writeIlpa(ctx, rng, facts, traits)
  if (traits.has("el")) writeEnglishLearner(ctx, rng, facts, traits)
  if (traits.has("gifted")) writeGifted(ctx, rng, facts, traits)
  if (traits.has("migrant")) writeMigrant(ctx, rng, facts, traits)
  if (traits.has("fram") || traits.has("framNotEligible")) writeFram(ctx, rng, facts, traits)
  if (traits.has("homeless")) {
    const districtID = facts.district.districtID
    for (const { start, end } of aroundEnrollment(ctx, rng, facts, traits.has("homelessBoundary"))) {
      ctx.out.homeless.add({ homelessID: ctx.ids.next("homeless"), personID: facts.personID, districtID, startDate: start, endDate: end })
    }
  }
  if (traits.has("foster")) {
    for (const { start, end } of aroundEnrollment(ctx, rng, facts, traits.has("fosterBoundary"))) {
      ctx.out.fosterCare.add({
        fosterCareID: ctx.ids.next("fosterCare"),
        personID: facts.personID,
        // Only state-made records (no district) count on the report; districts make some too.
        districtID: traits.has("fosterDistrict") ? facts.district.districtID : null,
        startDate: start,
        endDate: end
      })
    }
  }
  if (traits.has("military")) writeMilitary(ctx, rng, facts, traits)
  if (traits.has("hh") || traits.has("otherGroup")) writeGroups(ctx, rng, facts, traits)
  if (traits.has("foreignRecord")) writeForeignRecords(ctx, rng, facts)
}
