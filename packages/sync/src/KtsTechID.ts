/**
 * The KTSTechID: how a high school's KTS course names a technical section
 * across databases, `{district number}-{school number}-{sectionID}` of the
 * technical school (e.g. `902-030-48213`).
 */

/** The parts of a KTSTechID. */
export interface KtsTechIDParts {
  /** The technical school's district number, as text (`902`). */
  readonly district: string
  /** The technical school's number, as text (`030`). */
  readonly school: string
  /** The section's id in the technical-school database. */
  readonly sectionID: number
}

/** The KTSTechID of a technical section. */
export const formatKtsTechID = (parts: KtsTechIDParts): string => `${parts.district}-${parts.school}-${parts.sectionID}`

const NUMBER_PART = /^[0-9]+$/
const SECTION_PART = /^[1-9][0-9]*$/

/**
 * The parts of a KTSTechID, or null when `text` is not one: three parts joined
 * by `-`, the district and school numbers all digits, the sectionID a positive
 * integer without leading zeros. Exact: no spaces are trimmed, so that
 * `formatKtsTechID(parseKtsTechID(text))` gives `text` back.
 */
export const parseKtsTechID = (text: string): KtsTechIDParts | null => {
  const parts = text.split("-")
  if (parts.length !== 3) return null
  const [district, school, section] = parts as [string, string, string]
  if (!NUMBER_PART.test(district) || !NUMBER_PART.test(school) || !SECTION_PART.test(section)) return null
  const sectionID = Number(section)
  return Number.isSafeInteger(sectionID) ? { district, school, sectionID } : null
}
