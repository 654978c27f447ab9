import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.ts';
import { answerExam, flagExam, startExam, submitExam } from '../../src/core/exam/index.ts';
import { getLeaderboard } from '../../src/core/leaderboard.ts';
import { DM_SENDER, holdLease } from '../../src/core/leases.ts';
import { getProgress } from '../../src/core/progress.ts';
import { claimDueReminders } from '../../src/core/reminders.ts';
import { updateSettings } from '../../src/core/settings.ts';
import { answerQuestion, markGuessed, startSession, undoReview } from '../../src/core/study/index.ts';
import { copyDatabase } from '../../src/data/copy.ts';
import { openDatabaseAt } from '../../src/data/db.ts';
import { DatabaseError } from '../../src/data/errors.ts';
import type { PrismaClient } from '../../src/data/generated/client.ts';
import { PROJECT_ROOT } from '../../src/data/migrations.ts';
import { Store } from '../../src/data/store.ts';
import { makeContext, TestClock } from '../support/core.ts';
import { createTestDb, inspectDatabase, inspectPostgres, type TestDb } from '../support/db.ts';
import { questionOf, rightExamAnswer, wrongExamAnswer } from '../support/exam.ts';
import { createEmptyDatabase } from '../support/postgres.ts';
import { answerAll, join, rightAnswer, wrongAnswer } from '../support/study.ts';

/**
 * `npm run db:copy`: a SQLite database in use (members, answered sessions, a regraded review,
 * reminders, an undone review, a submitted and an open exam, a job lease) copied into a fresh PostgreSQL database and back, row for row,
 * with the ids kept and the sequences moved past them.
 */

const server = inject('postgres');
const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const DAY = 86_400_000;

/** A few days of a small study group, through the use cases. */
async function studyGroup(ctx: CoreContext, clock: TestClock): Promise<void> {
  await join(ctx, 'ann', 'Ann');
  await join(ctx, 'bob', 'Bob');
  await join(ctx, 'cy', 'Cy', { id: 'g2', name: 'Other group' });
  await updateSettings(ctx, 'bob', { timezone: 'Asia/Seoul', reminderTime: '08:00' });
  await answerAll(ctx, clock, 'ann');
  await answerAll(ctx, clock, 'bob', wrongAnswer);
  clock.advance(DAY);
  await answerAll(ctx, clock, 'ann');
  const start = await startSession(ctx, 'cy');
  if (start.kind !== 'question') throw new Error('expected a question');
  const q = start.question;
  const r = await answerQuestion(ctx, {
    memberId: 'cy',
    sessionId: q.sessionId,
    step: q.step,
    answer: rightAnswer(q),
  });
  if (r.status === 'recorded' && r.feedback.reviewId !== null)
    await markGuessed(ctx, 'cy', r.feedback.reviewId);
  await undoReview(ctx, 'bob');
  const first = questionOf(await startExam(ctx, 'ann', { questions: 5 }));
  const second = questionOf(await answerExam(ctx, 'ann', first, rightExamAnswer(first)));
  await answerExam(ctx, 'ann', second, wrongExamAnswer(second));
  await flagExam(ctx, 'ann', second, true);
  await submitExam(ctx, 'ann', first.examId);
  await startExam(ctx, 'bob', { questions: 5 });
  clock.advance(DAY);
  await claimDueReminders(ctx);
  await holdLease(ctx, DM_SENDER, 'test-holder');
}

/** Every row of every table, in key order, as the Prisma client reads it. */
async function everything(prisma: PrismaClient) {
  return {
    member: await prisma.member.findMany({ orderBy: { id: 'asc' } }),
    group: await prisma.group.findMany({ orderBy: { id: 'asc' } }),
    membership: await prisma.membership.findMany({ orderBy: [{ groupId: 'asc' }, { memberId: 'asc' }] }),
    question: await prisma.question.findMany({ orderBy: { id: 'asc' } }),
    card: await prisma.card.findMany({ orderBy: { id: 'asc' } }),
    reviewLog: await prisma.reviewLog.findMany({ orderBy: { id: 'asc' } }),
    dailyStat: await prisma.dailyStat.findMany({ orderBy: [{ memberId: 'asc' }, { day: 'asc' }] }),
    reminderDelivery: await prisma.reminderDelivery.findMany({
      orderBy: [{ memberId: 'asc' }, { day: 'asc' }],
    }),
    studySession: await prisma.studySession.findMany({ orderBy: { id: 'asc' } }),
    exam: await prisma.exam.findMany({ orderBy: { id: 'asc' } }),
    examItem: await prisma.examItem.findMany({ orderBy: [{ examId: 'asc' }, { position: 'asc' }] }),
    jobLease: await prisma.jobLease.findMany({ orderBy: { name: 'asc' } }),
  };
}

