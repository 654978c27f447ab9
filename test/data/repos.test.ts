import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest';
import type { Store } from '../../src/data/store.ts';
import { createTestDb, type Provider, type TestDb } from '../support/db.ts';

/**
 * Every data module's SQL on both providers: one scenario calls every function of every module,
 * and what SQLite returns, PostgreSQL must return too, value for value and type for type (Dates
 * as Date, booleans as boolean, counts as number), so the use cases cannot tell them apart.
 */

const T0 = new Date('2026-03-02T10:00:00.123Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** Calls every data function in a fixed order; returns what each returned. */
async function exercise(store: Store): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const w: Store['write'] = (fn) => store.write(fn);
  const r = store.read;
  await w(({ questions }) =>
    questions.insert(
      ['q1', 'q2', 'q3'].map((id) => ({
        id,
        topic: id === 'q3' ? 'other' : 'main',
        kind: 'choice',
        contentHash: `h-${id}`,
      })),
      T0,
    ),
  );
  await w(({ questions }) =>
    questions.update({ id: 'q2', topic: 'main', kind: 'text', contentHash: 'h2b' }, at(1)),
  );
  await w(({ questions }) => questions.retire(['q3'], at(2)));
  out.questions = (await r.questions.all()).sort((a, b) => a.id.localeCompare(b.id));

  const newMember = (id: string, minute: number) => ({
    id,
    displayName: `Name ${id}`,
    timezone: 'Asia/Seoul',
    lastLocale: id === 'a' ? 'ko' : null,
    nextReminderAt: at(minute),
    now: T0,
  });
  out.created = await w(({ members }) => members.create(newMember('a', -5)));
  out.createdAgain = await w(({ members }) =>
    members.create({ ...newMember('a', 99), displayName: 'other' }),
  );
  await w(({ members }) => members.create(newMember('b', -1)));
  await w(({ members }) => members.create(newMember('c', 30)));
  out.updated = await w(({ members }) =>
    members.update(
      'b',
      { dmsClosed: true, newPerDay: 5, lastStreakDay: '2026-03-01', currentStreak: 2 },
      at(3),
    ),
  );
  out.updatedNobody = await w(({ members }) => members.update('nobody', { newPerDay: 1 }, at(3)));
  out.reminderDue = await r.members.withReminderDue(at(0), 10);
  out.found = await r.members.find('a');
  out.notFound = await r.members.find('nobody');

  const g = { id: 'g1', name: 'Group one', locale: 'ko' };
  await w(({ groups }) => groups.join(g, 'a', T0));
  await w(({ groups }) => groups.join({ id: 'g1', name: null }, 'b', at(1)));
  await w(({ groups }) => groups.setBoardChannel({ id: 'g2', name: null }, 'chan-2', at(2)));
  out.boardClaims = [
    await w(({ groups }) => groups.claimBoard('g2', '2026-03-02', null)),
    await w(({ groups }) => groups.claimBoard('g2', '2026-03-02', null)),
    await w(({ groups }) => groups.claimBoard('g2', '2026-03-09', '2026-03-02')),
  ];
  await w(({ groups }) => groups.unclaimBoard('g2', '2026-03-09', '2026-03-02'));
  out.group = await r.groups.find('g1');
  out.boardGroups = await r.groups.withBoardChannel();
  out.isMember = [await r.groups.isMember('g1', 'a'), await r.groups.isMember('g1', 'c')];

  out.card = await w(({ cards }) => cards.create('a', 'q1', T0));
  await w(({ cards }) => cards.create('a', 'q2', at(1)));
  await w(({ cards }) => cards.create('a', 'q3', at(2)));
  out.applied = await w(({ cards }) =>
    cards.applyReview(
      { id: 1, reviewCount: 0 },
      {
        easiness: 2.6,
        intervalDays: 1,
        repetitions: 1,
        lapses: 0,
        reviewCount: 1,
        dueAt: at(600),
        lastReviewedAt: at(1),
        suspendedAt: null,
      },
    ),
  );
  out.appliedStale = await w(({ cards }) =>
    cards.applyReview(
      { id: 1, reviewCount: 0 },
      {
        easiness: 1.3,
        intervalDays: 9,
        repetitions: 9,
        lapses: 9,
        reviewCount: 1,
        dueAt: at(9),
        lastReviewedAt: null,
        suspendedAt: at(9),
      },
    ),
  );
  out.cardFound = await r.cards.find('a', 'q1');
  out.due = [await r.cards.due('a', at(5), undefined, 10), await r.cards.due('a', at(5), 'main', 1)];
  out.upcoming = await r.cards.upcoming('a', at(5), undefined, 10);
  out.countDue = await r.cards.countDue('a', at(5));
  out.seen = (await r.cards.seenQuestionIds('a')).sort();
  out.ofMember = (await r.cards.ofMember('a')).sort((x, y) => x.questionId.localeCompare(y.questionId));

  const review = {
    memberId: 'a',
    cardId: 1,
    questionId: 'q1',
    seq: 1,
    grade: 5,
    correct: true,
    answer: 'A',
    answeredAt: at(1),
    day: '2026-03-02',
    responseMs: null,
    easinessBefore: 2.5,
    intervalBefore: 0,
    repetitionsBefore: 0,
    dueBefore: T0,
    easinessAfter: 2.6,
    intervalAfter: 1,
    repetitionsAfter: 1,
    dueAfter: at(600),
  };
  out.reviewId = await w(({ reviews }) => reviews.insert(review));
  await w(({ reviews }) =>
    reviews.regrade(
      { id: 1, cardId: 1 },
      { grade: 3, easiness: 2.36, intervalDays: 1, repetitions: 1, dueAt: at(700) },
    ),
  );
  out.review = await r.reviews.find(1);
  out.reviewCount = [await r.reviews.count('a'), await r.reviews.count('b')];

  out.stat = await w(({ stats }) =>
    stats.add('a', '2026-03-02', { reviews: 1, correct: 1, points: 10, newCards: 1 }),
  );
  out.statAgain = await w(({ stats }) => stats.add('a', '2026-03-02', { points: 5 }));
  await w(({ stats }) => stats.add('a', '2026-03-01', { reviews: 2, points: 3 }));
  await w(({ stats }) => stats.add('b', '2026-03-02', { reviews: 4, correct: 2, points: 20 }));
  out.cleared = await w(({ stats }) => stats.setClearedDue('a', '2026-03-02'));
  out.statFound = await r.stats.find('a', '2026-03-02');
  out.since = await r.stats.since('a', '2026-03-01');
  out.board = (await r.stats.board('g1', '2026-03-02', '2026-03-08')).sort((x, y) =>
    x.memberId.localeCompare(y.memberId),
  );
  out.boardAll = (await r.stats.board('g1', null, null)).sort((x, y) => x.memberId.localeCompare(y.memberId));

  const session = {
    memberId: 'a',
    topic: null,
    mode: 'review',
    queue: '[{"q":"q1"}]',
    newIds: '["q1"]',
    seed: 42,
  };
  out.session = await w(({ sessions }) => sessions.create({ ...session, now: T0 }));
  out.advanced = await w(({ sessions }) =>
    sessions.advance(1, 0, {
      step: 1,
      queue: '[]',
      answered: 1,
      correct: 1,
      shownAt: at(1),
      lastFeedback: '{}',
      updatedAt: at(1),
    }),
  );
  out.advancedStale = await w(({ sessions }) => sessions.advance(1, 0, { step: 5 }));
  out.open = await r.sessions.open('a');
  out.closed = await w(({ sessions }) => sessions.closeOpen('a', at(2)));
  out.sessionFound = await r.sessions.find(1);
  out.openAfter = await r.sessions.open('a');

  out.claimed = [
    await w(({ deliveries }) => deliveries.claim('a', '2026-03-02', T0)),
    await w(({ deliveries }) => deliveries.claim('a', '2026-03-02', T0)),
    await w(({ deliveries }) => deliveries.claim('b', '2026-03-02', T0)),
  ];
  await w(({ deliveries }) =>
    deliveries.update('a', '2026-03-02', { status: 'retry', nextTryAt: at(1), lastError: 'x' }),
  );
  await w(({ deliveries }) => deliveries.update('b', '2026-03-02', { status: 'sent', sentAt: at(1) }));
  out.retriesDue = await r.deliveries.retriesDue(at(5));
  out.reclaimed = [
    await w(({ deliveries }) => deliveries.reclaim('a', '2026-03-02', 1)),
    await w(({ deliveries }) => deliveries.reclaim('a', '2026-03-02', 1)),
  ];
  out.deliveries = await r.deliveries.ofMember('a');

  Object.assign(out, await exerciseStudyTools(store));

  out.deleted = [
    await w(({ members }) => members.delete('a')),
    await w(({ members }) => members.delete('a')),
  ];
  out.afterDelete = [
    await r.cards.seenQuestionIds('a'),
    await r.reviews.count('a'),
    await r.deliveries.ofMember('a'),
  ];
  return out;
}

