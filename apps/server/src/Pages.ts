/**
 * The server-rendered pages: login, the schools in scope, a school's
 * dashboard, the grade-check checklist for a student, the attendance report,
 * the LEAD report's download, and the exchange's nights with holds to
 * approve. Every value goes through `html` (escaped); pages work without
 * scripts, on a phone and on paper.
 */
import type { CheckResult } from "@kts/grade-check"
import type { JournalHold } from "@kts/sync/shell"
import { schoolKeyText, scopeAllows, scopeAllowsDistrict, scopeMayApprove, scopeText } from "./AccessScope.js"
import { type Caller, NotInScope, type Route, type RouteRequest, schoolInScope } from "./App.js"
import { html, page, type SafeHtml } from "./Html.js"
import { DateText, DistrictText, EndYearText, IdText, param, SchoolText, ShortText, StateIDText } from "./Params.js"
import { htmlReply, problemReply, redirectReply, type Reply } from "./Reply.js"
import { nightsBeforeParam, nightsLimitParam, nightsPage, visibleTo } from "./Api.js"
import { approve, exchangeOverview, findHold, schoolAlerts, schoolAttendance, schoolCourses, studentGradeCheck } from "./SchoolData.js"

/** The session cookie's name. */
export const SESSION_COOKIE = "kts_session"

const sessionCookie = (id: string): string => `${SESSION_COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`
const expiredCookie = (): string => `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`

const str = (request: RouteRequest, name: string): string | undefined => request.values[name] as string | undefined

const pageOf = (request: RouteRequest, title: string, content: SafeHtml, status = 200): Reply => {
  const caller = request.caller
  return htmlReply(page(title, content, caller === null ? {} : { scope: scopeText(caller.scope), csrf: caller.session?.csrf ?? "" }), status)
}

const checkCsrf = (request: RouteRequest): Reply | undefined => {
  const expected = request.caller?.session?.csrf
  if (expected === undefined || request.form.get("csrf") !== expected) return problemReply(403, "Forbidden", "the form's CSRF token is missing or stale: reload the page")
  return undefined
}

const schoolParam = param("school", "path", SchoolText, "The school as {district}-{school}", {})
const csrfField = (caller: Caller | null): SafeHtml => html`<input type="hidden" name="csrf" value="${caller?.session?.csrf ?? ""}">`

const loginForm = (message?: string): SafeHtml => html`
${message === undefined ? "" : html`<p class="error" role="alert">${message}</p>`}
<form method="post" action="/login">
<label>Token <input type="password" name="token" autocomplete="off" required size="48"></label>
<button type="submit">Log in</button>
</form>
<p class="note">Ask your district's Campus administrator or the state for a token (<code>kts tokens add</code>).</p>`

const severityClass = (severity: string): string => (severity === "error" ? "error" : severity === "warning" ? "warning" : "pass")

const alertsTable = (alerts: ReturnType<typeof schoolAlerts>): SafeHtml =>
  alerts.length === 0
    ? html`<p>No open alerts.</p>`
    : html`<div class="table-wrap"><table id="alerts">
<thead><tr><th>Severity</th><th>Code</th><th>Course</th><th>Section</th><th>State ID</th><th>Task</th><th>Message</th><th>Since</th></tr></thead>
<tbody>${alerts.map((alert) => html`<tr><td class="${severityClass(alert.severity)}">${alert.severity}</td><td>${alert.code}</td><td>${alert.courseNumber}</td><td>${alert.sectionNumber}</td><td>${alert.stateID}</td><td>${alert.task}</td><td>${alert.message}</td><td>${alert.firstSeen}</td></tr>`)}</tbody>
</table></div>`

