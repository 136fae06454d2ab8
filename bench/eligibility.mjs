// Times @kts/eligibility's evaluateLeadFlags at state scale on one core.
//
// Builds a synthetic, seeded population in memory — 650,000 students, about six
// sections each (≈ 4 million student-sections) — with program records at
// realistic rates, pre-indexed by person as plain objects of the domain types,
// then evaluates every student-section once and reports evaluations per second
// against the 1,000,000/s target.
//
// Run from the repository root after building domain and eligibility:
//   (cd packages/domain && npx tsup) && (cd packages/eligibility && npx tsup) && node bench/eligibility.mjs
// Options: --students N (default 650000), --sections N (average per student, default 6), --seed N,
// --passes N (default 3).
import { evaluateLeadFlags } from "../packages/eligibility/dist/index.js"
import { addDays } from "../packages/domain/dist/index.js"

const option = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`)
  return index === -1 ? fallback : Number(process.argv[index + 1])
}
const STUDENTS = option("students", 650_000)
const SECTIONS_PER_STUDENT = option("sections", 6)
const TARGET_PER_SECOND = 1_000_000

// ── Seeded randomness (mulberry32), so every run builds the same population ──
let state = option("seed", 20250522) >>> 0
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0
  let t = state
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}
const chance = (p) => random() < p
const pick = (items) => items[Math.floor(random() * items.length)]
const between = (low, high) => low + Math.floor(random() * (high - low + 1))

// ── The school year and its dates ────────────────────────────────────────────
const END_YEAR = 2025
const YEAR_START = "2024-08-14"
const LAST_INSTRUCTIONAL_DAY = "2025-05-22"
const TODAY = "2025-04-10"
const TERM_ENDS = ["2024-12-20", "2025-05-22", "2025-05-22", "2025-03-07"]
const DISTRICTS = 171
const date = (from, spanDays) => addDays(from, between(0, spanDays))
const GRADES = ["95", "96", "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "14"]
const LANGUAGES = ["0100", "0200", "0300", "1200", "2900"]

const planModules = new Map([[1, "specialEd"], [2, "alp"], [3, "504"]])

let nextID = 1
const id = () => nextID++
const maybeEnd = (start, openChance) => (chance(openChance) ? null : date(start, 400))

const buildStudent = (personID) => {
  const districtID = between(1, DISTRICTS)
  const otherDistrict = (districtID % DISTRICTS) + 1
  const recordDistrict = () => (chance(0.9) ? districtID : otherDistrict)
  const startDate = chance(0.9) ? YEAR_START : date(YEAR_START, 200)
  const enrollment = {
    enrollmentID: id(), personID, calendarID: districtID, structureID: districtID,
    grade: pick(GRADES), serviceType: chance(0.95) ? "P" : "S", startDate,
    endDate: chance(0.85) ? null : date(startDate, 250), startStatus: "E01", endStatus: null,
    noShow: false, stateExclude: false
  }
  const nonEnglish = chance(0.1)
  const person = {
    personID, stateID: String(1_000_000_000 + personID), studentNumber: null, firstName: "F", lastName: "L",
    legalFirstName: null, legalLastName: null, gender: chance(0.5) ? "M" : "F", raceEthnicity: "6",
    birthDate: null, homePrimaryLanguage: nonEnglish ? pick(LANGUAGES) : chance(0.7) ? "0400" : null
  }
  const plans = []
  const teamMembers = []
  if (chance(0.16)) {
    for (let count = between(1, 3); count > 0; count--) {
      const planStart = date("2022-08-01", 900)
      plans.push({
        planID: id(), personID, districtID: recordDistrict(), planTypeID: 1, startDate: planStart,
        endDate: chance(0.2) ? null : addDays(planStart, 365), locked: chance(0.9),
        primaryDisability: chance(0.95) ? pick(["05", "09", "10", "13"]) : null,
        specialEdStatus: chance(0.95) ? "A" : null, specialEdSetting: chance(0.9) ? "01" : null
      })
    }
    for (let count = between(0, 2); count > 0; count--) {
      teamMembers.push({
        teamMemberID: id(), personID, staffPersonID: chance(0.95) ? between(1, 50_000) : null,
        module: "specialEd", role: chance(0.8) ? "Case Manager" : "Teacher",
        startDate: date("2023-08-01", 600), endDate: chance(0.7) ? null : date("2024-08-01", 400)
      })
    }
  }
  if (chance(0.02)) {
    const planStart = date("2024-06-01", 300)
    plans.push({
      planID: id(), personID, districtID: recordDistrict(), planTypeID: 2, startDate: planStart,
      endDate: maybeEnd(planStart, 0.3), locked: chance(0.8), primaryDisability: null, specialEdStatus: null,
      specialEdSetting: null
    })
  }
  const leps = []
  const lepServices = []
  const lepAccommodations = []
  if (nonEnglish || chance(0.01)) {
    const identified = date("2020-08-01", 1700)
    leps.push({
      lepID: id(), personID, districtID: recordDistrict(), programStatus: pick(["EL", "EL", "Exited EL", "Not EL"]),
      identifiedDate: chance(0.95) ? identified : null, exitDate: chance(0.7) ? null : date(identified, 1000)
    })
    if (chance(0.85)) {
      const serviceStart = date("2023-08-01", 500)
      lepServices.push({ lepServiceID: id(), personID, districtID: recordDistrict(), startDate: serviceStart, endDate: maybeEnd(serviceStart, 0.6) })
    }
    for (let count = between(0, 3); count > 0; count--) {
      const accommodationStart = date("2023-08-01", 500)
      lepAccommodations.push({
        accommodationID: id(), personID, districtID: recordDistrict(), type: chance(0.6) ? "I" : "A",
        startDate: accommodationStart, endDate: maybeEnd(accommodationStart, 0.6)
      })
    }
  }
  const gifted = []
  if (chance(0.12)) {
    for (let count = between(1, 2); count > 0; count--) {
      gifted.push({
        giftedID: id(), personID, districtID: recordDistrict(), category: pick(["12", "01", "02", "05"]),
        startDate: date("2019-08-01", 2100), endDate: null
      })
    }
  }
  const migrants = []
  if (chance(0.01)) {
    const arrival = date("2022-01-01", 1200)
    migrants.push({
      migrantID: id(), personID, districtID: recordDistrict(), lastQualifyingArrivalDate: arrival,
      eligibilityExpirationDate: addDays(arrival, 1095)
    })
  }
  const frams = []
  if (chance(0.6)) {
    for (let count = between(1, 3); count > 0; count--) {
      const framStart = date("2023-07-01", 500)
      frams.push({
        eligibilityID: id(), personID, districtID: recordDistrict(), eligibility: pick(["F", "F", "R", "N"]),
        startDate: framStart, endDate: maybeEnd(framStart, 0.5)
      })
    }
  }
  const homeless = []
  if (chance(0.03)) {
    const homelessStart = date("2023-08-01", 600)
    homeless.push({ homelessID: id(), personID, districtID: recordDistrict(), startDate: homelessStart, endDate: maybeEnd(homelessStart, 0.5) })
  }
  const fosterCare = []
  if (chance(0.01)) {
    const fosterStart = date("2022-08-01", 900)
    fosterCare.push({
      fosterCareID: id(), personID, districtID: chance(0.8) ? null : districtID, startDate: fosterStart,
      endDate: maybeEnd(fosterStart, 0.5)
    })
  }
  const militaryConnections = []
  if (chance(0.02)) {
    const militaryStart = date("2021-08-01", 1400)
    militaryConnections.push({
      militaryID: id(), personID, districtID: recordDistrict(),
      status: pick(["Active Duty, Deployed", "Active Duty, Not Deployed", "Veteran", "National Guard"]),
      startDate: militaryStart, endDate: maybeEnd(militaryStart, 0.6)
    })
  }
  const attendanceGroups = []
  if (chance(0.01)) {
    const groupStart = date(YEAR_START, 200)
    attendanceGroups.push({
      groupID: id(), personID, enrollmentID: chance(0.9) ? enrollment.enrollmentID : id(),
      groupCategory: chance(0.8) ? "HH" : "OT", startDate: groupStart, endDate: maybeEnd(groupStart, 0.5)
    })
  }
  const sectionEnds = []
  for (let count = between(SECTIONS_PER_STUDENT - 2, SECTIONS_PER_STUDENT + 2); count > 0; count--) {
    sectionEnds.push(pick(TERM_ENDS))
  }
  return {
    person, enrollment, districtID, stateClassification: chance(0.05) ? "A2" : "A1", sectionEnds,
    records: {
      plans, teamMembers, leps, lepServices, lepAccommodations, gifted, migrants, frams, homeless, fosterCare,
      militaryConnections, attendanceGroups
    }
  }
}

// ── Build ────────────────────────────────────────────────────────────────────
const buildStarted = performance.now()
const students = new Array(STUDENTS)
let studentSections = 0
for (let index = 0; index < STUDENTS; index++) {
  students[index] = buildStudent(index + 1)
  studentSections += students[index].sectionEnds.length
}
const buildSeconds = (performance.now() - buildStarted) / 1000
console.log(
  `built ${STUDENTS.toLocaleString("en-US")} students, ${studentSections.toLocaleString("en-US")} student-sections ` +
    `in ${buildSeconds.toFixed(1)} s`
)

// ── Evaluate ─────────────────────────────────────────────────────────────────
// Every pass evaluates all student-sections once. The first pass includes the
// JIT warming up; on a shared machine single passes are noisy, so the median is
// the headline figure. Each pass tallies every "1" so the work cannot be
// optimised away, and the tally doubles as a sanity check of the population.
const PASSES = Math.max(1, option("passes", 3))

const evaluateAll = () => {
  const tally = {
    primaryDisabilityInSection: 0, primaryDisabilityEnrollment: 0, englishLearner: 0, gifted: 0, migrant: 0,
    economicallyDisadvantaged: 0, homeless: 0, fosterCare: 0, militaryConnected: 0, homeHospital: 0,
    alternativeEducationIlpa: 0, caseManagerRows: 0
  }
  for (let index = 0; index < STUDENTS; index++) {
    const student = students[index]
    const sectionEnds = student.sectionEnds
    for (let section = 0; section < sectionEnds.length; section++) {
      const flags = evaluateLeadFlags({
        person: student.person,
        enrollment: student.enrollment,
        records: student.records,
        planModules,
        districtID: student.districtID,
        stateClassification: student.stateClassification,
        endYear: END_YEAR,
        sectionEndDate: sectionEnds[section],
        lastInstructionalDay: LAST_INSTRUCTIONAL_DAY,
        today: TODAY
      })
      if (flags.primaryDisabilityInSection.value !== "") tally.primaryDisabilityInSection++
      if (flags.primaryDisabilityEnrollment.value !== "") tally.primaryDisabilityEnrollment++
      if (flags.englishLearner.value === "1") tally.englishLearner++
      if (flags.gifted.value === "1") tally.gifted++
      if (flags.migrant.value === "1") tally.migrant++
      if (flags.economicallyDisadvantaged.value === "1") tally.economicallyDisadvantaged++
      if (flags.homeless.value === "1") tally.homeless++
      if (flags.fosterCare.value === "1") tally.fosterCare++
      if (flags.militaryConnected.value === "1") tally.militaryConnected++
      if (flags.homeHospital.value === "1") tally.homeHospital++
      if (flags.alternativeEducationIlpa.value === "1") tally.alternativeEducationIlpa++
      tally.caseManagerRows += flags.caseManagers.length
    }
  }
  return tally
}

const format = (count) => Math.round(count).toLocaleString("en-US")
const passSeconds = []
let tally
for (let pass = 1; pass <= PASSES; pass++) {
  const started = performance.now()
  tally = evaluateAll()
  const seconds = (performance.now() - started) / 1000
  passSeconds.push(seconds)
  console.log(`pass ${pass}: ${seconds.toFixed(2)} s, ${format(studentSections / seconds)} evaluations/s`)
}

const percent = (count) => `${((100 * count) / studentSections).toFixed(1)}%`
console.log("flags set (share of student-sections):")
for (const [name, count] of Object.entries(tally)) console.log(`  ${name.padEnd(28)} ${percent(count)}`)

const sorted = [...passSeconds].sort((a, b) => a - b)
const median = sorted[Math.floor(sorted.length / 2)]
const best = sorted[0]
const total = passSeconds.reduce((sum, seconds) => sum + seconds, 0)
console.log(`evaluations:        ${format(studentSections)} per pass × ${PASSES} passes`)
console.log(`total time:         ${total.toFixed(2)} s (median pass ${median.toFixed(2)} s)`)
console.log(`evaluations/second: ${format(studentSections / median)} median, ${format(studentSections / best)} best`)
console.log(
  `vs 1,000,000/s:     ${(studentSections / median / TARGET_PER_SECOND).toFixed(2)}× median, ` +
    `${(studentSections / best / TARGET_PER_SECOND).toFixed(2)}× best`
)
