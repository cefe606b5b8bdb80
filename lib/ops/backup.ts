/**
 * Logical backup and restore through the app's own database client, so one format serves both
 * engines (PGlite and Postgres) and a backup of one restores into the other.
 *
 * The file is JSON lines: a header (format, migrations applied), then per table its columns and
 * batches of rows (each row as Postgres' `to_jsonb`, so every type round-trips exactly), then the
 * sequences' positions, then a trailer with row counts (a truncated file is refused). Tables and
 * columns are read from the catalog, so tables added by later migrations are included without
 * changes here; parents come before children (foreign keys).
 */
import { asc, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { column, rawRows } from "@/db/raw";

export const BACKUP_FORMAT = "runsheet-backup";
export const BACKUP_VERSION = 1;
const BATCH = 1000;

type Header = { kind: "header"; format: string; version: number; createdAt: string; engine: string; migrations: string[] };
type TableLine = { kind: "table"; name: string; columns: string[] };
type RowsLine = { kind: "rows"; table: string; rows: Record<string, unknown>[] };
type SequenceLine = { kind: "sequence"; name: string; value: string | null };
type EndLine = { kind: "end"; counts: Record<string, number> };
type Line = Header | TableLine | RowsLine | SequenceLine | EndLine;

export class BackupError extends Error {
  name = "BackupError";
}

const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);

