import { deepStrictEqual } from 'node:assert/strict';
import Database from 'better-sqlite3';
import { loadBank } from '../src/bank/load.ts';
import { type CoreContext, indexBank } from '../src/core/context.ts';
import { getLeaderboard } from '../src/core/leaderboard.ts';
import { getProgress } from '../src/core/progress.ts';
import { claimDueReminders } from '../src/core/reminders.ts';
import { answerQuestion, type PresentedQuestion, startSession } from '../src/core/study/index.ts';
import { syncBank } from '../src/core/sync-bank.ts';
import { type DatabaseTarget, openDatabaseAt } from '../src/data/db.ts';
import { exec, type Queryable, rows, type Sql, sql } from '../src/data/sql.ts';
import { Store } from '../src/data/store.ts';
import type { Answer } from '../src/domain/grading.ts';
import type { Question } from '../src/domain/question.ts';
import type { Grade } from '../src/domain/sm2.ts';
import { BenchClock, groupId, isReminderCrowd, memberId, NOW, QUESTIONS_DIR, rng } from './common.ts';
import { type Summary, sample, summarize, timed } from './measure.ts';
import { RawCore, type RawPresented } from './raw.ts';

/** The in-process measurements on one generated database: each core use case vs raw SQL. */

export type Pair = { app: Summary; raw: Summary };

export type ScaleMeasures = {
  bankWarm: Pair;
  bankLoadOnly: Summary;
  leaderboard: Pair & { entries: number };
  progress: Pair;
  selection: Pair & { selected: number };
  claim: Pair & { claimed: number };
  start: Pair;
  answer: Pair;
  plans: Record<string, string[]>;
  /** The store's write counters: retries are PostgreSQL's serialization conflicts (SQLite's busy waits). */
  writes: { writes: number; retries: number; failed: number };
};

export type Iterations = {
  answers: number;
  answerWarmup: number;
  progress: number;
  leaderboard: number;
  selection: number;
  bank: number;
  claimRounds: number;
};

/** Hands out members one at a time, skipping the 09:00 UTC reminder crowd (kept for the fan-out). */
export class MemberPool {
  private next = 1;
  constructor(private readonly members: number) {}
  take(): number {
    while (isReminderCrowd(this.next)) this.next++;
    if (this.next >= this.members)
      throw new Error('member pool exhausted: use more members or fewer iterations');
    return this.next++;
  }
}

function makeAnswer(q: Question, r: () => number): Answer {
  const right = r() < 0.8;
  switch (q.kind) {
    case 'choice': {
      const wrong = q.options.findIndex((_, i) => !q.answer.includes(i));
      return { kind: 'choice', picks: right || wrong === -1 ? [...q.answer] : [wrong] };
    }
    case 'truefalse':
      return { kind: 'truefalse', value: right ? q.answer : !q.answer };
    case 'text':
      return { kind: 'text', text: right ? (q.accept[0] ?? '') : 'no idea' };
    case 'flashcard':
      return { kind: 'flashcard', grade: (right ? 3 + Math.floor(r() * 3) : Math.floor(r() * 3)) as Grade };
  }
}

function plan(db: Database.Database, sql: string, ...args: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[]).map((r) => r.detail);
}

/** PostgreSQL's plan of a query as the app sends it (with its parameters). */
async function postgresPlan(q: Queryable, query: Sql): Promise<string[]> {
  const found = await rows<{ 'QUERY PLAN': string }>(q, sql`EXPLAIN ${query}`);
  return found.map((r) => r['QUERY PLAN'].trim());
}

