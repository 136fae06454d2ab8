import { describe, expect, it } from "vitest"
import { baseline, changeHighSchool } from "./internal/Baseline.js"
import { checkScoreGroup, minPercentColumn, sameMinPercents } from "./ScoreGroup.js"

describe("sameMinPercents over columns sorted high to low", () => {
  it.each([
    { case: "equal", a: [90, 80, 0], b: [0, 90, 80], same: true },
    { case: "one value off", a: [90, 80, 0], b: [90, 79.99, 0], same: false },
    { case: "an extra item", a: [90, 80, 0], b: [90, 80, 0, 0], same: false },
    { case: "NULL and NULL", a: [90, null], b: [null, 90], same: true },
    { case: "NULL and 0", a: [90, null], b: [90, 0], same: false },
    { case: "both empty", a: [], b: [], same: true }
  ])("$case: $same", ({ a, b, same }) => {
    const column = (values: Array<number | null>) => minPercentColumn(values.map((minPercent) => ({ minPercent })))
    expect(sameMinPercents(column(a), column(b))).toBe(same)
  })
})

describe("checkScoreGroup", () => {
  it("passes with a group of another name and order but the same Minimum % column", () => {
    const snapshot = changeHighSchool((side) => ({ scoreGroupItems: side.scoreGroupItems.map((item) => ({ ...item, seq: 10 - item.seq })) }))
    expect(checkScoreGroup(snapshot, "CTE Term Grade").status).toBe("pass")
  })

  it("is n/a when the technical database has no CTE Numeric Score Group", () => {
    const result = checkScoreGroup({ ...baseline(), cteNumericScoreGroup: null }, "CTE Term Grade")
    expect(result.status).toBe("n/a")
    expect(result.fix).toBeNull()
  })

  it("fails when the task has no score group, naming course, section and task", () => {
    const snapshot = changeHighSchool((side) => ({ courseGradingTasks: side.courseGradingTasks.map((row) => ({ ...row, scoreGroupID: null })) }))
    const result = checkScoreGroup(snapshot, "CTE Final Grade")
    expect(result).toMatchObject({ status: "fail", task: "CTE Final Grade", fix: { who: "high school" } })
    expect(result.fix?.what).toMatch(/course 4821V section 1/)
  })
})
