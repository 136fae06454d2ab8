/**
 * Course templates by grade band, and the technical-center programs. A
 * school's course list is drawn from the bands its grades cover.
 */

export interface CourseTemplate {
  readonly name: string
  readonly number: string
  /** Grades that take it; null: every grade of the band. */
  readonly grades: ReadonlyArray<string> | null
  /** Core courses are taken by every student of their grade. */
  readonly core: boolean
  /** Semester courses get one-semester sections; the rest run all year. */
  readonly semester: boolean
  readonly stateCode: string | null
  readonly coreContent: string | null
  readonly difficultyLevel?: string
  readonly type?: string
  readonly teachingMethod?: string
  readonly instructionalSetting?: string
}

const GRADE_WORDS: Readonly<Record<string, string>> = {
  "95": "Preschool 3", "96": "Preschool 4", "97": "Preschool", "00": "Kindergarten", "01": "Grade 1", "02": "Grade 2",
  "03": "Grade 3", "04": "Grade 4", "05": "Grade 5", "06": "Grade 6", "07": "Grade 7", "08": "Grade 8",
  "09": "Grade 9", "10": "Grade 10", "11": "Grade 11", "12": "Grade 12", "14": "Grade 14", "20": "Ungraded"
}

export const gradeName = (grade: string): string => GRADE_WORDS[grade] ?? `Grade ${grade}`

const t = (
  name: string,
  number: string,
  grades: ReadonlyArray<string> | null,
  options: Partial<Omit<CourseTemplate, "name" | "number" | "grades">> = {}
): CourseTemplate => ({
  name,
  number,
  grades,
  core: options.core ?? false,
  semester: options.semester ?? false,
  stateCode: options.stateCode === undefined ? `${number.replace(/\D/g, "").padEnd(6, "0").slice(0, 6)}` : options.stateCode,
  coreContent: options.coreContent ?? null,
  ...options
})

const perGrade = (grades: ReadonlyArray<string>, subject: string, base: number, coreContent: string | null, core: boolean) =>
  grades.map((grade) => t(`${subject} ${gradeName(grade)}`, `${base + Number(grade)}`, [grade], { core, coreContent }))

const PRESCHOOL_GRADES = ["95", "96", "97"]
const ELEMENTARY_GRADES = ["00", "01", "02", "03", "04", "05"]
const MIDDLE_GRADES = ["06", "07", "08"]

const PRESCHOOL: ReadonlyArray<CourseTemplate> = [
  t("Preschool Classroom", "0090", null, { core: true }),
  t("Preschool Speech and Language", "0091", null, { stateCode: null })
]

const ELEMENTARY: ReadonlyArray<CourseTemplate> = [
  ...perGrade(ELEMENTARY_GRADES, "Homeroom", 100, null, true),
  ...perGrade(ELEMENTARY_GRADES, "Reading", 200, "101", true),
  ...perGrade(ELEMENTARY_GRADES, "Mathematics", 300, "102", true),
  ...perGrade(ELEMENTARY_GRADES, "Science", 400, "103", false),
  ...perGrade(ELEMENTARY_GRADES, "Social Studies", 500, "104", false),
  t("Art", "0601", null),
  t("Music", "0602", null),
  t("Physical Education", "0603", null),
  t("Library Media", "0604", null, { stateCode: null }),
  t("STEM Lab", "0605", null)
]

const MIDDLE: ReadonlyArray<CourseTemplate> = [
  ...perGrade(MIDDLE_GRADES, "Language Arts", 1000, "101", true),
  ...perGrade(MIDDLE_GRADES, "Mathematics", 1100, "102", true),
  ...perGrade(MIDDLE_GRADES, "Science", 1200, "103", true),
  ...perGrade(MIDDLE_GRADES, "Social Studies", 1300, "104", true),
  t("Physical Education", "1401", null, { semester: true }),
  t("Health", "1402", null, { semester: true }),
  t("Band", "1403", null),
  t("Choir", "1404", null),
  t("Visual Art", "1405", null, { semester: true }),
  t("Computer Literacy", "1406", null, { semester: true }),
  t("Spanish I", "1407", ["08"]),
  t("Algebra I (Accelerated)", "1408", ["08"], { coreContent: "102" }),
  t("Reading Intervention", "1409", null, { teachingMethod: "13" }),
  t("Agriculture Exploration", "1410", null, { semester: true })
]