/** The same queries as the SQLite plans below, planned by PostgreSQL. */
async function postgresPlans(
  q: Queryable,
  boardGroup: string,
  me: string,
): Promise<Record<string, string[]>> {
  return {
    leaderboard: await postgresPlan(
      q,
      sql`SELECT d."memberId", SUM(d."points") FROM "Membership" ms
            JOIN "DailyStat" d ON d."memberId" = ms."memberId" AND d."day" >= ${'2025-06-02'} AND d."day" <= ${'2025-06-08'}
            JOIN "Member" m ON m."id" = ms."memberId" WHERE ms."groupId" = ${boardGroup} GROUP BY d."memberId"`,
    ),
    selection: await postgresPlan(
      q,
      sql`SELECT * FROM "Member" WHERE "nextReminderAt" <= ${new Date(NOW)} AND "remindersEnabled" = ${true} AND "dmsClosed" = ${false}
           ORDER BY "nextReminderAt" LIMIT 500`,
    ),
    dueCards: await postgresPlan(
      q,
      sql`SELECT c."questionId" FROM "Card" c JOIN "Question" q ON q."id" = c."questionId"
           WHERE c."memberId" = ${me} AND c."dueAt" <= ${new Date(NOW)} AND q."retired" = ${false} ORDER BY c."dueAt", c."id" LIMIT 10`,
    ),
    countReviews: await postgresPlan(q, sql`SELECT count(*) FROM "ReviewLog" WHERE "memberId" = ${me}`),
  };
}

/**
 * Between claim rounds: nobody claimed, the crowd due again, no open session (the claim opens
 * one per member). Through the app's connection, so it serves either provider.
 */
async function resetClaimsThrough(q: Queryable, due: { id: string; nextReminderAt: Date }[]): Promise<void> {
  await exec(q, sql`DELETE FROM "ReminderDelivery"`);
  for (const m of due) {
    await exec(q, sql`UPDATE "Member" SET "nextReminderAt" = ${m.nextReminderAt} WHERE "id" = ${m.id}`);
    await exec(q, sql`DELETE FROM "StudySession" WHERE "memberId" = ${m.id} AND "finishedAt" IS NULL`);
  }
}

/** raw SQL's samples where there is a raw variant (SQLite), an empty summary otherwise. */
async function rawSamples(
  raw: RawCore | null,
  warmup: number,
  iterations: number,
  fn: (r: RawCore, i: number) => unknown,
): Promise<Summary> {
  if (raw === null) return summarize([]);
  return summarize(await sample(warmup, iterations, (i) => fn(raw, i)));
}

