import path from 'node:path';
import { PROJECT_ROOT } from '../paths.ts';
import { DatabaseError, describeCause as describe } from './errors.ts';
import {
  diffDatabaseToSchema,
  diffToSchema,
  lockfileContent,
  type MigrationList,
  migrationChecksum,
  migrationFolderName,
  NO_FILTERS,
  type Provider,
  readMigrationList,
  withEngine,
  writeMigration,
} from './migrations/engine.ts';
import { pendingSqliteMigrations, SqliteEngineAdapterFactory } from './migrations/sqlite.ts';
import { isPostgresUrl } from './postgres/errors.ts';

export { describePostgresServer, explainPostgresFailure, isPostgresUrl } from './postgres/errors.ts';
export type { MigrationList, Provider };
export { migrationChecksum, migrationFolderName, PROJECT_ROOT, readMigrationList };

/**
 * Migrations without Prisma's native schema engine, which cannot be downloaded here: the same
 * engine compiled to WASM runs over the driver adapter of each provider (./migrations/engine.ts).
 * SQLite migrations live in prisma/migrations, PostgreSQL ones in prisma/postgres/migrations;
 * both are made from the one data model by `npm run db:migration`.
 */

export const LOCKFILE_CONTENT = lockfileContent('sqlite');
export const MIGRATIONS_DIR = path.join(PROJECT_ROOT, 'prisma/migrations');
export const SCHEMA_PATH = path.join(PROJECT_ROOT, 'prisma/schema.prisma');

/** Names of migrations in the directory that the SQLite database has not finished applying. */
export function pendingMigrations(databasePath: string, list: MigrationList): string[] {
  return pendingSqliteMigrations(databasePath, list);
}

/**
 * Applies pending migrations to a SQLite file as `prisma migrate deploy` would. Returns the
 * names applied. When nothing is pending the WASM engine is not even loaded, so a normal start
 * stays fast.
 */
export async function applyMigrations(
  databasePath: string,
  migrationsDir = MIGRATIONS_DIR,
  schemaPath = SCHEMA_PATH,
): Promise<string[]> {
  const list = readMigrationList(migrationsDir, 'sqlite');
  if (pendingSqliteMigrations(databasePath, list).length === 0) return [];
  try {
    const out = await withEngine(new SqliteEngineAdapterFactory(databasePath), schemaPath, (engine) =>
      engine.applyMigrations({ migrationsList: list, filters: NO_FILTERS }),
    );
    return out.appliedMigrationNames;
  } catch (error) {
    throw new DatabaseError(
      `migrations: cannot apply to ${databasePath}: ${describe(error)}; restore the database from a backup, or point DATABASE_URL at a new file`,
    );
  }
}

/** Which provider a DATABASE_URL is for: `file:` is SQLite, `postgresql://` (or `postgres://`) PostgreSQL. */
export function databaseProvider(url: string): Provider {
  if (isPostgresUrl(url)) return 'postgresql';
  if (/^file:/.test(url.trim())) return 'sqlite';
  throw new DatabaseError(
    'DATABASE_URL: expected file:./path/to/quizbot.db (SQLite) or postgresql://user:password@host:5432/database',
  );
}

/**
 * Applies the pending migrations of the URL's provider: a `file:` URL (relative to `cwd`) gets
 * prisma/migrations, a `postgresql://` URL prisma/postgres/migrations. Returns the names applied;
 * failures are DatabaseError one-liners (for PostgreSQL naming host:port/db, never the password).
 */
export async function applyMigrationsAt(url: string, cwd = process.cwd()): Promise<string[]> {
  if (databaseProvider(url) === 'sqlite') {
    return applyMigrations(path.resolve(cwd, url.trim().slice('file:'.length)));
  }
  // Loaded on demand: a SQLite start never loads the PostgreSQL driver.
  const { applyPostgresMigrations } = await import('./postgres/migrations.ts');
  return applyPostgresMigrations(url.trim());
}

/**
 * The SQL that takes the database at `url` (either provider), as it is now, to the data model;
 * empty when they agree. A drift check: after the migrations it must be empty.
 */
export async function diffDatabaseToSchemaAt(url: string, cwd = process.cwd()): Promise<string> {
  if (databaseProvider(url) === 'postgresql') {
    const { diffPostgresDatabaseToSchema } = await import('./postgres/migrations.ts');
    return diffPostgresDatabaseToSchema(url.trim());
  }
  const file = path.resolve(cwd, url.trim().slice('file:'.length));
  return withEngine(new SqliteEngineAdapterFactory(file), SCHEMA_PATH, (engine) =>
    diffDatabaseToSchema(engine, SCHEMA_PATH),
  );
}

/** The SQL that takes a SQLite database built from the migrations to the schema; empty when they agree. */
export async function diffMigrationsToSchema(
  migrationsDir = MIGRATIONS_DIR,
  schemaPath = SCHEMA_PATH,
): Promise<string> {
  const list = readMigrationList(migrationsDir, 'sqlite');
  return withEngine(new SqliteEngineAdapterFactory(':memory:'), schemaPath, (engine) =>
    diffToSchema(engine, list, schemaPath),
  );
}

/** Writes a new SQLite migration for the schema change, or returns null when there is none. */
export async function createMigration(
  name: string,
  now: Date,
  migrationsDir = MIGRATIONS_DIR,
  schemaPath = SCHEMA_PATH,
): Promise<{ folder: string; sql: string } | null> {
  const folderName = migrationFolderName(name, now);
  const sql = await diffMigrationsToSchema(migrationsDir, schemaPath);
  if (sql === '') return null;
  return { folder: writeMigration(migrationsDir, folderName, sql, 'sqlite'), sql };
}