/** The undo, leech, exam, evidence and lease functions, on the data `exercise` left behind. */
async function exerciseStudyTools(store: Store): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  const w: Store['write'] = (fn) => store.write(fn);
  const r = store.read;
  out.latestOfDay = await r.reviews.latestOfDay('a', '2026-03-02');
  out.standing = await r.reviews.standingOfDay('a', '2026-03-02');
  out.previousAnsweredAt = [
    await r.reviews.previousAnsweredAt(1, 2),
    await r.reviews.previousAnsweredAt(1, 1),
  ];
  out.byId = await r.cards.byId(1);
  out.recount = await w(({ stats }) =>
    stats.recount('a', '2026-03-02', { reviews: 0, correct: 0, points: 0, clearedDue: false }),
  );
  out.recentlyAnswered = await r.sessions.recentlyAnswered('a', 5);

  await w(({ cards }) =>
    cards.applyReview(
      { id: 2, reviewCount: 0 },
      {
        easiness: 1.3,
        intervalDays: 1,
        repetitions: 0,
        lapses: 8,
        reviewCount: 1,
        dueAt: at(5),
        lastReviewedAt: at(4),
        suspendedAt: at(4),
      },
    ),
  );
  out.leeches = await r.cards.leeches('a');
  out.dueWithLeech = await r.cards.due('a', at(701), undefined, 10);
  out.unsuspended = [
    await w(({ cards }) => cards.unsuspend('a', 'q2')),
    await w(({ cards }) => cards.unsuspend('a', 'q2')),
  ];

  const exam = await w(({ exams }) =>
    exams.create({
      memberId: 'a',
      seed: 7,
      minutes: 10,
      startedAt: at(10),
      deadline: at(20),
      questionIds: ['q1', 'q2', 'q3'],
    }),
  );
  out.exam = exam;
  out.examOpen = await r.exams.open('a');
  await w(({ exams }) => exams.answer(exam.id, 0, { answer: 'A', correct: true, at: at(11) }));
  await w(({ exams }) => exams.answer(exam.id, 1, { answer: 'B', correct: false, at: at(12) }));
  await w(({ exams }) => exams.flag(exam.id, 1, true));
  await w(({ exams }) => exams.moveTo(exam.id, 2));
  out.examItems = await r.exams.items(exam.id);
  out.expired = [await r.exams.expired(at(19), 5), await r.exams.expired(at(20), 5)];
  out.examEnded = [
    await w(({ exams }) => exams.end(exam.id, 'expired', at(20), 1)),
    await w(({ exams }) => exams.end(exam.id, 'submitted', at(21), 1)),
  ];
  out.examFound = await r.exams.find(exam.id);
  out.examRecent = await r.exams.recent('a', 5);
  out.examCount = [await r.exams.count('a'), await r.exams.count('b')];

  out.evidence = {
    reviews: await r.evidence.reviewsSince('a', T0),
    cards: (await r.evidence.cards('a', T0)).sort((x, y) => x.questionId.localeCompare(y.questionId)),
    exams: (await r.evidence.examsSince('a', T0)).sort((x, y) => x.topic.localeCompare(y.topic)),
    answered: (await r.evidence.answeredQuestionIds('a')).sort(),
    misses: (await r.evidence.missesSince('a', T0)).sort((x, y) => x.questionId.localeCompare(y.questionId)),
  };

  out.undone = [
    await w(({ reviews }) => reviews.markUndone(1, at(30))),
    await w(({ reviews }) => reviews.markUndone(1, at(31))),
  ];
  out.countAfterUndo = await r.reviews.count('a');

  out.leases = [
    await w(({ leases }) => leases.take('job', 'p1', at(0), at(1))),
    await w(({ leases }) => leases.take('job', 'p2', at(0), at(1))),
    await w(({ leases }) => leases.take('job', 'p1', at(0), at(2))),
    await w(({ leases }) => leases.take('job', 'p2', at(2), at(3))),
  ];
  await w(({ leases }) => leases.release('job', 'p1', at(2)));
  await w(({ leases }) => leases.release('job', 'p2', at(2)));
  out.leaseAfterRelease = await w(({ leases }) => leases.take('job', 'p1', at(2), at(4)));
  return out;
}