export async function measureScale(options: {
  target: DatabaseTarget;
  members: number;
  iterations: Iterations;
  pool: MemberPool;
  log: (line: string) => void;
}): Promise<ScaleMeasures> {
  const { target, iterations: it, pool, log } = options;
  const bank = loadBank(QUESTIONS_DIR);
  const prisma = await openDatabaseAt(target);
  const store = new Store(prisma);
  const clock = new BenchClock(NOW);
  const ctx: CoreContext = {
    store,
    bank: indexBank(bank),
    clock: clock.read,
    sessionSize: 10,
    defaultTimezone: 'UTC',
  };
  // The raw SQL floor exists for SQLite (better-sqlite3 on a second connection); on PostgreSQL
  // the app's figures are compared with SQLite's app figures instead.
  let db: Database.Database | null = null;
  let raw: RawCore | null = null;
  if (target.provider === 'sqlite') {
    db = new Database(target.path);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    raw = new RawCore(db, ctx.bank, clock.read, ctx.sessionSize);
  }
  const r = rng(7);

  try {
    // ---- bank: load + sync in this (warm) process, the bank already in the database
    log('  bank load + sync');
    const bankWarm: Pair = {
      app: summarize(
        await sample(2, it.bank, async () =>
          syncBank(store, loadBank(QUESTIONS_DIR).questions, new Date(NOW)),
        ),
      ),
      raw: await rawSamples(raw, 2, it.bank, (x) => x.syncQuestions(loadBank(QUESTIONS_DIR).questions)),
    };
    const loadOnly = summarize(await sample(2, it.bank, () => loadBank(QUESTIONS_DIR)));

    // ---- weekly leaderboard of the 1,000-member "bench" group
    log('  weekly leaderboard');
    const boardGroup = groupId(0);
    const me = memberId(1);
    const appBoard = await getLeaderboard(ctx, boardGroup, 'week', me);
    if (raw !== null)
      deepStrictEqual(
        raw.leaderboard(boardGroup, 'week', me),
        appBoard,
        'raw leaderboard differs from the core',
      );
    const leaderboard = {
      app: summarize(await sample(10, it.leaderboard, () => getLeaderboard(ctx, boardGroup, 'week', me))),
      raw: await rawSamples(raw, 10, it.leaderboard, (x) => x.leaderboard(boardGroup, 'week', me)),
      entries: appBoard.entries.length,
    };

    // ---- a member's progress (read-only: any member)
    log('  progress');
    const progressIds = Array.from({ length: 64 }, () => memberId(Math.floor(r() * options.members)));
    for (const id of raw === null ? [] : progressIds.slice(0, 5)) {
      const { readiness: _readiness, ...app } = await getProgress(ctx, id);
      deepStrictEqual(raw?.progress(id), app, `raw progress differs for ${id}`);
    }
    const pid = (i: number) => progressIds[i % progressIds.length] ?? me;
    const progress = {
      app: summarize(await sample(20, it.progress, (i) => getProgress(ctx, pid(i)))),
      raw: await rawSamples(raw, 20, it.progress, (x, i) => x.progress(pid(i))),
    };

    // ---- reminder selection (pure) and claim (selection + claim + session per member)
    log('  reminder selection and claim');
    const now = new Date(NOW);
    const appSel = await store.read.members.withReminderDue(now, 500);
    if (raw !== null)
      deepStrictEqual(
        raw.membersWithReminderDue(NOW, 500).map((m) => m.id),
        appSel.map((m) => m.id),
        'raw reminder selection differs',
      );
    const selection = {
      app: summarize(await sample(10, it.selection, () => store.read.members.withReminderDue(now, 500))),
      raw: await rawSamples(raw, 10, it.selection, (x) => x.membersWithReminderDue(NOW, 500)),
      selected: appSel.length,
    };
    const due = (await store.read.members.withReminderDue(now, 1_000_000)).map((m) => ({
      id: m.id,
      nextReminderAt: m.nextReminderAt ?? now,
    }));
    const reset = db === null ? () => resetClaimsThrough(prisma.client, due) : sqliteReset(db, due);
    const claimApp: number[] = [];
    const claimRaw: number[] = [];
    let claimed = 0;
    // One unmeasured round each first (warm-up), then the measured rounds.
    for (let round = 0; round <= it.claimRounds; round++) {
      clock.now = NOW;
      const a = await timed(() => claimDueReminders(ctx));
      await reset();
      const b = raw === null ? null : await timed(() => raw.claimDueReminders());
      await reset();
      if (b !== null && a.value.length !== b.value.length)
        throw new Error('raw and core claimed different numbers');
      claimed = a.value.length;
      if (round === 0) continue;
      claimApp.push(a.ms);
      if (b !== null) claimRaw.push(b.ms);
    }
    const claim = { app: summarize(claimApp), raw: summarize(claimRaw), claimed };

    // ---- sessions: start, then answer every question (re-asks included), app and raw alternating
    log('  sessions: start + answer');
    type Variant = 'app' | 'raw';
    const starts: Record<Variant, number[]> = { app: [], raw: [] };
    const answers: Record<Variant, number[]> = { app: [], raw: [] };
    const total = it.answerWarmup + it.answers;
    clock.now = NOW + 60_000;
    const runSession = async (variant: Variant) => {
      const id = memberId(pool.take());
      const t0 = performance.now();
      let q: PresentedQuestion | RawPresented | null;
      if (variant !== 'raw') {
        const s = await startSession(ctx, id);
        q = s.kind === 'question' ? s.question : null;
      } else {
        const s = (raw as RawCore).startSession(id);
        q = s.kind === 'question' ? s.question : null;
      }
      starts[variant].push(performance.now() - t0);
      while (q !== null && answers[variant].length < total) {
        clock.now += 1_000 + Math.floor(r() * 7_000);
        const fileAnswer = makeAnswer(q.question, r);
        // The app takes choice picks as shown (options are shuffled); raw SQL grades file indexes.
        const shown = q;
        const answer =
          fileAnswer.kind === 'choice' && 'order' in shown
            ? { kind: 'choice' as const, picks: fileAnswer.picks.map((i) => shown.order.indexOf(i)) }
            : fileAnswer;
        const input = { memberId: id, sessionId: q.sessionId, step: q.step, answer };
        const t = performance.now();
        if (variant !== 'raw') {
          const res = await answerQuestion(ctx, input);
          answers.app.push(performance.now() - t);
          if (res.status !== 'recorded') throw new Error(`answer not recorded: ${res.status}`);
          q = res.next;
        } else {
          const res = (raw as RawCore).answer(input);
          answers.raw.push(performance.now() - t);
          if (res.status !== 'recorded') throw new Error(`raw answer not recorded: ${res.status}`);
          q = res.next;
        }
      }
    };
    const variants: Variant[] = raw === null ? ['app'] : ['app', 'raw'];
    while (variants.some((v) => answers[v].length < total)) {
      for (const v of variants) if (answers[v].length < total) await runSession(v);
    }
    const warmStarts = 3;
    const start = {
      app: summarize(starts.app.slice(warmStarts)),
      raw: summarize(starts.raw.slice(warmStarts)),
    };
    const answer = {
      app: summarize(answers.app.slice(it.answerWarmup)),
      raw: summarize(answers.raw.slice(it.answerWarmup)),
    };

    const plans =
      db === null ? await postgresPlans(prisma.client, boardGroup, me) : sqlitePlans(db, boardGroup, me);

    return {
      bankWarm,
      bankLoadOnly: loadOnly,
      leaderboard,
      progress,
      selection,
      claim,
      start,
      answer,
      plans,
      writes: { ...store.stats },
    };
  } finally {
    await store.drain();
    await prisma.close();
    db?.close();
  }
}

