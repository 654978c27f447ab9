import { describe, expect, it } from 'vitest';
import { isOrder, optionOrder, presentationSeed } from '../../src/domain/option-order.ts';

describe('option order', () => {
  it('GIVEN any seed THEN the order is a permutation that keeps pinned options in place', () => {
    for (let seed = 0; seed < 500; seed++) {
      const order = optionOrder(5, [4], seed);
      expect(isOrder(order, 5)).toBe(true);
      expect(order[4]).toBe(4);
    }
  });

  it('GIVEN the same seed THEN the same order comes back (a restart maps letters the same way)', () => {
    expect(optionOrder(4, [], 12345)).toEqual(optionOrder(4, [], 12345));
  });

  it('GIVEN 40,000 presentations THEN the right option lands on every letter about equally often', () => {
    const counts = [0, 0, 0, 0];
    const n = 40_000;
    for (let step = 0; step < n; step++) {
      const order = optionOrder(4, [], presentationSeed(7, step));
      // The option at file index 1 is the right one: where is it shown?
      counts[order.indexOf(1)] = (counts[order.indexOf(1)] ?? 0) + 1;
    }
    for (const c of counts) expect(Math.abs(c / n - 0.25)).toBeLessThan(0.015);
  });

  it('GIVEN two sessions or two steps THEN the orders differ for at least some of them', () => {
    const orders = new Set<string>();
    for (let step = 0; step < 20; step++) orders.add(optionOrder(4, [], presentationSeed(1, step)).join(''));
    expect(orders.size).toBeGreaterThan(5);
    expect(optionOrder(4, [], presentationSeed(1, 0))).not.toEqual(
      optionOrder(4, [], presentationSeed(2, 0)),
    );
  });

  it('GIVEN every option pinned THEN the file order is kept', () => {
    expect(optionOrder(4, [0, 1, 2, 3], 99)).toEqual([0, 1, 2, 3]);
  });

  it('GIVEN a broken order THEN isOrder says so', () => {
    expect(isOrder([0, 1, 1], 3)).toBe(false);
    expect(isOrder([0, 1], 3)).toBe(false);
    expect(isOrder([0, 3, 1], 3)).toBe(false);
    expect(isOrder([2, 0, 1], 3)).toBe(true);
  });
});
