import { MessageFlags } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCustomId } from '../../src/discord/custom-id.ts';
import type { Question } from '../../src/domain/question.ts';
import type { InteractionResponse } from '../support/discord-double.ts';
import {
  ALICE,
  asMessage,
  BOB,
  button,
  buttonsOf,
  createHarness,
  embedText,
  firstMessage,
  type Harness,
  inGuild,
  type SentMessage,
} from './harness.ts';

let h: Harness;
const MIN = 60_000;

beforeEach(async () => {
  h = await createHarness();
});

afterEach(async () => {
  await h.close();
});

async function exam(options: Record<string, number> = { questions: 6, minutes: 10 }) {
  const responses = await h.interact(
    h.discord.slashCommand({ name: 'exam', user: ALICE, options, guild: inGuild() }),
  );
  return firstMessage(responses);
}

async function click(message: SentMessage, label: string | RegExp, user = ALICE) {
  return h.interact(
    h.discord.buttonClick({
      customId: button(message, label).customId,
      user,
      message: message as never,
      guild: inGuild(),
    }),
  );
}

/** The private notice a click got: the reply itself, or a follow-up when the bot had deferred under load. */
function privateNotice(responses: InteractionResponse[]): Record<string, unknown> {
  const found = responses.find(
    (r) => (r.kind === 'callback' && r.callbackType === 4) || r.kind === 'followup',
  );
  if (found === undefined) throw new Error(`no notice among ${responses.map((r) => r.kind).join(', ')}`);
  return found.payload;
}

async function clickTo(message: SentMessage, label: string | RegExp): Promise<SentMessage> {
  const r = firstMessage(await click(message, label));
  expect(r.callbackType === 7 || r.kind === 'edit').toBe(true);
  return asMessage(r.payload);
}

/** The question an exam message shows, with the order its options are shown in. */
async function shown(
  message: SentMessage,
): Promise<{ question: Question; order: number[]; position: number }> {
  for (const b of buttonsOf(message)) {
    const id = parseCustomId(b.customId);
    if (id === null || !('examId' in id) || !('position' in id)) continue;
    const item = await h.db.examItem.findUniqueOrThrow({
      where: { examId_position: { examId: id.examId, position: id.position } },
    });
    const question = h.app.ctx.bank.question(item.questionId);
    if (question === undefined) throw new Error('question left the bank');
    const pick = buttonsOf(message)
      .map((x) => parseCustomId(x.customId))
      .find((x) => x?.kind === 'examPick' || x?.kind === 'examToggle');
    const order = pick !== undefined && pick !== null && 'order' in pick ? pick.order : [];
    return { question, order, position: id.position };
  }
  throw new Error('no exam button on the message');
}

/** Answers the question shown, right or wrong, through its buttons; returns the message after. */
async function answer(message: SentMessage, right: boolean): Promise<SentMessage> {
  const { question: q, order } = await shown(message);
  if (q.kind === 'truefalse') return clickTo(message, q.answer === right ? 'True' : 'False');
  if (q.kind !== 'choice') throw new Error(`an exam asked a ${q.kind} question`);
  const letters = (files: number[]) => files.map((f) => 'ABCDE'[order.indexOf(f)] ?? '?');
  const wrong = order.find((f) => !q.answer.includes(f)) ?? 0;
  const picks = letters(right ? q.answer : [wrong]);
  if (q.answer.length === 1) return clickTo(message, picks[0] ?? 'A');
  let current = message;
  for (const l of picks) current = await clickTo(current, `☐ ${l}`);
  return clickTo(current, /^Save/);
}

