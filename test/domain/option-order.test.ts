import { describe, expect, it } from 'vitest';
import {
  hashString,
  identityOrder,
  isOrder,
  optionOrder,
  presentationSeed,
  random32,
} from '../../src/domain/option-order.ts';

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

describe('the seed and the shuffle are the published algorithms (stored seeds must map the same after an upgrade)', () => {
  it('GIVEN the FNV-1a test strings THEN hashString gives the published 32-bit FNV-1a values', () => {
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });

  it('GIVEN seeds 0 and 42 THEN random32 draws what the reference mulberry32 (C) draws, over 2^32', () => {
    // Tommy Ettinger's mulberry32 in C, outputs for state 0 and 42.
    const draw = (seed: number) => {
      const next = random32(seed);
      return [next(), next(), next()].map((x) => x * 4_294_967_296);
    };
    expect(draw(0)).toEqual([1144304738, 1416247, 958946056]);
    expect(draw(42)).toEqual([2581720956, 1925393290, 3661312704]);
  });
});

describe('pinned options and spread', () => {
  it('GIVEN the first option pinned THEN it stays first while the others still move', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 200; seed++) {
      const order = optionOrder(4, [0], seed);
      expect(order[0]).toBe(0);
      seen.add(order.join(''));
    }
    expect(seen).toEqual(new Set(['0123', '0132', '0213', '0231', '0312', '0321']));
  });

  it('GIVEN pins outside the options THEN they are ignored and every option is still shuffled', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 500; seed++) {
      const order = optionOrder(3, [-1, 3, 7], seed);
      expect(isOrder(order, 3)).toBe(true);
      seen.add(order.join(''));
    }
    expect(seen.size).toBe(6);
  });

  it('GIVEN 24,000 presentations of four free options THEN all 24 orders come up, each about equally often', () => {
    const counts = new Map<string, number>();
    const n = 24_000;
    for (let step = 0; step < n; step++) {
      const key = optionOrder(4, [], presentationSeed(3, step)).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(24);
    for (const c of counts.values()) expect(Math.abs(c / n - 1 / 24)).toBeLessThan(0.01);
  });

  it('GIVEN a middle option pinned THEN the others take the remaining places in every order', () => {
    const seen = new Set<string>();
    for (let seed = 0; seed < 1_000; seed++) {
      const order = optionOrder(5, [2], seed);
      expect(order[2]).toBe(2);
      seen.add(order.join(''));
    }
    expect(seen.size).toBe(24);
  });
});

describe('identity orders and checking a carried order', () => {
  it('GIVEN a count THEN the identity order lists the options in file order', () => {
    expect(identityOrder(0)).toEqual([]);
    expect(identityOrder(4)).toEqual([0, 1, 2, 3]);
  });

  it('GIVEN an order longer than the options, with fractions or negatives THEN it is not an order', () => {
    expect(isOrder([0, 1, 2, 2], 3)).toBe(false);
    expect(isOrder([0, 1.5, 2], 3)).toBe(false);
    expect(isOrder([-1, 0, 1], 3)).toBe(false);
    expect(isOrder([], 0)).toBe(true);
  });
});
