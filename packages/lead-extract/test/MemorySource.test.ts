/**
 * Row assembly and `explain` over an in-memory LeadSource (no store), and the
 * store's source giving the same answers as the fake for the same bundle.
 */
import { afterAll, describe, expect, it } from "vitest"
import {
  explainStudent,
  groupCalendars,
  NoCalendarsForEndYear,
  reportCalendars,
  reportContext,
  resolveLeadParameters,
  selectCalendars,
  StoreLeadSource,
  type LeadSource
} from "../src/index.js"
import { addSection, addStudent, AsOf, baseBundle, makeWorkDir, storeFromBundle } from "./support/Bundle.js"
import { memorySource } from "./support/MemorySource.js"

const work = makeWorkDir()
afterAll(() => work.cleanup())

const bundle = () => {
  const rows = baseBundle()
  addStudent(rows, { personID: 2001, stateID: "1000000002" })
  addSection(rows, 610, { crossSiteEnrollment: "KTS", number: 2 })
  rows.roster!.push({ rosterID: 910, sectionID: 610, personID: 2000, startDate: "2024-08-14", endDate: null })
  return rows
}

const rowsOf = (source: LeadSource, options: { excludeCrossSite?: boolean } = {}) => {
  const parameters = resolveLeadParameters({ endYear: 2025, asOf: AsOf, ...options })
  const context = reportContext(source, parameters)
  return groupCalendars(selectCalendars(source, parameters)).flatMap((group) => reportCalendars(source, group, context))
}

describe("row assembly over an in-memory source", () => {
  it("reports the base section with one row per student, in row order", () => {
    const reports = rowsOf(memorySource(bundle()))
    expect(reports.map((report) => report.section.section.sectionID)).toEqual([600])
    expect(reports[0]!.rows).toHaveLength(2)
  })

  it.each([
    { case: "cross-site left out", excludeCrossSite: true, sections: [600] },
    { case: "cross-site included", excludeCrossSite: false, sections: [600, 610] }
  ])("$case", ({ excludeCrossSite, sections }) => {
    const reports = rowsOf(memorySource(bundle()), { excludeCrossSite })
    expect(reports.map((report) => report.section.section.sectionID)).toEqual(sections)
  })

  it("fails with NoCalendarsForEndYear, naming the years there are", () => {
    const parameters = resolveLeadParameters({ endYear: 2024, asOf: AsOf })
    expect(() => selectCalendars(memorySource(bundle()), parameters)).toThrow(NoCalendarsForEndYear)
    expect(() => selectCalendars(memorySource(bundle()), parameters)).toThrow("choose one of 2025")
  })

  it("gives the same rows as the store's source for the same bundle", () => {
    const store = storeFromBundle(work.dir, bundle())
    try {
      for (const excludeCrossSite of [true, false]) {
        const fromStore = rowsOf(new StoreLeadSource(store), { excludeCrossSite }).map((report) => report.rows)
        const fromMemory = rowsOf(memorySource(bundle()), { excludeCrossSite }).map((report) => report.rows)
        expect(fromStore.flat().length).toBeGreaterThan(0)
        expect(fromStore).toEqual(fromMemory)
      }
    } finally {
      store.close()
    }
  })
})

describe("explain over an in-memory source", () => {
  it("explains every section the student is rostered in, and names no one", () => {
    const report = explainStudent(memorySource(bundle()), { endYear: 2025, asOf: AsOf, stateID: "1000000001" })
    expect(report.persons.map((person) => person.personID)).toEqual([2000])
    expect(report.persons[0]!.sections.map((section) => [section.sectionID, section.sectionReported, section.studentReported]))
      .toEqual([[600, true, true], [610, false, false]])
    expect(JSON.stringify(report)).not.toMatch(/Lovelace|Augusta|2008-12-10/)
  })

  it("matches the store's explanation", () => {
    const store = storeFromBundle(work.dir, bundle())
    try {
      const options = { endYear: 2025, asOf: AsOf, stateID: "1000000001" }
      expect(explainStudent(store, options)).toEqual(explainStudent(memorySource(bundle()), options))
    } finally {
      store.close()
    }
  })

  it("finds no one for an unknown state ID", () => {
    expect(explainStudent(memorySource(bundle()), { endYear: 2025, asOf: AsOf, stateID: "9" }).persons).toEqual([])
  })
})
