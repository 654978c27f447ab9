import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreContext } from '../../src/core/context.ts';
import { getLeaderboard } from '../../src/core/leaderboard.ts';
import { ensureMember, forgetMember, updateSettings } from '../../src/core/members.ts';
import { getProgress } from '../../src/core/progress.ts';
import { claimDueReminders, reminderDmsClosed } from '../../src/core/reminders.ts';
import { answerQuestion, markGuessed, type PresentedQuestion, startSession } from '../../src/core/study.ts';
import type { Answer } from '../../src/domain/grading.ts';
import type { Question } from '../../src/domain/question.ts';
import { makeContext, TestClock } from '../support/core.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const DAY = 86_400_000;
const group = { id: 'g1', name: 'Study group' };

function rightAnswer(q: Question): Answer {
  switch (q.kind) {
    case 'choice':
      return { kind: 'choice', picks: q.answer };
    case 'truefalse':
      return { kind: 'truefalse', value: q.answer };
    case 'text':
      return { kind: 'text', text: q.accept[0] ?? '' };
    case 'flashcard':
      return { kind: 'flashcard', grade: 5 };
  }
}

function wrongAnswer(q: Question): Answer {
  switch (q.kind) {
    case 'choice':
      return { kind: 'choice', picks: [q.options.findIndex((_, i) => !q.answer.includes(i))] };
    case 'truefalse':
      return { kind: 'truefalse', value: !q.answer };
    case 'text':
      return { kind: 'text', text: 'definitely not it' };
    case 'flashcard':
      return { kind: 'flashcard', grade: 1 };
  }
}

let t: TestDb;
let clock: TestClock;
let ctx: CoreContext;

beforeEach(async () => {
  t = await createTestDb();
  clock = new TestClock(T0);
  ctx = makeContext(t.store, clock);
  await t.store.syncQuestions(ctx.bank.questions);
});
afterEach(async () => {
  await t.close();
});

async function join(id: string, name = id) {
  return ensureMember(ctx, { memberId: id, displayName: name, group });
}

async function answerAll(memberId: string, pick: (q: Question) => Answer = rightAnswer) {
  let start = await startSession(ctx, memberId);
  let q: PresentedQuestion | null = start.kind === 'question' ? start.question : null;
  let answered = 0;
  while (q !== null) {
    clock.advance(2_000);
    // SM-2 re-asks until a 4: answer re-asks right so the session can end.
    const answer = q.reask ? rightAnswer(q.question) : pick(q.question);
    const r = await answerQuestion(ctx, { memberId, sessionId: q.sessionId, step: q.step, answer });
    if (r.status !== 'recorded') throw new Error(`unexpected ${r.status}`);
    answered++;
    q = r.next;
  }
  start = await startSession(ctx, memberId);
  return { answered, after: start };
}

