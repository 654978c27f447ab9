import { MessageFlags } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { currentQuestion, type PresentedQuestion } from '../../src/core/study/index.ts';
import { parseCustomId } from '../../src/discord/custom-id.ts';
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
  type SentMessage,
} from './harness.ts';

let h: Harness;

beforeEach(async () => {
  h = await createHarness();
});

afterEach(async () => {
  await h.close();
});

async function quiz(where: 'guild' | 'dm' = 'guild', options: Record<string, string> = {}) {
  const responses = await h.interact(
    h.discord.slashCommand({
      name: 'quiz',
      user: ALICE,
      options,
      ...(where === 'guild' ? { guild: inGuild() } : {}),
    }),
  );
  return firstMessage(responses);
}

async function click(message: SentMessage, customId: string, where: 'guild' | 'dm' = 'guild') {
  return h.interact(
    h.discord.buttonClick({
      customId,
      user: ALICE,
      message: message as never,
      ...(where === 'guild' ? { guild: inGuild() } : {}),
    }),
  );
}

function sessionOf(message: SentMessage): { sessionId: number; step: number } {
  for (const b of buttonsOf(message)) {
    const id = parseCustomId(b.customId);
    if (id !== null && 'sessionId' in id) return { sessionId: id.sessionId, step: id.step };
  }
  throw new Error('no question button on the message');
}

async function shown(message: SentMessage): Promise<PresentedQuestion> {
  const { sessionId } = sessionOf(message);
  const q = await currentQuestion(h.app.ctx, ALICE.id, sessionId);
  if (q === null) throw new Error('no current question');
  return q;
}

/** The letter an option of the file was shown at. */
function shownLetter(p: PresentedQuestion, fileIndex: number): string {
  return 'ABCDE'[p.order.indexOf(fileIndex)] ?? '?';
}

/** Answers the shown question correctly through its buttons (and modal); returns the feedback message. */
async function answerCorrectly(message: SentMessage, where: 'guild' | 'dm' = 'guild'): Promise<SentMessage> {
  const p = await shown(message);
  const q = p.question;
  switch (q.kind) {
    case 'choice': {
      if (q.answer.length === 1) {
        const letter = shownLetter(p, q.answer[0] ?? 0);
        return asMessage(firstMessage(await click(message, button(message, letter).customId, where)).payload);
      }
      let current = message;
      for (const index of q.answer) {
        const letter = shownLetter(p, index);
        const toggled = firstMessage(
          await click(current, button(current, new RegExp(` ${letter}$`)).customId, where),
        );
        expect(toggled.callbackType).toBe(7);
        current = asMessage(toggled.payload);
        expect(button(current, new RegExp(` ${letter}$`)).label).toBe(`☑ ${letter}`);
      }
      const submit = button(current, /^Submit/);
      expect(submit.label).toBe(`Submit (${q.answer.length} selected)`);
      return asMessage(firstMessage(await click(current, submit.customId, where)).payload);
    }
    case 'truefalse':
      return asMessage(
        firstMessage(await click(message, button(message, q.answer ? 'True' : 'False').customId, where))
          .payload,
      );
    case 'text': {
      const open = await click(message, button(message, 'Answer').customId, where);
      expect(open[0]?.callbackType).toBe(9);
      const modal = open[0]?.payload as { custom_id: string };
      const submitted = await h.interact(
        h.discord.modalSubmit({
          customId: modal.custom_id,
          fields: { answer: q.accept[0] ?? '' },
          user: ALICE,
          message: message as never,
          ...(where === 'guild' ? { guild: inGuild() } : {}),
        }),
      );
      return asMessage(firstMessage(submitted).payload);
    }
    case 'flashcard': {
      const revealed = asMessage(
        firstMessage(await click(message, button(message, 'Reveal answer').customId, where)).payload,
      );
      expect(embedText(revealed)).toContain(q.back);
      expect(buttonsOf(revealed).map((b) => b.label)).toEqual([
        '0 · Blackout',
        '1 · Wrong, knew it once seen',
        '2 · Wrong, almost had it',
        '3 · Right, hard',
        '4 · Right, hesitated',
        '5 · Right, easy',
      ]);
      return asMessage(
        firstMessage(await click(revealed, button(revealed, '5 · Right, easy').customId, where)).payload,
      );
    }
  }
}

