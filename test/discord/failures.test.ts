import { MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { holdLock } from '../support/locks.ts';
import {
  ALICE,
  asMessage,
  buttonsOf,
  createHarness,
  firstMessage,
  type Harness,
  inGuild,
} from './harness.ts';

/** When a write fails the member is told it was not saved (and may answer again); the log has the cause. */

let h: Harness;
afterEach(async () => {
  await h.close();
});

describe('honest failures', () => {
  it('GIVEN the database locked past the wait WHEN an answer is clicked THEN the reply says it was not saved, with an error id in the log, and answering again works', async () => {
    h = await createHarness({ env: { DATABASE_BUSY_TIMEOUT_MS: '300' } });
    const quiz = asMessage(
      firstMessage(await h.interact(h.discord.slashCommand({ name: 'quiz', user: ALICE, guild: inGuild() })))
        .payload,
    );
    const button = buttonsOf(quiz)[0];
    if (button === undefined) throw new Error('no button');
    const holder = holdLock(h.config.databasePath, 'BEGIN IMMEDIATE', 1_500);
    await holder.locked;
    const click = () =>
      h.interact(
        h.discord.buttonClick({
          customId: button.customId,
          user: ALICE,
          message: quiz as never,
          guild: inGuild(),
        }),
      );
    const refused = await click();
    const text = String(refused.at(-1)?.payload.content);
    expect(text).toMatch(
      /^⚠️ That was not saved: the database is busy with other writers right now \(error id ([0-9A-F]{6})\)/,
    );
    expect(text).toContain('Your answer was not saved, so you can answer again.');
    expect((refused.at(-1)?.payload.flags as number) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const id = /error id ([0-9A-F]{6})/.exec(text)?.[1];
    expect(h.logs.lines.find((l) => l.msg === 'interaction failed')).toMatchObject({
      errorId: id,
      fault: 'busy',
    });
    expect(await h.db.reviewLog.count()).toBe(0);
    await holder.done;
    const taken = await click();
    expect(asMessage(firstMessage(taken).payload).embeds?.[0]?.title).toMatch(/^(✅|❌)/);
    expect(await h.db.reviewLog.count()).toBe(1);
  });
});
