/**
 * School-year arithmetic: a school year is named by its end year (2025 for SY 24-25).
 */
import { makeLocalDate, type LocalDate } from "./LocalDate.js"

/** July 1 of `endYear − 1`: the first day of the state's school year. */
export const schoolYearStart = (endYear: number): LocalDate => makeLocalDate(endYear - 1, 7, 1)

/** June 30 of `endYear`: the last day of the state's school year. */
export const schoolYearEnd = (endYear: number): LocalDate => makeLocalDate(endYear, 6, 30)

const twoDigits = (year: number): string => String(((year % 100) + 100) % 100).padStart(2, "0")

/**
 * The name of the high schools' KTS course catalog for a school year,
 * e.g. `24-25 KTS Course Catalog (HIGH SCHOOLS ONLY)` for end year 2025.
 */
export const ktsCatalogName = (endYear: number): string =>
  `${twoDigits(endYear - 1)}-${twoDigits(endYear)} KTS Course Catalog (HIGH SCHOOLS ONLY)`

/**
 * The name of the technical schools' KTS course catalog for a school year,
 * e.g. `24-25 KTS Course Catalog (TECH SCHOOLS ONLY)` for end year 2025.
 */
export const ktsTechCatalogName = (endYear: number): string =>
  `${twoDigits(endYear - 1)}-${twoDigits(endYear)} KTS Course Catalog (TECH SCHOOLS ONLY)`

/**
 * The end year of the school year holding `date`: July 1 of Y−1 through
 * June 30 of Y gives Y.
 */
export const endYearOf = (date: LocalDate): number => {
  const year = Number(date.slice(0, 4))
  return date.slice(5) >= "07-01" ? year + 1 : year
}
