/**
 * What a bundle holds before any row is made: its districts, their schools,
 * each school's kind, classification, grades and number of students. Planning
 * everything first (cheaply) lets districts be generated one at a time while
 * still knowing e.g. which technical center a high school feeds.
 */
import { placeNames, schoolStem } from "./Names.js"
import { Random } from "./Random.js"

export type Scale = "tiny" | "district" | "state"

/** What a school is, which decides its grades, courses and students. */
export type SchoolKind =
  | "elementary" | "middle" | "high" | "tech" | "alternative" | "special" | "preschool" | "kecsac"
  | "homeHospital" | "virtual" | "lab" | "dualCredit" | "stateSchool" | "federal" | "parochial"
  | "private" | "program"

export interface SchoolPlan {
  readonly kind: SchoolKind
  readonly classification: string | null
  readonly name: string
  readonly number: string
  /** Students whose primary enrollment is here (technical centers have none: theirs are partial). */
  readonly students: number
  readonly grades: ReadonlyArray<string>
  /** For high schools: the technical center (by plan key) whose courses its students take. */
  readonly feeder: string | null
  /** For technical centers: about how many students come from feeder schools. */
  readonly techLoad: number
  /** Unique across the bundle: district number + school number. */
  readonly key: string
}

export interface DistrictPlan {
  readonly index: number
  readonly number: string
  readonly name: string
  readonly schools: ReadonlyArray<SchoolPlan>
}

const range = (from: number, to: number): Array<string> => {
  const grades: Array<string> = []
  for (let grade = from; grade <= to; grade++) grades.push(String(grade).padStart(2, "0"))
  return grades
}

interface KindInfo {
  readonly classification: string | null
  readonly grades: ReadonlyArray<string>
}

export const KINDS: Readonly<Record<SchoolKind, KindInfo>> = {
  elementary: { classification: "A1", grades: range(0, 5) },
  middle: { classification: "A1", grades: range(6, 8) },
  high: { classification: "A1", grades: range(9, 12) },
  tech: { classification: "C2", grades: range(9, 12) },
  alternative: { classification: "A5", grades: range(6, 12) },
  special: { classification: "A3", grades: range(0, 12) },
  preschool: { classification: "A4", grades: ["95", "96", "97"] },
  kecsac: { classification: "A6", grades: range(6, 12) },
  homeHospital: { classification: "A7", grades: range(0, 12) },
  virtual: { classification: "A8", grades: range(6, 12) },
  lab: { classification: "B1", grades: range(0, 12) },
  dualCredit: { classification: "B2", grades: range(11, 12) },
  stateSchool: { classification: "D1", grades: range(0, 12) },
  federal: { classification: "F1", grades: range(0, 8) },
  parochial: { classification: "J1", grades: range(0, 8) },
  private: { classification: "R1", grades: range(0, 12) },
  program: { classification: null, grades: range(0, 12) }
}

/** Share of a high school's students who take a technical-center course. */
export const TECH_RATE = 0.1

interface Draft {
  kind: SchoolKind
  classification: string | null
  name: string
  students: number
  grades: ReadonlyArray<string>
  feeder: string | null
  techLoad: number
}

const draft = (kind: SchoolKind, name: string, students: number, overrides: Partial<Draft> = {}): Draft => ({
  kind,
  classification: KINDS[kind].classification,
  name,
  students,
  grades: KINDS[kind].grades,
  feeder: null,
  techLoad: 0,
  ...overrides
})

/** Gives schools 3-digit numbers (increasing, with gaps) and bundle-wide keys. */
const numberSchools = (rng: Random, districtNumber: string, drafts: ReadonlyArray<Draft>): Array<SchoolPlan> => {
  const step = Math.max(1, Math.min(9, Math.floor(900 / Math.max(1, drafts.length))))
  let next = rng.int(1, 20)
  return drafts.map((school) => {
    const number = String(next).padStart(3, "0")
    next += rng.int(1, step)
    return { ...school, number, key: `${districtNumber}-${number}` }
  })
}

