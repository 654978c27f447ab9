import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Column, ident, readCatalog, resetSequence, type Table } from './copy-catalog.ts';
import { type Database, type DatabaseTarget, ensureDataDirectory, openDatabaseAt } from './db.ts';
import { DatabaseError } from './errors.ts';
import { Prisma } from './generated/client.ts';
import type { Provider } from './migrations/engine.ts';
import {
  applyMigrations,
  applyMigrationsAt,
  databaseProvider,
  MIGRATIONS_DIR,
  pendingMigrations,
  readMigrationList,
} from './migrations.ts';
import { describePostgresServer } from './postgres/errors.ts';
import { empty, exec, join, num, type Queryable, rows, type Sql, sql } from './sql.ts';

/**
 * `npm run db:copy -- <from-url> <to-url>`: every row of one database into a new one, typically
 * an existing SQLite file into a fresh PostgreSQL database (or back). The target is migrated
 * first and must hold no data; the rows go in, table by table in dependency order with their
 * ids, in ONE transaction on the target (a failure leaves it empty), read from one consistent
 * snapshot of the source (its write lock on SQLite: stop the bot first). PostgreSQL sequences
 * are then moved past the copied ids.
 */

export type CopyResult = {
  from: string;
  to: string;
  tables: { name: string; rows: number }[];
  rows: number;
  ms: number;
};

/** Parameters per INSERT into SQLite: under its limit of 32,766. */
const MAX_PARAMS = 30_000;
/** Rows per INSERT into PostgreSQL, which takes a page as one array per column. */
const POSTGRES_PAGE = 5_000;
/** A copy of millions of rows takes minutes: far longer than a write of the bot may. */
const COPY_TIMEOUT_MS = 24 * 3_600_000;

