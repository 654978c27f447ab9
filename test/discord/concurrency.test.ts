import { afterEach, describe, expect, it } from 'vitest';
import { parseCustomId } from '../../src/discord/custom-id.ts';
import {
  asMessage,
  buttonsOf,
  createHarness,
  firstMessage,
  type Harness,
  inGuild,
  type SentMessage,
} from './harness.ts';

/** Overlapping commands of one member: one open session, and every reply's buttons still work. */

let h: Harness;
afterEach(async () => {
  await h.close();
});

function atOf(message: SentMessage): { sessionId: number; step: number } {
  for (const b of buttonsOf(message)) {
    const id = parseCustomId(b.customId);
    if (id !== null && 'sessionId' in id) return { sessionId: id.sessionId, step: id.step };
  }
  throw new Error('no question button');
}

describe('overlapping /quiz', () => {
  it('GIVEN 20 members each sending 4 /quiz at once THEN each has one open session and every reply shows its current question', async () => {
    h = await createHarness();
    const members = Array.from({ length: 20 }, (_, i) => ({
      id: `11840000000000010${String(i).padStart(2, '0')}`,
      username: `m${i}`,
    }));
    const replies = await Promise.all(
      members.flatMap((user) =>
        Array.from({ length: 4 }, () =>
          h.interact(h.discord.slashCommand({ name: 'quiz', user, guild: inGuild() })),
        ),
      ),
    );
    const messages = replies.map((r) => asMessage(firstMessage(r).payload));
    const open = await h.db.studySession.findMany({ where: { finishedAt: null } });
    expect(open).toHaveLength(20);
    expect(new Set(open.map((s) => s.memberId)).size).toBe(20);
    expect(await h.db.studySession.count()).toBe(20);
    // Every reply points at its member's one session, at its current step: its buttons work.
    for (const [i, message] of messages.entries()) {
      const member = members[Math.floor(i / 4)];
      const session = open.find((s) => s.memberId === member?.id);
      expect(atOf(message)).toEqual({ sessionId: session?.id, step: session?.step });
    }
    // Answer through the last reply of each member: each is taken.
    const clicks = await Promise.all(
      members.map((user, m) => {
        const message = messages[m * 4 + 3] as SentMessage;
        const first = buttonsOf(message)[0];
        if (first === undefined) throw new Error('no button');
        return h.interact(
          h.discord.buttonClick({
            customId: first.customId,
            user,
            message: message as never,
            guild: inGuild(),
          }),
        );
      }),
    );
    for (const c of clicks)
      expect(asMessage(firstMessage(c).payload).embeds?.[0]?.title).toMatch(/^(✅|❌|🟡)/);
    expect(await h.db.reviewLog.count()).toBe(20);
  });
});
