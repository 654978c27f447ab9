import { Prisma } from './generated/client.ts';
import { num, type Queryable, rows, type Sql, sql } from './sql.ts';

/**
 * What a copy needs to know about a database's tables, read from its own catalog: the one place
 * where SQLite and PostgreSQL are asked differently (pragma_* against pg_catalog and
 * information_schema). Tables come in dependency order, parents before children, so rows can
 * be inserted with foreign keys checked.
 */

export type ColumnKind = 'boolean' | 'timestamp' | 'integer' | 'other';
/** `type`: the database's own name of the column's type (PostgreSQL's udt_name: int4, timestamp…). */
export type Column = { name: string; kind: ColumnKind; type: string };
export type Table = {
  name: string;
  columns: Column[];
  /** Primary key columns, in key order: the copy reads in this order, a page at a time. */
  key: string[];
  /** The column filled from a sequence (PostgreSQL), whose next value must follow the copied ids. */
  serial: string | null;
};

/** A quoted identifier (both dialects quote with double quotes). */
export function ident(name: string): Sql {
  return Prisma.raw(`"${name.replaceAll('"', '""')}"`);
}

function kindOf(type: string): ColumnKind {
  const t = type.toLowerCase();
  if (t === 'boolean' || t === 'bool') return 'boolean';
  if (t.startsWith('timestamp') || t === 'datetime') return 'timestamp';
  if (['integer', 'int', 'bigint', 'int4', 'int8'].includes(t)) return 'integer';
  return 'other';
}

type RawTable = Omit<Table, 'key'> & { key: { name: string; at: number }[]; parents: string[] };

async function sqliteTables(q: Queryable): Promise<RawTable[]> {
  const names = await rows<{ name: string }>(
    q,
    sql`SELECT "name" FROM sqlite_master WHERE "type" = 'table' AND "name" NOT LIKE 'sqlite_%' AND "name" <> '_prisma_migrations'`,
  );
  const out: RawTable[] = [];
  for (const { name } of names) {
    const info = await rows<{ name: string; type: string; pk: number | bigint }>(
      q,
      sql`SELECT "name", "type", "pk" FROM pragma_table_info(${name}) ORDER BY "cid"`,
    );
    const fks = await rows<{ parent: string }>(
      q,
      sql`SELECT "table" AS "parent" FROM pragma_foreign_key_list(${name})`,
    );
    out.push({
      name,
      columns: info.map((c) => ({ name: c.name, kind: kindOf(c.type), type: c.type })),
      key: info.filter((c) => num(c.pk) > 0).map((c) => ({ name: c.name, at: num(c.pk) })),
      parents: fks.map((f) => f.parent),
      serial: null,
    });
  }
  return out;
}

async function postgresTables(q: Queryable): Promise<RawTable[]> {
  const columns = await rows<{ table: string; name: string; type: string; serial: boolean }>(
    q,
    sql`SELECT "table_name" AS "table", "column_name" AS "name", "udt_name" AS "type",
               COALESCE("column_default" LIKE 'nextval(%', false) AS "serial"
          FROM information_schema.columns
         WHERE "table_schema" = 'public' AND "table_name" <> '_prisma_migrations'
         ORDER BY "table_name", "ordinal_position"`,
  );
  const keys = await rows<{ table: string; name: string; at: number }>(
    q,
    sql`SELECT c.relname AS "table", a.attname AS "name", k.n::int AS "at"
          FROM pg_constraint p JOIN pg_class c ON c.oid = p.conrelid
          CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, n)
          JOIN pg_attribute a ON a.attrelid = p.conrelid AND a.attnum = k.attnum
         WHERE p.contype = 'p' AND p.connamespace = 'public'::regnamespace`,
  );
  const fks = await rows<{ table: string; parent: string }>(
    q,
    sql`SELECT c.relname AS "table", f.relname AS "parent"
          FROM pg_constraint p JOIN pg_class c ON c.oid = p.conrelid JOIN pg_class f ON f.oid = p.confrelid
         WHERE p.contype = 'f' AND p.connamespace = 'public'::regnamespace`,
  );
  const names = [...new Set(columns.map((c) => c.table))];
  return names.map((name) => {
    const own = columns.filter((c) => c.table === name);
    return {
      name,
      columns: own.map((c) => ({ name: c.name, kind: kindOf(c.type), type: c.type })),
      key: keys.filter((k) => k.table === name),
      parents: fks.filter((f) => f.table === name).map((f) => f.parent),
      serial: own.find((c) => c.serial)?.name ?? null,
    };
  });
}

/** Parents before children; a table that refers to itself does not wait for itself. */
function dependencyOrder(tables: RawTable[]): RawTable[] {
  const left = new Map(tables.map((t) => [t.name, t]));
  const ordered: RawTable[] = [];
  while (left.size > 0) {
    const ready = [...left.values()]
      .filter((t) => t.parents.every((p) => p === t.name || !left.has(p)))
      .sort((a, b) => a.name.localeCompare(b.name));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among ${[...left.keys()].join(', ')}`);
    for (const t of ready) {
      left.delete(t.name);
      ordered.push(t);
    }
  }
  return ordered;
}

/** The tables of a database (Prisma's bookkeeping left out), parents first. */
export async function readCatalog(q: Queryable, provider: 'sqlite' | 'postgresql'): Promise<Table[]> {
  const raw = provider === 'sqlite' ? await sqliteTables(q) : await postgresTables(q);
  return dependencyOrder(raw).map((t) => ({
    name: t.name,
    columns: t.columns,
    key: [...t.key].sort((a, b) => a.at - b.at).map((k) => k.name),
    serial: t.serial,
  }));
}

/** Makes a PostgreSQL sequence continue after the largest id copied (SQLite's AUTOINCREMENT does so itself). */
export async function resetSequence(q: Queryable, table: Table): Promise<void> {
  if (table.serial === null) return;
  const qualified = `"${table.name.replaceAll('"', '""')}"`;
  await rows(
    q,
    sql`SELECT setval(pg_get_serial_sequence(${qualified}, ${table.serial}),
                      COALESCE((SELECT MAX(${ident(table.serial)}) FROM ${ident(table.name)}), 0) + 1, false)`,
  );
}
