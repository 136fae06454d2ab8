/**
 * Invented people and places. Plain names make up most rows; a few carry the
 * characters that break naive CSV or HTML handling (commas, quotes,
 * apostrophes, accents, line breaks, markup), because real rosters have them.
 */
import type { Random } from "./Random.js"

const FEMALE = [
  "Abigail", "Ada", "Addison", "Aubrey", "Ava", "Bella", "Brooklyn", "Camila", "Caroline", "Charlotte",
  "Chloe", "Claire", "Delilah", "Eleanor", "Elena", "Eliana", "Elizabeth", "Ella", "Emery", "Emily",
  "Emma", "Evelyn", "Faith", "Gabriella", "Grace", "Hadley", "Hailey", "Hannah", "Harper", "Hazel",
  "Isabella", "Ivy", "Jade", "Josephine", "Kaylee", "Kennedy", "Layla", "Leah", "Lillian", "Lily",
  "Lucy", "Luna", "Madison", "Maya", "Mia", "Naomi", "Natalie", "Nora", "Olivia", "Paisley",
  "Penelope", "Quinn", "Riley", "Ruby", "Sadie", "Savannah", "Scarlett", "Sofia", "Stella", "Taylor",
  "Valentina", "Violet", "Willow", "Zoey"
]

const MALE = [
  "Aaron", "Aiden", "Andrew", "Asher", "Austin", "Benjamin", "Brayden", "Caleb", "Cameron", "Carter",
  "Charles", "Christian", "Colton", "Connor", "Daniel", "David", "Dylan", "Easton", "Eli", "Elijah",
  "Ethan", "Ezra", "Gabriel", "Grayson", "Hudson", "Hunter", "Isaac", "Jack", "Jackson", "Jacob",
  "James", "Jaxon", "Jayden", "John", "Jonah", "Joseph", "Josiah", "Julian", "Landon", "Levi",
  "Liam", "Lincoln", "Logan", "Lucas", "Luke", "Mason", "Matthew", "Micah", "Nathan", "Noah",
  "Oliver", "Owen", "Parker", "Ryan", "Samuel", "Sebastian", "Silas", "Thomas", "Tyler", "William",
  "Wyatt", "Xavier", "Zachary"
]

const LAST = [
  "Adams", "Allen", "Anderson", "Bailey", "Baker", "Barnes", "Bell", "Bennett", "Brooks", "Brown",
  "Bryant", "Butler", "Campbell", "Carter", "Clark", "Coleman", "Collins", "Cook", "Cooper", "Cox",
  "Davis", "Edwards", "Evans", "Fisher", "Flores", "Foster", "Gibson", "Gray", "Green", "Griffin",
  "Hall", "Hamilton", "Harris", "Hayes", "Henderson", "Hill", "Howard", "Hughes", "Jackson", "James",
  "Jenkins", "Johnson", "Jones", "Kelly", "King", "Lee", "Lewis", "Long", "Marshall", "Martin",
  "Miller", "Mitchell", "Moore", "Morgan", "Morris", "Murphy", "Myers", "Nelson", "Owens", "Parker",
  "Patterson", "Perry", "Peterson", "Phillips", "Powell", "Price", "Reed", "Reynolds", "Richardson", "Roberts",
  "Robinson", "Rogers", "Ross", "Russell", "Sanders", "Scott", "Simmons", "Smith", "Stewart", "Sullivan",
  "Taylor", "Thomas", "Thompson", "Turner", "Walker", "Wallace", "Ward", "Watson", "White", "Williams",
  "Wilson", "Wood", "Wright", "Young", "Nguyen", "Patel", "Kim", "Hernandez", "Lopez", "Gonzalez"
]

/** Names real systems hold that need quoting or careful escaping. */
const AWKWARD_FIRST = ["José", "Zoë", "Renée", "Siobhán", "Chloé", "Nuño", "Jo-Anne", "D'Andre", "Mary Ann", "Björn"]
const AWKWARD_LAST = [
  "O'Brien", "D'Angelo", "García", "Núñez", "Smith, Jr.", "Van der Berg", "Al-Sayed", "Ōkubo", "Nguyễn",
  "St. John", "Carter, III", "Müller", "Peña", "McAllister-Lee"
]
/** Rare: names with a double quote (a nickname) or a line break (bad data entry). */
const QUOTED_FIRST = ["Robert \"Bobby\"", "Katherine \"Kat\"", "William \"Liam\""]
const BROKEN_LAST = ["Harper\nLane", "Wells\nMorgan"]
/** Only in tiny bundles: markup-like text for HTML-escaping tests. */
const MARKUP = ["<b>Bold</b>", "<script>x</script>", "Tom & Jerry", "A<B"]

export interface PersonName {
  readonly first: string
  readonly last: string
  readonly legalFirst: string | null
  readonly legalLast: string | null
  readonly gender: "M" | "F"
}

