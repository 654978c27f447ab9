import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  applyMigrations,
  applyMigrationsAt,
  createMigration,
  diffDatabaseToSchemaAt,
  diffMigrationsToSchema,
  MIGRATIONS_DIR,
  migrationChecksum,
  PROJECT_ROOT,
  SCHEMA_PATH,
} from '../../../src/data/migrations.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'quizbot-mig-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('offline migrations (SQLite)', () => {
  it('GIVEN prisma/schema.prisma and prisma/migrations THEN applying the migrations leaves nothing to diff', async () => {
    expect(await diffMigrationsToSchema()).toBe('');
  });

  it('GIVEN an empty database THEN migrations are applied and recorded in _prisma_migrations as Prisma records them', async () => {
    const file = path.join(dir, 'a.db');
    const applied = await applyMigrations(file);
    expect(applied.length).toBeGreaterThan(0);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare('SELECT * FROM _prisma_migrations ORDER BY migration_name').all() as {
      migration_name: string;
      checksum: string;
      finished_at: number | null;
      applied_steps_count: number;
    }[];
    db.close();
    expect(rows.map((r) => r.migration_name)).toEqual(applied);
    for (const r of rows) {
      const sql = readFileSync(path.join(MIGRATIONS_DIR, r.migration_name, 'migration.sql'), 'utf8');
      expect(r.checksum).toBe(migrationChecksum(sql));
      expect(r.finished_at).not.toBeNull();
      expect(r.applied_steps_count).toBe(1);
    }
  });

  it('GIVEN an empty database WHEN the migrations are applied through its file: URL THEN the database has nothing to diff against the schema', async () => {
    const url = `file:${path.relative(process.cwd(), path.join(dir, 'url.db'))}`;
    expect(await diffDatabaseToSchemaAt(url)).toMatch(/CREATE TABLE "Member"/);
    expect((await applyMigrationsAt(url)).length).toBeGreaterThan(0);
    expect(await diffDatabaseToSchemaAt(url)).toBe('');
    expect(await applyMigrationsAt(url)).toEqual([]);
  });

  it('GIVEN an up-to-date database THEN nothing loads the engine (it would need the schema file)', async () => {
    const file = path.join(dir, 'fast.db');
    await applyMigrations(file);
    expect(await applyMigrations(file, MIGRATIONS_DIR, path.join(dir, 'no-such-schema.prisma'))).toEqual([]);
  });

  it('GIVEN a migrated database with data WHEN started again THEN nothing is applied and the data stays', async () => {
    const file = path.join(dir, 'b.db');
    await applyMigrations(file);
    const db = new Database(file);
    db.prepare(
      `INSERT INTO "Member" (id, displayName, timezone, createdAt, updatedAt) VALUES ('u1', 'Ann', 'UTC', 1, 1)`,
    ).run();
    db.close();
    expect(await applyMigrations(file)).toEqual([]);
    const again = new Database(file, { readonly: true });
    expect(again.prepare('SELECT displayName FROM "Member"').get()).toEqual({ displayName: 'Ann' });
    again.close();
  });

  it('GIVEN a schema change in a copy of the project WHEN a migration is created and applied THEN the new column exists and the schema agrees again', async () => {
    const migrations = path.join(dir, 'migrations');
    const schema = path.join(dir, 'schema.prisma');
    cpSync(MIGRATIONS_DIR, migrations, { recursive: true });
    writeFileSync(
      schema,
      readFileSync(SCHEMA_PATH, 'utf8').replace(
        '  newPerDay         Int      @default(10)',
        '  newPerDay         Int      @default(10)\n  /// Preferred language.\n  locale            String   @default("en")',
      ),
    );
    const file = path.join(dir, 'c.db');
    await applyMigrations(file, migrations, schema);
    const created = await createMigration(
      'add member locale',
      new Date('2099-11-22T12:00:00Z'), // after every real migration
      migrations,
      schema,
    );
    expect(created?.folder).toMatch(/20991122120000_add_member_locale$/);
    expect(created?.sql).toMatch(/locale/);
    expect(await applyMigrations(file, migrations, schema)).toEqual(['20991122120000_add_member_locale']);
    const db = new Database(file, { readonly: true });
    const columns = (db.prepare('PRAGMA table_info("Member")').all() as { name: string }[]).map(
      (c) => c.name,
    );
    db.close();
    expect(columns).toContain('locale');
    expect(await diffMigrationsToSchema(migrations, schema)).toBe('');
    expect(await createMigration('nothing', new Date(), migrations, schema)).toBeNull();
  });

  it('GIVEN the project root THEN the migrations folder sits where Prisma expects it', () => {
    expect(path.relative(PROJECT_ROOT, MIGRATIONS_DIR)).toBe(path.join('prisma', 'migrations'));
  });
});