describe('/exam on Discord', () => {
  it('GIVEN a whole exam taken by buttons (answer, skip, flag, back, change, review, submit) THEN the result shows per-domain scores, the misses explained, and a drill of exactly the misses', async () => {
    const start = await exam();
    let m = asMessage(start.payload);
    expect(m.content).toContain('Exam started: 6 questions');
    expect(embedText(m)).toMatch(/Practice exam · question 1 of 6/);
    expect(embedText(m)).toMatch(/<t:\d+:R>/);
    expect(embedText(m)).not.toMatch(/✅|❌|Why:/);
    m = await answer(m, true); // 1 right
    expect(embedText(m)).toMatch(/question 2 of 6/);
    m = await clickTo(m, 'Skip ▶'); // 2 skipped
    m = await clickTo(m, '🚩 Flag'); // 3 flagged
    expect(embedText(m)).toMatch(/🚩 Flagged/);
    expect(button(m, 'Unflag')).toBeDefined();
    m = await clickTo(m, '◀ Back'); // back to 2
    expect(embedText(m)).toMatch(/question 2 of 6/);
    m = await answer(m, false); // 2 wrong
    m = await answer(m, true); // 3 right (still flagged)
    m = await answer(m, true); // 4 right
    m = await answer(m, false); // 5 wrong; 6 left unanswered
    m = await clickTo(m, 'Review & submit');
    expect(embedText(m)).toContain('**5 of 6** answered.');
    expect(embedText(m)).toContain('Unanswered: 6');
    expect(embedText(m)).toContain('Flagged: 3');
    m = await clickTo(m, 'Submit exam');
    const text = embedText(m);
    expect(text).toMatch(/❌ Not passed yet: 3 of 6 \(50%\)/);
    expect(text).toContain('1 question unanswered');
    expect(text).toMatch(/By exam domain \(weakest first\)\nDomain (one|two): \d\/\d/);
    expect(text).toMatch(/minutes used/);
    const misses = await clickTo(m, 'Review my misses (3)');
    expect(embedText(misses)).toMatch(/Exam misses · page 1 of 1/);
    expect(embedText(misses)).toContain('Your answer: (none)');
    expect(embedText(misses)).toMatch(/Right answer: \*\*/);
    const missed = (
      await h.db.examItem.findMany({
        where: { OR: [{ correct: false }, { correct: null }] },
        orderBy: { position: 'asc' },
      })
    ).map((i) => i.questionId);
    const drill = await click(misses, 'Drill my misses');
    const drillMessage = asMessage(firstMessage(drill).payload);
    expect(drillMessage.content).toMatch(/Drill/);
    const session = await h.db.studySession.findFirstOrThrow({ where: { openFor: ALICE.id } });
    expect(session.mode).toBe('drill');
    expect(JSON.parse(session.queue).map((x: { q: string }) => x.q)).toEqual(missed);
    // Nothing of the exam moved the schedule.
    expect(await h.db.reviewLog.count()).toBe(0);
    expect(await h.db.card.count()).toBe(0);
  });

  it('GIVEN an exam in progress WHEN the bot restarts and the deadline passes THEN a click on the old message shows the result, submitted at the deadline, and records nothing', async () => {
    let m = asMessage((await exam({ questions: 5, minutes: 5 })).payload);
    m = await answer(m, true);
    await h.restart();
    h.clock.advance(5 * MIN + 1);
    const late = firstMessage(await click(m, /^(A|☐ A|True)$/));
    expect(late.callbackType).toBe(7);
    const text = embedText(asMessage(late.payload));
    expect(text).toMatch(/Time ran out at <t:\d+:f>/);
    expect(text).toMatch(/1 of 5/);
    expect(await h.db.examItem.count({ where: { answer: { not: null } } })).toBe(1);
    expect(await h.db.exam.findFirstOrThrow()).toMatchObject({ status: 'expired', openFor: null });
  });

  it('GIVEN an open exam WHEN /exam is used again THEN it offers to resume it or abandon it for the new one', async () => {
    const first = asMessage((await exam()).payload);
    const again = asMessage((await exam({ questions: 5, minutes: 20 })).payload);
    expect(embedText(again)).toMatch(/You have an exam in progress/);
    const resumed = await clickTo(again, 'Resume it');
    expect(embedText(resumed)).toMatch(/question 1 of 6/);
    const fresh = await clickTo(again, 'Abandon it, start a new one');
    expect(embedText(fresh)).toMatch(/question 1 of 5/);
    expect((await h.db.exam.findMany({ orderBy: { id: 'asc' } })).map((e) => e.status)).toEqual([
      'abandoned',
      'open',
    ]);
    // The abandoned exam's buttons answer politely and record nothing.
    const stale = privateNotice(await click(first, /^(A|☐ A|True)$/));
    expect(stale.flags).toBe(MessageFlags.Ephemeral);
    expect(stale.content).toContain('This exam was abandoned; nothing was recorded.');
  });

  it('GIVEN another member WHEN they click Alice’s exam THEN they are refused privately and nothing is recorded', async () => {
    const m = asMessage((await exam()).payload);
    const r = privateNotice(await click(m, /^(A|☐ A|True)$/, BOB));
    expect(r.flags).toBe(MessageFlags.Ephemeral);
    expect(r.content).toContain("someone else's exam");
    expect(await h.db.examItem.count({ where: { answer: { not: null } } })).toBe(0);
  });

  it('GIVEN questions:0, questions:500, minutes:0 or more questions than the bank has THEN a clear message names the allowed range', async () => {
    const text = async (options: Record<string, number>) =>
      String(
        firstMessage(
          await h.interact(h.discord.slashCommand({ name: 'exam', user: ALICE, options, guild: inGuild() })),
        ).payload.content,
      );
    expect(await text({ questions: 0 })).toContain('questions is a whole number from 5 to 65');
    expect(await text({ questions: 500 })).toContain('questions is a whole number from 5 to 65');
    expect(await text({ minutes: 0 })).toContain('minutes is a whole number from 5 to 180');
    expect(await text({ questions: 60 })).toMatch(
      /The bank has \d+ questions an exam can ask .*: choose 5 to \d+ questions\./,
    );
    expect(await h.db.exam.count()).toBe(0);
  });
});