export interface NameOptions {
  /** Share of awkward (accented, apostrophe, comma) names. */
  readonly awkward: number
  /** Share of names with a quote or a line break. */
  readonly broken: number
  /** Allow markup-like names. */
  readonly markup: boolean
}

/** A person's preferred and legal names. */
export const personName = (rng: Random, options: NameOptions): PersonName => {
  const gender = rng.chance(0.5) ? "F" : "M"
  let first = rng.pick(gender === "F" ? FEMALE : MALE)
  let last = rng.pick(LAST)
  const roll = rng.float()
  if (roll < options.broken) {
    if (rng.chance(0.5)) first = rng.pick(QUOTED_FIRST)
    else last = rng.pick(BROKEN_LAST)
  } else if (roll < options.broken + options.awkward) {
    if (rng.chance(0.5)) first = rng.pick(AWKWARD_FIRST)
    else last = rng.pick(AWKWARD_LAST)
  }
  if (options.markup && rng.chance(0.15)) {
    if (rng.chance(0.5)) first = rng.pick(MARKUP)
    else last = rng.pick(MARKUP)
  }
  // Legal names: usually the same, sometimes missing, sometimes a different given name.
  const legal = rng.float()
  const legalFirst = legal < 0.1 ? null : legal < 0.16 ? rng.pick(gender === "F" ? FEMALE : MALE) : first
  const legalLast = legal < 0.1 ? null : last
  return { first, last, legalFirst, legalLast, gender }
}

const PLACE_HEADS = [
  "Ash", "Bay", "Bell", "Birch", "Black", "Blue", "Briar", "Brook", "Cedar", "Clay", "Clear", "Cold",
  "Copper", "Cross", "Crystal", "Deer", "Eagle", "East", "Elk", "Elm", "Fair", "Fern", "Fox", "Glen",
  "Gold", "Green", "Grey", "Hazel", "High", "Holly", "Iron", "Lake", "Laurel", "Lime", "Maple", "Mill",
  "Mossy", "North", "Oak", "Pine", "Pleasant", "Quarry", "Red", "Ridge", "River", "Rock", "Rose", "Salt",
  "Sandy", "Shady", "Silver", "South", "Spring", "Stone", "Sugar", "Sun", "Sycamore", "Thorn", "Walnut",
  "West", "White", "Willow", "Wolf"
]
const PLACE_TAILS = [
  "brook", "burg", "dale", "field", "ford", "gate", "haven", "hill", "hollow", "land", "lick", "mont",
  "port", "ridge", "run", "ton", "vale", "ville", "water", "wood"
]

/** Distinct invented place names ("Cedarford", "Ironvale" …), as many as asked. */
export const placeNames = (rng: Random, count: number): Array<string> => {
  const all: Array<string> = []
  for (const head of PLACE_HEADS) for (const tail of PLACE_TAILS) all.push(`${head}${tail}`)
  return rng.sample(all, count)
}

const SCHOOL_PATRONS = [
  "Lincoln", "Washington", "Jefferson", "Boone", "Clay", "Audubon", "Carver", "Franklin", "Whitney", "Bluegrass",
  "Meadowview", "Parkside", "Hillcrest", "Riverside", "Lakeside", "Woodland", "Highland", "Valley", "Summit", "Heritage",
  "Liberty", "Pioneer", "Prairie", "Cardinal", "Northside", "Southside", "Eastside", "Westside", "Oakview", "Pinecrest"
]

/** A school-name stem not yet used in the district. */
export const schoolStem = (rng: Random, used: Set<string>, place: string): string => {
  for (let attempt = 0; attempt < 8; attempt++) {
    const stem = rng.pick(SCHOOL_PATRONS)
    if (!used.has(stem)) {
      used.add(stem)
      return stem
    }
  }
  let counter = 2
  while (used.has(`${place} ${counter}`)) counter++
  used.add(`${place} ${counter}`)
  return `${place} ${counter}`
}

/** Names given to the first students of a showcase school, so every awkward case is present. */
const SHOWCASE_NAMES: ReadonlyArray<Partial<PersonName>> = [
  { last: "Smith, Jr.", legalLast: "Smith, Jr." },
  { first: "Robert \"Bobby\"", legalFirst: "Robert" },
  { last: "Harper\nLane", legalLast: "Harper-Lane" },
  { first: "Zoë", last: "García", legalFirst: "Zoë", legalLast: "García" },
  { last: "O'Brien", legalLast: "O'Brien" },
  { first: "<b>Bold</b>", legalFirst: null }
]

/** The forced name parts of the showcase student at `index` (empty past the list). */
export const showcaseName = (index: number): Partial<PersonName> => SHOWCASE_NAMES[index] ?? {}