describe('review sessions', () => {
  it('GIVEN a new member WHEN they start THEN new cards up to the session size come in curriculum order', async () => {
    await join('m1');
    const start = await startSession(ctx, 'm1');
    expect(start.kind).toBe('question');
    if (start.kind !== 'question') return;
    expect(start.newCount).toBe(ctx.bank.questions.length);
    expect(start.question.isNew).toBe(true);
  });

  it('GIVEN every answer right WHEN the session ends THEN one review per question is logged and nothing is due until tomorrow', async () => {
    await join('m1');
    const { answered, after } = await answerAll('m1');
    expect(answered).toBe(ctx.bank.questions.length);
    expect(await t.store.db.reviewLog.count({ where: { memberId: 'm1' } })).toBe(answered);
    expect(after.kind).toBe('nothing-due');
    if (after.kind === 'nothing-due') expect(after.nextDueAt).toBe(Date.parse('2026-03-03T04:00:00Z'));
  });

  it('GIVEN a wrong answer THEN it is asked again in the session without a second review and the card is due tomorrow', async () => {
    await join('m1');
    const start = await startSession(ctx, 'm1');
    if (start.kind !== 'question') throw new Error();
    const first = start.question;
    const r1 = await answerQuestion(ctx, {
      memberId: 'm1',
      sessionId: first.sessionId,
      step: first.step,
      answer: wrongAnswer(first.question),
    });
    if (r1.status !== 'recorded') throw new Error();
    expect(r1.feedback).toMatchObject({ correct: false, reaskLater: true, schedule: { intervalDays: 1 } });
    let q = r1.next;
    let reasked = false;
    while (q !== null) {
      const r = await answerQuestion(ctx, {
        memberId: 'm1',
        sessionId: q.sessionId,
        step: q.step,
        answer: rightAnswer(q.question),
      });
      if (r.status !== 'recorded') throw new Error();
      if (q.reask) {
        reasked = true;
        expect(r.feedback.schedule).toBeNull();
      }
      q = r.next;
    }
    expect(reasked).toBe(true);
    expect(await t.store.db.reviewLog.count({ where: { questionId: first.question.id } })).toBe(1);
  });

  it('GIVEN the same step answered twice concurrently THEN exactly one review is recorded and the other replays it', async () => {
    await join('m1');
    const start = await startSession(ctx, 'm1');
    if (start.kind !== 'question') throw new Error();
    const q = start.question;
    const input = { memberId: 'm1', sessionId: q.sessionId, step: q.step, answer: rightAnswer(q.question) };
    const results = await Promise.all([
      answerQuestion(ctx, input),
      answerQuestion(ctx, input),
      answerQuestion(ctx, input),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['duplicate', 'duplicate', 'recorded']);
    expect(await t.store.db.reviewLog.count()).toBe(1);
  });

  it('GIVEN 100 members answering at once THEN all 100 reviews are recorded', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => `m${i}`);
    for (const id of ids) await join(id);
    const firsts = await Promise.all(ids.map((id) => startSession(ctx, id)));
    await Promise.all(
      firsts.map((s, i) => {
        if (s.kind !== 'question') throw new Error();
        return answerQuestion(ctx, {
          memberId: ids[i] ?? '',
          sessionId: s.question.sessionId,
          step: s.question.step,
          answer: rightAnswer(s.question.question),
        });
      }),
    );
    expect(await t.store.db.reviewLog.count()).toBe(100);
  });

  it('GIVEN a daily limit of 2 new cards THEN a session offers 2 and then says nothing is due, offering more', async () => {
    await join('m1');
    await updateSettings(ctx, 'm1', { newPerDay: 2 });
    const { answered, after } = await answerAll('m1');
    expect(answered).toBe(2);
    expect(after).toMatchObject({ kind: 'nothing-due', newLeftToday: 0 });
    if (after.kind === 'nothing-due') expect(after.unseen).toBe(ctx.bank.questions.length - 2);
  });

  it('GIVEN a topic filter THEN only that topic is asked, and an unknown topic is refused with the list', async () => {
    await join('m1');
    const s = await startSession(ctx, 'm1', { topic: 'beta' });
    if (s.kind !== 'question') throw new Error();
    expect(s.question.question.topic).toBe('beta');
    await expect(startSession(ctx, 'm1', { topic: 'gamma' })).rejects.toMatchObject({
      code: 'unknown-topic',
    });
  });

  it('GIVEN a stale step THEN the answer is refused politely and nothing is written', async () => {
    await join('m1');
    const s = await startSession(ctx, 'm1');
    if (s.kind !== 'question') throw new Error();
    const r = await answerQuestion(ctx, {
      memberId: 'm1',
      sessionId: s.question.sessionId,
      step: 7,
      answer: rightAnswer(s.question.question),
    });
    expect(r.status).toBe('stale');
    expect(await t.store.db.reviewLog.count()).toBe(0);
  });

  it('GIVEN "I guessed" after a correct answer THEN the grade becomes 3 and the card is rescheduled from its previous state', async () => {
    await join('m1');
    const s = await startSession(ctx, 'm1');
    if (s.kind !== 'question') throw new Error();
    const r = await answerQuestion(ctx, {
      memberId: 'm1',
      sessionId: s.question.sessionId,
      step: 0,
      answer: rightAnswer(s.question.question),
    });
    if (r.status !== 'recorded' || r.feedback.reviewId === null) throw new Error();
    expect(await markGuessed(ctx, 'm1', r.feedback.reviewId)).toMatchObject({ intervalDays: 1 });
    const log = await t.store.db.reviewLog.findUniqueOrThrow({ where: { id: r.feedback.reviewId } });
    expect(log.grade).toBe(3);
    expect(log.easinessAfter).toBeCloseTo(2.36);
    expect(await markGuessed(ctx, 'other', r.feedback.reviewId)).toBeNull();
  });
});

