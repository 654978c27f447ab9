import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autocompleteChoices, suggestTimezones } from '../../src/discord/autocomplete.ts';
import type { AutocompleteSpec } from '../support/discord-double.ts';
import { ALICE, createHarness, type Harness, inGuild } from './harness.ts';

/** Autocomplete on the real question bank (13 topics, 19 services, 14 comparisons). */

let h: Harness;
const latencies: number[] = [];
const burstLatencies: number[] = [];

beforeAll(async () => {
  h = await createHarness({ bank: 'real' });
});

afterAll(async () => {
  await h.close();
  // Reported in the hand-over: dispatch to the recorded callback, over the loopback double.
  for (const [label, values] of [
    ['one at a time', latencies],
    ['burst of 40', burstLatencies],
  ] as const) {
    const sorted = [...values].sort((a, b) => a - b);
    const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    console.info(
      `autocomplete latency, ${label} (${sorted.length} calls): median ${p(0.5)} ms, max ${p(1)} ms`,
    );
  }
});

type Choice = { name: string; value: string };

async function complete(spec: Omit<AutocompleteSpec, 'user'>): Promise<Choice[]> {
  const payload = h.discord.autocomplete({ user: ALICE, ...spec });
  const started = Date.now();
  const responses = await h.interact(payload);
  expect(responses).toHaveLength(1);
  const [response] = responses;
  expect(response?.callbackType).toBe(8);
  latencies.push((response?.call.at ?? Date.now()) - started);
  const choices = (response?.payload.choices ?? []) as Choice[];
  expect(choices.length).toBeLessThanOrEqual(25);
  for (const c of choices) {
    expect(c.name.length).toBeGreaterThan(0);
    expect(c.name.length).toBeLessThanOrEqual(100);
    expect(c.value.length).toBeLessThanOrEqual(100);
  }
  return choices;
}

describe('autocomplete against the Discord double', () => {
  it('GIVEN /quiz topic WHEN the member types part of a topic THEN matching topics come back, by id', async () => {
    const choices = await complete({
      name: 'quiz',
      options: { topic: 'dynamo' },
      focused: 'topic',
      guild: inGuild(),
    });
    expect(choices[0]).toEqual({ name: 'Amazon DynamoDB', value: 'dynamodb' });
    const all = await complete({ name: 'quiz', options: { topic: '' }, focused: 'topic' });
    expect(all).toHaveLength(13);
  });

  it('GIVEN /fact WHEN typing the service, then the topic THEN services match by alias and topics narrow to that service', async () => {
    const services = await complete({
      name: 'fact',
      options: { service: 'dynamo' },
      focused: 'service',
      guild: inGuild(),
    });
    expect(services[0]).toEqual({ name: 'Amazon DynamoDB', value: 'dynamodb' });
    const topics = await complete({
      name: 'fact',
      options: { service: 'rds', topic: '' },
      focused: 'topic',
      guild: inGuild(),
    });
    expect(topics.length).toBeGreaterThan(0);
    expect(topics.map((t) => t.value)).toContain('rds');
    expect(topics.map((t) => t.value)).not.toContain('dynamodb');
  });

  it('GIVEN /compare WHEN typing THEN comparisons match', async () => {
    const choices = await complete({
      name: 'compare',
      options: { comparison: 'redis' },
      focused: 'comparison',
    });
    expect(choices.map((c) => c.value)).toContain('redis-vs-memcached');
  });

  it('GIVEN /settings timezone WHEN typing a city or a region THEN IANA names come back, at most 25', async () => {
    expect(await complete({ name: 'settings', options: { timezone: 'berl' }, focused: 'timezone' })).toEqual([
      { name: 'Europe/Berlin', value: 'Europe/Berlin' },
    ]);
    const america = await complete({
      name: 'settings',
      options: { timezone: 'america' },
      focused: 'timezone',
    });
    expect(america).toHaveLength(25);
    expect(america.every((c) => c.value.startsWith('America/'))).toBe(true);
    const empty = await complete({ name: 'settings', options: { timezone: '' }, focused: 'timezone' });
    expect(empty[0]).toEqual({ name: 'UTC', value: 'UTC' });
    expect(
      await complete({ name: 'settings', options: { timezone: 'new york' }, focused: 'timezone' }),
    ).toEqual([{ name: 'America/New_York', value: 'America/New_York' }]);
  });

  it('GIVEN autocomplete WHEN it answers THEN the database is not touched', async () => {
    const before = h.app.ctx.store;
    let queries = 0;
    h.app.ctx.store = new Proxy(before, {
      get(target, prop, receiver) {
        queries++;
        return Reflect.get(target, prop, receiver);
      },
    });
    try {
      await complete({ name: 'quiz', options: { topic: 'aur' }, focused: 'topic', guild: inGuild() });
    } finally {
      h.app.ctx.store = before;
    }
    expect(queries).toBe(0);
    expect(await h.db.member.count()).toBe(0);
  });

  it('GIVEN a burst of 40 autocompletes WHEN dispatched at once THEN all are answered quickly', async () => {
    const queries = ['a', 'au', 'aur', 'rds', 'red', 'dyn', 'mem', 'sec', 'mon', 'dms'];
    const started = Date.now();
    const payloads = Array.from({ length: 40 }, (_, i) =>
      h.discord.autocomplete({
        name: i % 2 === 0 ? 'quiz' : 'fact',
        options: i % 2 === 0 ? { topic: queries[i % 10] ?? '' } : { service: queries[i % 10] ?? '' },
        focused: i % 2 === 0 ? 'topic' : 'service',
        user: ALICE,
        guild: inGuild(),
      }),
    );
    const all = await Promise.all(payloads.map((p) => h.interact(p)));
    const elapsed = Date.now() - started;
    for (const responses of all) expect(responses[0]?.callbackType).toBe(8);
    for (const responses of all) burstLatencies.push((responses[0]?.call.at ?? 0) - started);
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe('autocomplete choices (no Discord)', () => {
  it('GIVEN any command and option, known or not WHEN asked THEN it never throws and never returns more than 25', () => {
    const ctx = h.app.ctx;
    for (const command of ['quiz', 'fact', 'compare', 'settings', 'nope', 'stats']) {
      for (const option of ['topic', 'service', 'comparison', 'timezone', 'bogus']) {
        for (const value of ['', 'a', 'zzzzzzzz', '%%%', 'x'.repeat(300)]) {
          const choices = autocompleteChoices(ctx, { command, option, value, others: {} });
          expect(choices.length).toBeLessThanOrEqual(25);
        }
      }
    }
    expect(suggestTimezones('').length).toBeLessThanOrEqual(25);
  });
});