const HIGH: ReadonlyArray<CourseTemplate> = [
  t("English I", "2001", ["09"], { core: true, coreContent: "101" }),
  t("English II", "2002", ["10"], { core: true, coreContent: "101" }),
  t("English III", "2003", ["11"], { core: true, coreContent: "101" }),
  t("English IV", "2004", ["12"], { core: true, coreContent: "101" }),
  t("Algebra I", "2101", ["09"], { core: true, coreContent: "102" }),
  t("Geometry", "2102", ["10"], { core: true, coreContent: "102" }),
  t("Algebra II", "2103", ["11"], { core: true, coreContent: "102" }),
  t("Pre-Calculus", "2104", ["12"], { core: true, coreContent: "102" }),
  t("Biology", "2201", ["09"], { core: true, coreContent: "103" }),
  t("Chemistry", "2202", ["10"], { core: true, coreContent: "103" }),
  t("Physics", "2203", ["11"], { core: true, coreContent: "103" }),
  t("Earth and Space Science", "2204", ["12"], { core: true, coreContent: "103" }),
  t("World Civilization", "2301", ["09"], { core: true, coreContent: "104" }),
  t("World Geography", "2302", ["10"], { core: true, coreContent: "104" }),
  t("U.S. History", "2303", ["11"], { core: true, coreContent: "104" }),
  t("Government and Civics", "2304", ["12"], { core: true, coreContent: "104", semester: true }),
  t("AP English Literature", "2011", ["11", "12"], { difficultyLevel: "AP" }),
  t("AP Calculus AB", "2111", ["11", "12"], { difficultyLevel: "AP" }),
  t("AP Biology", "2211", ["11", "12"], { difficultyLevel: "AP" }),
  t("AP U.S. History", "2311", ["11"], { difficultyLevel: "AP" }),
  t("AP Computer Science Principles", "2811", ["10", "11", "12"], { difficultyLevel: "AP" }),
  t("Dual Credit English 101", "2012", ["11", "12"], { difficultyLevel: "DC", teachingMethod: "12", instructionalSetting: "03", semester: true }),
  t("Dual Credit Psychology", "2312", ["12"], { difficultyLevel: "DC", teachingMethod: "11", semester: true }),
  t("IB Theory of Knowledge", "2013", ["11", "12"], { difficultyLevel: "IB" }),
  t("AICE General Paper", "2014", ["11", "12"], { difficultyLevel: "CAI" }),
  t("Honors English II", "2015", ["10"], { difficultyLevel: "H" }),
  t("Gifted Seminar", "2016", null, { difficultyLevel: "GT", stateCode: null }),
  t("Spanish I", "2401", null),
  t("Spanish II", "2402", ["10", "11", "12"]),
  t("Spanish III", "2403", ["11", "12"]),
  t("French I", "2411", null),
  t("French II", "2412", ["10", "11", "12"]),
  t("Health", "2501", null, { semester: true }),
  t("Physical Education", "2502", null, { semester: true }),
  t("Art I", "2601", null),
  t("Art II", "2602", ["10", "11", "12"]),
  t("Band", "2603", null),
  t("Choir", "2604", null),
  t("Theatre Arts", "2605", null, { semester: true }),
  t("Journalism", "2606", null, { semester: true }),
  t("Yearbook", "2607", null, { stateCode: null }),
  t("Personal Finance", "2701", ["11", "12"], { semester: true }),
  t("Economics", "2702", ["11", "12"], { semester: true }),
  t("Psychology", "2703", ["10", "11", "12"], { semester: true }),
  t("Sociology", "2704", ["11", "12"], { semester: true }),
  t("Computer Science Essentials", "2801", null),
  t("Agriculture Science", "2901", null),
  t("Principles of Business", "2902", null, { semester: true }),
  t("Accounting", "2903", ["11", "12"]),
  t("Digital Media", "2904", null, { semester: true }),
  t("Study Skills", "2905", null, { stateCode: null }),
  t("JROTC Leadership", "2906", null),
  t("Online Credit Recovery", "2907V", null, { teachingMethod: "14", instructionalSetting: "05", type: "V" }),
  t("Virtual Geometry", "2908V", ["10", "11"], { teachingMethod: "10", instructionalSetting: "05", type: "V" }),
  t("Performance-Based English", "2909P", null, { type: "PB" }),
  t("Attendance-Based Virtual Chemistry", "2910A", ["10", "11", "12"], { type: "ABV", instructionalSetting: "05" }),
  t("Hybrid Biology", "2911H", ["09", "10"], { type: "HY", teachingMethod: "20", instructionalSetting: "06" }),
  t("Work-Based Learning", "2912", ["12"], { teachingMethod: "21", instructionalSetting: "21" }),
  t("Spanish Immersion Seminar", "2913", null, { instructionalSetting: "11", type: "Blended" })
]

