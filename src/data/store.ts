import { type Cards, cardsOf } from './cards.ts';
import { type DailyStats, dailyStatsOf } from './daily-stats.ts';
import type { Database } from './db.ts';
import { type Deliveries, deliveriesOf } from './deliveries.ts';
import { faultOf, WriteFailedError } from './errors.ts';
import { type Evidence, evidenceOf } from './evidence.ts';
import { type Exams, examsOf } from './exams.ts';
import { type Groups, groupsOf } from './groups.ts';
import { type Leases, leasesOf } from './leases.ts';
import { type Members, membersOf } from './members.ts';
import { type Questions, questionsOf } from './questions.ts';
import { retryBusy } from './retry.ts';
import { type Reviews, reviewsOf } from './reviews.ts';
import { type Sessions, sessionsOf } from './sessions.ts';
import type { Queryable, Sql } from './sql.ts';

/** Every data module, bound to one connection or one transaction. */
export type Repos = {
  members: Members;
  groups: Groups;
  cards: Cards;
  reviews: Reviews;
  sessions: Sessions;
  stats: DailyStats;
  deliveries: Deliveries;
  questions: Questions;
  exams: Exams;
  evidence: Evidence;
  leases: Leases;
};

export function reposOf(q: Queryable): Repos {
  return {
    members: membersOf(q),
    groups: groupsOf(q),
    cards: cardsOf(q),
    reviews: reviewsOf(q),
    sessions: sessionsOf(q),
    stats: dailyStatsOf(q),
    deliveries: deliveriesOf(q),
    questions: questionsOf(q),
    exams: examsOf(q),
    evidence: evidenceOf(q),
    leases: leasesOf(q),
  };
}

export type StoreOptions = {
  /** How long a write may wait for another process's write lock before it fails (ms). */
  busyBudgetMs?: number;
};

export type WriteStats = { writes: number; retries: number; failed: number; waitedMs: number };

/**
 * The use cases' way to the data. `read` runs on the connection; `write(fn)` runs `fn` in one
 * transaction whose modules are already bound to it, so no caller passes a transaction around.
 *
 * On SQLite, writes are serialised in the process (one connection holds one transaction at a
 * time) and take the database's write lock first, so a transaction never reads a snapshot
 * another process can outdate. On PostgreSQL they run side by side, each SERIALIZABLE: one that
 * would not commit as if it had run alone fails with a serialization failure instead. Either
 * way a busy attempt (another process holds the lock, or a serialization conflict) waits in
 * short, non-blocking steps (better-sqlite3's own busy wait would freeze the event loop) and is
 * tried again from the start, which is safe: a failed attempt was rolled back whole. After the
 * budget it fails with WriteFailedError: nothing was saved, and the member is told so.
 *
 * On PostgreSQL a write that lost a conflict is retried in a lane that this process's retried
 * writes go through one at a time: they no longer conflict with each other, only with first
 * attempts and other processes, so a burst of writes on the same pages (a small database, a
 * class answering at once) settles in a few rounds instead of colliding again and again.
 */
export class Store {
  readonly read: Repos;
  readonly stats: WriteStats = { writes: 0, retries: 0, failed: 0, waitedMs: 0 };
  private queue: Promise<unknown> = Promise.resolve();
  private retryLane: Promise<unknown> = Promise.resolve();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly busyBudgetMs: number;

  constructor(
    private readonly db: Database,
    options: StoreOptions = {},
  ) {
    this.busyBudgetMs = options.busyBudgetMs ?? 10_000;
    this.read = reposOf(this.retryingReads());
  }

  write<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    const run = this.db.serialWrites ? this.queue.then(() => this.attempt(fn)) : this.attempt(fn);
    const settled = run.catch(() => {});
    if (this.db.serialWrites) this.queue = settled;
    this.inFlight.add(settled);
    void settled.then(() => this.inFlight.delete(settled));
    return run;
  }

  /** Waits for writes in flight; used at shutdown. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  private async attempt<T>(fn: (repos: Repos) => Promise<T>): Promise<T> {
    this.stats.writes++;
    const deadline = Date.now() + this.busyBudgetMs;
    const once = () =>
      this.db.writeTransaction((tx) => fn(reposOf(tx)), { maxWaitMs: deadline - Date.now() });
    let first = true;
    try {
      return await retryBusy(
        () => {
          if (first || this.db.serialWrites) {
            first = false;
            return once();
          }
          return this.inRetryLane(once);
        },
        this.busyBudgetMs,
        this.stats,
      );
    } catch (error) {
      const fault = faultOf(error);
      if (fault === null) throw error;
      this.stats.failed++;
      throw new WriteFailedError(fault, error);
    }
  }

  private inRetryLane<T>(attempt: () => Promise<T>): Promise<T> {
    const run = this.retryLane.then(attempt);
    this.retryLane = run.catch(() => {});
    return run;
  }

  /** Reads retried briefly on a busy database (WAL readers meet one only during recovery). */
  private retryingReads(): Queryable {
    const { client } = this.db;
    const budget = this.busyBudgetMs;
    return {
      $queryRaw: <T>(query: Sql) => retryBusy(() => client.$queryRaw<T>(query), budget),
      $executeRaw: (query: Sql) => retryBusy(() => client.$executeRaw(query), budget),
    };
  }
}
