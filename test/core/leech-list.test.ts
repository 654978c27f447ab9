import { describe, expect, it } from 'vitest';
import { type CoreContext, indexBank } from '../../src/core/context.ts';
import { listLeeches, suggestLeeches, unsuspendLeech } from '../../src/core/leeches.ts';
import { syncBank } from '../../src/core/sync-bank.ts';
import type { Question } from '../../src/domain/question.ts';
import { useCore } from '../support/core.ts';
import { join } from '../support/study.ts';

/** Listing leeches, lifting a suspension by id or list number, and the /leech autocomplete. */

const T0 = Date.parse('2026-03-02T10:00:00Z');
const DAY = 86_400_000;
const env = useCore(T0);

/** A card of the member's suspended `daysAgo` days ago, due since yesterday. */
async function leech(memberId: string, questionId: string, daysAgo: number, lapses = 8) {
  return env.db.prisma.card.create({
    data: {
      memberId,
      questionId,
      easiness: 1.3,
      intervalDays: 1,
      repetitions: 0,
      lapses,
      reviewCount: lapses + 2,
      dueAt: new Date(T0 - DAY),
      lastReviewedAt: new Date(T0 - 2 * DAY),
      createdAt: new Date(T0 - 60 * DAY),
      suspendedAt: new Date(T0 - daysAgo * DAY),
    },
  });
}

const suspendedOf = async (memberId: string) =>
  (await env.db.prisma.card.findMany({ where: { memberId, suspendedAt: { not: null } } }))
    .map((c) => c.questionId)
    .sort();

/** The context with a bank that also holds a copy of beta-one under `id`, synced to the database. */
async function withExtraQuestion(id: string): Promise<CoreContext> {
  const base = env.ctx.bank;
  const copy = { ...(base.question('beta-one') as Question), id };
  const bank = indexBank({ ...base, questions: [...base.questions, copy] });
  await syncBank(env.db.store, bank.questions, new Date(T0));
  return { ...env.ctx, bank };
}

describe('listing leeches', () => {
  it('GIVEN leeches suspended at different times THEN they are listed earliest suspended first, numbered from 1, with prompt, topic title and lapses; other cards and members are not', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    await join(ctx, 'm2');
    await leech('m1', 'beta-two', 3, 9);
    await leech('m1', 'alpha-tf', 5);
    await leech('m1', 'alpha-card', 1, 10);
    await leech('m2', 'alpha-choice', 4);
    await env.db.prisma.card.create({
      data: {
        memberId: 'm1',
        questionId: 'beta-one',
        lapses: 7,
        dueAt: new Date(T0),
        createdAt: new Date(T0),
      },
    });
    expect(await listLeeches(ctx, 'm1')).toEqual([
      {
        number: 1,
        questionId: 'alpha-tf',
        prompt: 'Backups can be kept 35 days.',
        topicTitle: { en: 'Alpha topic' },
        lapses: 8,
        suspendedAt: T0 - 5 * DAY,
      },
      {
        number: 2,
        questionId: 'beta-two',
        prompt: 'Default read consistency?',
        topicTitle: { en: 'Beta topic' },
        lapses: 9,
        suspendedAt: T0 - 3 * DAY,
      },
      {
        number: 3,
        questionId: 'alpha-card',
        prompt: 'How many copies does Aurora keep?',
        topicTitle: { en: 'Alpha topic' },
        lapses: 10,
        suspendedAt: T0 - DAY,
      },
    ]);
  });

  it('GIVEN a leech whose question is gone from the bank THEN it is not listed and the others are numbered without it, before and after the sync retires it', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    await leech('m1', 'alpha-tf', 5);
    await leech('m1', 'beta-two', 3);
    await leech('m1', 'alpha-card', 1);
    const base = ctx.bank;
    const reloaded = {
      ...ctx,
      bank: indexBank({ ...base, questions: base.questions.filter((q) => q.id !== 'beta-two') }),
    };
    const listed = async (c: CoreContext) =>
      (await listLeeches(c, 'm1')).map((l) => [l.number, l.questionId]);
    const expected = [
      [1, 'alpha-tf'],
      [2, 'alpha-card'],
    ];
    expect(await listed(reloaded)).toEqual(expected);
    await syncBank(env.db.store, reloaded.bank.questions, new Date(T0));
    expect(await listed(ctx)).toEqual(expected);
    expect(await unsuspendLeech(reloaded, 'm1', '2')).toMatchObject({ questionId: 'alpha-card' });
  });
});