/** The courses a school with these grades can offer, core courses first. */
export const templatesFor = (grades: ReadonlyArray<string>): Array<CourseTemplate> => {
  const has = (band: ReadonlyArray<string>) => band.some((grade) => grades.includes(grade))
  const keep = (templates: ReadonlyArray<CourseTemplate>) =>
    templates.filter((template) => template.grades === null || template.grades.some((grade) => grades.includes(grade)))
  const all: Array<CourseTemplate> = []
  if (has(PRESCHOOL_GRADES)) all.push(...keep(PRESCHOOL))
  if (has(ELEMENTARY_GRADES)) all.push(...keep(ELEMENTARY))
  if (has(MIDDLE_GRADES)) all.push(...keep(MIDDLE))
  if (has(["09", "10", "11", "12"])) all.push(...keep(HIGH))
  return all
}

/** Grades a band-wide (null-grades) template serves within a school. */
export const bandOf = (template: CourseTemplate, schoolGrades: ReadonlyArray<string>): Array<string> => {
  if (template.grades !== null) return template.grades.filter((grade) => schoolGrades.includes(grade))
  const band = PRESCHOOL.includes(template)
    ? PRESCHOOL_GRADES
    : ELEMENTARY.includes(template)
    ? ELEMENTARY_GRADES
    : MIDDLE.includes(template)
    ? MIDDLE_GRADES
    : ["09", "10", "11", "12"]
  return band.filter((grade) => schoolGrades.includes(grade))
}

/** Programs of the technical centers (KTS). */
export const TECH_PROGRAMS: ReadonlyArray<readonly [string, string]> = [
  ["Welding Technology I", "T4701"],
  ["Welding Technology II", "T4702"],
  ["Automotive Technology I", "T4711"],
  ["Automotive Technology II", "T4712"],
  ["Carpentry Fundamentals", "T4721"],
  ["Electrical Technology", "T4731"],
  ["Health Science I", "T4741"],
  ["Health Science II", "T4742"],
  ["Information Technology Support", "T4751"],
  ["Machine Tool Technology", "T4761"],
  ["Diesel Technology", "T4771"],
  ["Heating, Ventilation and Air Conditioning", "T4781"],
  ["Industrial Maintenance", "T4791"],
  ["Culinary Arts I", "T4801"],
  ["Engineering Design", "T4811"],
  ["Law Enforcement Foundations", "T4821"],
  ["Masonry", "T4831"],
  ["Construction Technology", "T4841"],
  ["Computer Programming", "T4851"],
  ["Emergency Medical Technician", "T4861"],
  ["Agricultural Power Mechanics", "T4871"],
  ["Collision Repair", "T4881"],
  ["Graphic Design and Print", "T4891"],
  ["Firefighting Basics", "T4901"],
  ["Pharmacy Technician", "T4911"]
]

/** Summer-session courses. */
export const SUMMER_COURSES: ReadonlyArray<readonly [string, string]> = [
  ["Summer Credit Recovery", "S9001"],
  ["Summer Reading Camp", "S9002"],
  ["Summer Math Bridge", "S9003"]
]
