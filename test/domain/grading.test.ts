import { describe, expect, it } from 'vitest';
import { AnswerKindError, GUESSED_GRADE, gradeAnswer, quickThresholdMs } from '../../src/domain/grading.ts';
import { advanceStreak, streakAsOf } from '../../src/domain/progress.ts';
import type { ChoiceQuestion, TextQuestion, TrueFalseQuestion } from '../../src/domain/question.ts';
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

const tf: TrueFalseQuestion = { ...base, id: 'q4', kind: 'truefalse', prompt: 'True?', answer: false };

describe('grading by kind', () => {
  it('GIVEN a true/false question THEN the matching value is correct (4 slow, 5 quick) and the other is wrong (1)', () => {
    expect(gradeAnswer(tf, { kind: 'truefalse', value: false }, undefined)).toEqual({
      grade: 4,
      correct: true,
      partly: false,
      quick: false,
    });
    expect(gradeAnswer(tf, { kind: 'truefalse', value: false }, 1_000)).toEqual({
      grade: 5,
      correct: true,
      partly: false,
      quick: true,
    });
    expect(gradeAnswer(tf, { kind: 'truefalse', value: true }, 1_000)).toEqual({
      grade: 1,
      correct: false,
      partly: false,
      quick: false,
    });
  });

  it('GIVEN a typed answer THEN an accepted spelling is correct and anything else is grade 1', () => {
    expect(gradeAnswer(text, { kind: 'text', text: 'memcache' }, 1_000)).toMatchObject({
      grade: 5,
      correct: true,
    });
    expect(gradeAnswer(text, { kind: 'text', text: 'Redis' }, 1_000)).toEqual({
      grade: 1,
      correct: false,
      partly: false,
      quick: false,
    });
  });

  it('GIVEN the picks of a multi-select in any order or repeated THEN they are the set of letters picked', () => {
    expect(gradeAnswer(multi, { kind: 'choice', picks: [2, 0] }, undefined)).toMatchObject({
      grade: 4,
      correct: true,
    });
    expect(gradeAnswer(multi, { kind: 'choice', picks: [0, 2, 2, 0] }, undefined)).toMatchObject({
      grade: 4,
      correct: true,
    });
    expect(gradeAnswer(single, { kind: 'choice', picks: [1, 1] }, undefined)).toMatchObject({
      correct: true,
    });
  });

  it('GIVEN every right pick plus a wrong one, or none right THEN it is not correct; partly only with a right pick', () => {
    expect(gradeAnswer(multi, { kind: 'choice', picks: [0, 1, 2] }, 1_000)).toEqual({
      grade: 2,
      correct: false,
      partly: true,
      quick: false,
    });
    expect(gradeAnswer(multi, { kind: 'choice', picks: [1, 3] }, 1_000)).toEqual({
      grade: 1,
      correct: false,
      partly: false,
      quick: false,
    });
    expect(gradeAnswer(multi, { kind: 'choice', picks: [] }, 1_000)).toMatchObject({
      grade: 1,
      partly: false,
    });
  });

  it('GIVEN a single-answer question THEN a wrong pick is never partly correct', () => {
    expect(gradeAnswer(single, { kind: 'choice', picks: [0, 1] }, 1_000)).toEqual({
      grade: 1,
      correct: false,
      partly: false,
      quick: false,
    });
  });

  it('GIVEN a flashcard THEN it is never partly right nor quick, whatever the time', () => {
    const card = { ...base, id: 'f', kind: 'flashcard' as const, prompt: 'front', back: 'back' };
    expect(gradeAnswer(card, { kind: 'flashcard', grade: 5 }, 1)).toEqual({
      grade: 5,
      correct: true,
      partly: false,
      quick: false,
    });
    expect(gradeAnswer(card, { kind: 'flashcard', grade: 0 }, 1)).toEqual({
      grade: 0,
      correct: false,
      partly: false,
      quick: false,
    });
  });

  it('GIVEN an answer of another kind than the question THEN it is refused with a typed error naming both', () => {
    expect(() => gradeAnswer(single, { kind: 'truefalse', value: true }, 1)).toThrow(AnswerKindError);
    expect(() => gradeAnswer(tf, { kind: 'choice', picks: [0] }, 1)).toThrow(
      'question q4 is truefalse; got a choice answer',
    );
    expect(() => gradeAnswer(text, { kind: 'flashcard', grade: 3 }, 1)).toThrow(
      expect.objectContaining({ name: 'AnswerKindError' }),
    );
    expect(() => gradeAnswer(text, { kind: 'flashcard', grade: 3 }, 1)).toThrow(TypeError);
  });

  it('GIVEN "I guessed" THEN the grade is 3: correct with serious difficulty', () => {
    expect(GUESSED_GRADE).toBe(3);
  });
});

describe('grading typed answers and self-grades at their limits', () => {
  it('GIVEN a typed answer within the typo allowance THEN it is correct and can be quick; one typo more is grade 1', () => {
    // "Memcached": 9 characters, two typos tolerated.
    const limit = quickThresholdMs(text);
    expect(gradeAnswer(text, { kind: 'text', text: 'memkashed' }, limit)).toMatchObject({
      grade: 5,
      quick: true,
    });
    expect(gradeAnswer(text, { kind: 'text', text: 'memkashed' }, limit + 1)).toMatchObject({
      grade: 4,
      quick: false,
    });
    expect(gradeAnswer(text, { kind: 'text', text: 'nemkashed' }, limit)).toEqual({
      grade: 1,
      correct: false,
      partly: false,
      quick: false,
    });
  });

  it('GIVEN each flashcard self-grade THEN it is kept as given and counts as correct from 3', () => {
    const card = { ...base, id: 'f', kind: 'flashcard' as const, prompt: 'front', back: 'back' };
    const verdicts = ([0, 1, 2, 3, 4, 5] as const).map((grade) =>
      gradeAnswer(card, { kind: 'flashcard', grade }, undefined),
    );
    expect(verdicts.map((v) => v.grade)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(verdicts.map((v) => v.correct)).toEqual([false, false, false, true, true, true]);
  });
});

describe('the quick threshold', () => {
  it('GIVEN a choice question THEN 5 s plus 50 ms per character of the prompt and the options joined by spaces', () => {
    // "Pick" (4) + "a b c" (5) = 9 characters.
    expect(quickThresholdMs(single)).toBe(5_000 + 9 * 50);
  });

  it('GIVEN a true/false question THEN only the prompt is read and nothing typed', () => {
    expect(quickThresholdMs(tf)).toBe(5_000 + 5 * 50);
  });

  it('GIVEN a free-text question THEN 8 s of typing are added', () => {
    expect(quickThresholdMs(text)).toBe(5_000 + 7 * 50 + 8_000);
  });

  it('GIVEN a long question THEN the threshold is capped at 40 s', () => {
    expect(quickThresholdMs({ ...tf, prompt: 'x'.repeat(700) })).toBe(40_000);
    expect(quickThresholdMs({ ...tf, prompt: 'x'.repeat(699) })).toBe(39_950);
  });

  it('GIVEN a wrong answer given quickly THEN it is not quick', () => {
    expect(gradeAnswer(single, { kind: 'choice', picks: [0] }, 0).quick).toBe(false);
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
