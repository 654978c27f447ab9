import { describe, expect, it } from 'vitest';
import {
  type ChoiceQuestion,
  correctAnswerText,
  isMultiSelect,
  LETTERS,
  letter,
  type Question,
} from '../../src/domain/question.ts';

const base = {
  topic: 't',
  tags: [],
  explanation: 'x',
  source: [],
  docs: undefined,
  correctsNote: false,
  comparisonId: undefined,
};
const multi: ChoiceQuestion = {
  ...base,
  id: 'multi',
  kind: 'choice',
  prompt: 'Pick all',
  options: ['Aurora', 'Redshift', 'Neptune', 'DocumentDB'],
  answer: [0, 2],
  pinned: [],
};
const single: ChoiceQuestion = { ...multi, id: 'single', answer: [1] };

describe('letters', () => {
  it('GIVEN an option index THEN its letter; past E a question mark', () => {
    expect(LETTERS).toBe('ABCDE');
    expect([0, 1, 4].map(letter)).toEqual(['A', 'B', 'E']);
    expect(letter(5)).toBe('?');
    expect(letter(-1)).toBe('?');
  });
});

describe('the correct answer as a member reads it', () => {
  it('GIVEN a choice question shown in file order THEN the right options by letter and text, joined', () => {
    expect(correctAnswerText(multi)).toBe('A. Aurora; C. Neptune');
    expect(correctAnswerText(single)).toBe('B. Redshift');
  });

  it('GIVEN the options shown shuffled THEN each right option has the letter it was shown at, in shown order', () => {
    // order[shown] = file: shown A DocumentDB, B Neptune, C Redshift, D Aurora.
    const order = [3, 2, 1, 0];
    expect(correctAnswerText(multi, order)).toBe('B. Neptune; D. Aurora');
    expect(correctAnswerText(single, [1, 0, 2, 3])).toBe('A. Redshift');
  });

  it('GIVEN the other kinds THEN True/False, the first accepted answer, or the back of the card', () => {
    const tf: Question = { ...base, id: 'tf', kind: 'truefalse', prompt: 'p', answer: true };
    expect(correctAnswerText(tf)).toBe('True');
    expect(correctAnswerText({ ...tf, answer: false })).toBe('False');
    expect(
      correctAnswerText({ ...base, id: 'x', kind: 'text', prompt: 'p', accept: ['Memcached', 'Memcache'] }),
    ).toBe('Memcached');
    expect(correctAnswerText({ ...base, id: 'x', kind: 'text', prompt: 'p', accept: [] })).toBe('');
    expect(correctAnswerText({ ...base, id: 'f', kind: 'flashcard', prompt: 'p', back: 'Six copies' })).toBe(
      'Six copies',
    );
  });
});

describe('multi-select', () => {
  it('GIVEN a choice question with two right options THEN it is multi-select; with one, or another kind, not', () => {
    expect(isMultiSelect(multi)).toBe(true);
    expect(isMultiSelect(single)).toBe(false);
    expect(isMultiSelect({ ...base, id: 'tf', kind: 'truefalse', prompt: 'p', answer: true })).toBe(false);
  });
});
