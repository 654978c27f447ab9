import { describe, expect, it } from 'vitest';
import { DM_SENDER, holdLease, LEASE_TTL_MS, releaseLease } from '../../src/core/leases.ts';
import { useCore } from '../support/core.ts';

const T0 = Date.parse('2026-03-04T10:00:00Z');
const env = useCore(T0);

describe('job leases', () => {
  it('GIVEN a lease held by one process THEN another is refused until the holder stops renewing and the lease runs out', async () => {
    const { ctx, clock } = env;
    expect(await holdLease(ctx, DM_SENDER, 'a')).toBe(true);
    expect(await holdLease(ctx, DM_SENDER, 'b')).toBe(false);
    clock.advance(LEASE_TTL_MS - 1);
    expect(await holdLease(ctx, DM_SENDER, 'b')).toBe(false);
    clock.advance(1);
    expect(await holdLease(ctx, DM_SENDER, 'b')).toBe(true);
    // The old holder is now the one refused.
    expect(await holdLease(ctx, DM_SENDER, 'a')).toBe(false);
  });

  it('GIVEN the holder renews THEN the lease lasts a full TTL from the renewal', async () => {
    const { ctx, clock } = env;
    expect(await holdLease(ctx, DM_SENDER, 'a')).toBe(true);
    clock.advance(LEASE_TTL_MS - 1_000);
    expect(await holdLease(ctx, DM_SENDER, 'a')).toBe(true);
    clock.advance(LEASE_TTL_MS - 1);
    expect(await holdLease(ctx, DM_SENDER, 'b')).toBe(false);
    clock.advance(1);
    expect(await holdLease(ctx, DM_SENDER, 'b')).toBe(true);
  });

  it('GIVEN a shorter TTL asked for THEN the lease runs out after it', async () => {
    const { ctx, clock } = env;
    expect(await holdLease(ctx, DM_SENDER, 'a', 2_000)).toBe(true);
    clock.advance(1_999);
    expect(await holdLease(ctx, DM_SENDER, 'b')).toBe(false);
    clock.advance(1);
    expect(await holdLease(ctx, DM_SENDER, 'b')).toBe(true);
  });

  it('GIVEN the holder releases THEN another process takes it at once, and a release by a non-holder changes nothing', async () => {
    const { ctx } = env;
    expect(await holdLease(ctx, DM_SENDER, 'a')).toBe(true);
    await releaseLease(ctx, DM_SENDER, 'b');
    expect(await holdLease(ctx, DM_SENDER, 'c')).toBe(false);
    await releaseLease(ctx, DM_SENDER, 'a');
    expect(await holdLease(ctx, DM_SENDER, 'c')).toBe(true);
  });

  it('GIVEN two lease names THEN each is held on its own', async () => {
    const { ctx } = env;
    expect(await holdLease(ctx, DM_SENDER, 'a')).toBe(true);
    expect(await holdLease(ctx, 'other-job', 'b')).toBe(true);
  });
});