/** A DATABASE_URL-style URL as a target: file: paths resolved against `cwd`. */
export function targetOf(url: string, cwd: string, poolSize = 4): DatabaseTarget {
  const trimmed = url.trim();
  if (databaseProvider(trimmed) === 'postgresql') return { provider: 'postgresql', url: trimmed, poolSize };
  if (/[?#]/.test(trimmed)) throw new DatabaseError(`db:copy: ${trimmed}: a SQLite URL takes no ?options`);
  return { provider: 'sqlite', path: path.resolve(cwd, trimmed.slice('file:'.length)) };
}

/** A database as the copy names it: the file, or host:port/database (never the password). */
export function describeTarget(target: DatabaseTarget): string {
  return target.provider === 'sqlite' ? target.path : describePostgresServer(target.url);
}

async function pendingAt(target: DatabaseTarget): Promise<string[]> {
  if (target.provider === 'sqlite') {
    if (!existsSync(target.path))
      throw new DatabaseError(`db:copy: the source ${target.path} does not exist`);
    return pendingMigrations(target.path, readMigrationList(MIGRATIONS_DIR, 'sqlite'));
  }
  const { pendingPostgresMigrations, POSTGRES_MIGRATIONS_DIR } = await import('./postgres/migrations.ts');
  return pendingPostgresMigrations(target.url, readMigrationList(POSTGRES_MIGRATIONS_DIR, 'postgresql'));
}

async function migrate(target: DatabaseTarget): Promise<void> {
  if (target.provider === 'postgresql') {
    await applyMigrationsAt(target.url);
    return;
  }
  ensureDataDirectory(target.path);
  await applyMigrations(target.path);
}

async function refuseData(q: Queryable, tables: Table[], where: string): Promise<void> {
  const held: string[] = [];
  for (const t of tables) {
    const [row] = await rows<{ n: number | bigint }>(q, sql`SELECT COUNT(*) AS "n" FROM ${ident(t.name)}`);
    if (num(row?.n) > 0) held.push(`${t.name} ${num(row?.n)}`);
  }
  if (held.length > 0)
    throw new DatabaseError(
      `db:copy: the target ${where} already holds data (${held.join(', ')} rows); copy into a new, empty database`,
    );
}

/** A value as the target column takes it (SQLite's 0/1 and epoch numbers, drivers' bigints). */
function convert(value: unknown, column: Column): unknown {
  if (value === null || value === undefined) return null;
  if (column.kind === 'boolean' && (typeof value === 'number' || typeof value === 'bigint'))
    return Number(value) !== 0;
  if (column.kind === 'timestamp' && !(value instanceof Date))
    return new Date(typeof value === 'string' ? value : Number(value));
  if (typeof value === 'bigint' && Number.isSafeInteger(Number(value))) return Number(value);
  return value;
}

/**
 * The INSERT of one page, per target: PostgreSQL takes one array per column through unnest
 * (3x faster than a VALUES list, and no parameter limit); SQLite a VALUES list.
 */
function insertPage(provider: Provider, table: Table, page: Record<string, unknown>[]): Sql {
  const columns = join(table.columns.map((c) => ident(c.name)));
  if (provider === 'sqlite') {
    const values = page.map((r) => sql`(${join(table.columns.map((c) => convert(r[c.name], c)))})`);
    return sql`INSERT INTO ${ident(table.name)} (${columns}) VALUES ${join(values, ', ')}`;
  }
  const arrays = table.columns.map((c) => {
    // Dates as ISO text: PostgreSQL reads them into TIMESTAMP(3) as the UTC time they are.
    const values = page.map((r) => {
      const v = convert(r[c.name], c);
      return v instanceof Date ? v.toISOString() : v;
    });
    return sql`${values}::${Prisma.raw(`"${c.type.replaceAll('"', '""')}"`)}[]`;
  });
  return sql`INSERT INTO ${ident(table.name)} (${columns}) SELECT * FROM unnest(${join(arrays)})`;
}

/** Copies one table a page at a time, in key order (keyset paging: no OFFSET scans); returns the rows copied. */
async function copyTable(from: Queryable, to: Queryable, provider: Provider, table: Table): Promise<number> {
  const columns = join(table.columns.map((c) => ident(c.name)));
  const key = join(table.key.map(ident));
  const page =
    provider === 'postgresql' ? POSTGRES_PAGE : Math.max(1, Math.floor(MAX_PARAMS / table.columns.length));
  let after: unknown[] | null = null;
  let copied = 0;
  for (;;) {
    const where = after === null ? empty : sql`WHERE (${key}) > (${join(after)})`;
    const found = await rows<Record<string, unknown>>(
      from,
      sql`SELECT ${columns} FROM ${ident(table.name)} ${where} ORDER BY ${key} LIMIT ${page}`,
    );
    if (found.length === 0) break;
    await exec(to, insertPage(provider, table, found));
    copied += found.length;
    const last = found[found.length - 1] as Record<string, unknown>;
    after = table.key.map((k) => last[k]);
    if (found.length < page) break;
  }
  return copied;
}

async function copyAll(
  source: Database,
  target: Database,
  tables: Table[],
  log: (line: string) => void,
): Promise<CopyResult['tables']> {
  const long = { timeoutMs: COPY_TIMEOUT_MS, maxWaitMs: 10_000 };
  return source.writeTransaction(
    (from) =>
      target.writeTransaction(async (to) => {
        const counts: CopyResult['tables'] = [];
        for (const table of tables) {
          const n = await copyTable(from, to, target.provider, table);
          if (target.provider === 'postgresql') await resetSequence(to, table);
          counts.push({ name: table.name, rows: n });
          log(`  ${table.name}: ${n.toLocaleString('en-US')} rows`);
        }
        return counts;
      }, long),
    long,
  );
}

export async function copyDatabase(
  fromUrl: string,
  toUrl: string,
  options: { cwd?: string; log?: (line: string) => void } = {},
): Promise<CopyResult> {
  const started = Date.now();
  const cwd = options.cwd ?? process.cwd();
  const log = options.log ?? (() => {});
  const [from, to] = [targetOf(fromUrl, cwd), targetOf(toUrl, cwd)];
  const [fromName, toName] = [describeTarget(from), describeTarget(to)];
  if (fromName === toName) throw new DatabaseError(`db:copy: the source and the target are both ${fromName}`);
  const pending = await pendingAt(from);
  if (pending.length > 0)
    throw new DatabaseError(
      `db:copy: the source ${fromName} lacks ${pending.length} migration(s) (${pending.join(', ')}); start the bot on it once, or run npm run db:migrate with DATABASE_URL set to it, then copy`,
    );
  await migrate(to);
  const [source, target] = [await openDatabaseAt(from), await openDatabaseAt(to)];
  try {
    const tables = await readCatalog(target.client, to.provider);
    await refuseData(target.client, tables, toName);
    log(`Copying ${fromName} into ${toName}`);
    const counts = await copyAll(source, target, tables, log);
    const total = counts.reduce((s, t) => s + t.rows, 0);
    return { from: fromName, to: toName, tables: counts, rows: total, ms: Date.now() - started };
  } finally {
    await Promise.all([source.close(), target.close()]);
  }
}
