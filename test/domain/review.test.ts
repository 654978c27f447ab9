import { describe, expect, it } from 'vitest';
import { type CardState, cardBefore, isLapse, reviewCard } from '../../src/domain/review.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const DAY = 86_400_000;

const newCard: CardState = {
  easiness: 2.5,
  intervalDays: 0,
  repetitions: 0,
  lapses: 0,
  reviewCount: 0,
  dueAt: T0,
  lastReviewedAt: null,
};

describe('lapses', () => {
  it('GIVEN a card never reviewed THEN a wrong answer is no lapse; once reviewed, it is', () => {
    expect(isLapse(newCard, 1)).toBe(false);
    expect(isLapse({ lastReviewedAt: T0 }, 1)).toBe(true);
    expect(isLapse({ lastReviewedAt: T0 }, 3)).toBe(false);
  });
});

describe('the card before its latest review (undo)', () => {
  it('GIVEN a first review undone THEN the card is as new again but keeps its review number', () => {
    const { card, log } = reviewCard(newCard, 5, T0, 'UTC');
    const back = cardBefore(card, log, null);
    expect(back).toEqual({ ...newCard, reviewCount: 1 });
    // Never reviewed, as far as lapses go: failing it now is still no lapse.
    expect(isLapse(back, 1)).toBe(false);
  });

  it('GIVEN a lapse undone THEN the lapse is taken back and the previous review is the last one again', () => {
    const first = reviewCard(newCard, 4, T0, 'UTC').card;
    const second = reviewCard(first, 5, T0 + DAY, 'UTC').card;
    const { card, log } = reviewCard(second, 1, T0 + 7 * DAY, 'UTC');
    expect(card.lapses).toBe(1);
    expect(cardBefore(card, log, T0 + DAY)).toEqual({ ...second, reviewCount: 3 });
  });

  it('GIVEN a wrong answer to a card whose only earlier review was undone THEN it is no lapse, and undoing it takes nothing back', () => {
    const once = reviewCard(newCard, 4, T0, 'UTC');
    const undone = cardBefore(once.card, once.log, null);
    const { card, log } = reviewCard(undone, 1, T0 + 60_000, 'UTC');
    expect(card.lapses).toBe(0);
    expect(log.seq).toBe(2);
    expect(cardBefore(card, log, null).lapses).toBe(0);
  });
});
