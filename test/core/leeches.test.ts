import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/context.ts';
import { leechNotice, listLeeches, relatedFact, unsuspendLeech } from '../../src/core/leeches.ts';
import { getProgress } from '../../src/core/progress.ts';
import { previewReminder } from '../../src/core/reminders.ts';
import { updateSettings } from '../../src/core/settings.ts';
import {
  answerQuestion,
  type PresentedQuestion,
  startSession,
  undoReview,
} from '../../src/core/study/index.ts';
import type { Fact, Question } from '../../src/domain/question.ts';
import { useCore } from '../support/core.ts';
import { join, rightAnswer, wrongAnswer } from '../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const DAY = 86_400_000;
const env = useCore(T0);

/**
 * A card of `beta-two` reviewed before (its latest review in the log), lapsed `lapses` times,
 * due an hour ago: first in the next session.
 */
async function forgottenCard(memberId: string, lapses: number) {
  await join(env.ctx, memberId);
  const card = await env.db.prisma.card.create({
    data: {
      memberId,
      questionId: 'beta-two',
      easiness: 1.7,
      intervalDays: 6,
      repetitions: 2,
      lapses,
      reviewCount: lapses + 3,
      dueAt: new Date(T0 - 3_600_000),
      lastReviewedAt: new Date(T0 - 6 * DAY),
      createdAt: new Date(T0 - 30 * DAY),
    },
  });
  const before = {
    easinessBefore: 1.7,
    intervalBefore: 1,
    repetitionsBefore: 1,
    dueBefore: new Date(T0 - 7 * DAY),
  };
  const after = { easinessAfter: 1.7, intervalAfter: 6, repetitionsAfter: 2, dueAfter: card.dueAt };
  await env.db.prisma.reviewLog.create({
    data: {
      memberId,
      cardId: card.id,
      questionId: 'beta-two',
      seq: card.reviewCount,
      grade: 4,
      correct: true,
      answer: 'A',
      answeredAt: new Date(T0 - 6 * DAY),
      day: '2026-02-24',
      ...before,
      ...after,
    },
  });
  return card;
}

async function answerFirst(memberId: string, right: boolean) {
  const start = await startSession(env.ctx, memberId);
  if (start.kind !== 'question') throw new Error('expected a question');
  const q: PresentedQuestion = start.question;
  env.clock.advance(2_000);
  const r = await answerQuestion(env.ctx, {
    memberId,
    sessionId: q.sessionId,
    step: q.step,
    answer: right ? rightAnswer(q) : wrongAnswer(q),
  });
  if (r.status !== 'recorded') throw new Error(`unexpected ${r.status}`);
  return { q, r };
}

describe('the related fact of a question', () => {
  const question = (id: string) => env.ctx.bank.question(id) as Question;

  it('GIVEN a question THEN the fact of its topic sharing the most key words with its prompt and explanation is chosen', () => {
    const { facts } = env.ctx.bank;
    // "Backups can be kept 35 days" / "maximum retention is 35 days": the retention fact, not replicas.
    expect(relatedFact(question('alpha-tf'), facts)?.id).toBe('alpha-fact-one');
    expect(relatedFact(question('beta-two'), facts)?.id).toBe('beta-fact');
    // Nothing in common with either alpha fact: no fact rather than an unrelated one.
    expect(relatedFact(question('alpha-choice'), facts)).toBeNull();
  });

  it('GIVEN facts of other topics or equal matches THEN only the topic counts and the bank order breaks the tie', () => {
    const fact = (id: string, topic: string, text: string): Fact => ({
      id,
      topic,
      service: 's',
      title: 'T',
      text,
      source: [],
      docs: undefined,
    });
    const facts = [
      fact('other-topic', 'beta', 'backups retention kept days maximum'),
      fact('first', 'alpha', 'backups are retained'),
      fact('second', 'alpha', 'backups are rotated'),
    ];
    expect(relatedFact(question('alpha-tf'), facts)?.id).toBe('first');
  });
});