/** The SQLite reset between claim rounds: one transaction of prepared statements. */
function sqliteReset(db: Database.Database, due: { id: string; nextReminderAt: Date }[]): () => void {
  const restore = db.prepare('UPDATE "Member" SET nextReminderAt = ? WHERE id = ?');
  const dropOpen = db.prepare('DELETE FROM "StudySession" WHERE memberId = ? AND finishedAt IS NULL');
  return db.transaction(() => {
    db.prepare('DELETE FROM "ReminderDelivery"').run();
    for (const m of due) {
      restore.run(m.nextReminderAt.getTime(), m.id);
      dropOpen.run(m.id);
    }
  });
}

function sqlitePlans(db: Database.Database, boardGroup: string, me: string): Record<string, string[]> {
  return {
    leaderboard: plan(
      db,
      `SELECT d."memberId", SUM(d."points") FROM "Membership" ms
           JOIN "DailyStat" d ON d."memberId" = ms."memberId" AND d."day" >= ? AND d."day" <= ?
           JOIN "Member" m ON m."id" = ms."memberId" WHERE ms."groupId" = ? GROUP BY d."memberId"`,
      '2025-06-02',
      '2025-06-08',
      boardGroup,
    ),
    selection: plan(
      db,
      `SELECT * FROM "Member" WHERE "nextReminderAt" <= ? AND "remindersEnabled" = 1 AND "dmsClosed" = 0
          ORDER BY "nextReminderAt" LIMIT 500`,
      NOW,
    ),
    dueCards: plan(
      db,
      `SELECT c."questionId" FROM "Card" c JOIN "Question" q ON q."id" = c."questionId"
          WHERE c."memberId" = ? AND c."dueAt" <= ? AND q."retired" = 0 ORDER BY c."dueAt", c."id" LIMIT 10`,
      me,
      NOW,
    ),
    countReviews: plan(db, 'SELECT count(*) FROM "ReviewLog" WHERE "memberId" = ?', me),
  };
}
