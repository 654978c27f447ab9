import { MessageFlags } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentQuestion, type PresentedQuestion } from '../../src/core/study/index.ts';
import { parseCustomId } from '../../src/discord/custom-id.ts';
import type { InteractionResponse } from '../support/discord-double.ts';
import {
  ALICE,
  asMessage,
  button,
  buttonsOf,
  createHarness,
  embedText,
  firstMessage,
  type Harness,
  inGuild,
  MONDAY_8AM,
  type SentMessage,
} from './harness.ts';

/** Undo and leeches through the Discord double: buttons, /undo, /leech, /settings, /stats. */

let h: Harness;
const DAY = 86_400_000;

beforeEach(async () => {
  h = await createHarness();
});

afterEach(async () => {
  await h.close();
});

const flagsOf = (r: InteractionResponse | undefined) => (r?.payload.flags as number | undefined) ?? 0;

function slash(name: string, options: Record<string, unknown> = {}) {
  return h.interact(
    h.discord.slashCommand({ name, user: ALICE, guild: inGuild(), options: options as never }),
  );
}

function click(message: SentMessage, customId: string) {
  return h.interact(
    h.discord.buttonClick({ customId, user: ALICE, message: message as never, guild: inGuild() }),
  );
}

async function shown(message: SentMessage): Promise<PresentedQuestion> {
  for (const b of buttonsOf(message)) {
    const id = parseCustomId(b.customId);
    if (id !== null && 'sessionId' in id) {
      const q = await currentQuestion(h.app.ctx, ALICE.id, id.sessionId);
      if (q !== null) return q;
    }
  }
  throw new Error('no current question on the message');
}

/** Clicks a wrong option of the shown single-choice question; returns the feedback. */
async function answerWrong(message: SentMessage): Promise<SentMessage> {
  const p = await shown(message);
  const q = p.question;
  if (q.kind !== 'choice') throw new Error(`expected a choice question, got ${q.kind}`);
  const wrong = 'ABCDE'[p.order.findIndex((file) => !q.answer.includes(file))] ?? 'A';
  return asMessage(firstMessage(await click(message, button(message, wrong).customId)).payload);
}

/** Alice with a card of beta-two lapsed `lapses` times, due now, its last review in the log. */
async function forgottenCard(lapses: number) {
  const now = h.clock.now;
  await h.db.member.create({
    data: { id: ALICE.id, displayName: 'Alice', createdAt: new Date(now - 30 * DAY) },
  });
  const card = await h.db.card.create({
    data: {
      memberId: ALICE.id,
      questionId: 'beta-two',
      intervalDays: 6,
      repetitions: 2,
      lapses,
      reviewCount: lapses + 3,
      dueAt: new Date(now - 3_600_000),
      lastReviewedAt: new Date(now - 6 * DAY),
      createdAt: new Date(now - 30 * DAY),
    },
  });
  await h.db.reviewLog.create({
    data: {
      memberId: ALICE.id,
      cardId: card.id,
      questionId: 'beta-two',
      seq: card.reviewCount,
      grade: 4,
      correct: true,
      answer: 'A',
      answeredAt: new Date(now - 6 * DAY),
      day: '2025-03-04',
      easinessBefore: 2.5,
      intervalBefore: 1,
      repetitionsBefore: 1,
      dueBefore: new Date(now - 7 * DAY),
      easinessAfter: 2.5,
      intervalAfter: 6,
      repetitionsAfter: 2,
      dueAfter: card.dueAt,
    },
  });
  return card;
}

