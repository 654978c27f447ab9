import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { holdLease, LEASE_TTL_MS } from '../../src/core/leases.ts';
import { ensureMember } from '../../src/core/members.ts';
import type { ReminderJob } from '../../src/core/reminders.ts';
import { createLogger } from '../../src/logger.ts';
import type { BoardPoster } from '../../src/scheduler/boards.ts';
import { forEachLimited, SlidingWindow } from '../../src/scheduler/limit.ts';
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

/** A process's DM round options: its lease name, and a limit loose enough not to slow the tests. */
const dm = (holder: string, concurrency = 4) => ({ holder, concurrency, limiter: new SlidingWindow(10_000) });

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
    const round = await runReminderRound(ctx, sender, log, dm('a', 4));
    expect(round).toEqual({ claimed: 30, sent: 30, dmsClosed: 0, retry: 0, failed: 0, busy: false });
    expect(new Set(sender.sent.map((j) => j.memberId)).size).toBe(30);
    expect(sender.maxInFlight).toBe(4);
    expect(await runReminderRound(ctx, sender, log, dm('a', 4))).toMatchObject({ claimed: 0 });
  });

  it('GIVEN a sender making two requests per DM THEN each request first takes its turn from the process limiter', async () => {
    const ctx = await members(7);
    clock.now = AFTER_REMINDER;
    const limiter = new (class extends SlidingWindow {
      counted = 0;
      override run<T>(request: () => Promise<T>) {
        this.counted++;
        return super.run(request);
      }
    })(10_000);
    let made = 0;
    const sender: ReminderSender = {
      async sendReminder(job, paced) {
        await paced(async () => made++);
        await paced(async () => made++);
        return { status: 'sent', dmChannelId: job.memberId };
      },
    };
    await runReminderRound(ctx, sender, log, { holder: 'a', limiter });
    expect([made, limiter.counted]).toEqual([14, 14]);
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
    expect(await runReminderRound(ctx, sender, log, dm('a'))).toMatchObject({ sent: 2, retry: 1 });
    const retry = await db.prisma.reminderDelivery.findFirst({ where: { status: 'retry' } });
    expect(retry?.lastError).toBe('socket hang up');
  });
});

describe('the DM sender lease', () => {
  it('GIVEN two processes running the round at once THEN one sends every DM and the other stands by', async () => {
    const ctx = await members(25);
    clock.now = AFTER_REMINDER;
    const a = new FakeSender();
    const b = new FakeSender();
    const [ra, rb] = await Promise.all([
      runReminderRound(ctx, a, log, dm('process-a')),
      runReminderRound(ctx, b, log, dm('process-b')),
    ]);
    expect([ra.busy, rb.busy].sort()).toEqual([false, true]);
    expect(ra.sent + rb.sent).toBe(25);
    expect(new Set([...a.sent, ...b.sent].map((j) => j.memberId)).size).toBe(25);
    // Released at the end of the round: the other one may send the next round.
    expect((await runReminderRound(ctx, b, log, dm('process-b'))).busy).toBe(false);
  });

  it('GIVEN a sender that died holding the lease THEN others stand by until it runs out, then take over the round', async () => {
    const ctx = await members(12);
    clock.now = AFTER_REMINDER;
    expect(await holdLease(ctx, 'dm-sender', 'dead-process')).toBe(true);
    const survivor = new FakeSender();
    expect(await runReminderRound(ctx, survivor, log, dm('survivor'))).toMatchObject({ busy: true, sent: 0 });
    clock.advance(LEASE_TTL_MS - 1);
    expect(await runReminderRound(ctx, survivor, log, dm('survivor'))).toMatchObject({ busy: true });
    clock.advance(1);
    expect(await runReminderRound(ctx, survivor, log, dm('survivor'))).toMatchObject({
      busy: false,
      sent: 12,
    });
  });

  it('GIVEN a sender whose lease was taken over mid-round THEN it sends nothing more and hands its claimed reminders back as retries', async () => {
    const ctx = await members(20);
    clock.now = AFTER_REMINDER;
    let stolen = false;
    const slow = new FakeSender((job) => {
      // After the first DM the process stalls past its lease; another takes the lease over.
      if (!stolen) {
        stolen = true;
        clock.advance(LEASE_TTL_MS);
        void holdLease(ctx, 'dm-sender', 'other');
      }
      return { status: 'sent', dmChannelId: job.memberId };
    });
    const round = await runReminderRound(ctx, slow, log, dm('stalled', 1));
    expect(round.sent).toBe(1);
    expect(round.retry).toBe(round.claimed - 1);
    expect(await db.prisma.reminderDelivery.count({ where: { status: 'sending' } })).toBe(0);
  });
});

describe('the request limiter', () => {
  it('GIVEN 5 per 200 ms and requests that reach the server at any point between sent and answered THEN no 200 ms at the server sees more than 5, and they go in order', async () => {
    const limiter = new SlidingWindow(5, 200);
    const arrived: number[] = [];
    const order: number[] = [];
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        limiter.run(async () => {
          order.push(i);
          // Queued locally for a while, then in transit for a while: arrival anywhere in between.
          await pause((i * 37) % 60);
          arrived.push(performance.now());
          await pause((i * 53) % 40);
        }),
      ),
    );
    arrived.sort((x, y) => x - y);
    for (let i = 5; i < arrived.length; i++)
      expect((arrived[i] ?? 0) - (arrived[i - 5] ?? 0)).toBeGreaterThanOrEqual(199);
    expect(order).toEqual(Array.from({ length: 24 }, (_, i) => i));
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