/** User tables of the public schema, parents before children. */
export async function tablesInDependencyOrder(db: Db | Tx): Promise<string[]> {
  const tables = (
    await rawRows(
      db,
      { name: column.text("name") },
      sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition`,
      { orderBy: (r) => [asc(r.name)] },
    )
  ).map((r) => r.name);
  const edges = await rawRows(
    db,
    { child: column.text("child"), parent: column.text("parent") },
    sql`select ch.relname as child, pa.relname as parent from pg_constraint k
        join pg_class ch on ch.oid = k.conrelid join pg_class pa on pa.oid = k.confrelid
        join pg_namespace n on n.oid = ch.relnamespace
        where k.contype = 'f' and n.nspname = 'public' and ch.oid <> pa.oid`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) parents.get(e.child)?.add(e.parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p) || !parents.has(p)));
    if (ready.length === 0) {
      throw new BackupError(`Foreign keys form a cycle among: ${tables.filter((t) => !done.has(t)).join(", ")}`);
    }
    for (const t of ready) {
      ordered.push(t);
      done.add(t);
    }
  }
  return ordered;
}

async function columnsOf(db: Db | Tx, table: string): Promise<string[]> {
  const rows = await rawRows(
    db,
    { name: column.text("name"), pos: column.int("pos") },
    sql`select a.attname as name, a.attnum as pos from pg_attribute a
        where a.attrelid = ${`public."${table}"`}::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''`,
    { orderBy: (r) => [asc(r.pos)] },
  );
  return rows.map((r) => r.name);
}

async function primaryKeyOf(db: Db | Tx, table: string): Promise<string[]> {
  const rows = await rawRows(
    db,
    { name: column.text("name"), pos: column.int("pos") },
    sql`select a.attname as name, k.pos from pg_index i
        join lateral unnest(i.indkey) with ordinality as k(attnum, pos) on true
        join pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
        where i.indrelid = ${`public."${table}"`}::regclass and i.indisprimary`,
    { orderBy: (r) => [asc(r.pos)] },
  );
  return rows.map((r) => r.name);
}

async function appliedMigrations(db: Db | Tx): Promise<string[]> {
  const [exists] = await rawRows(db, { ok: column.bool("ok") }, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as ok`);
  if (!exists?.ok) return [];
  const rows = await rawRows(db, { hash: column.text("hash"), at: column.number("at"), id: column.int("id") }, sql`select hash, created_at as at, id from drizzle.__drizzle_migrations`, {
    orderBy: (r) => [asc(r.at), asc(r.id)],
  });
  return rows.map((r) => r.hash);
}

/** Stable order of a table's rows: primary key, else physical order (stable inside one snapshot). */
async function orderBy(db: Db | Tx, table: string): Promise<SQL> {
  const pk = await primaryKeyOf(db, table);
  return pk.length ? sql.join(pk.map(ident), sql`, `) : sql`ctid`;
}

/**
 * Writes every table and sequence, read in one repeatable-read snapshot (consistent even while
 * a Postgres-backed server keeps writing). Returns the row count per table.
 */
export async function backupDatabase(
  db: Db,
  engine: string,
  write: (line: string) => Promise<void> | void,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const emit = (line: Line) => write(JSON.stringify(line) + "\n");
  await db.transaction(
    async (tx) => {
      await emit({
        kind: "header",
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        createdAt: new Date().toISOString(),
        engine,
        migrations: await appliedMigrations(tx),
      });
      for (const table of await tablesInDependencyOrder(tx)) {
        const columns = await columnsOf(tx, table);
        const order = await orderBy(tx, table);
        const select = sql.join(columns.map(ident), sql`, `);
        await emit({ kind: "table", name: table, columns });
        counts[table] = 0;
        for (let offset = 0; ; offset += BATCH) {
          // Any table, any columns: a row here is genuinely a record of unknowns. It travels as
          // jsonb text and is parsed in JS (not by the driver), so both engines read it alike.
          const [batch] = await rawRows(
            tx,
            { rows: column.json<Record<string, unknown>[] | null>("rows") },
            sql`select jsonb_agg(to_jsonb(t))::text as rows from
                (select ${select} from ${ident(table)} order by ${order} limit ${BATCH} offset ${offset}) t`,
          );
          if (!batch?.rows) break;
          const rows = batch.rows;
          counts[table] += rows.length;
          await emit({ kind: "rows", table, rows });
          if (rows.length < BATCH) break;
        }
      }
      const sequences = await rawRows(
        tx,
        { name: column.text("name"), value: column.textOrNull("value") },
        sql`select sequencename as name, last_value::text as value from pg_sequences where schemaname = 'public'`,
        { orderBy: (r) => [asc(r.name)] },
      );
      for (const s of sequences) await emit({ kind: "sequence", name: s.name, value: s.value });
      await emit({ kind: "end", counts });
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  return counts;
}

/** Tables that hold rows; an instance is "empty" when this is empty. */
export async function nonEmptyTables(db: Db | Tx): Promise<string[]> {
  const found: string[] = [];
  for (const table of await tablesInDependencyOrder(db)) {
    const [row] = await rawRows(db, { any: column.bool("any") }, sql`select exists (select 1 from ${ident(table)}) as any`);
    if (row?.any) found.push(table);
  }
  return found;
}

/**
 * Loads a backup into an EMPTY, migrated instance in one transaction: all or nothing. Refuses a
 * non-empty instance, a backup from a newer schema, and a truncated file. User triggers (e.g.
 * the append-only guards, or anything that writes on insert) are disabled for the load only.
 */
export async function restoreDatabase(db: Db, lines: AsyncIterable<string>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction(async (tx) => {
    const busy = await nonEmptyTables(tx);
    if (busy.length) {
      throw new BackupError(
        `Refusing to restore: the target database is not empty (rows in ${busy.join(", ")}). ` +
          "Restore into a fresh data directory or an empty Postgres database.",
      );
    }
    const known = new Set(await tablesInDependencyOrder(tx));
    const applied = new Set(await appliedMigrations(tx));
    const columnsByTable = new Map<string, string[]>();
    const disabled: string[] = [];
    let header: Header | undefined;
    let end: EndLine | undefined;
    let lineNo = 0;

    for await (const raw of lines) {
      lineNo++;
      if (!raw.trim()) continue;
      let line: Line;
      try {
        line = JSON.parse(raw) as Line;
      } catch {
        throw new BackupError(`Line ${lineNo} of the backup is not valid JSON: the file is damaged.`);
      }
      if (!header) {
        if (line.kind !== "header" || line.format !== BACKUP_FORMAT) throw new BackupError("This is not a Runsheet backup file.");
        if (line.version > BACKUP_VERSION) throw new BackupError(`Backup format ${line.version} is newer than this Runsheet understands.`);
        const missing = line.migrations.filter((m) => !applied.has(m));
        if (missing.length) {
          throw new BackupError(
            `The backup was made by a newer Runsheet (${missing.length} database migration(s) this version does not have). ` +
              "Restore it with the same or a newer version.",
          );
        }
        header = line;
        continue;
      }
      if (line.kind === "table") {
        if (!known.has(line.name)) throw new BackupError(`The backup has a table this version does not know: ${line.name}.`);
        const have = new Set(await columnsOf(tx, line.name));
        const unknown = line.columns.filter((c) => !have.has(c));
        if (unknown.length) throw new BackupError(`The backup has columns this version does not know: ${line.name}.${unknown.join(", ")}.`);
        columnsByTable.set(line.name, line.columns);
        await tx.execute(sql`alter table ${ident(line.name)} disable trigger user`);
        disabled.push(line.name);
        counts[line.name] = 0;
      } else if (line.kind === "rows") {
        const columns = columnsByTable.get(line.table);
        if (!columns) throw new BackupError(`Line ${lineNo}: rows for ${line.table} before its table entry.`);
        const list = sql.join(columns.map(ident), sql`, `);
        await tx.execute(
          sql`insert into ${ident(line.table)} (${list}) overriding system value
              select ${list} from jsonb_populate_recordset(null::${ident(line.table)}, ${JSON.stringify(line.rows)}::jsonb)`,
        );
        counts[line.table] += line.rows.length;
      } else if (line.kind === "sequence") {
        if (line.value !== null) await tx.execute(sql`select setval(${`public."${line.name}"`}::regclass, ${line.value}::bigint, true)`);
      } else if (line.kind === "end") {
        end = line;
      }
    }
    if (!header) throw new BackupError("The backup file is empty.");
    if (!end) throw new BackupError("The backup file is incomplete (no end marker): it was cut short. Nothing was restored.");
    for (const [table, n] of Object.entries(end.counts)) {
      if ((counts[table] ?? 0) !== n) throw new BackupError(`The backup file is inconsistent: ${table} should have ${n} rows.`);
    }
    for (const table of disabled) await tx.execute(sql`alter table ${ident(table)} enable trigger user`);
  });
  return counts;
}
