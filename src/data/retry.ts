import { faultOf } from './errors.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export type RetryStats = { retries: number; waitedMs: number };

/**
 * Runs `attempt` again while the database is busy (another process holds its lock), in short
 * waits with jitter that never block the event loop, for at most `budgetMs`; then the last
 * error goes to the caller. Only for work that is safe to repeat: a read, or a transaction that
 * was rolled back whole.
 */
export async function retryBusy<T>(
  attempt: () => PromiseLike<T>,
  budgetMs: number,
  stats?: RetryStats,
): Promise<T> {
  const started = Date.now();
  for (let pause = 10; ; pause = Math.min(pause * 2, 250)) {
    try {
      return await attempt();
    } catch (error) {
      const waited = Date.now() - started;
      if (faultOf(error) !== 'busy' || waited >= budgetMs) throw error;
      const wait = Math.max(1, Math.min(pause, budgetMs - waited) * (0.5 + Math.random()));
      if (stats !== undefined) {
        stats.retries++;
        stats.waitedMs += wait;
      }
      await sleep(wait);
    }
  }
}