/** Splits `total` students over `count` schools, with some spread. */
const split = (rng: Random, total: number, count: number): Array<number> => {
  if (count <= 0) return []
  const weights = Array.from({ length: count }, () => Math.max(0.3, rng.normal(1, 0.3)))
  const sum = weights.reduce((a, b) => a + b, 0)
  const sizes = weights.map((weight) => Math.max(1, Math.round((total * weight) / sum)))
  return sizes
}

/** The ordinary schools of a district of `students` students. */
const regularSchools = (rng: Random, place: string, students: number, options: { techCenters: number }): Array<Draft> => {
  const used = new Set<string>()
  const drafts: Array<Draft> = []
  const small = students < 900
  const highShare = 0.29
  const middleShare = small ? 0 : 0.22
  const highCount = Math.max(1, Math.round((students * highShare) / 1150))
  const middleCount = small ? 0 : Math.max(1, Math.round((students * middleShare) / 800))
  const elementaryShare = 1 - highShare - middleShare - 0.02
  const elementaryCount = Math.max(1, Math.round((students * elementaryShare) / 500))
  split(rng, Math.round(students * elementaryShare), elementaryCount).forEach((size) => {
    drafts.push(draft("elementary", `${schoolStem(rng, used, place)} Elementary`, size, small ? { grades: range(0, 8) } : {}))
  })
  split(rng, Math.round(students * middleShare), middleCount).forEach((size) => {
    drafts.push(draft("middle", `${schoolStem(rng, used, place)} Middle School`, size))
  })
  split(rng, Math.round(students * highShare), highCount).forEach((size, index) => {
    const name = index === 0 ? `${place} County High School` : `${schoolStem(rng, used, place)} High School`
    drafts.push(draft("high", name, size))
  })
  for (let index = 0; index < options.techCenters; index++) {
    const name = index === 0 ? `${place} Career and Technical Center` : `${schoolStem(rng, used, place)} Technical Center`
    drafts.push(draft("tech", name, 0, { classification: "A2" }))
  }
  // Small programs: an alternative school in most districts, more in big ones.
  const rest = Math.max(4, Math.round(students * 0.02))
  const alternatives = students > 2500 ? 1 + Math.floor(students / 20000) : rng.chance(0.45) ? 1 : 0
  for (let index = 0; index < alternatives; index++) {
    drafts.push(draft("alternative", `${schoolStem(rng, used, place)} Learning Center`, Math.max(8, Math.round(rest / 3))))
  }
  if (students > 15000) drafts.push(draft("special", `${place} Day Treatment Center`, Math.max(10, Math.round(rest / 8))))
  if (students > 8000 || rng.chance(0.08)) drafts.push(draft("preschool", `${place} Early Learning Center`, Math.max(10, Math.round(rest / 4))))
  if (rng.chance(0.3)) drafts.push(draft("kecsac", `${place} Youth Development Center`, rng.int(8, 30)))
  if (rng.chance(0.18)) drafts.push(draft("virtual", `${place} Virtual Academy`, rng.int(15, 120)))
  if (rng.chance(0.06)) drafts.push(draft("homeHospital", `${place} Home/Hospital Program`, rng.int(4, 15)))
  return drafts
}

const tinyPlan = (): Array<DistrictPlan> => {
  const first: Array<Draft> = [
    draft("high", "Ashford County High School", 18, { feeder: "101-005" }),
    draft("elementary", "Maple Grove Elementary", 12),
    draft("tech", "Ashford Career and Technical Center", 0, { classification: "A2", techLoad: 6 }),
    draft("alternative", "Ashford Learning Center", 4, { grades: range(9, 12) })
  ]
  const second: Array<Draft> = [
    draft("high", "Briar Independent School", 8, { grades: range(6, 12), feeder: "101-005" }),
    draft("private", "St. Brendan's \"Academy\", Briar", 3, { grades: range(9, 12) })
  ]
  // Fixed numbers so that the tiny bundle reads well in tests and demos.
  const number = (districtNumber: string, drafts: Array<Draft>, numbers: Array<string>): Array<SchoolPlan> =>
    drafts.map((school, index) => {
      const schoolNumber = numbers[index] ?? String(index + 1).padStart(3, "0")
      return { ...school, number: schoolNumber, key: `${districtNumber}-${schoolNumber}` }
    })
  return [
    { index: 0, number: "101", name: "Ashford County", schools: number("101", first, ["010", "020", "005", "030"]) },
    { index: 1, number: "102", name: "Briar Independent", schools: number("102", second, ["010", "040"]) }
  ]
}