describe('the leech notice', () => {
  const question = (id: string) => env.ctx.bank.question(id) as Question;

  it("GIVEN a question no fact of its topic relates to THEN the notice has no fact and the docs are the question's own, if any", () => {
    const { bank } = env.ctx;
    expect(leechNotice(bank, question('alpha-choice'), 8)).toEqual({
      questionId: 'alpha-choice',
      lapses: 8,
      fact: null,
      docs: undefined,
    });
    const withDocs = { ...question('alpha-choice'), docs: 'https://docs.example/q' };
    expect(leechNotice(bank, withDocs, 12)).toEqual({
      questionId: 'alpha-choice',
      lapses: 12,
      fact: null,
      docs: 'https://docs.example/q',
    });
  });

  it("GIVEN a related fact with docs THEN the notice links the fact's docs unless the question has its own", () => {
    const { bank } = env.ctx;
    const facts = bank.facts.map((f) =>
      f.id === 'beta-fact' ? { ...f, docs: 'https://docs.example/fact' } : f,
    );
    const withFactDocs = { ...bank, facts };
    expect(leechNotice(withFactDocs, question('beta-two'), 8)).toEqual({
      questionId: 'beta-two',
      lapses: 8,
      fact: { title: 'Consistency', text: 'Reads are eventually consistent by default.' },
      docs: 'https://docs.example/fact',
    });
    const own = { ...question('beta-two'), docs: 'https://docs.example/q' };
    expect(leechNotice(withFactDocs, own, 8).docs).toBe('https://docs.example/q');
  });
});

