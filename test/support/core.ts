import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { loadBank } from '../../src/bank/load.ts';
import { type CoreContext, indexBank } from '../../src/core/context.ts';
import { syncBank } from '../../src/core/sync-bank.ts';
import type { Store } from '../../src/data/store.ts';
import { createTestDb, type Provider, type TestDb } from './db.ts';

export const FIXTURE_BANK = path.resolve(import.meta.dirname, '../fixtures/bank');

/** A mutable clock for tests: fixed dates, advanced by hand. */
export class TestClock {
  constructor(public now: number) {}
  readonly read = () => this.now;
  advance(ms: number): void {
    this.now += ms;
  }
}

export function makeContext(
  store: Store,
  clock: TestClock,
  overrides: Partial<CoreContext> = {},
): CoreContext {
  return {
    store,
    bank: indexBank(loadBank(FIXTURE_BANK)),
    clock: clock.read,
    sessionSize: 10,
    defaultTimezone: 'UTC',
    ...overrides,
  };
}

/**
 * A fresh database, clock and context for each test of a file (or block), with the fixture bank
 * synced: `const env = useCore(T0)` at the top, or `useCore(T0, {}, provider)` inside
 * `eachProvider`, then `env.ctx`, `env.clock`, `env.db` inside tests.
 */
export function useCore(t0: number, overrides: Partial<CoreContext> = {}, provider: Provider = 'sqlite') {
  const env = {} as { db: TestDb; clock: TestClock; ctx: CoreContext };
  beforeEach(async () => {
    env.db = await createTestDb(provider);
    env.clock = new TestClock(t0);
    env.ctx = makeContext(env.db.store, env.clock, overrides);
    await syncBank(env.db.store, env.ctx.bank.questions, new Date(t0));
  });
  afterEach(async () => {
    await env.db.close();
  });
  return env;
}