/** Links high schools to a technical center and tallies each center's expected load. */
const assignFeeders = (districts: Array<{ plan: Array<Draft>; number: string }>, stateCenters: Array<string>, keysOf: (districtIndex: number) => Array<string>) => {
  districts.forEach((district, districtIndex) => {
    const keys = keysOf(districtIndex)
    // A district's own centers share its high schools; other districts send theirs to a state center.
    const ownCenters = district.plan.flatMap((school, index) => (school.kind === "tech" ? [keys[index] ?? null] : []))
    let highIndex = 0
    district.plan.forEach((school) => {
      if (school.kind !== "high") return
      if (ownCenters.length > 0) school.feeder = ownCenters[highIndex++ % ownCenters.length] ?? null
      else if (stateCenters.length > 0) school.feeder = stateCenters[districtIndex % stateCenters.length] ?? null
    })
  })
}

const finish = (rng: Random, drafts: Array<{ number: string; name: string; plan: Array<Draft> }>): Array<DistrictPlan> => {
  const plans = drafts.map((district, index) => ({
    index,
    number: district.number,
    name: district.name,
    schools: numberSchools(rng, district.number, district.plan)
  }))
  // Feeders were recorded as plan positions; resolve them to school keys now that schools are numbered.
  const load = new Map<string, number>()
  const resolved = plans.map((district, districtIndex) => ({
    ...district,
    schools: district.schools.map((school, schoolIndex) => {
      const source = drafts[districtIndex]?.plan[schoolIndex]
      const feeder = source?.feeder ?? null
      if (feeder === null) return school
      const key = feeder.startsWith("#") ? resolveRef(plans, feeder) : feeder
      load.set(key, (load.get(key) ?? 0) + school.students * TECH_RATE)
      return { ...school, feeder: key }
    })
  }))
  return resolved.map((district) => ({
    ...district,
    schools: district.schools.map((school) =>
      school.kind === "tech" ? { ...school, techLoad: Math.round(load.get(school.key) ?? school.techLoad) } : school
    )
  }))
}

/** `#district:school` (plan positions) → the numbered school's key. */
const resolveRef = (plans: ReadonlyArray<DistrictPlan>, ref: string): string => {
  const [district, school] = ref.slice(1).split(":").map(Number)
  const key = plans[district ?? -1]?.schools[school ?? -1]?.key
  if (key === undefined) throw new Error(`unknown school reference ${ref}`)
  return key
}

const districtScalePlan = (rng: Random): Array<DistrictPlan> => {
  const [big = "Cedarford", small = "Elkvale"] = placeNames(rng, 2)
  const bigPlan = regularSchools(rng, big, 97_000, { techCenters: 2 })
  const smallPlan = regularSchools(rng, small, 3_000, { techCenters: 0 })
  bigPlan.push(draft("program", `${big} District Programs`, 0))
  const drafts = [
    { number: "275", name: `${big} County`, plan: bigPlan },
    { number: "281", name: `${small} Independent`, plan: smallPlan }
  ]
  // The small neighbour sends its high-school students to the big district's first center.
  const firstCenter = bigPlan.findIndex((school) => school.kind === "tech")
  assignFeeders(drafts, [`#0:${firstCenter}`], (districtIndex) => (drafts[districtIndex]?.plan ?? []).map((_, schoolIndex) => `#${districtIndex}:${schoolIndex}`))
  return finish(rng, drafts)
}

