import { describe, expect, it } from 'vitest';
import { addDays, dayStart, dueInstant, studyDay } from '../../src/domain/day.ts';
import { nextReminderAfter, parseReminderTime } from '../../src/domain/reminder.ts';

const at = (iso: string) => Date.parse(iso);

describe('study days start at 04:00 local', () => {
  it('GIVEN 02:30 local in Seoul THEN the answer counts for the previous evening', () => {
    // 2026-03-10 02:30 KST = 2026-03-09 17:30Z
    expect(studyDay(at('2026-03-09T17:30:00Z'), 'Asia/Seoul')).toBe('2026-03-09');
    expect(studyDay(at('2026-03-09T19:00:00Z'), 'Asia/Seoul')).toBe('2026-03-10');
  });

  it('GIVEN a card due in 6 days THEN it is due from 04:00 local on that day', () => {
    const now = at('2026-06-01T12:00:00Z'); // 14:00 in Berlin (CEST)
    expect(new Date(dueInstant(now, 6, 'Europe/Berlin')).toISOString()).toBe('2026-06-07T02:00:00.000Z');
  });
});

describe('DST never skips or repeats a study day', () => {
  const cases = [
    { tz: 'America/New_York', springForward: '2026-03-08', fallBack: '2026-11-01' },
    { tz: 'Europe/Berlin', springForward: '2026-03-29', fallBack: '2026-10-25' },
  ];
  for (const { tz, springForward, fallBack } of cases) {
    it(`GIVEN ${tz} THEN each day across both DST changes starts at 04:00 local and days follow each other`, () => {
      for (const around of [springForward, fallBack]) {
        for (let i = -2; i <= 2; i++) {
          const day = addDays(around, i);
          const start = dayStart(day, tz);
          expect(studyDay(start, tz)).toBe(day);
          expect(studyDay(start - 1, tz)).toBe(addDays(day, -1));
          const hour = new Intl.DateTimeFormat('en-US', {
            timeZone: tz,
            hour: 'numeric',
            hourCycle: 'h23',
          }).format(start);
          expect(hour).toBe('04');
        }
      }
    });

    it(`GIVEN ${tz} and a 1-day interval answered the evening before a DST change THEN the card is due the next local day`, () => {
      const evening = dayStart(addDays(springForward, -1), tz) + 15 * 3_600_000;
      const due = dueInstant(evening, 1, tz);
      expect(studyDay(due, tz)).toBe(springForward);
      expect(studyDay(due - 1, tz)).toBe(addDays(springForward, -1));
    });
  }

  it('GIVEN a reminder at 09:00 New York THEN the next one after the spring change is at 09:00 EDT (13:00Z)', () => {
    const before = at('2026-03-07T15:00:00Z'); // 10:00 EST, after today's reminder
    expect(new Date(nextReminderAfter(before, 'America/New_York', 540)).toISOString()).toBe(
      '2026-03-08T13:00:00.000Z',
    );
  });
});

describe('reminder times', () => {
  it('GIVEN typed times THEN 24-hour HH:MM parses and nonsense does not', () => {
    expect(parseReminderTime('08:30')).toBe(510);
    expect(parseReminderTime('7:05')).toBe(425);
    expect(parseReminderTime('24:00')).toBeUndefined();
    expect(parseReminderTime('noon')).toBeUndefined();
  });
});
