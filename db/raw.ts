import { sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "./client";

/**
 * Raw SQL, typed. Most reads are Drizzle selects; the few that need SQL the query builder cannot
 * say (VALUES lists, window functions over CTEs, DISTINCT ON…) are read through `rawRows`, which
 * wraps the statement in a CTE whose output columns are declared with `column.*`. Each column
 * names its output and carries its runtime mapping, so a row's type is checked where it is read
 * (a renamed or missing column fails the query, never an `as` cast) and both engines return the
 * same values.
 */
const named = <T>(name: string, map: (v: unknown) => T) => sql<T>`${sql.identifier(name)}`.mapWith(map).as(name);

const toDate = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));

export const column = {
  int: (name: string) => named(name, Number),
  intOrNull: (name: string) => named(name, (v) => (v == null ? null : Number(v))),
  /** numeric and float columns (numeric arrives as text on both engines). */
  number: (name: string) => named(name, Number),
  text: (name: string) => named(name, String),
  textOrNull: (name: string) => named(name, (v) => (v == null ? null : String(v))),
  bool: (name: string) => named(name, (v) => v === true || v === "t" || v === "true"),
  timestamp: (name: string) => named(name, toDate),
  timestampOrNull: (name: string) => named(name, (v) => (v == null ? null : toDate(v))),
  /** A value of a known union (an enum column): the type says which. */
  of: <T extends string>(name: string) => named(name, (v) => String(v) as T),
  ofOrNull: <T extends string>(name: string) => named(name, (v) => (v == null ? null : (String(v) as T))),
  json: <T>(name: string) => named(name, (v) => (typeof v === "string" ? (JSON.parse(v) as T) : (v as T))),
};

type Columns = Record<string, SQL.Aliased<unknown>>;
export type RowOf<C extends Columns> = { [K in keyof C]: C[K] extends SQL.Aliased<infer T> ? T : never };

/**
 * The rows of a read-only statement, with the declared columns (`select … from raw`). The row type
 * is derived from the columns' mappings; Drizzle cannot infer it through a generic selection, so
 * this is the one place the two are joined.
 */
export async function rawRows<C extends Columns>(
  db: DbOrTx,
  columns: C,
  statement: SQL,
  options: { orderBy?: (raw: C) => SQL[] } = {},
): Promise<RowOf<C>[]> {
  const raw = db.$with("raw", columns).as(statement);
  const query = db.with(raw).select().from(raw as never);
  // The outer select is what the rows come back in: an ORDER BY inside the statement does not
  // bind it, so an ordered read says its order here.
  const ordered = options.orderBy ? query.orderBy(...options.orderBy(raw as unknown as C)) : query;
  return (await ordered) as RowOf<C>[];
}
