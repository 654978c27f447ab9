import { describe, expect, it } from 'vitest';
import { analyseGuessability, formatGuessability } from '../../src/bank/guessability.ts';
import type { ChoiceQuestion, Question, TrueFalseQuestion } from '../../src/domain/question.ts';

const base = {
  topic: 't',
  tags: [],
  explanation: 'x',
  source: [],
  docs: undefined,
  correctsNote: false,
  comparisonId: undefined,
};
let n = 0;
const choice = (
  prompt: string,
  options: string[],
  answer: number[],
  pinned: number[] = [],
): ChoiceQuestion => ({
  ...base,
  id: `c${n++}`,
  kind: 'choice',
  prompt,
  options,
  answer,
  pinned,
});
const tf = (prompt: string, answer: boolean): TrueFalseQuestion => ({
  ...base,
  id: `t${n++}`,
  kind: 'truefalse',
  prompt,
  answer,
});

function strategy(qs: Question[], group: string, name: string) {
  const g = analyseGuessability(qs).groups.find((x) => x.group === group);
  return g?.strategies.find((s) => s.name.startsWith(name));
}

describe('the guessability report', () => {
  it('GIVEN right answers that are always the longest THEN "longest option" scores 100% against 25% and fails', () => {
    const qs = [
      choice('Which?', ['a', 'b', 'the long right one', 'c'], [2]),
      choice('Which?', ['the long right one', 'b', 'c', 'd'], [0]),
    ];
    expect(strategy(qs, 'choice, one answer', 'longest option')).toEqual({
      name: 'longest option',
      score: 1,
      chance: 0.25,
    });
    expect(analyseGuessability(qs).failures[0]).toMatch(/"longest option" scores 100% against 25%/);
  });

  it('GIVEN a tie for the longest THEN the strategy scores the share of the tie', () => {
    const qs = [choice('Which?', ['aaa', 'bbb', 'c', 'd'], [0])];
    expect(strategy(qs, 'choice, one answer', 'longest option')?.score).toBe(0.5);
  });

  it('GIVEN the right option repeating the prompt’s words THEN "most words shared" finds it', () => {
    const qs = [
      choice(
        'Which engine replicates storage six ways?',
        ['Aurora replicates storage six ways', 'Redshift', 'Neptune', 'DocumentDB'],
        [0],
      ),
    ];
    expect(strategy(qs, 'choice, one answer', 'most words')?.score).toBe(1);
  });

  it('GIVEN shuffled options THEN no letter wins, but a pinned right answer makes its letter win', () => {
    const free = [choice('q', ['a', 'b', 'c', 'd'], [3])];
    expect(strategy(free, 'choice, one answer', 'always letter')?.score).toBeCloseTo(0.25);
    const pinned = [choice('q', ['a', 'b', 'c', 'All of the above'], [3], [3])];
    expect(strategy(pinned, 'choice, one answer', 'always letter')).toEqual({
      name: 'always letter D (as shown)',
      score: 1,
      chance: 0.25,
    });
  });

  it('GIVEN true/false statements THEN the share of true ones and the absolute-word strategy are reported', () => {
    const qs = [
      tf('RDS always encrypts.', false),
      tf('Aurora keeps six copies.', true),
      tf('DynamoDB never loses data.', false),
      tf('x', false),
    ];
    const r = analyseGuessability(qs);
    expect(r.trueShare).toBe(0.25);
    expect(strategy(qs, 'true/false', 'always false')?.score).toBe(0.75);
    expect(strategy(qs, 'true/false', 'absolute word')?.score).toBe(0.75);
    expect(r.failures).toContain('true/false: 25% of the statements are true (40%-60% wanted)');
  });

  it('GIVEN a balanced, honest bank THEN nothing fails and the report prints every figure', () => {
    const qs = [
      choice('q1', ['aaaa', 'bb', 'cc', 'dd'], [1]),
      choice('q2', ['aa', 'bbbb', 'cc', 'dd'], [0]),
      choice('q3', ['aa', 'bb', 'cccc', 'dd'], [3]),
      choice('q4', ['aa', 'bb', 'cc', 'dddd'], [2]),
      tf('a', true),
      tf('b', false),
    ];
    const r = analyseGuessability(qs);
    expect(r.failures).toEqual([]);
    const text = formatGuessability(r);
    expect(text).toContain('longest option');
    expect(text).toContain('true/false statements that are true: 50%');
  });
});