describe('leech suspension', () => {
  it('GIVEN a card at its last lapse before the threshold WHEN it is forgotten again THEN it is suspended in the same write and the member is told, with the related fact', async () => {
    const { ctx, db, clock } = env;
    const card = await forgottenCard('m1', 7);
    const { q, r } = await answerFirst('m1', false);
    expect(q.question.id).toBe('beta-two');
    expect(r.feedback.leech).toEqual({
      questionId: 'beta-two',
      lapses: 8,
      fact: { title: 'Consistency', text: 'Reads are eventually consistent by default.' },
      docs: undefined,
    });
    const suspended = await db.prisma.card.findUniqueOrThrow({ where: { id: card.id } });
    expect(suspended).toMatchObject({ lapses: 8 });
    expect(suspended.suspendedAt?.getTime()).toBe(clock.now);
    expect(await listLeeches(ctx, 'm1')).toMatchObject([
      { number: 1, questionId: 'beta-two', prompt: 'Default read consistency?', lapses: 8 },
    ]);
  });

  it('GIVEN the default threshold and a card that reaches only 7 lapses THEN it lapses without being suspended', async () => {
    const { ctx, db } = env;
    const card = await forgottenCard('m1', 6);
    const { r } = await answerFirst('m1', false);
    expect(r.feedback.leech).toBeUndefined();
    expect(await db.prisma.card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({
      lapses: 7,
      suspendedAt: null,
    });
    expect(await listLeeches(ctx, 'm1')).toEqual([]);
  });

  it('GIVEN a suspended card THEN it never comes due: not in sessions, counts, the forecast, practice or the daily DM; unsuspended, it is due again', async () => {
    const { ctx, db, clock } = env;
    const card = await forgottenCard('m1', 0);
    await db.prisma.card.update({ where: { id: card.id }, data: { suspendedAt: new Date(T0 - DAY) } });
    await updateSettings(ctx, 'm1', { newPerDay: 0 });
    const far = new Date(T0 + 400 * DAY);
    expect(await ctx.store.read.cards.countDue('m1', far)).toBe(0);
    expect(await ctx.store.read.cards.due('m1', far, undefined, 10)).toEqual([]);
    expect(await ctx.store.read.cards.upcoming('m1', new Date(0), undefined, 10)).toEqual([]);
    expect(await startSession(ctx, 'm1')).toMatchObject({
      kind: 'nothing-due',
      nextDueAt: null,
      canPracticeAhead: false,
    });
    expect(await previewReminder(ctx, 'm1')).toBeNull();
    const progress = await getProgress(ctx, 'm1');
    expect(progress).toMatchObject({
      dueToday: 0,
      seen: 1,
      leeches: { count: 1, prompts: ['Default read consistency?'] },
    });
    expect(progress.forecast.reduce((n, d) => n + d.due, 0)).toBe(0);
    // Not picked as new either: the card is seen.
    await updateSettings(ctx, 'm1', { newPerDay: 50 });
    const fresh = await startSession(ctx, 'm1', { topic: 'beta' });
    expect(fresh.kind === 'question' ? fresh.question.question.id : null).toBe('beta-one');
    expect(fresh).toMatchObject({ newCount: 1, dueCount: 0 });

    clock.now = T0 + DAY;
    expect(await unsuspendLeech(ctx, 'm1', '1')).toMatchObject({
      status: 'unsuspended',
      questionId: 'beta-two',
    });
    expect(await ctx.store.read.cards.countDue('m1', new Date(clock.now))).toBe(1);
    expect((await getProgress(ctx, 'm1')).leeches).toEqual({ count: 0, prompts: [] });
  });

  it('GIVEN a card not suspended, or nothing that matches THEN unsuspending says so politely', async () => {
    const { ctx } = env;
    await forgottenCard('m1', 0);
    expect(await unsuspendLeech(ctx, 'm1', 'beta-two')).toEqual({
      status: 'not-suspended',
      questionId: 'beta-two',
      prompt: 'Default read consistency?',
    });
    expect(await unsuspendLeech(ctx, 'm1', '1')).toEqual({ status: 'unknown', query: '1' });
    expect(await unsuspendLeech(ctx, 'm1', 'no-such-question')).toEqual({
      status: 'unknown',
      query: 'no-such-question',
    });
  });

  it('GIVEN the review that made a leech undone THEN the suspension and the lapse go with it', async () => {
    const { ctx, db } = env;
    const card = await forgottenCard('m1', 7);
    await answerFirst('m1', false);
    expect((await undoReview(ctx, 'm1')).status).toBe('undone');
    expect(await db.prisma.card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({
      suspendedAt: null,
      lapses: 7,
      reviewCount: 11,
      intervalDays: 6,
      lastReviewedAt: new Date(T0 - 6 * DAY),
    });
  });

  it('GIVEN a leech unsuspended at the threshold THEN it is suspended again only every half threshold further lapses; threshold 0 never', async () => {
    const { ctx, db } = env;
    const card = await forgottenCard('m1', 4);
    await updateSettings(ctx, 'm1', { leechThreshold: 4 });
    const fifth = await answerFirst('m1', false);
    expect(fifth.r.feedback.leech).toBeUndefined();
    await db.prisma.card.update({
      where: { id: card.id },
      data: { dueAt: new Date(env.clock.now - 1), lastReviewedAt: new Date(env.clock.now - DAY) },
    });
    await db.prisma.studySession.updateMany({ data: { openFor: null, finishedAt: new Date() } });
    const sixth = await answerFirst('m1', false);
    expect(sixth.r.feedback.leech?.lapses).toBe(6);

    await updateSettings(ctx, 'm1', { leechThreshold: 0 });
    await db.prisma.card.update({
      where: { id: card.id },
      data: { suspendedAt: null, dueAt: new Date(env.clock.now - 1) },
    });
    await db.prisma.studySession.updateMany({ data: { openFor: null, finishedAt: new Date() } });
    const off = await answerFirst('m1', false);
    expect(off.r.feedback.leech).toBeUndefined();
    expect(await db.prisma.card.findUniqueOrThrow({ where: { id: card.id } })).toMatchObject({
      lapses: 7,
      suspendedAt: null,
    });
  });

  it('GIVEN a threshold outside 0-99 THEN the setting is refused', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    await expect(updateSettings(ctx, 'm1', { leechThreshold: 100 })).rejects.toBeInstanceOf(UserError);
    await expect(updateSettings(ctx, 'm1', { leechThreshold: -1 })).rejects.toBeInstanceOf(UserError);
    expect((await updateSettings(ctx, 'm1', { leechThreshold: 0 })).leechThreshold).toBe(0);
  });
});
