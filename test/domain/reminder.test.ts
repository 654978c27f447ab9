import { describe, expect, it } from 'vitest';
import {
  formatReminderTime,
  MAX_REMINDER_ATTEMPTS,
  nextReminderAfter,
  parseReminderTime,
  REMINDER_RETRY_DELAYS_MS,
} from '../../src/domain/reminder.ts';

const at = (iso: string) => Date.parse(iso);

describe('typed reminder times', () => {
  it.each([
    ['00:00', 0],
    ['0:00', 0],
    ['09:05', 545],
    ['9.05', 545],
    ['9h05', 545],
    ['  19:30  ', 1170],
    ['23:59', 1439],
  ])('GIVEN "%s" THEN %i minutes after midnight', (text, minute) => {
    expect(parseReminderTime(text)).toBe(minute);
  });

  it.each([['24:00'], ['12:60'], ['7'], ['7:5'], ['1:234'], ['x07:30'], ['07:30pm'], ['123:00'], ['']])(
    'GIVEN "%s" THEN it is not a time',
    (text) => {
      expect(parseReminderTime(text)).toBeUndefined();
    },
  );

  it('GIVEN minutes after midnight THEN they show as HH:MM', () => {
    expect([0, 5, 545, 1170, 1439].map(formatReminderTime)).toEqual([
      '00:00',
      '00:05',
      '09:05',
      '19:30',
      '23:59',
    ]);
  });
});

describe('the next reminder', () => {
  it('GIVEN a time later today THEN it is today; exactly now or earlier THEN tomorrow', () => {
    const nine = at('2026-03-02T09:00:00Z');
    expect(nextReminderAfter(nine - 1, 'UTC', 540)).toBe(nine);
    expect(nextReminderAfter(nine, 'UTC', 540)).toBe(nine + 86_400_000);
    expect(nextReminderAfter(nine + 1, 'UTC', 540)).toBe(nine + 86_400_000);
  });

  it('GIVEN a member far east THEN the local calendar date counts, not the UTC one', () => {
    // 2026-03-02 23:30Z is 08:30 on 03-03 in Seoul: 09:00 Seoul that morning is 00:00Z.
    expect(new Date(nextReminderAfter(at('2026-03-02T23:30:00Z'), 'Asia/Seoul', 540)).toISOString()).toBe(
      '2026-03-03T00:00:00.000Z',
    );
  });
});

describe('retries', () => {
  it('GIVEN a failed reminder THEN it is retried twice, 15 and 60 minutes later: three attempts in all', () => {
    expect(REMINDER_RETRY_DELAYS_MS).toEqual([15 * 60_000, 60 * 60_000]);
    expect(MAX_REMINDER_ATTEMPTS).toBe(3);
  });
});