describe('progress, streaks and leaderboards', () => {
  it('GIVEN three days of study THEN the streak is 3, accuracy is reported and the next day without study keeps it alive', async () => {
    await join('m1');
    await updateSettings(ctx, 'm1', { newPerDay: 3 });
    await answerAll('m1');
    for (let d = 1; d <= 2; d++) {
      clock.now = T0 + d * DAY;
      await answerAll('m1');
    }
    const p = await getProgress(ctx, 'm1');
    expect(p.currentStreak).toBe(3);
    expect(p.longestStreak).toBe(3);
    expect(p.accuracy7).toBe(1);
    expect(p.seen).toBe(9);
    clock.now = T0 + 3 * DAY;
    expect((await getProgress(ctx, 'm1')).currentStreak).toBe(3);
    clock.now = T0 + 5 * DAY;
    expect((await getProgress(ctx, 'm1')).currentStreak).toBe(0);
  });

  it('GIVEN members with different results THEN the board ranks by points, ties stably, and shows the caller', async () => {
    await join('a', 'Ann');
    await join('b', 'Bob');
    await join('c', 'Cy');
    await ensureMember(ctx, { memberId: 'x', displayName: 'Xena', group: { id: 'other', name: 'Other' } });
    await answerAll('a');
    await answerAll('b', wrongAnswer);
    await answerAll('x');
    const board = await getLeaderboard(ctx, 'g1', 'week', 'b');
    expect(board.entries.map((e) => e.displayName)).toEqual(['Ann', 'Bob']);
    expect(board.me?.rank).toBe(2);
    expect(board.entries[0]?.accuracy).toBe(1);
    const again = await getLeaderboard(ctx, 'g1', 'week');
    expect(again.entries.map((e) => e.memberId)).toEqual(board.entries.map((e) => e.memberId));
    clock.now = T0 + 7 * DAY;
    expect((await getLeaderboard(ctx, 'g1', 'week')).entries).toEqual([]);
    expect((await getLeaderboard(ctx, 'g1', 'all')).entries).toHaveLength(2);
  });
});

describe('period bounds', () => {
  it('GIVEN the board of a week that has ended THEN later days do not count', async () => {
    await join('a', 'Ann');
    await answerAll('a');
    const lastWeekEnd = T0 - 1 - 10 * 3_600_000; // Sunday evening before T0's week
    const pastCtx = { ...ctx, clock: () => lastWeekEnd };
    expect((await getLeaderboard(pastCtx, 'g1', 'week')).entries).toEqual([]);
    expect((await getLeaderboard(ctx, 'g1', 'week')).entries).toHaveLength(1);
  });

  it('GIVEN an open practice session WHEN the member asks for a review THEN a review session starts instead of resuming practice', async () => {
    await join('m1');
    await answerAll('m1');
    clock.now = T0 + 3_600_000;
    const practice = await startSession(ctx, 'm1', { mode: 'practice' });
    expect(practice.kind).toBe('question');
    const review = await startSession(ctx, 'm1');
    expect(review.kind).toBe('nothing-due');
  });
});

