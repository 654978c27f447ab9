import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

  it('GIVEN a database made by the first migration, with a member who studied WHEN the later migrations (which rebuild the Member table) are applied THEN nothing of theirs is lost', async () => {
    const first = path.join(dir, 'migrations');
    const [init] = readdirSync(MIGRATIONS_DIR).filter((n) => n.endsWith('_init'));
    if (init === undefined) throw new Error('no init migration');
    cpSync(path.join(MIGRATIONS_DIR, init), path.join(first, init), { recursive: true });
    cpSync(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), path.join(first, 'migration_lock.toml'));
    const file = path.join(dir, 'old.db');
    await applyMigrations(file, first);
    const db = new Database(file);
    db.exec(`
      INSERT INTO "Member" (id, displayName, createdAt, updatedAt) VALUES ('u1', 'Ann', 1, 1);
      INSERT INTO "Group" (id, name, createdAt) VALUES ('g1', 'Study', 1);
      INSERT INTO "Membership" (groupId, memberId, joinedAt) VALUES ('g1', 'u1', 1);
      INSERT INTO "Question" (id, topic, kind, contentHash, createdAt, updatedAt) VALUES ('q1', 't', 'choice', 'h', 1, 1);
      INSERT INTO "Card" (id, memberId, questionId, dueAt, createdAt) VALUES (1, 'u1', 'q1', 1, 1);
      INSERT INTO "ReviewLog" (memberId, cardId, questionId, seq, grade, correct, answer, answeredAt, day,
        easinessBefore, intervalBefore, repetitionsBefore, dueBefore, easinessAfter, intervalAfter, repetitionsAfter, dueAfter)
        VALUES ('u1', 1, 'q1', 1, 5, 1, 'A', 1, '2026-11-01', 2.5, 0, 0, 1, 2.6, 1, 1, 2);
      INSERT INTO "DailyStat" (memberId, day, reviews, correct, points) VALUES ('u1', '2026-11-01', 1, 1, 10);
      INSERT INTO "ReminderDelivery" (memberId, day, status, nextTryAt, createdAt) VALUES ('u1', '2026-11-01', 'sent', 1, 1);
      INSERT INTO "StudySession" (memberId, mode, queue, createdAt, updatedAt) VALUES ('u1', 'review', '[]', 1, 1);
    `);
    db.close();
    expect((await applyMigrations(file)).length).toBeGreaterThan(1);
    const after = new Database(file, { readonly: true });
    const count = (table: string) =>
      (after.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
    const tables = [
      'Member',
      'Membership',
      'Card',
      'ReviewLog',
      'DailyStat',
      'ReminderDelivery',
      'StudySession',
    ];
    expect(tables.map(count)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(after.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    after.close();
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