describe('Undo on Discord', () => {
  it('GIVEN a wrong answer WHEN Undo is clicked THEN the feedback becomes the question again, the review is flagged undone, and a second click is refused', async () => {
    const quiz = asMessage(firstMessage(await slash('quiz')).payload);
    const feedback = await answerWrong(quiz);
    expect(buttonsOf(feedback).map((b) => b.label)).toEqual(['Undo', 'Next →']);
    const undo = button(feedback, 'Undo');

    const responses = await click(feedback, undo.customId);
    const again = firstMessage(responses);
    expect(again.callbackType).toBe(7);
    const message = asMessage(again.payload);
    expect(message.content).toBe('↩️ Answer taken back: it no longer counts. Here is the question again.');
    expect(message.embeds?.[0]?.author?.name).toBe('Question 1 of 10 · Alpha topic');
    expect((await shown(message)).question.id).toBe('alpha-choice');
    const log = await h.db.reviewLog.findFirstOrThrow({ where: { memberId: ALICE.id } });
    expect(log.undoneAt?.getTime()).toBe(MONDAY_8AM);
    const stat = await h.db.dailyStat.findFirstOrThrow({ where: { memberId: ALICE.id } });
    expect(stat).toMatchObject({ reviews: 0, correct: 0, points: 0, newCards: 1 });

    const second = await click(feedback, undo.customId);
    expect(second).toHaveLength(1);
    expect(second[0]?.callbackType).toBe(4);
    expect(flagsOf(second[0]) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(second[0]?.payload.content).toBe('Only your latest answer of today can be undone, and only once.');
    expect(await h.db.reviewLog.count({ where: { undoneAt: { not: null } } })).toBe(1);

    // The question shown again is answered as a scheduled review, with its own Undo.
    const answered = await answerWrong(message);
    expect(embedText(answered)).toContain('Next review');
    expect(await h.db.reviewLog.count({ where: { memberId: ALICE.id, undoneAt: null } })).toBe(1);
  });

  it('GIVEN the Undo button double-clicked at once THEN the review is undone once', async () => {
    const quiz = asMessage(firstMessage(await slash('quiz')).payload);
    const feedback = await answerWrong(quiz);
    const undo = button(feedback, 'Undo');
    const [a, b] = await Promise.all([click(feedback, undo.customId), click(feedback, undo.customId)]);
    const kinds = [a, b].map((r) => firstMessage(r).callbackType).sort();
    expect(kinds).toEqual([4, 7]);
    expect(await h.db.reviewLog.count({ where: { undoneAt: { not: null } } })).toBe(1);
    const session = await h.db.studySession.findFirstOrThrow({ where: { memberId: ALICE.id } });
    expect(session.step).toBe(2);
  });

  it('GIVEN /undo THEN it says when there is nothing to undo, and otherwise asks the latest question again', async () => {
    const [nothing] = await slash('undo');
    expect(nothing?.payload.content).toBe('You have no answer to undo today.');
    expect(flagsOf(nothing) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const quiz = asMessage(firstMessage(await slash('quiz')).payload);
    await answerWrong(quiz);
    const [reply] = await slash('undo');
    expect(reply?.callbackType).toBe(4);
    expect(reply?.payload.content).toMatch(/^↩️ Answer taken back/);
    expect((await shown(asMessage(reply?.payload ?? {}))).question.id).toBe('alpha-choice');
  });
});

describe('leeches on Discord', () => {
  it('GIVEN a card forgotten for the 8th time THEN the feedback says it is suspended, with the related fact, and Unsuspend lifts it', async () => {
    const card = await forgottenCard(7);
    const quiz = asMessage(firstMessage(await slash('quiz')).payload);
    const feedback = await answerWrong(quiz);
    const text = embedText(feedback);
    expect(text).toContain('🩹 Suspended as a leech');
    expect(text).toContain('You have forgotten this card 8 times, so it is suspended');
    expect(text).toContain('**Related fact:** Consistency: Reads are eventually consistent by default.');
    expect(buttonsOf(feedback).map((b) => b.label)).toEqual(['Unsuspend', 'Undo', 'Next →']);
    expect((await h.db.card.findUniqueOrThrow({ where: { id: card.id } })).suspendedAt?.getTime()).toBe(
      MONDAY_8AM,
    );

    const responses = await click(feedback, button(feedback, 'Unsuspend').customId);
    const updated = asMessage(firstMessage(responses).payload);
    expect(buttonsOf(updated).map((b) => b.label)).toEqual(['Undo', 'Next →']);
    const told = responses.find((r) => String(r.payload.content).startsWith('✅ Unsuspended'));
    expect(told?.payload.content).toBe(
      '✅ Unsuspended: “Default read consistency?”. It comes due again on its schedule.',
    );
    expect((await h.db.card.findUniqueOrThrow({ where: { id: card.id } })).suspendedAt).toBeNull();
  });

  it('GIVEN a leech THEN /stats and /leech list it, autocomplete offers it, and its button unsuspends it', async () => {
    await forgottenCard(0);
    await h.db.card.updateMany({ data: { suspendedAt: new Date(MONDAY_8AM - DAY) } });
    const stats = await slash('stats');
    const statsText = embedText(asMessage(stats[1]?.payload ?? {}));
    expect(statsText).toContain('Leeches');
    expect(statsText).toContain('🩹 1 card suspended\n• Default read consistency?\nUnsuspend with /leech.');

    const [list] = await slash('leech');
    const listed = asMessage(list?.payload ?? {});
    expect(listed.embeds?.[0]?.title).toBe('🩹 1 leech');
    expect(listed.embeds?.[0]?.description).toBe(
      '**1.** Default read consistency? · Beta topic · forgotten 0×',
    );
    const [choices] = await h.interact(
      h.discord.autocomplete({
        name: 'leech',
        user: ALICE,
        guild: inGuild(),
        options: { question: 'consist' },
        focused: 'question',
      }),
    );
    expect(choices?.callbackType).toBe(8);
    expect(choices?.payload.choices).toEqual([{ name: '1. Default read consistency?', value: 'beta-two' }]);

    const responses = await click(listed, button(listed, 'Unsuspend 1').customId);
    expect(asMessage(firstMessage(responses).payload).content).toBe(
      'You have no leeches: no card is suspended.',
    );
    expect(responses.some((r) => String(r.payload.content).startsWith('✅ Unsuspended'))).toBe(true);
    const [again] = await slash('leech', { question: 'beta-two' });
    expect(again?.payload.content).toBe('That card is not suspended: “Default read consistency?”.');
    const [unknown] = await slash('leech', { question: '7' });
    expect(unknown?.payload.content).toBe('No leech matches “7”. /leech lists yours by number.');
  });

  it('GIVEN /settings leech_threshold THEN it is saved and shown; out of range it is refused', async () => {
    const [saved] = await slash('settings', { leech_threshold: 3 });
    expect(embedText(asMessage(saved?.payload ?? {}))).toContain('Leech threshold\nSuspend after 3 lapses');
    expect(await h.db.member.findUniqueOrThrow({ where: { id: ALICE.id } })).toMatchObject({
      leechThreshold: 3,
    });
    const [off] = await slash('settings', { leech_threshold: 0 });
    expect(embedText(asMessage(off?.payload ?? {}))).toContain('Leech threshold\nOff');
    const [bad] = await slash('settings', { leech_threshold: 100 });
    expect(bad?.payload.content).toMatch(/leech_threshold is a whole number from 0 \(off\) to 99/);
  });
});
