import { describe, expect, it } from 'vitest';
import { gradeAnswer, quickThresholdMs } from '../../src/domain/grading.ts';
import { advanceStreak, streakAsOf } from '../../src/domain/progress.ts';
import type { ChoiceQuestion, TextQuestion } from '../../src/domain/question.ts';
import { matchesAnswer } from '../../src/domain/text-match.ts';

const base = {
  topic: 't',
  tags: [],
  explanation: 'x',
  source: [],
  docs: undefined,
  correctsNote: false,
  comparisonId: undefined,
};
const single: ChoiceQuestion = {
  ...base,
  id: 'q1',
  kind: 'choice',
  prompt: 'Pick',
  options: ['a', 'b', 'c'],
  answer: [1],
  pinned: [],
};
const multi: ChoiceQuestion = {
  ...base,
  id: 'q2',
  kind: 'choice',
  prompt: 'Pick all',
  options: ['a', 'b', 'c', 'd'],
  answer: [0, 2],
  pinned: [],
};
const text: TextQuestion = {
  ...base,
  id: 'q3',
  kind: 'text',
  prompt: 'Engine?',
  accept: ['Memcached', 'Memcache'],
};

describe('grading objective answers', () => {
  it('GIVEN a wrong pick THEN grade 1', () => {
    expect(gradeAnswer(single, { kind: 'choice', picks: [0] }, 1000).grade).toBe(1);
  });
  it('GIVEN a partly correct multi-select THEN grade 2, not correct', () => {
    expect(gradeAnswer(multi, { kind: 'choice', picks: [0, 1] }, 1000)).toMatchObject({
      grade: 2,
      correct: false,
      partly: true,
    });
    expect(gradeAnswer(multi, { kind: 'choice', picks: [0] }, 1000)).toMatchObject({
      grade: 2,
      partly: true,
    });
  });
  it('GIVEN a correct answer THEN 5 when within the quick threshold and 4 after it', () => {
    const limit = quickThresholdMs(single);
    expect(gradeAnswer(single, { kind: 'choice', picks: [1] }, limit).grade).toBe(5);
    expect(gradeAnswer(single, { kind: 'choice', picks: [1] }, limit + 1).grade).toBe(4);
    expect(gradeAnswer(single, { kind: 'choice', picks: [1] }, undefined).grade).toBe(4);
  });
  it('GIVEN a flashcard THEN the self-grade is the grade and 3+ counts as correct', () => {
    const card = { ...base, id: 'f', kind: 'flashcard' as const, prompt: 'front', back: 'back' };
    expect(gradeAnswer(card, { kind: 'flashcard', grade: 3 }, 1)).toMatchObject({ grade: 3, correct: true });
    expect(gradeAnswer(card, { kind: 'flashcard', grade: 2 }, 1)).toMatchObject({ grade: 2, correct: false });
  });
});

describe('forgiving free-text matching', () => {
  it.each([['memcached'], ['  MEMCACHED!  '], ['Memcache'], ['memcahced'], ['the Memcached']])(
    'GIVEN "%s" THEN it matches Memcached',
    (given) => {
      expect(matchesAnswer(given, text.accept)).toBe(true);
    },
  );
  it.each([['Redis'], ['Mem'], [''], ['memcached redis valkey']])(
    'GIVEN "%s" THEN it does not match',
    (given) => {
      expect(matchesAnswer(given, text.accept)).toBe(false);
    },
  );
  it('GIVEN numbers THEN they must be exact even where one typo would be allowed', () => {
    expect(matchesAnswer('35 days', ['35 days'])).toBe(true);
    expect(matchesAnswer('36 days', ['35 days'])).toBe(false);
  });
  it('GIVEN accents, hyphens and spacing THEN they do not matter', () => {
    expect(matchesAnswer('multi az', ['Multi-AZ'])).toBe(true);
    expect(matchesAnswer('MultiAZ', ['Multi-AZ'])).toBe(true);
    expect(matchesAnswer('Réplica', ['replica'])).toBe(true);
  });
});

describe('streaks', () => {
  it('GIVEN consecutive days THEN the streak grows, a gap restarts it, and the longest is kept', () => {
    let s = { current: 0, longest: 0, lastDay: null as string | null };
    for (const day of ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-05']) {
      const next = advanceStreak(s, day);
      if (next !== null) s = next;
    }
    expect(s).toEqual({ current: 1, longest: 3, lastDay: '2026-01-05' });
    expect(advanceStreak(s, '2026-01-05')).toBeNull();
    expect(streakAsOf(s, '2026-01-06')).toBe(1);
    expect(streakAsOf(s, '2026-01-07')).toBe(0);
  });
});