describe('/quiz end to end', () => {
  it('GIVEN a new member in a server WHEN they answer a whole session by clicking THEN every answer is logged and the session ends with a summary', async () => {
    const first = await quiz();
    expect(first.callbackType).toBe(4);
    expect((first.payload.flags as number) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(first.payload.content).toBe('**0 due · 10 new**');

    let message = asMessage(first.payload);
    const kinds = new Set<string>();
    let answered = 0;
    for (;;) {
      const q = (await shown(message)).question;
      kinds.add(q.kind === 'choice' && q.answer.length > 1 ? 'multi' : q.kind);
      const feedback = await answerCorrectly(message);
      answered++;
      const text = embedText(feedback);
      expect(feedback.embeds?.[0]?.title).toMatch(/^✅/);
      expect(text).toContain(q.explanation);
      expect(text).toContain('Next review');
      expect(text).toMatch(/tomorrow \(Tue 11 Mar\)/);
      const next = buttonsOf(feedback).find((b) => b.label === 'Next →');
      if (q.kind !== 'flashcard') expect(button(feedback, 'I guessed')).toBeDefined();
      if (next === undefined) {
        expect(text).toContain('Session complete');
        expect(text).toContain('10 of 10');
        expect(button(feedback, 'Another round')).toBeDefined();
        break;
      }
      const nextResponses = await click(feedback, next.customId);
      message = asMessage(firstMessage(nextResponses).payload);
    }
    expect(answered).toBe(10);
    expect(kinds).toEqual(new Set(['choice', 'multi', 'truefalse', 'text', 'flashcard']));

    const logs = await h.db.reviewLog.findMany({ where: { memberId: ALICE.id } });
    expect(logs).toHaveLength(10);
    expect(logs.every((l) => l.correct)).toBe(true);
    const text = logs.find((l) => l.questionId === 'alpha-text');
    expect(text?.answer).toBe('Memcached');
    const card = logs.find((l) => l.questionId === 'alpha-card');
    expect(card?.grade).toBe(5);
    const stat = await h.db.dailyStat.findFirst({ where: { memberId: ALICE.id } });
    expect(stat?.reviews).toBe(10);
    expect(h.discord.unknownCalls).toEqual([]);
  });

  it('GIVEN a quiz in a DM WHEN it starts THEN the reply is a normal (not ephemeral) message', async () => {
    const first = await quiz('dm');
    expect(first.callbackType).toBe(4);
    expect(((first.payload.flags as number | undefined) ?? 0) & MessageFlags.Ephemeral).toBe(0);
    const feedback = await answerCorrectly(asMessage(first.payload), 'dm');
    expect(feedback.embeds?.[0]?.title).toMatch(/^✅/);
    // A DM joins no group.
    expect(await h.db.membership.count({ where: { memberId: ALICE.id } })).toBe(0);
  });

  it('GIVEN a wrong answer WHEN the member answers THEN the verdict, the correct answer and the re-ask are shown', async () => {
    const message = asMessage((await quiz()).payload);
    const p = await shown(message);
    expect(p.question.id).toBe('alpha-choice');
    // Gamma is wrong (Alpha is right): click whichever letter Gamma was shown at.
    const gamma = shownLetter(p, 2);
    const feedback = asMessage(firstMessage(await click(message, button(message, gamma).customId)).payload);
    const text = embedText(feedback);
    expect(feedback.embeds?.[0]?.title).toBe('❌ Not quite');
    // The right answer is named by the letter it was shown at, and its text.
    expect(text).toContain(`**Answer:** ${shownLetter(p, 0)}. Alpha`);
    expect(text).toContain('You will see it again before this session ends');
    expect(buttonsOf(feedback).map((b) => b.label)).toEqual(['Undo', 'Next →']);
  });

  it('GIVEN a correct answer WHEN the member clicks "I guessed" THEN the review becomes grade 3 and the button goes away', async () => {
    const message = asMessage((await quiz()).payload);
    const feedback = await answerCorrectly(message);
    const guess = button(feedback, 'I guessed');
    const updated = asMessage(firstMessage(await click(feedback, guess.customId)).payload);
    expect(embedText(updated)).toContain('(you guessed)');
    expect(buttonsOf(updated).map((b) => b.label)).toEqual(['Undo', 'Next →']);
    const log = await h.db.reviewLog.findFirst({ where: { memberId: ALICE.id } });
    expect(log?.grade).toBe(3);

    // A second click on the same old button changes nothing and says so, ephemerally.
    const again = await click(feedback, guess.customId);
    expect(again[0]?.callbackType).toBe(4);
    expect(again[0]?.payload.content).toMatch(/can no longer be marked as guessed/);
    expect(again[0]?.payload.flags).toBe(MessageFlags.Ephemeral);
  });

  it('GIVEN an answer button WHEN it is clicked twice THEN one review is recorded and both clicks show the same feedback', async () => {
    const message = asMessage((await quiz()).payload);
    const a = button(message, 'A');
    const first = asMessage(firstMessage(await click(message, a.customId)).payload);
    const second = asMessage(firstMessage(await click(message, a.customId)).payload);
    expect(second.embeds?.[0]?.title).toBe(first.embeds?.[0]?.title);
    expect(await h.db.reviewLog.count({ where: { memberId: ALICE.id } })).toBe(1);
  });

  it('GIVEN an answered question WHEN an older button of it is clicked after the next answer THEN the bot answers politely and ephemerally', async () => {
    const message = asMessage((await quiz()).payload);
    const feedback = await answerCorrectly(message);
    const second = asMessage(
      firstMessage(await click(feedback, button(feedback, 'Next →').customId)).payload,
    );
    await answerCorrectly(second);
    // The first question's B button: two steps behind now.
    const stale = await click(message, button(message, 'B').customId);
    expect(stale).toHaveLength(1);
    expect(stale[0]?.callbackType).toBe(4);
    expect(stale[0]?.payload.flags).toBe(MessageFlags.Ephemeral);
    expect(stale[0]?.payload.content).toBe('You already answered that question.');
    expect(buttonsOf(asMessage(stale[0]?.payload ?? {})).map((b) => b.label)).toEqual(['Continue']);
    expect(await h.db.reviewLog.count({ where: { memberId: ALICE.id } })).toBe(2);
  });

  it('GIVEN buttons shown before a restart WHEN they are clicked on the new bot THEN the current ones still work and an answered one is refused politely', async () => {
    const message = asMessage((await quiz()).payload);
    const feedback = await answerCorrectly(message);
    const second = asMessage(
      firstMessage(await click(feedback, button(feedback, 'Next →').customId)).payload,
    );
    const secondFeedback = await answerCorrectly(second);

    await h.restart();

    // The first question is two steps behind: refused, ephemerally, with a way to carry on.
    const stale = await click(message, button(message, 'A').customId);
    expect(stale).toHaveLength(1);
    expect(stale[0]?.payload.content).toBe('You already answered that question.');
    expect(stale[0]?.payload.flags).toBe(MessageFlags.Ephemeral);
    // The latest feedback's Next button carries on where the session stands.
    const third = asMessage(
      firstMessage(await click(secondFeedback, button(secondFeedback, 'Next →').customId)).payload,
    );
    expect(third.embeds?.[0]?.author?.name).toMatch(/^Question 3 of 10/);
    const again = await answerCorrectly(third);
    expect(again.embeds?.[0]?.title).toMatch(/^✅/);
    expect(await h.db.reviewLog.count({ where: { memberId: ALICE.id } })).toBe(3);
  });

  it('GIVEN options shown in some order WHEN the bot restarts and a letter is clicked THEN the option shown at that letter is the answer', async () => {
    const message = asMessage((await quiz()).payload);
    const p = await shown(message);
    const alpha = shownLetter(p, 0);
    await h.restart();
    const feedback = asMessage(firstMessage(await click(message, button(message, alpha).customId)).payload);
    expect(feedback.embeds?.[0]?.title).toMatch(/^✅/);
    expect(embedText(feedback)).toContain(`**Answer:** ${alpha}. Alpha`);
    const log = await h.db.reviewLog.findFirstOrThrow({ where: { memberId: ALICE.id } });
    expect(log.answer).toBe('A');
  });

  it('GIVEN a choice button from before options were shuffled WHEN clicked THEN nothing is recorded and the question is shown again to answer', async () => {
    const message = asMessage((await quiz()).payload);
    const { sessionId, step } = sessionOf(message);
    const responses = await click(message, `q:${sessionId}:${step}:pick:0`);
    const again = firstMessage(responses);
    expect(again.callbackType).toBe(7);
    expect(asMessage(again.payload).embeds?.[0]?.author?.name).toMatch(/^Question 1 of 10/);
    expect(responses.some((r) => String(r.payload.content).includes('nothing was recorded'))).toBe(true);
    expect(await h.db.reviewLog.count({ where: { memberId: ALICE.id } })).toBe(0);
  });

  it('GIVEN a multi-select question WHEN letters are toggled and submitted THEN the picks are the options shown at those letters', async () => {
    let message = asMessage((await quiz()).payload);
    message = await answerCorrectly(message);
    message = asMessage(firstMessage(await click(message, button(message, 'Next →').customId)).payload);
    message = await answerCorrectly(message);
    message = asMessage(firstMessage(await click(message, button(message, 'Next →').customId)).payload);
    const p = await shown(message);
    expect(p.question.id).toBe('alpha-multi');
    const feedback = await answerCorrectly(message);
    expect(feedback.embeds?.[0]?.title).toMatch(/^✅/);
    const answer = `**Answer:** ${[0, 2]
      .map((i) => ({ at: p.order.indexOf(i), text: i === 0 ? 'A' : 'E' }))
      .sort((a, b) => a.at - b.at)
      .map((x) => `${'ABCD'[x.at]}. ${x.text}`)
      .join('; ')}`;
    expect(embedText(feedback)).toContain(answer);
    const log = await h.db.reviewLog.findFirstOrThrow({ where: { questionId: 'alpha-multi' } });
    expect(log.answer).toBe('A,C');
  });

  it('GIVEN a session id that does not exist WHEN its button is clicked THEN the bot answers politely', async () => {
    const responses = await h.interact(
      h.discord.buttonClick({ customId: 'q:999999:0:pick:0:021', user: ALICE, guild: inGuild() }),
    );
    expect(responses[0]?.payload.content).toBe(
      'That quiz is no longer available. Start a new one with /quiz.',
    );
    expect(responses[0]?.payload.flags).toBe(MessageFlags.Ephemeral);
    const unknown = await h.interact(
      h.discord.buttonClick({ customId: 'something-else', user: ALICE, guild: inGuild() }),
    );
    expect(unknown[0]?.payload.content).toMatch(/older version of the bot/);
  });

  it('GIVEN everything answered today WHEN /quiz runs again THEN it says when the next card is due and offers extra cards or practice', async () => {
    await h.db.member.create({
      data: { id: ALICE.id, displayName: 'Alice', newPerDay: 2, createdAt: new Date(h.clock.now) },
    });
    let message = asMessage((await quiz()).payload);
    for (let i = 0; i < 2; i++) {
      const feedback = await answerCorrectly(message);
      const next = buttonsOf(feedback).find((b) => b.label === 'Next →');
      if (next === undefined) break;
      message = asMessage(firstMessage(await click(feedback, next.customId)).payload);
    }
    const nothing = asMessage((await quiz()).payload);
    expect(nothing.embeds?.[0]?.title).toBe('✅ All caught up!');
    expect(embedText(nothing)).toMatch(/Your next card is due <t:\d+:R>/);
    expect(buttonsOf(nothing).map((b) => b.label)).toEqual(['Learn 8 new anyway', 'Practice ahead']);

    const practice = asMessage(
      firstMessage(await click(nothing, button(nothing, 'Practice ahead').customId)).payload,
    );
    expect(practice.content).toMatch(/Practice round/);
    expect(practice.embeds?.[0]?.footer?.text).toContain('Practice: does not change your schedule');
    const before = await h.db.reviewLog.count();
    await answerCorrectly(practice);
    expect(await h.db.reviewLog.count()).toBe(before);

    const extra = asMessage(
      firstMessage(await click(nothing, button(nothing, 'Learn 8 new anyway').customId)).payload,
    );
    expect(extra.content).toBe('**8 extra new cards**.');
  });

  it('GIVEN an unknown topic WHEN /quiz runs THEN the core message is shown with suggestions', async () => {
    const responses = await h.interact(
      h.discord.slashCommand({ name: 'quiz', user: ALICE, guild: inGuild(), options: { topic: 'zzzz' } }),
    );
    expect(responses[0]?.payload.content).toBe('There is no topic "zzzz".\nTry: `alpha`, `beta`');
    expect(responses[0]?.payload.flags).toBe(MessageFlags.Ephemeral);
  });

  it('GIVEN a topic typed by name WHEN /quiz runs THEN only that topic is asked', async () => {
    const first = asMessage((await quiz('guild', { topic: 'Beta topic' })).payload);
    expect(first.embeds?.[0]?.author?.name).toBe('Question 1 of 2 · Beta topic');
  });
});
