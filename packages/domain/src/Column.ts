/**
 * Column declarations for the bundle's tables: the one place a column's type,
 * nullability, key role and code list are stated. Types, schemas, the SQLite
 * DDL and the import validator are all derived from these declarations.
 */
import type { CodeList } from "./CodeList.js"

/** The value forms a bundle column can take (see `docs/bundle-format.md`, Value types). */
export type ColumnKind = "id" | "int" | "num" | "text" | "code" | "date" | "datetime" | "bool"

/** One column of a bundle table. */
export interface Column<K extends ColumnKind = ColumnKind, N extends boolean = boolean> {
  readonly kind: K
  /** May the field be empty (NULL)? A `bool` is never NULL: empty means 0. */
  readonly nullable: N
  readonly primaryKey: boolean
  /** The table whose primary key this column names, when it is a foreign key. */
  readonly references: string | undefined
  /** For checked code columns: the list a value must come from. */
  readonly codeList: CodeList | undefined
  /** Values of this column are personal data and never appear in messages. */
  readonly private: boolean
}

/** The TypeScript value held by a column of kind `K`. */
export type KindValue<K extends ColumnKind> = K extends "id" | "int" | "num" ? number
  : K extends "bool" ? boolean
  : string

/** The TypeScript value held by column `C`, with `null` where it is nullable. */
export type ColumnValue<C> = C extends Column<infer K, infer N> ? (N extends true ? KindValue<K> | null : KindValue<K>)
  : never

const column = <K extends ColumnKind, N extends boolean>(
  kind: K,
  nullable: N,
  extra: Partial<Omit<Column, "kind" | "nullable">> = {}
): Column<K, N> => ({
  kind,
  nullable,
  primaryKey: extra.primaryKey ?? false,
  references: extra.references,
  codeList: extra.codeList,
  private: extra.private ?? false
})

/** Column builders, named after the bundle's type notation. */
export const col = {
  /** `id PK` */
  pk: () => column("id", false, { primaryKey: true }),
  /** `→ table` */
  ref: (table: string) => column("id", false, { references: table }),
  /** `→ table` that may be NULL */
  refOrNull: (table: string) => column("id", true, { references: table }),
  int: () => column("int", false),
  intOrNull: () => column("int", true),
  num: () => column("num", false),
  numOrNull: () => column("num", true),
  text: (options: { private?: boolean } = {}) => column("text", false, options),
  textOrNull: (options: { private?: boolean } = {}) => column("text", true, options),
  /** A code; with a list, values outside it are rejected ("checked"). */
  code: (codeList?: CodeList) => column("code", false, { codeList }),
  codeOrNull: (codeList?: CodeList) => column("code", true, { codeList }),
  date: () => column("date", false),
  dateOrNull: (options: { private?: boolean } = {}) => column("date", true, options),
  datetime: () => column("datetime", false),
  datetimeOrNull: () => column("datetime", true),
  bool: () => column("bool", false)
}
