/**
 * The situations a student can be in (programs, odd enrollments, boundary
 * dates), with how often each occurs. A sub-trait is drawn only for students
 * who have its parent, at the given conditional rate. In showcase (tiny)
 * bundles every trait is also dealt out to some student, so each one appears.
 */
import type { Random } from "./Random.js"

interface TraitSpec {
  readonly rate: number
  readonly parent?: Trait
  /** Only students in these grades can have it. */
  readonly grades?: ReadonlyArray<string>
}

const spec = <const T extends Record<string, TraitSpec>>(specs: T) => specs

export type Trait =
  | "lateEntry" | "moveWithin" | "withdrawn" | "graduated" | "noShow" | "noShowOnly" | "tiePS" | "tiePP"
  | "serviceN" | "movedIn" | "stateExclude" | "summer" | "prior" | "secondStructure"
  | "rosterEndSectionEnd" | "rosterEndLid" | "rosterDrop" | "kts" | "ktsTwo"
  | "iep" | "iepHistory" | "iepTiedEnds" | "iepDraft" | "iepUnlocked" | "iepMissingFields" | "iepBoundary"
  | "twoCaseManagers" | "caseManagerDuplicate" | "caseManagerEnded" | "caseManagerNullStaff" | "caseManagerEndsToday"
  | "caseManagerNone" | "caseManagerMiscased" | "otherTeamRoles" | "plan504"
  | "ilpa" | "ilpaUnlocked" | "ilpaBoundary"
  | "el" | "elExited" | "elNotEl" | "elNullIdentified" | "elNoInstructional" | "elBoundary" | "elEnglishHome"
  | "otherLanguage" | "nullLanguage"
  | "gifted" | "giftedPrimary" | "giftedMismatch" | "giftedBoundary"
  | "migrant" | "migrantBoundary"
  | "fram" | "framTie" | "framHistory" | "framSuperseded" | "framBoundary" | "framNotEligible"
  | "homeless" | "homelessBoundary" | "foster" | "fosterDistrict" | "fosterBoundary"
  | "military" | "militaryBoundary" | "hh" | "hhBoundary" | "otherGroup"
  | "foreignRecord" | "attendance"

