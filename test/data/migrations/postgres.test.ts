import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { derivePostgresSchema } from '../../../scripts/derive-postgres-schema.ts';
import { DatabaseError } from '../../../src/data/errors.ts';
import { PrismaClient } from '../../../src/data/generated-postgres/client.ts';
import {
  applyMigrationsAt,
  diffDatabaseToSchemaAt,
  explainPostgresFailure,
  migrationChecksum,
  PROJECT_ROOT,
  SCHEMA_PATH,
} from '../../../src/data/migrations.ts';
import {
  applyPostgresMigrations,
  createPostgresMigration,
  diffPostgresMigrationsToSchema,
  POSTGRES_MIGRATIONS_DIR,
} from '../../../src/data/postgres/migrations.ts';
import { createEmptyDatabase } from '../../support/postgres.ts';

const server = inject('postgres');
const skipReason = inject('postgresSkipReason');

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

type MigrationRow = {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
  logs: string | null;
};

const migrationRows = (url: string) =>
  query<MigrationRow>(url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name, started_at');

async function failure(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatabaseError);
  const message = (error as Error).message;
  expect(message.split('\n')).toHaveLength(1);
  return message;
}

describe.skipIf(server === null)(
  `offline migrations (PostgreSQL)${server === null ? `: skipped, ${skipReason}` : ''}`,
  () => {
    // biome-ignore lint/style/noNonNullAssertion: the block is skipped when there is no server
    const pgServer = server!;
    let dir: string;
    let url: string;
    beforeEach(async () => {
      dir = mkdtempSync(path.join(tmpdir(), 'quizbot-pgmig-'));
      url = await createEmptyDatabase(pgServer);
    });
    afterEach(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    it('GIVEN prisma/postgres/schema.prisma and prisma/postgres/migrations THEN replaying the migrations leaves nothing to diff', async () => {
      expect(await diffPostgresMigrationsToSchema(url)).toBe('');
    });

    it('GIVEN an empty database WHEN the migrations are applied THEN the database has nothing to diff against the schema, and re-applying is a no-op', async () => {
      expect(await diffDatabaseToSchemaAt(url)).toMatch(/CREATE TABLE "Member"/);
      const applied = await applyMigrationsAt(url);
      expect(applied.length).toBeGreaterThan(0);
      expect(await diffDatabaseToSchemaAt(url)).toBe('');
      const before = await migrationRows(url);
      expect(await applyMigrationsAt(url)).toEqual([]);
      expect(await migrationRows(url)).toEqual(before);
    });

    it('GIVEN an empty database THEN migrations are recorded in _prisma_migrations as Prisma records them (sha256 of the file)', async () => {
      const applied = await applyMigrationsAt(url);
      const rows = await migrationRows(url);
      expect(rows.map((r) => r.migration_name)).toEqual(applied);
      for (const r of rows) {
        const sql = readFileSync(
          path.join(POSTGRES_MIGRATIONS_DIR, r.migration_name, 'migration.sql'),
          'utf8',
        );
        expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(r.checksum).toBe(migrationChecksum(sql));
        expect(r.finished_at).toBeInstanceOf(Date);
        expect(r.rolled_back_at).toBeNull();
        expect(r.applied_steps_count).toBe(1);
      }
    });

    it('GIVEN an up-to-date database THEN nothing loads the engine (it would need the schema file)', async () => {
      await applyMigrationsAt(url);
      expect(
        await applyPostgresMigrations(url, POSTGRES_MIGRATIONS_DIR, path.join(dir, 'missing.prisma')),
      ).toEqual([]);
    });

    it('GIVEN a migration that fails halfway THEN all of it is rolled back, it is recorded as failed, and later starts refuse in one line', async () => {
      const migrations = path.join(dir, 'migrations');
      cpSync(POSTGRES_MIGRATIONS_DIR, migrations, { recursive: true });
      mkdirSync(path.join(migrations, '20990101000000_broken'));
      writeFileSync(
        path.join(migrations, '20990101000000_broken', 'migration.sql'),
        [
          'CREATE TABLE "Scratch" ("id" INTEGER NOT NULL);',
          `INSERT INTO "Scratch" VALUES (1);`,
          `ALTER TABLE "Member" ADD COLUMN "note" TEXT NOT NULL DEFAULT 'a; b';`,
          'SELECT 1 / 0;',
          '',
        ].join('\n'),
      );
      const message = await failure(applyPostgresMigrations(url, migrations));
      expect(message).toContain('20990101000000_broken');
      expect(message).toContain('division by zero');
      expect(message).toContain(new URL(url).host);
      const [tables] = await query<{ scratch: string | null; note: number }>(
        url,
        `SELECT to_regclass('"Scratch"')::text AS scratch,
              (SELECT count(*)::int FROM information_schema.columns WHERE table_name = 'Member' AND column_name = 'note') AS note`,
      );
      expect(tables).toEqual({ scratch: null, note: 0 });
      const broken = (await migrationRows(url)).find((r) => r.migration_name === '20990101000000_broken');
      expect(broken?.finished_at).toBeNull();
      expect(broken?.applied_steps_count).toBe(0);
      expect(broken?.logs).toMatch(/division by zero/);
      expect(await failure(applyPostgresMigrations(url, migrations))).toMatch(/failed migrations/);
    });

    it('GIVEN two appliers starting at once on an empty database THEN the migrations are applied once', async () => {
      const [a, b] = await Promise.all([applyMigrationsAt(url), applyMigrationsAt(url)]);
      const rows = await migrationRows(url);
      expect([...a, ...b].sort()).toEqual(rows.map((r) => r.migration_name));
      expect(new Set(rows.map((r) => r.migration_name)).size).toBe(rows.length);
      expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
      expect(await diffDatabaseToSchemaAt(url)).toBe('');
    });

    it('GIVEN a schema change in a copy of the project WHEN a PostgreSQL migration is created and applied THEN the column exists and the schema agrees again', async () => {
      const migrations = path.join(dir, 'migrations');
      const schemaPath = path.join(dir, 'schema.prisma');
      cpSync(POSTGRES_MIGRATIONS_DIR, migrations, { recursive: true });
      const source = readFileSync(SCHEMA_PATH, 'utf8').replace(
        '  newPerDay         Int      @default(10)',
        '  newPerDay         Int      @default(10)\n  /// Preferred language.\n  locale            String   @default("en")',
      );
      writeFileSync(schemaPath, derivePostgresSchema(source));
      const options = { migrationsDir: migrations, schemaPath };
      await applyPostgresMigrations(url, migrations, schemaPath);
      const created = await createPostgresMigration(
        'add member locale',
        new Date('2099-01-01T12:00:00Z'),
        url,
        options,
      );
      expect(created?.folder).toMatch(/20990101120000_add_member_locale$/);
      expect(created?.sql).toBe(
        '-- AlterTable\nALTER TABLE "Member" ADD COLUMN     "locale" TEXT NOT NULL DEFAULT \'en\';',
      );
      expect(await applyPostgresMigrations(url, migrations, schemaPath)).toEqual([
        '20990101120000_add_member_locale',
      ]);
      const [member] = await query<{ locale: string }>(
        url,
        `INSERT INTO "Member" ("id", "displayName", "updatedAt") VALUES ('u1', 'Ann', now()) RETURNING "locale"`,
      );
      expect(member?.locale).toBe('en');
      expect(await diffPostgresMigrationsToSchema(url, options)).toBe('');
      expect(await createPostgresMigration('nothing', new Date(), url, options)).toBeNull();
      // The shadow databases the diffs used are gone.
      const shadows = await query(
        pgServer.adminUrl,
        "SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow%'",
      );
      expect(shadows).toEqual([]);
    });

    it('GIVEN DATABASE_URL=postgresql://… WHEN npm run db:migrate runs THEN the PostgreSQL migrations are applied', async () => {
      const run = promisify(execFile);
      const tsx = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
      const env = { ...process.env, DATABASE_URL: url };
      const first = await run(tsx, ['scripts/db-migrate.ts'], { cwd: PROJECT_ROOT, env });
      expect(first.stdout).toMatch(/^Applied to 127\.0\.0\.1:\d+\/t_\w+: \d{14}_init/);
      expect(first.stdout).not.toContain(new URL(url).password);
      const second = await run(tsx, ['scripts/db-migrate.ts'], { cwd: PROJECT_ROOT, env });
      expect(second.stdout).toMatch(/is up to date/);
    });
  },
);

describe.skipIf(server === null)(
  `PostgreSQL failures at start${server === null ? `: skipped, ${skipReason}` : ''}`,
  () => {
    // biome-ignore lint/style/noNonNullAssertion: the block is skipped when there is no server
    const pgServer = server!;
    const password = 'Secret-pw-42';
    let port: string;
    beforeAll(async () => {
      port = new URL(pgServer.url).port;
      await query(pgServer.adminUrl, `CREATE ROLE nopriv LOGIN PASSWORD '${password}'`);
      await query(pgServer.adminUrl, 'CREATE DATABASE not_theirs');
    });
    afterAll(async () => {
      await query(pgServer.adminUrl, 'DROP DATABASE IF EXISTS not_theirs');
      await query(pgServer.adminUrl, 'DROP ROLE IF EXISTS nopriv');
    });

    const cases: [string, () => string, RegExp, RegExp][] = [
      [
        'an unreachable server',
        () => `postgresql://nopriv:${password}@127.0.0.1:1/quizbot`,
        /cannot reach the PostgreSQL server at 127\.0\.0\.1:1\/quizbot/,
        /start it, or correct the host and port in DATABASE_URL/,
      ],
      [
        'a wrong password',
        () => `postgresql://nopriv:wrong-${password}@127.0.0.1:${port}/quizbot`,
        /refused user "nopriv"/,
        /correct the user and password in DATABASE_URL/,
      ],
      [
        'a missing database',
        () => `postgresql://nopriv:${password}@127.0.0.1:${port}/nowhere`,
        /the database "nowhere" does not exist on 127\.0\.0\.1:\d+/,
        /create it/,
      ],
      [
        'a database the user has no privileges on',
        () => `postgresql://nopriv:${password}@127.0.0.1:${port}/not_theirs`,
        /user "nopriv" lacks privileges on 127\.0\.0\.1:\d+\/not_theirs/,
        /make it the database's owner/,
      ],
    ];
    for (const [what, makeUrl, names, todo] of cases) {
      it(`GIVEN ${what} THEN applying migrations fails with one line naming the server and what to do, without the password`, async () => {
        const message = await failure(applyMigrationsAt(makeUrl()));
        expect(message).toMatch(/^DATABASE_URL: /);
        expect(message).toMatch(names);
        expect(message).toMatch(todo);
        expect(message).not.toContain(password);
      });

      it(`GIVEN ${what} WHEN the PostgreSQL Prisma client fails THEN explainPostgresFailure gives the same one line`, async () => {
        const url = makeUrl();
        const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
        try {
          const error = await prisma.$executeRawUnsafe('CREATE TABLE "Probe" ("id" INTEGER)').then(
            () => null,
            (e: unknown) => e,
          );
          const message = explainPostgresFailure(url, error).message;
          expect(message).toMatch(names);
          expect(message).toMatch(todo);
          expect(message).not.toContain(password);
          expect(message.split('\n')).toHaveLength(1);
        } finally {
          await prisma.$disconnect();
        }
      });
    }
  },
);
