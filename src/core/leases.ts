import type { CoreContext } from './context.ts';

/**
 * Jobs one process at a time may run (the daily DM sender): taken and renewed in the database,
 * so any number of bot processes can run the same cron and one of them does the work. A holder
 * that dies stops renewing; its lease runs out after `ttlMs` and the next process to ask takes it.
 */

export const DM_SENDER = 'dm-sender';
export const LEASE_TTL_MS = 15_000;

/** Takes or renews the lease; false while another process holds it. */
export function holdLease(
  ctx: CoreContext,
  name: string,
  holder: string,
  ttlMs = LEASE_TTL_MS,
): Promise<boolean> {
  const now = ctx.clock();
  return ctx.store.write(({ leases }) => leases.take(name, holder, new Date(now), new Date(now + ttlMs)));
}

export async function releaseLease(ctx: CoreContext, name: string, holder: string): Promise<void> {
  const now = new Date(ctx.clock());
  await ctx.store.write(({ leases }) => leases.release(name, holder, now));
}
