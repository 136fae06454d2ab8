/** Closing the server lets a request in flight (a streamed LEAD report) finish, and refuses new connections. */
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { addToken, startServer } from "../src/index.js"
import { makeFixture, NIGHT } from "./fixture.js"

describe("graceful shutdown", () => {
  it("finishes the request in flight, then stops", async () => {
    const fixture = await makeFixture()
    const { token } = addToken(join(fixture.dir, "tokens.json"), { kind: "state" })
    const server = await startServer({ configFile: fixture.configFile, port: 0, today: () => NIGHT, log: () => {} })
    const whole = await (await fetch(`${server.url}/api/districts/101/lead?endYear=2025`, { headers: { authorization: `Bearer ${token}` } })).text()
    const inFlight = fetch(`${server.url}/api/districts/101/lead?endYear=2025`, { headers: { authorization: `Bearer ${token}` } })
    const response = await inFlight
    const closed = server.close()
    const text = await response.text()
    await closed
    expect(response.status).toBe(200)
    expect(text).toBe(whole)
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow()
  })
})
