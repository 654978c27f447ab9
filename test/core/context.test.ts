import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.ts';
import { indexBank, UserError } from '../../src/core/context.ts';
import type { Bank } from '../../src/domain/question.ts';
import { FIXTURE_BANK } from '../support/core.ts';

const fixture = loadBank(FIXTURE_BANK);

describe('the curriculum order of new cards', () => {
  it('GIVEN two topics THEN they interleave: the first question of each topic in topic order, then the second...; questions from tables come last', () => {
    const bank = indexBank(fixture);
    const ids = fixture.questions.map((q) => q.id).sort((a, b) => bank.order(a) - bank.order(b));
    expect(ids).toEqual([
      'alpha-choice',
      'beta-one',
      'alpha-multi',
      'beta-two',
      'alpha-tf',
      'alpha-text',
      'alpha-card',
      'a-vs-b.speed.1',
      'a-vs-b.speed.2',
      'a-vs-b.speed.3',
    ]);
  });

  it('GIVEN the topics listed the other way round THEN the other topic leads', () => {
    const bank = indexBank({ ...fixture, topics: [...fixture.topics].reverse() });
    const ids = ['alpha-choice', 'beta-one', 'alpha-multi', 'beta-two'].sort(
      (a, b) => bank.order(a) - bank.order(b),
    );
    expect(ids).toEqual(['beta-one', 'alpha-choice', 'beta-two', 'alpha-multi']);
  });

  it('GIVEN a question of a topic the bank does not list, or no question at all THEN it comes after the listed topics, and an unknown id last', () => {
    const stray = { ...(fixture.questions[3] as Bank['questions'][number]), id: 'stray', topic: 'nowhere' };
    const bank = indexBank({ ...fixture, questions: [stray, ...fixture.questions] });
    expect(bank.order('stray')).toBeGreaterThan(bank.order('beta-one'));
    expect(bank.order('stray')).toBeLessThan(bank.order('alpha-multi'));
    expect(bank.order('no-such-question')).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('the bank index', () => {
  it('GIVEN ids THEN questions, topics, services, comparisons and a service’s facts are found; unknown ids are undefined', () => {
    const bank = indexBank(fixture);
    expect(bank.question('beta-two')?.prompt).toBe('Default read consistency?');
    expect(bank.question('nope')).toBeUndefined();
    expect(bank.topic('beta')?.title).toBe('Beta topic');
    expect(bank.topic('nope')).toBeUndefined();
    expect(bank.service('svc-a')?.name).toBe('Service A');
    expect(bank.service('nope')).toBeUndefined();
    expect(bank.comparison('a-vs-b')?.title).toBe('A vs B');
    expect(bank.comparison('nope')).toBeUndefined();
    expect(bank.factsByService('svc-a').map((f) => f.id)).toEqual(['alpha-fact-one', 'alpha-fact-two']);
    expect(bank.factsByService('nope')).toEqual([]);
    expect(bank.questions).toHaveLength(10);
  });
});

describe('user errors', () => {
  it('GIVEN a code and parameters THEN the message names both; suggestions default to none', () => {
    const error = new UserError('invalid-time', { time: '25:00' });
    expect(error.message).toBe('invalid-time {"time":"25:00"}');
    expect(error.name).toBe('UserError');
    expect(error.suggestions).toEqual([]);
    expect(error).toBeInstanceOf(Error);
    const bare = new UserError('no-progress');
    expect(bare.message).toBe('no-progress');
    expect(bare.params).toEqual({});
  });
});
