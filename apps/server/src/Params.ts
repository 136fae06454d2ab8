/**
 * The parameters the routes take, each an Effect Schema with the OpenAPI
 * schema it is published as. Decoding fails with the parameter's name and a
 * reason, which the server answers as a 400 problem document.
 */
import { isLocalDate } from "@kts/domain"
import { Schema } from "effect"

/** Where a parameter is. */
export type ParamLocation = "path" | "query"

/** One parameter of an endpoint. */
export interface Param<A> {
  readonly name: string
  readonly in: ParamLocation
  readonly required: boolean
  readonly description: string
  /** JSON Schema for OpenAPI. */
  readonly jsonSchema: Readonly<Record<string, unknown>>
  readonly schema: Schema.Codec<A, string>
}

/** A parameter whose value is missing or does not decode. */
export class BadParameter extends Schema.TaggedError<BadParameter>()("BadParameter", {
  parameter: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `${this.parameter}: ${this.reason}`
  }
}

const pattern = (regex: RegExp, message: string) => Schema.String.check(Schema.isPattern(regex, { message }))

/** `{district}-{school}`, two 3-digit numbers. */
export const SchoolText = pattern(/^\d{3}-\d{3}$/, "expected {district}-{school}, two 3-digit numbers such as 165-010")
/** A district's 3-digit number. */
export const DistrictText = pattern(/^\d{3}$/, "expected a 3-digit district number such as 165")
/** A state ID (digits, up to 10 in Kentucky; any run of 1 to 20 digits accepted). */
export const StateIDText = pattern(/^\d{1,20}$/, "expected a state ID (digits)")
/** A calendar date. */
export const DateText = Schema.String.check(Schema.makeFilter((text: string) => isLocalDate(text) ? undefined : "expected a date YYYY-MM-DD"))
/** A school end year. */
export const EndYearText = pattern(/^\d{4}$/, "expected a 4-digit school end year such as 2025")
/** A positive whole number. */
export const IdText = pattern(/^[1-9]\d{0,9}$/, "expected a positive whole number")
/** How many nights a page lists: 1 to 366. */
export const NightsLimitText = Schema.String.check(
  Schema.makeFilter((text: string) => /^[1-9]\d{0,2}$/.test(text) && Number(text) <= 366 ? undefined : "expected a whole number from 1 to 366")
)
/** A short text (course number, database key). */
export const ShortText = Schema.String.check(Schema.isMinLength(1, { message: "must not be empty" }), Schema.isMaxLength(100, { message: "at most 100 characters" }))

/** A parameter made from a schema of strings. */
export const param = <A>(
  name: string,
  location: ParamLocation,
  schema: Schema.Codec<A, string>,
  description: string,
  jsonSchema: Record<string, unknown>,
  required = location === "path"
): Param<A> => ({ name, in: location, required, description, jsonSchema, schema })

/** One of a few words. */
export const oneOf = <const L extends ReadonlyArray<string>>(name: string, values: L, description: string, fallback: L[number]): Param<L[number]> =>
  param(name, "query", Schema.Literals(values) as unknown as Schema.Codec<L[number], string>, `${description} (default ${fallback})`, { type: "string", enum: [...values], default: fallback })

/** Decodes one parameter's raw value; throws `BadParameter`. */
export const decodeParam = <A>(spec: Param<A>, raw: string | undefined): A | undefined => {
  if (raw === undefined || raw === "") {
    if (spec.required) throw new BadParameter({ parameter: spec.name, reason: "is required" })
    return undefined
  }
  const result = Schema.decodeUnknownResult(spec.schema)(raw)
  if (result._tag === "Failure") {
    const reason = result.failure.message.split("\n")[0] ?? "is not valid"
    throw new BadParameter({ parameter: spec.name, reason: reason.replace(/^Expected /, "expected ") })
  }
  return result.success
}
