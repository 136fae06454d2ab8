/**
 * `kts grade-check`: the grade-sync troubleshooting checklist over the
 * exchange's databases, for one student or one high school. Parses the flags
 * and calls `@kts/grade-check`; findings are data (exit 0), bad input exits 2.
 */
import { localDateTimeOf } from "@kts/domain"
import { GradeCheckFormats, type GradeCheckTarget, runGradeCheck } from "@kts/grade-check"
import { Effect, Option } from "effect"
import { Command, Flag } from "effect/cli"
import { classifyFailure, InputError } from "../Errors.js"

const optionalText = (name: string, description: string) => Flag.String(name).pipe(Flag.withDescription(description), Flag.optional)

/** The `grade-check` command. */
export const gradeCheckCommand = Command.make("grade-check", {
  config: Flag.String("config").pipe(Flag.withDescription("The exchange configuration (exchange.json)")),
  stateId: optionalText("state-id", "One student: their State ID (SSID)"),
  district: optionalText("district", "One high school: its state district number (with --school)"),
  school: optionalText("school", "One high school: its state school number (with --district)"),
  course: optionalText("course", "Only this high-school course number"),
  task: optionalText("task", "Only this CTE task (CTE Term Grade, CTE Final Grade or CTE Final Exam)"),
  endYear: optionalText("end-year", "School year by its end year (default: the one holding --as-of)"),
  asOf: optionalText("as-of", "The run's today, YYYY-MM-DD (default: today); alerts resolved after it count as open"),
  json: Flag.Boolean("json").pipe(Flag.withDescription("Print the JSON document (same as --format json)"), Flag.withDefault(false)),
  format: Flag.Literals("format", GradeCheckFormats).pipe(Flag.withDescription("text (default), json, html, or csv (the findings table, written to --out)"), Flag.optional),
  out: Flag.String("out").pipe(Flag.withDescription("Folder for the CSV table (default: the current folder)"), Flag.withDefault(".")),
  supportRequest: optionalText("support-request", "Also write a support request for KTS support to this folder (scanned for names and birth dates first)")
}, (flags) =>
  Effect.gen(function*() {
    const text = (option: Option.Option<string>) => Option.getOrUndefined(option)
    const stateID = text(flags.stateId)
    const district = text(flags.district)
    const school = text(flags.school)
    let target: GradeCheckTarget
    if (stateID !== undefined && district === undefined && school === undefined) target = { kind: "student", stateID }
    else if (stateID === undefined && district !== undefined && school !== undefined) target = { kind: "school", district, school }
    else {
      return yield* new InputError({ message: "give either --state-id SSID or both --district N and --school N" })
    }
    const endYearText = text(flags.endYear)
    if (endYearText !== undefined && !/^\d{4}$/.test(endYearText)) {
      return yield* new InputError({ message: `--end-year ${endYearText}: not a year such as 2025` })
    }
    const format = Option.getOrUndefined(flags.format)
    if (flags.json && format !== undefined && format !== "json") {
      return yield* new InputError({ message: `--json and --format ${format} ask for different outputs` })
    }
    const outcome = yield* Effect.try({
      try: () =>
        runGradeCheck({
          configFile: flags.config,
          target,
          course: text(flags.course),
          task: text(flags.task),
          endYear: endYearText === undefined ? undefined : Number(endYearText),
          asOf: text(flags.asOf) ?? localDateTimeOf(new Date()).slice(0, 10),
          format: flags.json ? "json" : format ?? "text",
          outDir: flags.out,
          supportRequest: text(flags.supportRequest)
        }),
      catch: classifyFailure
    })
    yield* Effect.sync(() => process.stdout.write(outcome.stdout))
  })).pipe(
    Command.withDescription(
      "Walk the KTS grade-sync checklist over both schools' databases: which item fails, the evidence, and who fixes which setting"
    ),
    Command.withExamples([
      { command: "kts grade-check --config exchange.json --state-id 1234567890", description: "Every KTS course of one student" },
      { command: "kts grade-check --config exchange.json --district 165 --school 010 --format csv --out reports", description: "The findings table of one high school" }
    ])
  )