describe.skipIf(server === null)(
  `copying a database between providers${server === null ? `: skipped, ${inject('postgresSkipReason')}` : ''}`,
  () => {
    // biome-ignore lint/style/noNonNullAssertion: the block is skipped when there is no server
    const pgServer = server!;
    let source: TestDb;
    let clock: TestClock;
    beforeEach(async () => {
      source = await createTestDb('sqlite');
      clock = new TestClock(T0);
      const ctx = makeContext(source.store, clock);
      await import('../../src/core/sync-bank.ts').then((m) =>
        m.syncBank(source.store, ctx.bank.questions, new Date(T0)),
      );
      await studyGroup(ctx, clock);
      await source.store.drain();
    });
    afterEach(async () => {
      await source.close();
    });

    it('GIVEN a SQLite database in use WHEN copied into an empty PostgreSQL database and back THEN every row is the same, and so are progress and boards', async () => {
      const url = await createEmptyDatabase(pgServer);
      const copied = await copyDatabase(source.url, url);
      const before = await everything(source.prisma);
      expect(copied.tables.find((t) => t.name === 'ReviewLog')?.rows).toBe(before.reviewLog.length);
      expect(copied.rows).toBe(Object.values(before).reduce((n, rows) => n + rows.length, 0));
      const pg = inspectPostgres(url);
      const back = path.join(source.dir, 'back.db');
      try {
        expect(await everything(pg)).toEqual(before);
        await copyDatabase(url, `file:${back}`);
        const sqliteAgain = inspectDatabase(back);
        expect(await everything(sqliteAgain)).toEqual(before);
        await sqliteAgain.$disconnect();
      } finally {
        await pg.$disconnect();
      }
      const db = await openDatabaseAt({ provider: 'postgresql', url, poolSize: 2 });
      try {
        const copyCtx = makeContext(new Store(db), clock);
        const ctx = makeContext(source.store, clock);
        for (const id of ['ann', 'bob', 'cy'])
          expect(await getProgress(copyCtx, id)).toEqual(await getProgress(ctx, id));
        expect(await getLeaderboard(copyCtx, 'g1', 'all', 'bob')).toEqual(
          await getLeaderboard(ctx, 'g1', 'all', 'bob'),
        );
        // The sequences continue after the copied ids: new rows get new ids.
        clock.advance(DAY);
        await join(copyCtx, 'dan', 'Dan');
        const next = await startSession(copyCtx, 'dan');
        if (next.kind !== 'question') throw new Error('expected a question');
        expect(next.question.sessionId).toBe(Math.max(...before.studySession.map((s) => s.id)) + 1);
        const r = await answerQuestion(copyCtx, {
          memberId: 'dan',
          sessionId: next.question.sessionId,
          step: next.question.step,
          answer: rightAnswer(next.question),
        });
        expect(r.status === 'recorded' && r.feedback.reviewId).toBe(
          Math.max(...before.reviewLog.map((x) => x.id)) + 1,
        );
      } finally {
        await db.close();
      }
    });

    it('GIVEN a target that already holds data THEN the copy is refused in one line and changes nothing', async () => {
      const url = await createEmptyDatabase(pgServer);
      await copyDatabase(source.url, url);
      const error = await copyDatabase(source.url, url).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DatabaseError);
      expect((error as Error).message).toMatch(
        /^db:copy: the target 127\.0\.0\.1:\d+\/t_\w+ already holds data \(Group 2, JobLease 1, Member 3, .*ReviewLog \d+ rows\); copy into a new, empty database$/,
      );
      const pg = inspectPostgres(url);
      try {
        expect(await pg.member.count()).toBe(3);
      } finally {
        await pg.$disconnect();
      }
    });

    it('GIVEN npm run db:copy with two URLs THEN it copies and says how much, or refuses in one line with exit 1', async () => {
      const run = promisify(execFile);
      const tsx = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
      const url = await createEmptyDatabase(pgServer);
      const args = ['scripts/db-copy.ts', source.url, url];
      const ok = await run(tsx, args, { cwd: PROJECT_ROOT });
      expect(ok.stdout).toMatch(
        /Copied [\d,]+ rows in 12 tables from .*quizbot\.db to 127\.0\.0\.1:\d+\/t_\w+ in [\d.]+ s\.\n$/,
      );
      expect(ok.stdout).not.toContain(new URL(url).password);
      const refused = await run(tsx, args, { cwd: PROJECT_ROOT }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(refused?.code).toBe(1);
      expect(refused?.stderr).toMatch(/^db:copy: the target .* already holds data .*\n$/);
      const unreachable = await run(tsx, [args[0] ?? '', source.url, 'postgresql://u:secret@127.0.0.1:1/x'], {
        cwd: PROJECT_ROOT,
      }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(unreachable?.stderr).toMatch(
        /^the target URL: cannot reach the PostgreSQL server at 127\.0\.0\.1:1\/x: start it, or correct the host and port in the target URL/,
      );
      expect(unreachable?.stderr).not.toContain('secret');
    });
  },
);