export const TRAITS: Readonly<Record<Trait, TraitSpec>> = spec({
  lateEntry: { rate: 0.06 },
  moveWithin: { rate: 0.02 },
  withdrawn: { rate: 0.015 },
  graduated: { rate: 0.03, grades: ["12"] },
  noShow: { rate: 0.015 },
  noShowOnly: { rate: 0.003 },
  tiePS: { rate: 0.006 },
  tiePP: { rate: 0.003 },
  serviceN: { rate: 0.01 },
  movedIn: { rate: 0.01 },
  stateExclude: { rate: 0.005 },
  summer: { rate: 0.05 },
  prior: { rate: 0.4 },
  secondStructure: { rate: 0.1 },
  rosterEndSectionEnd: { rate: 0.06 },
  rosterEndLid: { rate: 0.04 },
  rosterDrop: { rate: 0.05 },
  kts: { rate: 0.133, grades: ["10", "11", "12"] },
  ktsTwo: { rate: 0.3, parent: "kts" },
  iep: { rate: 0.15 },
  iepHistory: { rate: 0.3, parent: "iep" },
  iepTiedEnds: { rate: 0.1, parent: "iep" },
  iepDraft: { rate: 0.1, parent: "iep" },
  iepUnlocked: { rate: 0.04, parent: "iep" },
  iepMissingFields: { rate: 0.06, parent: "iep" },
  iepBoundary: { rate: 0.08, parent: "iep" },
  twoCaseManagers: { rate: 0.06, parent: "iep" },
  caseManagerDuplicate: { rate: 0.01, parent: "iep" },
  caseManagerEnded: { rate: 0.1, parent: "iep" },
  caseManagerNullStaff: { rate: 0.03, parent: "iep" },
  caseManagerEndsToday: { rate: 0.05, parent: "iep" },
  caseManagerNone: { rate: 0.03, parent: "iep" },
  caseManagerMiscased: { rate: 0.01, parent: "iep" },
  otherTeamRoles: { rate: 0.3, parent: "iep" },
  plan504: { rate: 0.03 },
  ilpa: { rate: 0.01 },
  ilpaUnlocked: { rate: 0.2, parent: "ilpa" },
  ilpaBoundary: { rate: 0.15, parent: "ilpa" },
  el: { rate: 0.05 },
  elExited: { rate: 0.2, parent: "el" },
  elNotEl: { rate: 0.08, parent: "el" },
  elNullIdentified: { rate: 0.05, parent: "el" },
  elNoInstructional: { rate: 0.1, parent: "el" },
  elBoundary: { rate: 0.08, parent: "el" },
  elEnglishHome: { rate: 0.04, parent: "el" },
  otherLanguage: { rate: 0.03 },
  nullLanguage: { rate: 0.02 },
  gifted: { rate: 0.1 },
  giftedPrimary: { rate: 0, parent: "gifted" },
  giftedMismatch: { rate: 0.1, parent: "gifted" },
  giftedBoundary: { rate: 0.08, parent: "gifted" },
  migrant: { rate: 0.01 },
  migrantBoundary: { rate: 0.3, parent: "migrant" },
  fram: { rate: 0.55 },
  framTie: { rate: 0.06, parent: "fram" },
  framHistory: { rate: 0.3, parent: "fram" },
  framSuperseded: { rate: 0.03, parent: "fram" },
  framBoundary: { rate: 0.08, parent: "fram" },
  framNotEligible: { rate: 0.4 },
  homeless: { rate: 0.03 },
  homelessBoundary: { rate: 0.15, parent: "homeless" },
  foster: { rate: 0.01 },
  fosterDistrict: { rate: 0.3, parent: "foster" },
  fosterBoundary: { rate: 0.15, parent: "foster" },
  military: { rate: 0.02 },
  militaryBoundary: { rate: 0.25, parent: "military" },
  hh: { rate: 0.005 },
  hhBoundary: { rate: 0.3, parent: "hh" },
  otherGroup: { rate: 0.01 },
  foreignRecord: { rate: 0.03 },
  attendance: { rate: 0.2 }
})

export const ALL_TRAITS: ReadonlyArray<Trait> = Object.keys(TRAITS) as Array<Trait>

/** A student's traits: forced ones, their parents, and random draws. */
export const drawTraits = (rng: Random, grade: string, forced: ReadonlySet<Trait>): Set<Trait> => {
  const traits = new Set<Trait>()
  const add = (trait: Trait) => {
    traits.add(trait)
    const parent = TRAITS[trait].parent
    if (parent !== undefined && !traits.has(parent)) add(parent)
  }
  for (const trait of forced) add(trait)
  for (const trait of ALL_TRAITS) {
    const info = TRAITS[trait]
    // Always draw, so one student's forced traits do not shift the next student's draws.
    const hit = rng.chance(info.rate)
    if (traits.has(trait)) continue
    if (info.grades !== undefined && !info.grades.includes(grade)) continue
    if (info.parent !== undefined && !traits.has(info.parent)) continue
    if (hit) add(trait)
  }
  // Exclusive pairs: keep the first.
  if (traits.has("fram")) traits.delete("framNotEligible")
  if (traits.has("el")) traits.delete("otherLanguage")
  return traits
}

/**
 * Deals every trait to the students of a showcase school: trait i goes to
 * student i mod n. Traits limited to grades the school lacks are skipped.
 */
export const dealTraits = (count: number, grades: ReadonlyArray<string>, canKts: boolean): Array<Set<Trait>> => {
  const hands = Array.from({ length: count }, () => new Set<Trait>())
  if (count === 0) return hands
  let slot = 0
  for (const trait of ALL_TRAITS) {
    const allowed = TRAITS[trait].grades
    if (allowed !== undefined && !allowed.some((grade) => grades.includes(grade))) continue
    if ((trait === "kts" || trait === "ktsTwo") && !canKts) continue
    if (trait === "giftedPrimary" && !grades.some((grade) => grade <= "03" && grade >= "00")) continue
    hands[slot % count]?.add(trait)
    slot++
  }
  return hands
}