describe('timezone changes', () => {
  it('GIVEN cards scheduled in UTC WHEN the member moves to UTC+14 and back THEN no card vanishes or is counted twice', async () => {
    await join('m1');
    await answerAll('m1');
    const total = async () => (await getProgress(ctx, 'm1')).forecast.reduce((n, d) => n + d.due, 0);
    expect(await total()).toBe(10);
    await updateSettings(ctx, 'm1', { timezone: 'Pacific/Kiritimati' });
    expect(await total()).toBe(10);
    await updateSettings(ctx, 'm1', { timezone: 'America/Los_Angeles' });
    expect(await total()).toBe(10);
    clock.now = Date.parse('2026-03-03T04:00:00Z');
    const due = await startSession(ctx, 'm1');
    expect(due.kind === 'question' ? due.dueCount : 0).toBe(10);
  });
});

describe('reminders', () => {
  it('GIVEN a member whose reminder time passed THEN exactly one reminder is claimed per local day, even when the job runs twice', async () => {
    await join('m1');
    await updateSettings(ctx, 'm1', { timezone: 'Asia/Seoul', reminderTime: '19:20' });
    clock.now = Date.parse('2026-03-02T10:30:00Z'); // 19:30 in Seoul
    const first = await claimDueReminders(ctx);
    expect(first.map((j) => j.memberId)).toEqual(['m1']);
    expect(first[0]).toMatchObject({ day: '2026-03-02', newCount: ctx.bank.questions.length });
    expect(await claimDueReminders(ctx)).toEqual([]);
    clock.now = Date.parse('2026-03-03T10:21:00Z');
    expect((await claimDueReminders(ctx)).map((j) => j.day)).toEqual(['2026-03-03']);
  });

  it('GIVEN closed DMs or reminders off THEN the member is not selected', async () => {
    await join('m1');
    await join('m2');
    clock.now = T0 + DAY;
    const jobs = await claimDueReminders(ctx);
    const j1 = jobs.find((j) => j.memberId === 'm1');
    if (j1 === undefined) throw new Error();
    await reminderDmsClosed(ctx, j1);
    await updateSettings(ctx, 'm2', { remindersEnabled: false });
    clock.now = T0 + 2 * DAY;
    expect(await claimDueReminders(ctx)).toEqual([]);
    const again = await ensureMember(ctx, { memberId: 'm1', displayName: 'm1', group: null });
    expect(again.dmsWereClosed).toBe(true);
  });

  it('GIVEN nothing due or new THEN no reminder is sent', async () => {
    await join('m1');
    await answerAll('m1');
    clock.now = T0 + 23 * 3_600_000 - 1; // 09:00 the next day has not come; still day one
    expect(await claimDueReminders(ctx)).toEqual([]);
  });
});

describe('settings and forget-me', () => {
  it('GIVEN bad settings THEN each is refused with a message naming what is expected', async () => {
    await join('m1');
    await expect(updateSettings(ctx, 'm1', { timezone: 'Mars/Olympus' })).rejects.toThrow(/IANA timezone/);
    await expect(updateSettings(ctx, 'm1', { reminderTime: '25:00' })).rejects.toThrow(/HH:MM/);
    await expect(updateSettings(ctx, 'm1', { newPerDay: 51 })).rejects.toThrow(/0 to 50/);
  });

  it('GIVEN a member with history WHEN they ask to be forgotten THEN nothing of theirs remains', async () => {
    await join('m1');
    await answerAll('m1');
    await forgetMember(ctx, 'm1');
    const db = t.store.db;
    const counts = await Promise.all([
      db.member.count(),
      db.card.count(),
      db.reviewLog.count(),
      db.dailyStat.count(),
      db.studySession.count(),
      db.membership.count(),
    ]);
    expect(counts).toEqual([0, 0, 0, 0, 0, 0]);
  });
});
