import { describe, expect, it } from "vitest"
import { addToken, startServer } from "../src/index.js"
import { makeFixture, NIGHT } from "./fixture.js"

describe("smoke", () => {
  it("serves", async () => {
    const fixture = await makeFixture()
    console.log(fixture.rosteredStateIDs.length, fixture.holdID)
    const { token } = addToken(`${fixture.dir}/tokens.json`, { kind: "state" })
    const server = await startServer({ configFile: fixture.configFile, port: 0, today: () => NIGHT, log: () => {} })
    const get = async (path: string) => {
      const res = await fetch(server.url + path, { headers: { authorization: `Bearer ${token}` } })
      return [res.status, (await res.text()).slice(0, 600)]
    }
    for (const path of ["/healthz", "/api/schools", "/api/schools/101-010/alerts", "/api/schools/101-010/courses", "/api/schools/101-010/grade-check", `/api/schools/101-010/students/${fixture.rosteredStateIDs[0]}/grade-check`, "/api/schools/101-010/attendance?from=2024-09-01", "/api/exchange", "/api/districts/101/lead?endYear=2025", "/api/schools/1x/alerts"]) {
      console.log(path, await get(path))
    }
    await server.close()
  })
})
