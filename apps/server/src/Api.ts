/**
 * The JSON API: every endpoint under `/api/`, declared once with its
 * parameters (for decoding and for the OpenAPI document) and a handler
 * that calls `SchoolData`. Every school in a path is checked against the
 * caller's scope first; outside it the answer is 404.
 */
import { isCteTaskName } from "@kts/sync"
import { attendanceCsv, attendanceFileBase } from "@kts/sync/shell"
import { type AccessScope, schoolKeyText, scopeAllows, scopeAllowsDistrict, scopeMayApprove, scopeText } from "./AccessScope.js"
import { NotInScope, type Route, type RouteRequest, schoolInScope } from "./App.js"
import { DateText, DistrictText, EndYearText, IdText, NightsLimitText, oneOf, param, SchoolText, ShortText, StateIDText } from "./Params.js"
import { badParameter, downloadReply, jsonReply, notFound } from "./Reply.js"
import {
  approve,
  districtDatabase,
  exchangeOverview,
  findHold,
  leadChunks,
  leadParameters,
  schoolAlerts,
  schoolAttendance,
  schoolCourses,
  schoolGradeCheck,
  studentDisclosures,
  studentGradeCheck
} from "./SchoolData.js"

const schoolParam = param("school", "path", SchoolText, "The school as {district}-{school}, e.g. 165-010", { type: "string", pattern: "^\\d{3}-\\d{3}$", example: "165-010" })
const districtParam = param("district", "path", DistrictText, "The district's 3-digit number", { type: "string", pattern: "^\\d{3}$", example: "165" })
const stateIDParam = param("stateID", "path", StateIDText, "The student's state ID", { type: "string", pattern: "^\\d{1,20}$" })
const asOfParam = param("asOf", "query", DateText, "Today for the run (default: the server's date)", { type: "string", format: "date" })
const endYearParam = param("endYear", "query", EndYearText, "School end year (default: the year holding asOf)", { type: "string", pattern: "^\\d{4}$" })
const courseParam = param("course", "query", ShortText, "Only this high-school course number", { type: "string" })
const taskParam = param("task", "query", ShortText, "Only this CTE task (CTE Term Grade, CTE Final Grade, CTE Final Exam)", { type: "string" })

/** The nights listed per page, by default. */
export const DEFAULT_NIGHTS = 30
export const nightsLimitParam = param("limit", "query", NightsLimitText, `Nights per page, 1 to 366 (default ${DEFAULT_NIGHTS})`, { type: "string", pattern: "^[1-9]\\d{0,2}$", default: String(DEFAULT_NIGHTS) })
export const nightsBeforeParam = param("before", "query", DateText, "Only nights before this date: the previous page's `next`", { type: "string", format: "date" })

const JSON_TYPES = ["application/json"]
const PROBLEM = { description: "Bad parameter (problem document naming it)", content: ["application/problem+json"] }
const COMMON = {
  "400": PROBLEM,
  "401": { description: "No token, or a revoked one", content: ["application/problem+json"] },
  "404": { description: "Not found, or outside the token's scope", content: ["application/problem+json"] }
}

const str = (request: RouteRequest, name: string): string | undefined => request.values[name] as string | undefined

/** The page of nights a request asks for. */
export const nightsPage = (request: RouteRequest) => ({ limit: Number(str(request, "limit") ?? DEFAULT_NIGHTS), before: str(request, "before") })

const distinctStateIDs = (items: ReadonlyArray<{ readonly stateID: string | null }>): number =>
  new Set(items.flatMap((item) => (item.stateID === null ? [] : [item.stateID]))).size

const gradeQuery = (request: RouteRequest) => {
  const task = str(request, "task")
  if (task !== undefined && !isCteTaskName(task)) throw badParameterError("task", "not a CTE task (CTE Term Grade, CTE Final Grade, CTE Final Exam)")
  const endYear = str(request, "endYear")
  return { course: str(request, "course"), task, endYear: endYear === undefined ? undefined : Number(endYear), asOf: str(request, "asOf") ?? request.app.today() }
}

/** A 400 raised from a handler (after decoding) for a parameter that decodes but cannot be used. */
export class HandlerBadParameter extends Error {
  constructor(readonly parameter: string, readonly reason: string) {
    super(`${parameter}: ${reason}`)
  }
}
const badParameterError = (parameter: string, reason: string) => new HandlerBadParameter(parameter, reason)

/** Whether a school label (or null: a configuration-wide unit) is visible to `scope` for exchange data. */
export const visibleTo = (request: RouteRequest, scope: AccessScope) => (label: string | null): boolean => {
  if (label === null) return scope.kind === "state"
  const school = request.app.directory.get(label)
  return school !== undefined && scopeAllows(request.app.config, scope, school, "exchange")
}

