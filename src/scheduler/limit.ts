/** Runs `fn` over `items` with at most `limit` calls in flight; resolves when all have settled. */
export async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}

/**
 * At most `max` units in any window of `windowMs` (a sliding window, stricter than the fixed
 * one-second buckets a server may count in): `take(n)` resolves once n more fit. Callers are
 * served in order.
 */
export class SlidingWindow {
  private readonly times: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly max: number,
    private readonly windowMs = 1_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(units = 1): Promise<void> {
    const run = this.queue.then(() => this.acquire(units));
    this.queue = run.catch(() => {});
    return run;
  }

  private async acquire(units: number): Promise<void> {
    for (let i = 0; i < units; i++) {
      for (;;) {
        const t = this.now();
        while ((this.times[0] ?? Number.POSITIVE_INFINITY) <= t - this.windowMs) this.times.shift();
        if (this.times.length < this.max) {
          this.times.push(t);
          break;
        }
        const wait = (this.times[0] ?? t) + this.windowMs - t;
        await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(wait))));
      }
    }
  }
}
