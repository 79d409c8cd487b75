// The few places where the app's fixed SQL cannot read the same on SQLite and PostgreSQL
// (docs/decisions/0033-two-engines.md): each helper returns the fragment for the engine in use.
// SQLite keeps the text it was tuned with (docs/decisions/0017-hot-reads.md); PostgreSQL gets
// the equivalent. Everything else in the fixed SQL is written once, in the dialect both accept.
import { Prisma } from "~/generated/prisma/client";
import { databaseEngine } from "./db.server";

const onPostgres = databaseEngine === "postgresql";

type Fragment = Prisma.Sql | string | number | null;

/**
 * A JSON array (bound text, or a column holding it) as a table with one text column "value",
 * e.g. `"id" IN (SELECT "value" FROM ${jsonTextValues(JSON.stringify(ids))})`. `alias` names the
 * table when the query refers to it (`e."value"`).
 */
export function jsonTextValues(json: Fragment, alias?: string): Prisma.Sql {
  const as = alias ? Prisma.raw(` AS ${alias}`) : Prisma.empty;
  return onPostgres ? Prisma.sql`json_array_elements_text(${json}::json)${as}` : Prisma.sql`json_each(${json})${as}`;
}

/**
 * A bound JSON array of objects as a subquery with one row per element, in the array's order,
 * its element in column `j` (read its fields with jsonFields). Aliased `q`.
 */
export function jsonElements(json: string): Prisma.Sql {
  return onPostgres
    ? Prisma.sql`(SELECT e."j" FROM json_array_elements(${json}::json) WITH ORDINALITY AS e("j", "key") ORDER BY e."key") AS q`
    : Prisma.sql`(SELECT "value" AS j FROM json_each(${json}) ORDER BY "key") AS q`;
}

/** A column's type on PostgreSQL, for a field read out of JSON text (SQLite keeps JSON's own types). */
export type FieldType = "text" | "bigint" | "double precision" | "boolean" | "timestamp(3)";

/**
 * Fields of the JSON object in column `row` (from jsonElements), comma-separated, each as the
 * column type it is written to: `jsonFields("j", ["id", ["grossG", "bigint"]])`.
 */
export function jsonFields(row: string, fields: (string | [string, FieldType])[]): Prisma.Sql {
  return Prisma.raw(fields.map((f) => (typeof f === "string" ? field(row, f, "text") : field(row, f[0], f[1]))).join(", "));
}

/** One field of the JSON object in column `row`, as `type` on PostgreSQL. */
export function jsonField(row: string, key: string, type: FieldType = "text"): Prisma.Sql {
  return Prisma.raw(field(row, key, type));
}

function field(row: string, key: string, type: FieldType): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a JSON field name: ${key}`);
  if (!onPostgres) return `${row} ->> '$.${key}'`;
  return type === "text" ? `${row} ->> '${key}'` : `(${row} ->> '${key}')::${type}`;
}

/**
 * A moment as the engine stores a DateTime, to compare with stored ones or write in fixed SQL:
 * ISO text in UTC on SQLite (as Prisma writes it), the Date itself on PostgreSQL.
 */
export function dbTime(d: Date): string | Date {
  return onPostgres ? d : d.toISOString().replace("Z", "+00:00");
}

/** A JSON array of the given values (as JSON, to nest or aggregate; wrap in jsonText to read it). */
export function jsonArray(...items: Prisma.Sql[]): Prisma.Sql {
  return onPostgres ? Prisma.sql`json_build_array(${Prisma.join(items)})` : Prisma.sql`json_array(${Prisma.join(items)})`;
}

/** The aggregate of a group's values as one JSON array text, `[]` for no rows (as SQLite's json_group_array). */
export function jsonGroupArray(item: Prisma.Sql): Prisma.Sql {
  return onPostgres ? Prisma.sql`COALESCE(json_agg(${item})::text, '[]')` : Prisma.sql`json_group_array(${item})`;
}

/** A JSON value as its text, which both engines hand back to the app as a string. */
export function jsonText(value: Prisma.Sql): Prisma.Sql {
  return onPostgres ? Prisma.sql`(${value})::text` : value;
}

/** A condition as 0 or 1, to sum or compare (SQLite's conditions are already integers). */
export function asInt(condition: Prisma.Sql): Prisma.Sql {
  return onPostgres ? Prisma.sql`(${condition})::int` : condition;
}

/**
 * The calendar day (YYYY-MM-DD) of a stored timestamp in Vietnam (UTC+7, no daylight saving).
 * SQLite stores Prisma's DateTime as ISO text in UTC, PostgreSQL as a timestamp in UTC.
 */
export function vnDay(column: string): Prisma.Sql {
  return onPostgres ? Prisma.raw(`to_char(${column} + interval '7 hours', 'YYYY-MM-DD')`) : Prisma.raw(`date(${column}, '+7 hours')`);
}

/** The order rows were written in: SQLite's rowid; on PostgreSQL the given column(s) that follow it. */
export function writtenOrder(postgresColumns: string): Prisma.Sql {
  return Prisma.raw(onPostgres ? postgresColumns : "rowid");
}

/**
 * An inner join whose left side SQLite must loop over first (its CROSS JOIN, which keeps the
 * written order: docs/decisions/0017-hot-reads.md). PostgreSQL plans joins on its statistics and
 * takes no ON after CROSS JOIN: a plain JOIN there.
 */
export const orderedJoin: Prisma.Sql = Prisma.raw(onPostgres ? "JOIN" : "CROSS JOIN");

/** The number of elements of a JSON array held as text. */
export function jsonArrayLength(json: Prisma.Sql): Prisma.Sql {
  return onPostgres ? Prisma.sql`json_array_length((${json})::json)` : Prisma.sql`json_array_length(${json})`;
}

/**
 * The name PostgreSQL requires on a subquery in FROM, where SQLite's text is kept as tuned (its
 * query plans name an unnamed subquery "(subquery-N)", which tests of those plans rely on).
 */
export function subqueryName(name: string): Prisma.Sql {
  return Prisma.raw(onPostgres ? ` AS ${name}` : "");
}