/** The runtime type of every value in a result (Date, bigint and number told apart), in the same shape. */
function kinds(value: unknown): unknown {
  if (value instanceof Date) return 'Date';
  if (Array.isArray(value)) return value.map(kinds);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, kinds(v)]));
  return value === null ? 'null' : typeof value;
}

const providers: Provider[] = inject('postgres') === null ? ['sqlite'] : ['sqlite', 'postgresql'];

describe('the data modules on each provider', () => {
  const dbs: TestDb[] = [];
  beforeEach(async () => {
    for (const p of providers) dbs.push(await createTestDb(p));
  });
  afterEach(async () => {
    for (const db of dbs.splice(0)) await db.close();
  });

  it('GIVEN every data function called in the same order THEN each returns the types its signature declares', async () => {
    const sqlite = await exercise((dbs[0] as TestDb).store);
    // Every count and id is declared a number: none may come back as bigint.
    expect(JSON.stringify(kinds(sqlite))).not.toContain('bigint');
    expect(sqlite.found).toMatchObject({ remindersEnabled: true, dmsClosed: false, nextReminderAt: at(-5) });
    expect(sqlite.cardFound).toMatchObject({ id: 1, easiness: 2.6, dueAt: at(600), lastReviewedAt: at(1) });
    expect(sqlite.review).toMatchObject({ correct: true, grade: 3, dueAfter: at(700), cardReviewCount: 1 });
    expect(sqlite.statFound).toMatchObject({ reviews: 1, points: 15, clearedDue: true });
    expect(sqlite.board).toEqual([
      expect.objectContaining({ memberId: 'a', points: 15, reviews: 1, correct: 1, currentStreak: 0 }),
      expect.objectContaining({ memberId: 'b', points: 20, reviews: 4, correct: 2, currentStreak: 2 }),
    ]);
    expect(sqlite.countDue).toBe(1);
    expect(sqlite.reviewId).toBe(1);
    expect(sqlite.claimed).toEqual([true, false, true]);
    expect(sqlite.reclaimed).toEqual([true, false]);
    expect(sqlite.deleted).toEqual([true, false]);
    expect(sqlite.boardClaims).toEqual([true, false, true]);
    expect(sqlite.leeches).toEqual([{ questionId: 'q2', lapses: 8, suspendedAt: at(4) }]);
    expect(sqlite.dueWithLeech).toEqual(['q1']);
    expect(sqlite.unsuspended).toEqual([true, false]);
    expect(sqlite.expired).toEqual([[], [expect.objectContaining({ status: 'open' })]]);
    expect(sqlite.examEnded).toEqual([true, false]);
    expect(sqlite.examFound).toMatchObject({ status: 'expired', openFor: null, score: 1, position: 2 });
    expect(sqlite.examCount).toEqual([1, 0]);
    expect(sqlite.evidence).toMatchObject({
      reviews: [{ topic: 'main', answered: 1, correct: 1 }],
      answered: ['q1', 'q2'],
      misses: [
        { questionId: 'q2', misses: 1 },
        { questionId: 'q3', misses: 1 },
      ],
    });
    expect(sqlite.undone).toEqual([true, false]);
    expect(sqlite.countAfterUndo).toBe(0);
    expect(sqlite.leases).toEqual([true, false, true, true]);
    expect(sqlite.leaseAfterRelease).toBe(true);
  });

  it.skipIf(providers.length === 1)(
    `GIVEN the same calls on SQLite and PostgreSQL THEN both return the same values of the same types${providers.length === 1 ? `: skipped, ${inject('postgresSkipReason')}` : ''}`,
    async () => {
      const [sqlite, postgres] = await Promise.all(dbs.map((db) => exercise(db.store)));
      expect(kinds(postgres)).toEqual(kinds(sqlite));
      expect(postgres).toEqual(sqlite);
    },
  );
});