const STATE_DISTRICTS = 171
const STATE_STUDENTS = 650_000
const STATE_CENTERS = 38
/** Rare school kinds, spread over random districts at state scale. */
const RARE: ReadonlyArray<readonly [SchoolKind, number, string]> = [
  ["lab", 2, "University Laboratory School"],
  ["dualCredit", 3, "Community College Early College"],
  ["tech", 1, "University Technical Institute"],
  ["stateSchool", 2, "State School for the Blind and Deaf"],
  ["federal", 2, "Fort Elementary"],
  ["parochial", 8, "St. Catherine School"],
  ["private", 6, "Christian Academy"],
  ["program", 4, "District Programs"]
]

const statePlan = (rng: Random): Array<DistrictPlan> => {
  const places = placeNames(rng, STATE_DISTRICTS + STATE_CENTERS)
  const regularCount = STATE_DISTRICTS - 1
  // District sizes: a few large districts and a long tail of small ones.
  const weights = Array.from({ length: regularCount }, (_, index) => Math.pow(index + 3, -1.25) * Math.exp(rng.normal(0, 0.35)))
  weights[0] = 0.145 * weights.reduce((a, b) => a + b, 0)
  const sum = weights.reduce((a, b) => a + b, 0)
  const sizes = weights.map((weight) => Math.max(250, Math.round((STATE_STUDENTS * weight) / sum)))
  const numbers = rng.sample(Array.from({ length: 600 }, (_, index) => index + 1), regularCount).sort((a, b) => a - b)
  const drafts: Array<{ number: string; name: string; plan: Array<Draft> }> = []
  // The state technical system first: its centers' sections must exist before feeder students are made.
  const centers: Array<Draft> = []
  for (let index = 0; index < STATE_CENTERS; index++) {
    centers.push(draft("tech", `${places[regularCount + 1 + index] ?? `Center ${index}`} Area Technology Center`, 0))
  }
  drafts.push({ number: "901", name: "Kentucky Tech System", plan: centers })
  const order = rng.sample(Array.from({ length: regularCount }, (_, index) => index), regularCount)
  for (let index = 0; index < regularCount; index++) {
    const size = sizes[order[index] ?? index] ?? 1000
    const place = places[index] ?? `Place ${index}`
    const county = index < 118
    const techCenters = size > 14_000 ? 1 : size > 9_000 && rng.chance(0.6) ? 1 : 0
    drafts.push({
      number: String(numbers[index] ?? index + 1).padStart(3, "0"),
      name: county ? `${place} County` : `${place} Independent`,
      plan: regularSchools(rng, place, size, { techCenters: size > 90_000 ? 2 : techCenters })
    })
  }
  for (const [kind, count, label] of RARE) {
    for (let copy = 0; copy < count; copy++) {
      const target = drafts[rng.int(1, drafts.length - 1)]
      if (target === undefined) continue
      const place = target.name.split(" ")[0] ?? "State"
      const students = kind === "tech" || kind === "program" ? 0 : rng.int(20, 260)
      const name = kind === "federal" ? `Fort ${place} Elementary` : kind === "parochial" ? `St. ${place} Catholic School` : `${place} ${label}`
      target.plan.push(draft(kind, name, students, kind === "tech" ? { classification: "C1" } : {}))
    }
  }
  const stateCenters = centers.map((_, index) => `#0:${index}`)
  assignFeeders(drafts, stateCenters, (districtIndex) => (drafts[districtIndex]?.plan ?? []).map((_, schoolIndex) => `#${districtIndex}:${schoolIndex}`))
  return finish(rng, drafts)
}

/** The districts and schools of a bundle at `scale`. */
export const planBundle = (scale: Scale, seed: number): Array<DistrictPlan> => {
  const rng = Random.of(seed, "plan", scale)
  switch (scale) {
    case "tiny":
      return tinyPlan()
    case "district":
      return districtScalePlan(rng)
    case "state":
      return statePlan(rng)
  }
}
