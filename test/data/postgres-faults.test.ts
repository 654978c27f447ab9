import pg from 'pg';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import { ensureMember } from '../../src/core/members.ts';
import { answerQuestion, startSession } from '../../src/core/study/index.ts';
import { syncBank } from '../../src/core/sync-bank.ts';
import { faultOf, WriteFailedError } from '../../src/data/errors.ts';
import { openPostgresDatabase } from '../../src/data/postgres/database.ts';
import { Store } from '../../src/data/store.ts';
import { makeContext, TestClock } from '../support/core.ts';
import { createTestDb, type TestDb } from '../support/db.ts';
import { rightAnswer } from '../support/study.ts';

/**
 * PostgreSQL's own faults, raised by a real server, as the store and the members see them: a
 * write that cannot happen fails whole with WriteFailedError naming the fault (busy, full,
 * read-only, unavailable), so the member is told honestly that nothing was saved.
 */

const server = inject('postgres');
const T0 = Date.parse('2026-03-02T10:00:00Z');

async function outcome(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => 'saved',
    (e: unknown) => e,
  );
}

async function sql(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

describe.skipIf(server === null)(
  `PostgreSQL faults in writes${server === null ? `: skipped, ${inject('postgresSkipReason')}` : ''}`,
  () => {
    let t: TestDb;
    beforeEach(async () => {
      t = await createTestDb('postgresql', { busyBudgetMs: 1_000 });
      await syncBank(t.store, makeContext(t.store, new TestClock(T0)).bank.questions, new Date(T0));
    });
    afterEach(async () => {
      await t.close();
    });

    const ann = { memberId: 'm1', displayName: 'Ann', locale: null, group: null };

    it('GIVEN another transaction holding a lock past the busy budget THEN the write fails as busy after about the budget, and nothing is saved', async () => {
      const ctx = makeContext(t.store, new TestClock(T0));
      await ensureMember(ctx, ann);
      const holder = new pg.Client({ connectionString: t.url });
      await holder.connect();
      try {
        await holder.query('BEGIN');
        await holder.query('LOCK TABLE "Member" IN ACCESS EXCLUSIVE MODE');
        const started = Date.now();
        const error = await outcome(
          t.store.write(({ members }) => members.update('m1', { displayName: 'Bob' }, new Date(T0))),
        );
        expect(error).toBeInstanceOf(WriteFailedError);
        expect((error as WriteFailedError).fault).toBe('busy');
        expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        await holder.query('ROLLBACK');
        await holder.end();
      }
      expect((await t.prisma.member.findUnique({ where: { id: 'm1' } }))?.displayName).toBe('Ann');
    });

    it('GIVEN a full disk while an answer is recorded THEN it fails as full and the whole answer is rolled back', async () => {
      const ctx = makeContext(t.store, new TestClock(T0));
      await ensureMember(ctx, ann);
      const start = await startSession(ctx, 'm1');
      if (start.kind !== 'question') throw new Error('expected a question');
      const q = start.question;
      // What PostgreSQL raises when it cannot extend a file: SQLSTATE 53100.
      await sql(
        t.url,
        `CREATE FUNCTION no_space() RETURNS trigger LANGUAGE plpgsql AS
           $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full'; END $$;
         CREATE TRIGGER no_space BEFORE INSERT ON "ReviewLog" FOR EACH ROW EXECUTE FUNCTION no_space();`,
      );
      const error = await outcome(
        answerQuestion(ctx, { memberId: 'm1', sessionId: q.sessionId, step: q.step, answer: rightAnswer(q) }),
      );
      expect(error).toBeInstanceOf(WriteFailedError);
      expect((error as WriteFailedError).fault).toBe('full');
      expect((error as Error).message).toMatch(
        /^the write was not saved \(full\): .*No space left on device/,
      );
      expect(await t.prisma.card.count()).toBe(0);
      expect((await t.prisma.studySession.findUnique({ where: { id: q.sessionId } }))?.step).toBe(q.step);
    });

    it('GIVEN a read-only database (a standby, default_transaction_read_only) THEN writes fail as read-only', async () => {
      const name = new URL(t.url).pathname.slice(1);
      await sql(t.url, `ALTER DATABASE ${name} SET default_transaction_read_only = on`);
      const db = await openPostgresDatabase(t.url, { poolSize: 2 });
      try {
        const ctx = makeContext(new Store(db, { busyBudgetMs: 1_000 }), new TestClock(T0));
        const error = await outcome(ensureMember(ctx, ann));
        expect(error).toBeInstanceOf(WriteFailedError);
        expect((error as WriteFailedError).fault).toBe('read-only');
      } finally {
        await db.close();
      }
    });

    it('GIVEN the database gone while the bot runs THEN writes fail as unavailable', async () => {
      const ctx = makeContext(t.store, new TestClock(T0));
      await ensureMember(ctx, ann);
      const name = new URL(t.url).pathname.slice(1);
      // biome-ignore lint/style/noNonNullAssertion: the block is skipped when there is no server
      await sql(server!.adminUrl, `DROP DATABASE ${name} WITH (FORCE)`);
      const error = await outcome(
        t.store.write(({ members }) => members.update('m1', { displayName: 'Bob' }, new Date(T0))),
      );
      expect(error).toBeInstanceOf(WriteFailedError);
      expect((error as WriteFailedError).fault).toBe('unavailable');
      expect(faultOf(error)).toBe('unavailable');
    });

    it('GIVEN another process adding a column (a migration) while the bot runs THEN reads and writes go on, their statements prepared again', async () => {
      // One connection: every statement is prepared where the next one runs.
      const db = await openPostgresDatabase(t.url, { poolSize: 1 });
      try {
        const store = new Store(db, { busyBudgetMs: 1_000 });
        const ctx = makeContext(store, new TestClock(T0));
        await ensureMember(ctx, ann);
        const start = await startSession(ctx, 'm1');
        await sql(
          t.url,
          'ALTER TABLE "Member" ADD COLUMN "extra" TEXT; ALTER TABLE "StudySession" ADD COLUMN "extra" TEXT',
        );
        expect((await store.read.members.find('m1'))?.displayName).toBe('Ann');
        const renamed = await ensureMember(ctx, { ...ann, displayName: 'Ann B.' });
        expect(renamed.member.displayName).toBe('Ann B.');
        if (start.kind !== 'question') throw new Error('expected a question');
        const q = start.question;
        const input = { memberId: 'm1', sessionId: q.sessionId, step: q.step, answer: rightAnswer(q) };
        expect((await answerQuestion(ctx, input)).status).toBe('recorded');
      } finally {
        await db.close();
      }
    });

    it('GIVEN a constraint the write breaks (a bug, not a fault) THEN it is not dressed up as a fault', async () => {
      const error = await outcome(
        t.store.write(({ members }) =>
          members.update('nobody', { displayName: 'x'.repeat(10) }, new Date(T0)).then(() => {
            throw new Error('a bug in the use case');
          }),
        ),
      );
      expect(error).not.toBeInstanceOf(WriteFailedError);
      expect(faultOf(error)).toBeNull();
    });
  },
);

describe('faults told apart by provider', () => {
  it("GIVEN Node's file errors and SQLite's codes THEN they are not mistaken for PostgreSQL's SQLSTATEs", () => {
    const fsError = (code: string, message: string) =>
      Object.assign(new Error(`${code}: ${message}`), { code });
    expect(faultOf(fsError('EROFS', 'read-only file system, open q.db'))).toBe('read-only');
    expect(faultOf(fsError('ENOSPC', 'no space left on device'))).toBe('full');
    expect(faultOf({ kind: 'sqlite', originalCode: 'SQLITE_BUSY', extendedCode: 5 })).toBe('busy');
    expect(faultOf({ originalCode: '40001', kind: 'TransactionWriteConflict' })).toBe('busy');
    expect(
      faultOf({ code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '53100' } } } }),
    ).toBe('full');
    expect(
      faultOf({ code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '23505' } } } }),
    ).toBeNull();
  });
});
