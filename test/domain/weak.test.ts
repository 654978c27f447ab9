import { describe, expect, it } from 'vitest';
import { weakest, weakness } from '../../src/domain/weak.ts';

const card = (questionId: string, recentWrong: number, lapses: number, easiness: number) => ({
  questionId,
  recentWrong,
  lapses,
  easiness,
});

describe('weak spots', () => {
  it('GIVEN recent wrong answers, lapses and low easiness THEN the weakest come first and sound cards are left out', () => {
    const order = weakest(
      [
        card('sound', 0, 0, 2.5),
        card('easy', 0, 0, 2.7),
        card('hard', 0, 0, 1.9),
        card('lapsed', 0, 2, 2.5),
        card('missed-twice', 2, 0, 2.5),
        card('missed-and-lapsed', 1, 1, 2.2),
      ],
      10,
    );
    expect(order).toEqual(['missed-twice', 'missed-and-lapsed', 'lapsed', 'hard']);
  });

  it('GIVEN more weak cards than asked THEN only the weakest are taken, ties by id', () => {
    expect(weakest([card('b', 1, 0, 2.5), card('a', 1, 0, 2.5), card('c', 2, 0, 2.5)], 2)).toEqual([
      'c',
      'a',
    ]);
  });

  it('GIVEN the weights THEN a recent miss outweighs a lapse, which outweighs easiness 0.5 below the start', () => {
    expect(weakness(card('x', 1, 0, 2.5))).toBeGreaterThan(weakness(card('x', 0, 1, 2.5)));
    expect(weakness(card('x', 0, 1, 2.5))).toBeGreaterThan(weakness(card('x', 0, 0, 2.0)));
  });
});
