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
 * At most `max` requests in any window of `windowMs`, as the server counts them on arrival.
 * A request arrives some time between being sent and its response (discord.js may queue it,
 * the network delays it), so each one counts from when it is sent until `windowMs` after its
 * response: whatever the delays, no window at the server sees more than `max`. Callers are
 * served in order.
 */
export class SlidingWindow {
  /** When each counted request ended (Infinity while it is in flight). */
  private readonly ends: number[] = [];
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly max: number,
    private readonly windowMs = 1_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Runs `request` once it fits within the limit; it counts until `windowMs` after it settles. */
  async run<T>(request: () => Promise<T>): Promise<T> {
    const slot = this.queue.then(() => this.acquire());
    this.queue = slot.then(
      () => {},
      () => {},
    );
    const index = await slot;
    try {
      return await request();
    } finally {
      this.ends[index] = this.now();
    }
  }

  /** Waits for a free slot and claims it; returns its index in `ends`. */
  private async acquire(): Promise<number> {
    for (;;) {
      const t = this.now();
      let counted = 0;
      let firstFree = Number.POSITIVE_INFINITY;
      let reusable = -1;
      for (const [i, end] of this.ends.entries()) {
        if (end + this.windowMs > t) {
          counted++;
          firstFree = Math.min(firstFree, end + this.windowMs);
        } else if (reusable === -1) reusable = i;
      }
      if (counted < this.max) {
        const index = reusable === -1 ? this.ends.length : reusable;
        this.ends[index] = Number.POSITIVE_INFINITY;
        return index;
      }
      // Every slot is taken: wait for the first to expire, or poll while all are in flight.
      const wait = Number.isFinite(firstFree) ? firstFree - t : 5;
      await new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(wait))));
    }
  }
}