const checklist = (results: ReadonlyArray<CheckResult>): SafeHtml =>
  html`<div class="table-wrap"><table id="checklist">
<thead><tr><th>Check</th><th>Status</th><th>Course</th><th>Task</th><th>Term</th><th>Finding</th><th>Fix</th></tr></thead>
<tbody>${results.map((result) => html`<tr><td>${result.check}</td><td class="${result.status === "fail" ? "error" : result.status === "warning" ? "warning" : "pass"}">${result.status}</td><td>${result.highSchool === null ? "" : `${result.highSchool.courseNumber ?? ""} §${result.highSchool.sectionNumber ?? ""}`}</td><td>${result.task}</td><td>${result.term}</td><td>${result.finding}</td><td>${result.fix === null ? "" : `${result.fix.who}: ${result.fix.what}`}</td></tr>`)}</tbody>
</table></div>`

/** The pages. */
export const pageRoutes: ReadonlyArray<Route> = [
  {
    method: "GET",
    path: "/login",
    kind: "page",
    access: "public",
    summary: "The login page",
    tag: "pages",
    params: [],
    responses: { "200": { description: "The login form", content: ["text/html"] } },
    studentData: false,
    handle: (request) => pageOf(request, "Log in", loginForm())
  },
  {
    method: "POST",
    path: "/login",
    kind: "page",
    access: "public",
    summary: "Logs in with a token; sets the session cookie",
    tag: "pages",
    params: [],
    responses: { "303": { description: "To the schools page" }, "401": { description: "Unknown or revoked token", content: ["text/html"] } },
    studentData: false,
    handle: (request) => {
      const token = request.app.tokens.verify((request.form.get("token") ?? "").trim())
      if (token === undefined) return htmlReply(page("Log in", loginForm("That token is not valid (unknown or revoked).")), 401)
      const session = request.app.sessions.create(token.id)
      return redirectReply("/", { "set-cookie": sessionCookie(session.id) })
    }
  },
  {
    method: "POST",
    path: "/logout",
    kind: "page",
    access: "token",
    summary: "Logs out",
    tag: "pages",
    params: [],
    responses: { "303": { description: "To the login page" } },
    studentData: false,
    handle: (request) => {
      const refused = checkCsrf(request)
      if (refused !== undefined) return refused
      request.app.sessions.delete(request.caller!.session!.id)
      return redirectReply("/login", { "set-cookie": expiredCookie() })
    }
  },
  {
    method: "GET",
    path: "/",
    kind: "page",
    access: "token",
    summary: "The schools in scope",
    tag: "pages",
    params: [],
    responses: { "200": { description: "The list", content: ["text/html"] } },
    studentData: false,
    handle: (request) => {
      const scope = request.caller!.scope
      if (scope.kind === "school") return redirectReply(`/schools/${scope.district}-${scope.school}`)
      const schools = [...request.app.directory.values()].filter((school) =>
        school.role !== "school" && scopeAllows(request.app.config, scope, school, "exchange")
      )
      return pageOf(request, "Schools", html`<ul id="schools">${schools.map((school) => html`<li><a href="/schools/${schoolKeyText(school)}">${schoolKeyText(school)} ${school.name}</a> (${school.role})</li>`)}</ul>
<p><a href="/exchange">The exchange's nights and holds</a></p>`)
    }
  },
  {
    method: "GET",
    path: "/schools/{school}",
    kind: "page",
    access: "token",
    summary: "A school's dashboard: open alerts first, then KTS courses",
    tag: "pages",
    params: [schoolParam],
    responses: { "200": { description: "The dashboard", content: ["text/html"] } },
    studentData: true,
    handle: (request) => {
      const school = schoolInScope(request, str(request, "school")!)
      const label = schoolKeyText(school)
      const alerts = schoolAlerts(request.app.config, school, "open")
      const courses = schoolCourses(request.app.config, request.app.directory, school, request.app.today())
      request.record(label, new Set(alerts.flatMap((alert) => (alert.stateID === null ? [] : [alert.stateID]))).size)
      const district = school.district
      return pageOf(request, `${label} ${school.name}`, html`
<nav><a href="/schools/${label}/grade-check">Grade check</a>${school.role === "high school" ? html` · <a href="/schools/${label}/attendance">Attendance</a>` : ""}${scopeAllowsDistrict(request.caller!.scope, district) ? html` · <a href="/districts/${district}/lead">LEAD report</a>` : ""}</nav>
<h2>Open alerts (${alerts.length})</h2>
${alertsTable(alerts)}
<h2>KTS courses, end year ${courses.endYear}</h2>
${courses.courses.length === 0 ? html`<p>No KTS course.</p>` : html`<div class="table-wrap"><table id="courses">
<thead><tr><th>High school</th><th>Course</th><th>Sections</th><th>KTSTechID</th><th>Technical section</th><th>Students</th></tr></thead>
<tbody>${courses.courses.map((course) => html`<tr><td>${course.highSchool.district}-${course.highSchool.school}</td><td>${course.highSchool.courseNumber} ${course.highSchool.courseName}</td><td>${course.highSchool.sectionNumbers.join(", ")}</td><td>${course.ktsTechID}</td><td>${course.tech === null ? course.techSectionStatus : `${course.tech.district}-${course.tech.school} ${course.tech.courseNumber} section ${course.tech.sectionNumber ?? "?"} (${course.techSectionStatus})`}</td><td>${course.students}</td></tr>`)}</tbody>
</table></div>`}
<h2>Last sync</h2>
${Object.keys(courses.lastSync).length === 0 ? html`<p>No night has run for this school.</p>` : html`<ul id="last-sync">${Object.entries(courses.lastSync).map(([stage, night]) => html`<li>${stage}: ${night}</li>`)}</ul>`}`)
    }
  },
  {
    method: "GET",
    path: "/schools/{school}/grade-check",
    kind: "page",
    access: "token",
    summary: "The grade-check checklist for a student",
    tag: "pages",
    params: [schoolParam, param("stateID", "query", StateIDText, "The student's state ID", {}, false)],
    responses: { "200": { description: "The checklist", content: ["text/html"] } },
    studentData: true,
    handle: (request) => {
      const school = schoolInScope(request, str(request, "school")!)
      const label = schoolKeyText(school)
      const stateID = str(request, "stateID")
      const form = html`<form method="get" action="/schools/${label}/grade-check"><label>State ID <input name="stateID" inputmode="numeric" value="${stateID ?? ""}" required></label><button type="submit">Check</button></form>`
      if (stateID === undefined) return pageOf(request, `Grade check, ${label}`, form)
      const document = studentGradeCheck(request.app.config, request.app.directory, stateID, [school], { asOf: request.app.today() })
      request.record(label, document === undefined ? 0 : 1)
      return pageOf(request, `Grade check, ${label}`, html`${form}
${document === undefined ? html`<p id="no-pairing">No KTS course of this school has that student.</p>` : html`<p>State ID ${stateID}, as of ${document.asOf}, end year ${document.endYear}.</p>${checklist(document.results)}`}`)
    }
  },
  {
    method: "GET",
    path: "/schools/{school}/attendance",
    kind: "page",
    access: "token",
    summary: "The real-time attendance report with a date filter",
    tag: "pages",
    params: [schoolParam, param("from", "query", DateText, "First date", {}, false), param("to", "query", DateText, "Last date", {}, false)],
    responses: { "200": { description: "The report", content: ["text/html"] } },
    studentData: true,
    handle: (request) => {
      const school = schoolInScope(request, str(request, "school")!)
      const label = schoolKeyText(school)
      if (school.role !== "high school") return pageOf(request, `Attendance, ${label}`, html`<p>The attendance report is for linked high schools.</p>`, 400)
      const from = str(request, "from")
      const to = str(request, "to")
      if (from !== undefined && to !== undefined && from > to) return pageOf(request, `Attendance, ${label}`, html`<p class="error">from is after to.</p>`, 400)
      const report = schoolAttendance(request.app.config, school, from, to, request.app.today())
      request.record(label, new Set(report.rows.map((row) => row.stateID)).size)
      const csvLink = `/api/schools/${label}/attendance?format=csv&from=${report.from}&to=${report.to}`
      return pageOf(request, `Attendance, ${label}`, html`
<form method="get"><label>From <input type="date" name="from" value="${report.from}"></label><label>To <input type="date" name="to" value="${report.to}"></label><button type="submit">Show</button></form>
<p>${report.rows.length} rows, ${report.from} to ${report.to}. <a href="${csvLink}">Download CSV</a></p>
<div class="table-wrap"><table id="attendance"><thead><tr><th>Date</th><th>State ID</th><th>Last name</th><th>First name</th><th>Course</th><th>Section</th><th>Tech school</th><th>Tech course</th><th>Tech section</th><th>Status</th><th>Excuse</th></tr></thead>
<tbody>${report.rows.map((row) => html`<tr><td>${row.date}</td><td>${row.stateID}</td><td>${row.lastName}</td><td>${row.firstName}</td><td>${row.courseNumber}</td><td>${row.sectionNumber}</td><td>${row.techSchool}</td><td>${row.techCourseNumber}</td><td>${row.techSectionNumber}</td><td>${row.status}</td><td>${row.excuse}</td></tr>`)}</tbody></table></div>`)
    }
  },
  {
    method: "GET",
    path: "/districts/{district}/lead",
    kind: "page",
    access: "token",
    summary: "The LEAD report's run parameters and download",
    tag: "pages",
    params: [
      param("district", "path", DistrictText, "The district", {}),
      param("endYear", "query", EndYearText, "End year", {}, false),
      param("from", "query", DateText, "Range start", {}, false),
      param("to", "query", DateText, "Range end", {}, false)
    ],
    responses: { "200": { description: "The form", content: ["text/html"] } },
    studentData: false,
    handle: (request) => {
      const district = str(request, "district")!
      const scope = request.caller!.scope
      if (!scopeAllowsDistrict(scope, district) || ![...request.app.directory.values()].some((school) => school.district === district)) throw new NotInScope()
      const endYear = str(request, "endYear") ?? String(Number(request.app.today().slice(0, 4)) + (request.app.today().slice(5) >= "07-01" ? 1 : 0))
      const query = new URLSearchParams({ endYear, ...(str(request, "from") === undefined ? {} : { from: str(request, "from")! }), ...(str(request, "to") === undefined ? {} : { to: str(request, "to")! }) })
      return pageOf(request, `KECS LEAD report, district ${district}`, html`
<form method="get"><label>End year <input name="endYear" inputmode="numeric" value="${endYear}"></label><label>From <input type="date" name="from" value="${str(request, "from") ?? ""}"></label><label>To <input type="date" name="to" value="${str(request, "to") ?? ""}"></label><button type="submit">Set</button></form>
<h2>Run parameters</h2>
<dl id="lead-parameters"><dt>District</dt><dd>${district}</dd><dt>Schools</dt><dd>${scope.kind === "state" ? "every school" : `${scope.district}-${scope.school} only`}</dd><dt>End year</dt><dd>${endYear}</dd><dt>Extract date range</dt><dd>${str(request, "from") ?? "July 1"} to ${str(request, "to") ?? "June 30"}</dd><dt>Exclude cross-site data</dt><dd>yes</dd></dl>
<p><a id="lead-csv" href="/api/districts/${district}/lead?${query.toString()}&amp;format=csv">Download CSV</a> · <a href="/api/districts/${district}/lead?${query.toString()}&amp;format=html">Open as HTML</a></p>`)
    }
  },
  {
    method: "GET",
    path: "/exchange",
    kind: "page",
    access: "token",
    summary: "The exchange's nights (newest first, with their units and holds) and the holds awaiting approval, with an Approve button for the state and the hold's technical school",
    tag: "pages",
    params: [nightsLimitParam, nightsBeforeParam],
    responses: { "200": { description: "The page", content: ["text/html"] } },
    studentData: false,
    handle: (request) => {
      const caller = request.caller!
      const scope = caller.scope
      const overview = exchangeOverview(request.app.config, visibleTo(request, scope), nightsPage(request))
      const awaiting = overview.holds.filter((hold) => hold.approvedOn === null)
      const holdState = (hold: JournalHold): string =>
        hold.usedOn !== null ? `applied ${hold.usedOn}` : hold.approvedOn !== null ? `approved ${hold.approvedOn}` : "awaiting approval"
      return pageOf(request, "Exchange", html`
<h2>Holds awaiting approval</h2>
${awaiting.length === 0 ? html`<p id="no-holds">No hold awaits approval.</p>` : html`<div class="table-wrap"><table id="holds"><thead><tr><th>Hold</th><th>Technical school</th><th>Night</th><th>Active rows</th><th>Removals</th><th></th></tr></thead>
<tbody>${awaiting.map((hold) => {
        const tech = request.app.directory.get(hold.school)
        const canApprove = tech !== undefined && scopeMayApprove(scope, tech)
        return html`<tr><td>${hold.database}:${hold.holdID}</td><td>${hold.school}</td><td>${hold.night}</td><td>${hold.activeRows}</td><td>${hold.removals}</td><td>${canApprove ? html`<form method="post" action="/exchange/holds/${hold.database}/${hold.holdID}/approve">${csrfField(caller)}<button type="submit">Approve</button></form>` : ""}</td></tr>`
      })}</tbody></table></div>`}
<h2>Nights (${overview.totalNights})</h2>
${overview.nights.length === 0 ? html`<p>No night has run.</p>` : overview.nights.map((night) => html`<section class="night" id="night-${night.night}">
<h3>${night.night}</h3>
${night.holds.length === 0 ? "" : html`<ul class="night-holds">${night.holds.map((hold) => html`<li>Hold ${hold.database}:${hold.holdID} at ${hold.school}: ${hold.removals} removals of ${hold.activeRows} active rows, ${holdState(hold)}</li>`)}</ul>`}
<div class="table-wrap"><table class="units"><thead><tr><th>Stage</th><th>School</th><th>Database</th><th>Inserted</th><th>Updated</th><th>Removed</th><th>Finished</th></tr></thead>
<tbody>${night.units.map((unit) => html`<tr><td>${unit.stage}</td><td>${unit.school ?? "(database)"}</td><td>${unit.database}</td><td>${unit.inserted}</td><td>${unit.updated}</td><td>${unit.removed}</td><td>${unit.finishedAt}</td></tr>`)}</tbody></table></div>
</section>`)}
${overview.next === null ? "" : html`<p><a id="older-nights" href="/exchange?before=${overview.next}">Older nights</a></p>`}`)
    }
  },
  {
    method: "POST",
    path: "/exchange/holds/{database}/{holdID}/approve",
    kind: "page",
    access: "token",
    summary: "The Approve button's form",
    tag: "pages",
    params: [param("database", "path", ShortText, "Database key", {}), param("holdID", "path", IdText, "Hold id", {})],
    responses: { "303": { description: "Back to the exchange page" } },
    studentData: false,
    handle: (request) => {
      const refused = checkCsrf(request)
      if (refused !== undefined) return refused
      const database = str(request, "database")!
      const holdID = Number(str(request, "holdID"))
      const hold = findHold(request.app.config, database, holdID)
      const tech = hold === undefined ? undefined : request.app.directory.get(hold.school)
      if (hold === undefined || tech === undefined || !scopeMayApprove(request.caller!.scope, tech)) throw new NotInScope()
      approve(request.app.config, database, holdID, request.app.today())
      return redirectReply("/exchange")
    }
  }
]
