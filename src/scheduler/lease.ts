import type { CoreContext } from '../core/context.ts';
import { holdLease, LEASE_TTL_MS, releaseLease } from '../core/leases.ts';

/**
 * A lease this process holds while it works: renewed whenever less than two thirds of it is
 * left, and never trusted past its own expiry, so a process that stalls stops sending before
 * another can have taken over.
 */
export class HeldLease {
  private until = 0;

  constructor(
    private readonly ctx: CoreContext,
    private readonly name: string,
    private readonly holder: string,
    private readonly ttlMs = LEASE_TTL_MS,
  ) {}

  /** Whether this process (still) holds the lease, renewing it when due; false once lost. */
  async keep(): Promise<boolean> {
    const now = this.ctx.clock();
    if (now < this.until - (this.ttlMs * 2) / 3) return true;
    const held = await holdLease(this.ctx, this.name, this.holder, this.ttlMs);
    this.until = held ? now + this.ttlMs : 0;
    return held;
  }

  async release(): Promise<void> {
    if (this.until === 0) return;
    this.until = 0;
    await releaseLease(this.ctx, this.name, this.holder);
  }
}
