import path from 'node:path';
import { loadBank } from '../../src/bank/load.ts';
import { type CoreContext, indexBank } from '../../src/core/context.ts';
import type { Store } from '../../src/data/store.ts';

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
