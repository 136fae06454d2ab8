import { describe, expect, it } from "vitest"
import { type AccessScope, type ExchangeConfig, parseSchoolKey, scopeAllows, scopeAllowsDistrict, scopeMayApprove } from "./AccessScope.js"

const config = {
  file: "exchange.json",
  databases: new Map([["tech", "/t.db"], ["d165", "/d.db"]]),
  links: [
    { tech: { database: "tech", district: "902", school: "030" }, highSchool: { database: "d165", district: "165", school: "010" }, attendanceSync: false },
    { tech: { database: "tech", district: "902", school: "030" }, highSchool: { database: "d165", district: "165", school: "020" }, attendanceSync: false }
  ],
  holds: { rosterRemovalShare: 0.1, rosterRemovalMinimum: 10 }
} as unknown as ExchangeConfig

const school: AccessScope = { kind: "school", district: "165", school: "010" }
const tech: AccessScope = { kind: "tech", district: "902", school: "030" }
const state: AccessScope = { kind: "state" }
const at = (text: string) => parseSchoolKey(text)!

describe("scopeAllows", () => {
  it.each([
    { case: "a school sees itself", scope: school, target: "165-010", kind: "exchange", allowed: true },
    { case: "a school does not see a neighbour", scope: school, target: "165-020", kind: "exchange", allowed: false },
    { case: "a school does not see its technical school", scope: school, target: "902-030", kind: "exchange", allowed: false },
    { case: "a school does not see the same number in another district", scope: school, target: "166-010", kind: "school", allowed: false },
    { case: "a tech school sees itself", scope: tech, target: "902-030", kind: "school", allowed: true },
    { case: "a tech school sees a linked high school's exchange data", scope: tech, target: "165-020", kind: "exchange", allowed: true },
    { case: "a tech school does not see a linked high school's own reports", scope: tech, target: "165-020", kind: "school", allowed: false },
    { case: "a tech school does not see an unlinked school", scope: tech, target: "165-030", kind: "exchange", allowed: false },
    { case: "the state sees every school", scope: state, target: "165-030", kind: "school", allowed: true }
  ] as const)("$case", ({ scope, target, kind, allowed }) => {
    expect(scopeAllows(config, scope, at(target), kind)).toBe(allowed)
  })

  it.each([
    { scope: school, district: "165", allowed: true },
    { scope: school, district: "166", allowed: false },
    { scope: tech, district: "902", allowed: true },
    { scope: tech, district: "165", allowed: false },
    { scope: state, district: "001", allowed: true }
  ])("district $district for $scope.kind: $allowed", ({ scope, district, allowed }) => {
    expect(scopeAllowsDistrict(scope, district)).toBe(allowed)
  })

  it.each([
    { scope: state, allowed: true },
    { scope: tech, allowed: true },
    { scope: { kind: "tech", district: "902", school: "031" } as AccessScope, allowed: false },
    { scope: school, allowed: false }
  ])("approving a hold of 902-030 as $scope.kind: $allowed", ({ scope, allowed }) => {
    expect(scopeMayApprove(scope, at("902-030"))).toBe(allowed)
  })

  it.each(["165-010", "000-999"])("parses %s", (text) => expect(parseSchoolKey(text)).toBeDefined())
  it.each(["165-01", "165010", "165-0100", "16a-010", " 165-010", ""])("refuses %j", (text) => expect(parseSchoolKey(text)).toBeUndefined())
})