/** The API's endpoints. */
export const apiRoutes: ReadonlyArray<Route> = [
  {
    method: "GET",
    path: "/api/schools",
    kind: "api",
    access: "token",
    summary: "The schools in the token's scope, with their role in the exchange",
    tag: "schools",
    params: [],
    responses: { "200": { description: "The schools", content: JSON_TYPES }, "401": COMMON["401"] },
    studentData: false,
    handle: (request) => {
      const scope = request.caller!.scope
      const schools = [...request.app.directory.values()].filter((school) =>
        scopeAllows(request.app.config, scope, school, "exchange") && (scope.kind !== "state" || school.role !== "school")
      )
      return jsonReply({
        scope: scopeText(scope),
        schools: schools.map((school) => ({ school: schoolKeyText(school), district: school.district, number: school.school, name: school.name, role: school.role }))
      })
    }
  },
  {
    method: "GET",
    path: "/api/schools/{school}/alerts",
    kind: "api",
    access: "token",
    summary: "A school's exchange alerts: open ones first, then resolved ones",
    tag: "schools",
    params: [schoolParam, oneOf("status", ["open", "resolved", "all"], "Which alerts", "open")],
    responses: { "200": { description: "The alerts", content: JSON_TYPES }, ...COMMON },
    studentData: true,
    handle: (request) => {
      const school = schoolInScope(request, str(request, "school")!)
      const alerts = schoolAlerts(request.app.config, school, (str(request, "status") ?? "open") as "open")
      request.record(schoolKeyText(school), distinctStateIDs(alerts))
      return jsonReply({ school: schoolKeyText(school), alerts })
    }
  },
  {
    method: "GET",
    path: "/api/schools/{school}/courses",
    kind: "api",
    access: "token",
    summary: "A school's KTS courses with the technical section each names, and the exchange's last night per stage",
    tag: "schools",
    params: [schoolParam, asOfParam, endYearParam],
    responses: { "200": { description: "The courses", content: JSON_TYPES }, ...COMMON },
    studentData: false,
    handle: (request) => {
      const school = schoolInScope(request, str(request, "school")!)
      const endYear = str(request, "endYear")
      const courses = schoolCourses(request.app.config, request.app.directory, school, str(request, "asOf") ?? request.app.today(), endYear === undefined ? undefined : Number(endYear))
      return jsonReply({ school: schoolKeyText(school), ...courses })
    }
  },
  {
    method: "GET",
    path: "/api/schools/{school}/grade-check",
    kind: "api",
    access: "token",
    summary: "The grade-sync checklist for every KTS course of a school (grade-check's JSON document)",
    tag: "grade check",
    params: [schoolParam, courseParam, taskParam, endYearParam, asOfParam],
    responses: { "200": { description: "The grade-check document", content: JSON_TYPES }, ...COMMON },
    studentData: true,
    handle: (request) => {
      const school = schoolInScope(request, str(request, "school")!)
      const document = schoolGradeCheck(request.app.config, request.app.directory, school, gradeQuery(request))
      request.record(schoolKeyText(school), distinctStateIDs(document.results))
      return jsonReply(document)
    }
  },
  {
    method: "GET",
    path: "/api/schools/{school}/students/{stateID}/grade-check",
    kind: "api",
    access: "token",
    summary: "The grade-sync checklist for one student, the pairings that concern the school",
    tag: "grade check",
    params: [schoolParam, stateIDParam, courseParam, taskParam, endYearParam, asOfParam],
    responses: { "200": { description: "The grade-check document", content: JSON_TYPES }, ...COMMON },
    studentData: true,
    handle: (request) => {
      const school = schoolInScope(request, str(request, "school")!)
      const document = studentGradeCheck(request.app.config, request.app.directory, str(request, "stateID")!, [school], gradeQuery(request))
      if (document === undefined) throw new NotInScope()
      request.record(schoolKeyText(school), 1)
      return jsonReply(document)
    }
  },
  {
    method: "GET",
    path: "/api/schools/{school}/attendance",
    kind: "api",
    access: "token",
    summary: "The real-time KTS attendance report of a high school (JSON or CSV)",
    tag: "attendance",
    params: [
      schoolParam,
      param("from", "query", DateText, "First date (default: 13 days before `to`)", { type: "string", format: "date" }),
      param("to", "query", DateText, "Last date (default: today)", { type: "string", format: "date" }),
      oneOf("format", ["json", "csv"], "Answer format", "json")
    ],
    responses: { "200": { description: "The report", content: ["application/json", "text/csv"] }, ...COMMON },
    studentData: true,
    handle: (request) => {
      const school = schoolInScope(request, str(request, "school")!)
      if (school.role !== "high school") throw badParameterError("school", "not a linked high school of the exchange")
      const from = str(request, "from")
      const to = str(request, "to")
      if (from !== undefined && to !== undefined && from > to) throw badParameterError("from", `is after to (${to})`)
      const report = schoolAttendance(request.app.config, school, from, to, request.app.today())
      request.record(schoolKeyText(school), distinctStateIDs(report.rows))
      if (str(request, "format") === "csv") {
        return downloadReply(attendanceCsv(report), "text/csv; charset=utf-8", `${attendanceFileBase(school.district, school.school)}.csv`)
      }
      return jsonReply(report)
    }
  },
  {
    method: "GET",
    path: "/api/schools/{school}/students/{stateID}/disclosures",
    kind: "api",
    access: "token",
    summary: "A student's disclosure records kept by the school's database, to or from the school's exchange partners",
    tag: "students",
    params: [schoolParam, stateIDParam],
    responses: { "200": { description: "The records", content: JSON_TYPES }, ...COMMON },
    studentData: true,
    handle: (request) => {
      const school = schoolInScope(request, str(request, "school")!)
      const stateID = str(request, "stateID")!
      const records = studentDisclosures(request.app.config, school, stateID)
      request.record(schoolKeyText(school), records.length === 0 ? 0 : 1)
      return jsonReply({ school: schoolKeyText(school), stateID, disclosures: records })
    }
  },
  {
    method: "GET",
    path: "/api/districts/{district}/lead",
    kind: "api",
    access: "token",
    summary: "The KECS LEAD report of a district and end year, streamed (a school's token gets its own school's rows)",
    tag: "LEAD report",
    params: [
      districtParam,
      param("endYear", "query", EndYearText, "School end year", { type: "string", pattern: "^\\d{4}$" }, true),
      oneOf("format", ["csv", "html"], "Answer format", "csv"),
      param("from", "query", DateText, "Start of the extract date range (default July 1 before the end year)", { type: "string", format: "date" }),
      param("to", "query", DateText, "End of the extract date range (default June 30 of the end year)", { type: "string", format: "date" }),
      param("asOf", "query", ShortText, "Run time YYYY-MM-DDTHH:MM (default: now)", { type: "string" }),
      oneOf("excludeCrossSite", ["true", "false"], "Leave out cross-site sections", "true")
    ],
    responses: { "200": { description: "The report", content: ["text/csv", "text/html"] }, ...COMMON },
    studentData: true,
    handle: async (request) => {
      const district = str(request, "district")!
      const scope = request.caller!.scope
      const databasePath = districtDatabase(request.app.config, request.app.directory, district)
      if (!scopeAllowsDistrict(scope, district) || databasePath === undefined) throw new NotInScope()
      const format = (str(request, "format") ?? "csv") as "csv" | "html"
      const parameters = leadParameters({
        endYear: str(request, "endYear")!,
        from: str(request, "from"),
        to: str(request, "to"),
        asOf: str(request, "asOf"),
        excludeCrossSite: str(request, "excludeCrossSite") !== "false",
        districts: [district],
        name: district,
        format
      })
      const allow = (school: string) => scope.kind === "state" || school === scope.school
      const counted = { students: 0 }
      const chunks = leadChunks(databasePath, parameters, format, allow, counted)
      // The first chunk is read before answering, so a problem the report finds up front (no calendar
      // for the end year) is a 400, not a broken 200.
      let first: IteratorResult<string>
      try {
        first = await chunks.next()
      } catch (error) {
        request.record(scope.kind === "state" ? district : schoolKeyText(scope), 0)
        throw error
      }
      const recorded = (async function*() {
        try {
          if (first.done !== true) yield first.value
          yield* chunks
        } finally {
          request.record(scope.kind === "state" ? district : schoolKeyText(scope), counted.students)
        }
      })()
      return downloadReply(
        recorded,
        format === "csv" ? "text/csv; charset=utf-8" : "text/html; charset=utf-8",
        format === "csv" ? `KECS_LEAD_${district}.csv` : null
      )
    }
  },
  {
    method: "GET",
    path: "/api/exchange",
    kind: "api",
    access: "token",
    summary: "The exchange's nights in scope, newest first, each with its units and holds (a page at a time); the last night of each unit, the holds not yet used, open alert counts",
    tag: "exchange",
    params: [nightsLimitParam, nightsBeforeParam],
    responses: { "200": { description: "The nights and the overview", content: JSON_TYPES }, "400": PROBLEM, "401": COMMON["401"] },
    studentData: false,
    handle: (request) => jsonReply(exchangeOverview(request.app.config, visibleTo(request, request.caller!.scope), nightsPage(request)))
  },
  {
    method: "POST",
    path: "/api/exchange/holds/{database}/{holdID}/approve",
    kind: "api",
    access: "token",
    summary: "Approves a hold: the next night applies that technical school's rosters whatever their size (state or the hold's technical school)",
    tag: "exchange",
    params: [
      param("database", "path", ShortText, "The technical-school database's key in the configuration", { type: "string" }),
      param("holdID", "path", IdText, "The hold's id", { type: "string", pattern: "^[1-9]\\d*$" })
    ],
    responses: { "200": { description: "The approval", content: JSON_TYPES }, ...COMMON, "409": { description: "A night is running", content: ["application/problem+json"] } },
    studentData: false,
    handle: (request) => {
      const database = str(request, "database")!
      const holdID = Number(str(request, "holdID"))
      const hold = findHold(request.app.config, database, holdID)
      const tech = hold === undefined ? undefined : request.app.directory.get(hold.school)
      if (hold === undefined || tech === undefined || !scopeMayApprove(request.caller!.scope, tech)) throw new NotInScope()
      return jsonReply(approve(request.app.config, database, holdID, request.app.today()))
    }
  }
]

/** 404 for an unknown API path. */
export const apiNotFound = notFound
export { badParameter }