describe('unsuspending a leech', () => {
  it('GIVEN two leeches WHEN the second is unsuspended by its number THEN only that card is lifted and keeps its due date; again, it is not suspended', async () => {
    const { ctx, db } = env;
    await join(ctx, 'm1');
    await leech('m1', 'alpha-tf', 5);
    const second = await leech('m1', 'beta-two', 3);
    expect(await unsuspendLeech(ctx, 'm1', '2')).toEqual({
      status: 'unsuspended',
      questionId: 'beta-two',
      prompt: 'Default read consistency?',
    });
    expect(await db.prisma.card.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      suspendedAt: null,
      dueAt: second.dueAt,
      lapses: 8,
    });
    expect(await suspendedOf('m1')).toEqual(['alpha-tf']);
    expect(await unsuspendLeech(ctx, 'm1', 'beta-two')).toMatchObject({
      status: 'not-suspended',
      questionId: 'beta-two',
    });
    // The list has one leech left: number 2 names nothing now.
    expect(await unsuspendLeech(ctx, 'm1', '2')).toEqual({ status: 'unknown', query: '2' });
    expect(await suspendedOf('m1')).toEqual(['alpha-tf']);
  });

  it('GIVEN a query with spaces around it or capitals THEN it still names the question or the number', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    await leech('m1', 'alpha-tf', 5);
    await leech('m1', 'beta-two', 3);
    expect(await unsuspendLeech(ctx, 'm1', '  BETA-Two ')).toMatchObject({
      status: 'unsuspended',
      questionId: 'beta-two',
    });
    expect(await unsuspendLeech(ctx, 'm1', ' 1 ')).toMatchObject({
      status: 'unsuspended',
      questionId: 'alpha-tf',
    });
    expect(await suspendedOf('m1')).toEqual([]);
  });

  it("GIVEN another member's leech THEN unsuspending it by id or number leaves it suspended", async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    await join(ctx, 'm2');
    await leech('m1', 'beta-two', 3);
    expect(await unsuspendLeech(ctx, 'm2', 'beta-two')).toMatchObject({ status: 'not-suspended' });
    expect(await unsuspendLeech(ctx, 'm2', '1')).toEqual({ status: 'unknown', query: '1' });
    expect(await suspendedOf('m1')).toEqual(['beta-two']);
  });

  it('GIVEN nothing matches THEN the query is echoed trimmed and cut at 100 characters', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    expect(await unsuspendLeech(ctx, 'm1', '  no such thing  ')).toEqual({
      status: 'unknown',
      query: 'no such thing',
    });
    expect(await unsuspendLeech(ctx, 'm1', ` ${'x'.repeat(150)}`)).toEqual({
      status: 'unknown',
      query: 'x'.repeat(100),
    });
  });

  it('GIVEN ten leeches THEN a two-digit number names its leech; a number past the list or not a plain whole number names none', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    const ids = ctx.bank.questions.map((q) => q.id);
    expect(ids).toHaveLength(10);
    for (const [i, id] of ids.entries()) await leech('m1', id, 20 - i);
    expect(await unsuspendLeech(ctx, 'm1', '10')).toMatchObject({
      status: 'unsuspended',
      questionId: ids[9],
    });
    for (const query of ['10', '1.0', '1e0', '+1', '0x1', '1234'])
      expect(await unsuspendLeech(ctx, 'm1', query)).toEqual({ status: 'unknown', query });
    expect(await suspendedOf('m1')).toHaveLength(9);
  });

  it('GIVEN a question whose id is a number THEN that id wins over the leech of that number', async () => {
    const ctx = await withExtraQuestion('2');
    await join(ctx, 'm1');
    await leech('m1', 'alpha-tf', 5);
    await leech('m1', 'beta-two', 3);
    await env.db.prisma.card.create({
      data: { memberId: 'm1', questionId: '2', dueAt: new Date(T0), createdAt: new Date(T0) },
    });
    expect(await unsuspendLeech(ctx, 'm1', '2')).toMatchObject({ status: 'not-suspended', questionId: '2' });
    expect(await suspendedOf('m1')).toEqual(['alpha-tf', 'beta-two']);
  });
});

describe('suggesting leeches', () => {
  it('GIVEN leeches THEN what was typed matches prompts whatever the case, or ids, and each choice is the numbered prompt with the id as value', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    await join(ctx, 'm2');
    await leech('m1', 'alpha-tf', 5);
    await leech('m1', 'beta-two', 3);
    await leech('m1', 'alpha-card', 1);
    const values = async (typed: string) => (await suggestLeeches(ctx, 'm1', typed)).map((c) => c.value);
    expect(await suggestLeeches(ctx, 'm1', '')).toEqual([
      { name: '1. Backups can be kept 35 days.', value: 'alpha-tf' },
      { name: '2. Default read consistency?', value: 'beta-two' },
      { name: '3. How many copies does Aurora keep?', value: 'alpha-card' },
    ]);
    expect(await values('  READ ')).toEqual(['beta-two']);
    expect(await values('aurora')).toEqual(['alpha-card']);
    // "alpha-" is in the ids only; "card" only in alpha-card's id.
    expect(await values('alpha-')).toEqual(['alpha-tf', 'alpha-card']);
    expect(await values('card')).toEqual(['alpha-card']);
    expect(await values('nothing like it')).toEqual([]);
    expect(await suggestLeeches(ctx, 'm2', '')).toEqual([]);
  });
});
