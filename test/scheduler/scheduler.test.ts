import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureMember } from '../../src/core/members.ts';
import type { ReminderJob } from '../../src/core/reminders.ts';
import { createLogger } from '../../src/logger.ts';
import type { BoardPoster } from '../../src/scheduler/boards.ts';
import { forEachLimited } from '../../src/scheduler/limit.ts';
import { type ReminderSender, runReminderRound, type SendOutcome } from '../../src/scheduler/reminders.ts';
import { startScheduler } from '../../src/scheduler/scheduler.ts';
import { makeContext, TestClock } from '../support/core.ts';
import { createTestDb, type TestDb } from '../support/db.ts';

/** The scheduler with the real core and database, and a fake sender instead of Discord. */

const log = createLogger('silent');
const MONDAY_8AM = Date.UTC(2025, 2, 10, 8);
const AFTER_REMINDER = MONDAY_8AM + 61 * 60_000;

let db: TestDb;
let clock: TestClock;

beforeEach(async () => {
  db = await createTestDb();
  clock = new TestClock(MONDAY_8AM);
});

afterEach(async () => {
  await db.close();
});

class FakeSender implements ReminderSender {
  inFlight = 0;
  maxInFlight = 0;
  sent: ReminderJob[] = [];
  constructor(
    private readonly outcome: (job: ReminderJob) => SendOutcome = () => ({
      status: 'sent',
      dmChannelId: '1',
    }),
    private readonly delayMs = 5,
  ) {}
  async sendReminder(job: ReminderJob): Promise<SendOutcome> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.inFlight--;
    this.sent.push(job);
    return this.outcome(job);
  }
}

const noPoster: BoardPoster = { postBoard: async () => {} };

async function members(n: number) {
  const ctx = makeContext(db.store, clock);
  for (let i = 0; i < n; i++) {
    await ensureMember(ctx, {
      memberId: `11840000000000${String(i).padStart(5, '0')}`,
      displayName: `M${i}`,
      locale: null,
      group: null,
    });
  }
  return ctx;
}

describe('reminder round', () => {
  it('GIVEN 30 members due WHEN the round runs THEN each gets one DM, at most 4 at a time', async () => {
    const ctx = await members(30);
    clock.now = AFTER_REMINDER;
    const sender = new FakeSender();
    const round = await runReminderRound(ctx, sender, log, 4);
    expect(round).toEqual({ claimed: 30, sent: 30, dmsClosed: 0, retry: 0, failed: 0 });
    expect(new Set(sender.sent.map((j) => j.memberId)).size).toBe(30);
    expect(sender.maxInFlight).toBe(4);
    expect(await runReminderRound(ctx, sender, log, 4)).toMatchObject({ claimed: 0 });
  });

  it('GIVEN a sender that throws WHEN the round runs THEN the failure is recorded for a retry and the others still go out', async () => {
    const ctx = await members(3);
    clock.now = AFTER_REMINDER;
    const sender: ReminderSender = {
      async sendReminder(job) {
        if (job.displayName === 'M1') throw new Error('socket hang up');
        return { status: 'sent', dmChannelId: '1' };
      },
    };
    expect(await runReminderRound(ctx, sender, log)).toMatchObject({ sent: 2, retry: 1 });
    const retry = await db.prisma.reminderDelivery.findFirst({ where: { status: 'retry' } });
    expect(retry?.lastError).toBe('socket hang up');
  });
});

describe('scheduler', () => {
  it('GIVEN a round in progress WHEN it is started again THEN the second start is skipped; WHEN stopped THEN stop waits for the round', async () => {
    const ctx = await members(2);
    clock.now = AFTER_REMINDER;
    const sender = new FakeSender(undefined, 150);
    const scheduler = startScheduler({
      ctx,
      log,
      reminderCron: '0 0 1 1 *',
      leaderboardCron: '0 0 1 1 *',
      sender,
      poster: noPoster,
    });
    const first = scheduler.runReminders();
    expect(await scheduler.runReminders()).toBeNull();
    await scheduler.stop();
    expect(sender.sent).toHaveLength(2);
    expect(await first).toMatchObject({ sent: 2 });
    expect(await scheduler.runReminders()).toBeNull();
  });

  it('GIVEN forEachLimited WHEN given fewer items than the limit or none THEN it still completes', async () => {
    const seen: number[] = [];
    await forEachLimited([1, 2], 10, async (x) => {
      seen.push(x);
    });
    await forEachLimited([], 4, async () => {
      throw new Error('never');
    });
    expect(seen).toEqual([1, 2]);
  });
});
