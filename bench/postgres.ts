import pg from 'pg';
import { startThrowawayPostgres, type ThrowawayPostgres, withDatabase } from '../test/support/postgres.ts';

/**
 * The PostgreSQL server of `npm run bench -- --db postgres`: the one at POSTGRES_ADMIN_URL (its
 * user must be allowed to create databases; only bench_* databases are created and dropped), or
 * a throwaway server started from the local binaries, with durable settings closer to a real
 * server than the tests' (fsync on; synchronous_commit off, like SQLite's synchronous=NORMAL in
 * WAL mode: a crash may lose the last commits, never corrupt).
 */

const BENCH_SETTINGS = [
  '-c fsync=on -c synchronous_commit=off -c full_page_writes=on',
  '-c shared_buffers=256MB -c effective_cache_size=2GB -c work_mem=16MB',
  '-c maintenance_work_mem=256MB -c max_wal_size=4GB -c checkpoint_timeout=15min',
].join(' ');

export type BenchServer = {
  /** A user that may create databases. */
  adminUrl: string;
  /** What the server is: version and where its settings come from. */
  description: string;
  stop(): void;
};

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

export async function benchServer(): Promise<BenchServer> {
  const given = process.env.POSTGRES_ADMIN_URL?.trim();
  let server: ThrowawayPostgres | null = null;
  if (given === undefined || given === '') server = await startThrowawayPostgres(BENCH_SETTINGS);
  const adminUrl = given || (server as ThrowawayPostgres).adminUrl;
  const [row] = await query<{ v: string; sb: string }>(
    adminUrl,
    "SELECT current_setting('server_version') AS v, current_setting('shared_buffers') AS sb",
  );
  const where =
    server === null
      ? 'the server at POSTGRES_ADMIN_URL'
      : `a throwaway server on this machine (${BENCH_SETTINGS.replaceAll('-c ', '')})`;
  return {
    adminUrl,
    description: `PostgreSQL ${row?.v ?? '?'}, ${where}`,
    stop: () => server?.stop(),
  };
}

/** A new, empty database `name` (dropped first if it exists); returns its URL. */
export async function freshDatabase(server: BenchServer, name: string): Promise<string> {
  await query(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await query(server.adminUrl, `CREATE DATABASE ${name}`);
  return withDatabase(server.adminUrl, name);
}

export async function dropDatabase(server: BenchServer, name: string): Promise<void> {
  await query(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

/** Tables and indexes by size, as tableSizes reports SQLite's; and the whole database. */
export async function postgresSizes(
  url: string,
): Promise<{ tables: { name: string; bytes: number }[]; bytes: number }> {
  const tables = await query<{ name: string; bytes: string }>(
    url,
    `SELECT c.relname AS name, pg_relation_size(c.oid)::text AS bytes FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i') ORDER BY pg_relation_size(c.oid) DESC`,
  );
  const [db] = await query<{ bytes: string }>(
    url,
    'SELECT pg_database_size(current_database())::text AS bytes',
  );
  return {
    tables: tables.map((t) => ({ name: t.name, bytes: Number(t.bytes) })),
    bytes: Number(db?.bytes ?? 0),
  };
}

/** After a bulk load: fresh statistics and visibility maps, as autovacuum would make them in a while. */
export async function analyze(url: string, adminUrl: string): Promise<void> {
  await query(url, 'VACUUM (ANALYZE)');
  // The copy's pages written out now, not by the checkpointer while the measures run.
  await query(adminUrl, 'CHECKPOINT').catch(() => {});
}
