import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.ts';
import { type CoreContext, indexBank, UserError } from '../../src/core/context.ts';
import {
  lookupFacts,
  resolveComparison,
  resolveService,
  resolveTopic,
  searchFacts,
  suggestComparisons,
  suggestServices,
  suggestTopics,
} from '../../src/core/lookup.ts';
import type { Bank } from '../../src/domain/question.ts';
import { FIXTURE_BANK, useCore } from '../support/core.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const env = useCore(T0);
const fixture = loadBank(FIXTURE_BANK);

/** The fixture bank with more in it: the look-ups read only the bank. */
function withBank(extra: Partial<Bank>): CoreContext {
  return { ...env.ctx, bank: indexBank({ ...fixture, ...extra }) };
}

async function refusal(fn: () => unknown): Promise<UserError> {
  try {
    fn();
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError');
}

describe('finding a service', () => {
  it('GIVEN its id, name or an alias in any case and spacing THEN that service', () => {
    const { ctx } = env;
    expect(resolveService(ctx, 'svc-b').id).toBe('svc-b');
    expect(resolveService(ctx, '  SVC-B ').id).toBe('svc-b');
    expect(resolveService(ctx, 'service b').id).toBe('svc-b');
    expect(resolveService(ctx, 'sb').id).toBe('svc-b');
    expect(resolveService(ctx, 'ALPHA SERVICE').id).toBe('svc-a');
  });

  it('GIVEN a typo THEN the closest service', () => {
    expect(resolveService(env.ctx, 'Alpha Srvice').id).toBe('svc-a');
  });

  it('GIVEN an exact alias THEN it wins over a service whose name only looks like it', () => {
    const ctx = withBank({
      services: [
        { id: 'svc-a', name: 'Cache cluster', aliases: [] },
        { id: 'svc-b', name: 'Cache', aliases: ['cash'] },
      ],
    });
    expect(resolveService(ctx, 'Cache cluster').id).toBe('svc-a');
    expect(resolveService(ctx, 'cache').id).toBe('svc-b');
    expect(resolveService(ctx, 'CASH').id).toBe('svc-b');
  });

  it('GIVEN an alias in another case and with spaces THEN that service, though another holds the word in its name', () => {
    const ctx = withBank({
      services: [
        { id: 'svc-a', name: 'Cash register', aliases: [] },
        { id: 'svc-b', name: 'Money', aliases: ['Cash'] },
      ],
    });
    expect(resolveService(ctx, ' CASH ').id).toBe('svc-b');
    expect(resolveService(ctx, ' cash ').id).toBe('svc-b');
  });

  it('GIVEN a typo of its id alone THEN that service', () => {
    const ctx = withBank({
      services: [...fixture.services, { id: 'dynamodb', name: 'Tables', aliases: [] }],
    });
    expect(resolveService(ctx, 'dynamdb').id).toBe('dynamodb');
  });

  it('GIVEN nothing like it THEN it is refused with the query and the services that have facts', async () => {
    const ctx = withBank({
      services: [...fixture.services, { id: 'svc-c', name: 'Service C', aliases: [] }],
    });
    const error = await refusal(() => resolveService(ctx, 'xyzzy'));
    expect(error).toMatchObject({
      code: 'unknown-service',
      params: { query: 'xyzzy' },
      suggestions: ['Service A', 'Service B'],
    });
  });
});

describe('finding a topic', () => {
  it('GIVEN its id or title in any case THEN that topic; a typo finds the closest', () => {
    const { ctx } = env;
    expect(resolveTopic(ctx, 'beta').id).toBe('beta');
    expect(resolveTopic(ctx, ' BETA TOPIC ').id).toBe('beta');
    expect(resolveTopic(ctx, 'Alpah topic').id).toBe('alpha');
  });

  it('GIVEN an exact title THEN it wins over a longer one that contains it', () => {
    const ctx = withBank({
      topics: [
        { ...(fixture.topics[0] as Bank['topics'][number]), id: 'alpha', title: 'Global tables and streams' },
        { ...(fixture.topics[1] as Bank['topics'][number]), id: 'beta', title: 'Global tables' },
      ],
    });
    expect(resolveTopic(ctx, 'global tables').id).toBe('beta');
  });

  it('GIVEN an exact id or title typed with spaces in any case THEN that topic, though another holds more of the words', () => {
    const base = fixture.topics[0] as Bank['topics'][number];
    const ctx = withBank({
      topics: [
        { ...base, id: 'x-cache', title: 'Cache notes' },
        { ...base, id: 'b', title: 'Cache' },
        { ...base, id: 'store-e', title: 'Store room' },
        { ...base, id: 'store', title: 'Something' },
      ],
    });
    expect(resolveTopic(ctx, ' Cache ').id).toBe('b');
    expect(resolveTopic(ctx, ' CACHE ').id).toBe('b');
    expect(resolveTopic(ctx, ' store ').id).toBe('store');
  });

  it('GIVEN a typo of its id alone THEN that topic', () => {
    const base = fixture.topics[0] as Bank['topics'][number];
    const ctx = withBank({ topics: [...fixture.topics, { ...base, id: 'elasticache', title: 'Caching' }] });
    expect(resolveTopic(ctx, 'elastcache').id).toBe('elasticache');
  });

  it('GIVEN nothing like it THEN it is refused with the query and every topic id', async () => {
    const error = await refusal(() => resolveTopic(env.ctx, 'xyzzy'));
    expect(error).toMatchObject({
      code: 'unknown-topic',
      params: { topic: 'xyzzy' },
      suggestions: ['alpha', 'beta'],
    });
  });
});

describe('finding a comparison', () => {
  it('GIVEN its id in any case, or its title with a typo THEN that comparison', () => {
    const { ctx } = env;
    expect(resolveComparison(ctx, ' A-VS-B ').id).toBe('a-vs-b');
    expect(resolveComparison(ctx, 'A vs B').id).toBe('a-vs-b');
  });

  it('GIVEN an exact id THEN it wins over another whose title looks more like it', () => {
    const base = fixture.comparisons[0] as Bank['comparisons'][number];
    const ctx = withBank({
      comparisons: [
        { ...base, id: 'rds-vs-aurora', title: 'Aurora', columns: ['Aurora'] },
        { ...base, id: 'aurora', title: 'Engines', columns: ['X'] },
      ],
    });
    expect(resolveComparison(ctx, 'Aurora').id).toBe('aurora');
    expect(resolveComparison(ctx, ' Aurora ').id).toBe('aurora');
  });

  it('GIVEN a typo of its id, or one of its columns THEN that comparison', () => {
    const base = fixture.comparisons[0] as Bank['comparisons'][number];
    const ctx = withBank({
      comparisons: [
        ...fixture.comparisons,
        { ...base, id: 'sqs-vs-sns', title: 'Messaging', columns: ['Kinesis'] },
      ],
    });
    expect(resolveComparison(ctx, 'sqs-vs-snz').id).toBe('sqs-vs-sns');
    expect(resolveComparison(ctx, 'kinesis').id).toBe('sqs-vs-sns');
  });

  it('GIVEN nothing like it THEN it is refused with the query and every comparison id', async () => {
    const error = await refusal(() => resolveComparison(env.ctx, 'xyzzy'));
    expect(error).toMatchObject({
      code: 'unknown-comparison',
      params: { query: 'xyzzy' },
      suggestions: ['a-vs-b'],
    });
  });
});

describe("a service's facts", () => {
  it('GIVEN a service THEN all its facts, in bank order, and no topic', () => {
    const found = lookupFacts(env.ctx, 'Service A');
    expect(found.service.id).toBe('svc-a');
    expect(found.topic).toBeUndefined();
    expect(found.facts.map((f) => f.id)).toEqual(['alpha-fact-one', 'alpha-fact-two']);
  });

  it('GIVEN a blank topic THEN it is as if none was given', () => {
    expect(lookupFacts(env.ctx, 'svc-a', '   ').topic).toBeUndefined();
    expect(lookupFacts(env.ctx, 'svc-a', '').facts).toHaveLength(2);
  });

  it('GIVEN a topic THEN only the facts filed under it', () => {
    const extra = { ...(fixture.facts[0] as Bank['facts'][number]), id: 'svc-a-in-beta', topic: 'beta' };
    const ctx = withBank({ facts: [...fixture.facts, extra] });
    const found = lookupFacts(ctx, 'svc-a', 'Beta topic');
    expect(found.topic?.id).toBe('beta');
    expect(found.facts.map((f) => f.id)).toEqual(['svc-a-in-beta']);
  });

  it('GIVEN a topic the service has no facts in THEN it is refused with the topics it has', async () => {
    const error = await refusal(() => lookupFacts(env.ctx, 'svc-a', 'beta'));
    expect(error).toMatchObject({
      code: 'no-facts-in-topic',
      params: { service: 'Service A', topic: 'Beta topic' },
      suggestions: ['alpha'],
    });
  });

  it('GIVEN a service without facts THEN it is refused naming the service', async () => {
    const ctx = withBank({
      services: [...fixture.services, { id: 'svc-c', name: 'Service C', aliases: [] }],
    });
    const error = await refusal(() => lookupFacts(ctx, 'svc-c'));
    expect(error).toMatchObject({ code: 'no-facts', params: { service: 'Service C' }, suggestions: [] });
  });
});

describe('searching facts', () => {
  it('GIVEN words of a fact THEN it comes first; at most the limit come back', () => {
    expect(searchFacts(env.ctx, 'read replicas')[0]?.id).toBe('alpha-fact-two');
    expect(searchFacts(env.ctx, 'eventually consistent')[0]?.id).toBe('beta-fact');
    expect(searchFacts(env.ctx, 'xyzzy')).toEqual([]);
  });

  it('GIVEN a word of its title only, or its service id THEN the fact is found', () => {
    const base = fixture.facts[0] as Bank['facts'][number];
    const facts = [
      { ...base, id: 'plain', service: 'svc-a', title: 'Retention', text: 'Kept for a week.' },
      { ...base, id: 'titled', service: 'lambda', title: 'Quokka limits', text: 'Up to ten.' },
    ];
    const ctx = withBank({ facts });
    expect(searchFacts(ctx, 'quokka').map((f) => f.id)).toEqual(['titled']);
    expect(searchFacts(ctx, 'lambda').map((f) => f.id)).toEqual(['titled']);
  });

  it('GIVEN a word far into a long fact THEN it is still found', () => {
    const long = {
      ...(fixture.facts[0] as Bank['facts'][number]),
      id: 'long',
      title: 'Limits',
      text: `${'The service has many limits that are listed here. '.repeat(10)}Quokka.`,
    };
    expect(searchFacts(withBank({ facts: [long] }), 'quokka').map((f) => f.id)).toEqual(['long']);
  });

  it('GIVEN many matches THEN five by default, or the limit asked for', () => {
    const base = fixture.facts[0] as Bank['facts'][number];
    const facts = Array.from({ length: 8 }, (_, i) => ({ ...base, id: `f${i}`, title: `Backup ${i}` }));
    const ctx = withBank({ facts });
    expect(searchFacts(ctx, 'backup')).toHaveLength(5);
    expect(searchFacts(ctx, 'backup', 7)).toHaveLength(7);
  });
});

describe('autocomplete', () => {
  const services = Array.from({ length: 30 }, (_, i) => ({
    id: `svc-${i}`,
    name: `Service ${i}`,
    aliases: [],
  }));
  const facts = services.map((s, i) => ({
    ...(fixture.facts[0] as Bank['facts'][number]),
    id: `fact-${i}`,
    service: s.id,
  }));

  it('GIVEN an empty query THEN the services with facts, as name and id, at most 25', () => {
    expect(suggestServices(env.ctx, ' ')).toEqual([
      { name: 'Service A', value: 'svc-a' },
      { name: 'Service B', value: 'svc-b' },
    ]);
    const many = withBank({ services, facts });
    const choices = suggestServices(many, '');
    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: 'Service 0', value: 'svc-0' });
  });

  it('GIVEN a partial name THEN the matching services with facts only', () => {
    const ctx = withBank({
      services: [...fixture.services, { id: 'svc-bb', name: 'Service BB', aliases: [] }],
    });
    const found = suggestServices(ctx, 'service b');
    expect(found[0]).toEqual({ name: 'Service B', value: 'svc-b' });
    expect(found.map((c) => c.value)).not.toContain('svc-bb');
    expect(suggestServices(withBank({ services, facts }), 'service')).toHaveLength(25);
  });

  it('GIVEN a service THEN only the topics it has facts in; an unknown service filters nothing', () => {
    expect(suggestTopics(env.ctx, '')).toEqual([
      { name: 'Alpha topic', value: 'alpha' },
      { name: 'Beta topic', value: 'beta' },
    ]);
    expect(suggestTopics(env.ctx, '', 'svc-b')).toEqual([{ name: 'Beta topic', value: 'beta' }]);
    expect(suggestTopics(env.ctx, '', 'Service A')).toEqual([{ name: 'Alpha topic', value: 'alpha' }]);
    expect(suggestTopics(env.ctx, '', 'nope')).toHaveLength(2);
    expect(suggestTopics(env.ctx, 'beta')).toEqual([{ name: 'Beta topic', value: 'beta' }]);
    expect(suggestTopics(env.ctx, 'beta', 'svc-a')).toEqual([]);
  });

  it('GIVEN many topics THEN at most 25', () => {
    const base = fixture.topics[0] as Bank['topics'][number];
    const topics = Array.from({ length: 30 }, (_, i) => ({ ...base, id: `t${i}`, title: `Topic ${i}` }));
    expect(suggestTopics(withBank({ topics }), '')).toHaveLength(25);
    expect(suggestTopics(withBank({ topics }), 'topic')).toHaveLength(25);
  });

  it('GIVEN comparisons THEN their titles cut to 100 characters, at most 25, and a partial title finds one', () => {
    const base = fixture.comparisons[0] as Bank['comparisons'][number];
    const comparisons = Array.from({ length: 30 }, (_, i) => ({
      ...base,
      id: `c${i}`,
      title: `${'Long title '.repeat(12)}${i}`,
    }));
    const choices = suggestComparisons(withBank({ comparisons }), '');
    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: 'Long title '.repeat(12).slice(0, 100), value: 'c0' });
    expect(suggestComparisons(withBank({ comparisons }), 'long title')).toHaveLength(25);
    expect(suggestComparisons(env.ctx, 'a vs')).toEqual([{ name: 'A vs B', value: 'a-vs-b' }]);
    expect(suggestComparisons(env.ctx, ' ')).toEqual([{ name: 'A vs B', value: 'a-vs-b' }]);
  });

  it('GIVEN a partial title THEN only the comparisons like it; a blank one lists them all', () => {
    const base = fixture.comparisons[0] as Bank['comparisons'][number];
    const ctx = withBank({
      comparisons: [
        ...fixture.comparisons,
        { ...base, id: 'queues', title: 'Queues vs topics', columns: ['Q'] },
      ],
    });
    expect(suggestComparisons(ctx, 'queues')).toEqual([{ name: 'Queues vs topics', value: 'queues' }]);
    expect(suggestComparisons(ctx, '').map((c) => c.value)).toEqual(['a-vs-b', 'queues']);
  });
});
