import path from 'node:path';
import { PROJECT_ROOT } from '../../paths.ts';
import { DatabaseError } from '../errors.ts';
import {
  diffDatabaseToSchema,
  diffToSchema,
  type MigrationList,
  migrationFolderName,
  NO_FILTERS,
  notApplied,
  readMigrationList,
  withEngine,
  writeMigration,
} from '../migrations/engine.ts';
import { describeEngineError } from '../migrations/engine-error.ts';
import { loadPostgresDriver } from './driver.ts';
import { PostgresEngineAdapterFactory } from './engine-adapter.ts';
import {
  describePostgresServer,
  explainPostgresFailure,
  postgresFailureMessage,
  redactedCause,
} from './errors.ts';

export const POSTGRES_MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma/postgres/migrations');
export const POSTGRES_SCHEMA_PATH = path.join(PROJECT_ROOT, 'prisma/postgres/schema.prisma');

/**
 * Names of migrations in the list that the database has not finished applying, read with one
 * plain connection (no WASM engine): the fast path of every start.
 */
export async function pendingPostgresMigrations(url: string, list: MigrationList): Promise<string[]> {
  const client = (await loadPostgresDriver()).client(url);
  try {
    await client.connect();
    const table = await client.query<{ present: boolean }>(
      "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present",
    );
    if (table.rows[0]?.present !== true) return notApplied(list, []);
    const rows = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    return notApplied(
      list,
      rows.rows.map((r) => r.migration_name),
    );
  } catch (error) {
    throw explainPostgresFailure(url, error);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Applies pending migrations as `prisma migrate deploy` would; returns the names applied.
 * Concurrent appliers (several bot processes starting at once) are serialised by the engine's
 * advisory lock: one applies, the others then find nothing left to do.
 */
export async function applyPostgresMigrations(
  url: string,
  migrationsDir = POSTGRES_MIGRATIONS_DIR,
  schemaPath = POSTGRES_SCHEMA_PATH,
): Promise<string[]> {
  const list = readMigrationList(migrationsDir, 'postgresql');
  if ((await pendingPostgresMigrations(url, list)).length === 0) return [];
  try {
    const factory = await PostgresEngineAdapterFactory.create(url);
    const out = await withEngine(factory, schemaPath, (engine) =>
      engine.applyMigrations({ migrationsList: list, filters: NO_FILTERS }),
    );
    return out.appliedMigrationNames;
  } catch (error) {
    throw applyFailure(url, error);
  }
}

function applyFailure(url: string, error: unknown): DatabaseError {
  const connection = postgresFailureMessage(url, error);
  if (connection !== null) return new DatabaseError(connection);
  const where = describePostgresServer(url);
  const { cause, migration } = describeEngineError(error);
  const reason = redactedCause(url, cause);
  if (migration === null) {
    return new DatabaseError(
      `migrations: cannot apply to ${where}: ${reason}; fix the failed migration named in _prisma_migrations and mark it rolled back (set its rolled_back_at, as prisma migrate resolve --rolled-back does), or restore the database from a backup`,
    );
  }
  return new DatabaseError(
    `migrations: ${migration} failed on ${where} and was rolled back (${reason}); fix it, then mark it rolled back (set its rolled_back_at in _prisma_migrations, as prisma migrate resolve --rolled-back does) and start again`,
  );
}

/** Where the migrations and schema are (the project's by default), and which variable holds the URL. */
export type PostgresMigrationOptions = { migrationsDir?: string; schemaPath?: string; setting?: string };

/**
 * The SQL that takes a database built from the PostgreSQL migrations to the schema; empty when
 * they agree. Needs a server where the URL's user may create databases: the migrations are
 * replayed in a throwaway shadow database, dropped afterwards; nothing else is touched.
 */
export async function diffPostgresMigrationsToSchema(
  serverUrl: string,
  options: PostgresMigrationOptions = {},
): Promise<string> {
  const { migrationsDir = POSTGRES_MIGRATIONS_DIR, schemaPath = POSTGRES_SCHEMA_PATH } = options;
  const list = readMigrationList(migrationsDir, 'postgresql');
  try {
    const factory = await PostgresEngineAdapterFactory.create(serverUrl);
    return await withEngine(factory, schemaPath, (engine) => diffToSchema(engine, list, schemaPath));
  } catch (error) {
    throw explainPostgresFailure(serverUrl, error, options.setting ?? 'POSTGRES_ADMIN_URL');
  }
}

/** The SQL that takes the database at `url`, as it is now, to the schema; empty when they agree. */
export async function diffPostgresDatabaseToSchema(
  url: string,
  schemaPath = POSTGRES_SCHEMA_PATH,
): Promise<string> {
  try {
    const factory = await PostgresEngineAdapterFactory.create(url);
    return await withEngine(factory, schemaPath, (engine) => diffDatabaseToSchema(engine, schemaPath));
  } catch (error) {
    throw explainPostgresFailure(url, error);
  }
}

/** Writes a new PostgreSQL migration for the schema change, or returns null when there is none. */
export async function createPostgresMigration(
  name: string,
  now: Date,
  serverUrl: string,
  options: PostgresMigrationOptions = {},
): Promise<{ folder: string; sql: string } | null> {
  const folderName = migrationFolderName(name, now);
  const sql = await diffPostgresMigrationsToSchema(serverUrl, options);
  if (sql === '') return null;
  return {
    folder: writeMigration(options.migrationsDir ?? POSTGRES_MIGRATIONS_DIR, folderName, sql, 'postgresql'),
    sql,
  };
}
