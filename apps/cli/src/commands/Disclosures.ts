/**
 * `kts disclosures --db FILE --state-id SSID`: the disclosure records of one
 * student (what the exchange sent to which school, and when).
 */
import { formatDisclosure, listDisclosures } from "@kts/sync/shell"
import { Console, Effect } from "effect"
import { Command, Flag } from "effect/cli"
import { classifyFailure } from "../Errors.js"

/** The `disclosures` command. */
export const disclosuresCommand = Command.make("disclosures", {
  db: Flag.String("db").pipe(Flag.withDescription("The sending school's store file")),
  stateId: Flag.String("state-id").pipe(Flag.withDescription("The student's state ID (SSID)")),
  json: Flag.Boolean("json").pipe(Flag.withDescription("Print the records as a JSON array"), Flag.withDefault(false))
}, (flags) =>
  Effect.gen(function*() {
    const records = yield* Effect.try({ try: () => listDisclosures(flags.db, flags.stateId), catch: classifyFailure })
    if (flags.json) {
      yield* Console.log(JSON.stringify(records, null, 2))
      return
    }
    if (records.length === 0) yield* Console.log(`no disclosure records for state ID ${flags.stateId}`)
    for (const record of records) yield* Console.log(formatDisclosure(record))
  })).pipe(Command.withDescription("List a student's disclosure records (34 CFR 99.32): data the exchange sent, to whom, first and last night"))
