import { describe, expect, it } from 'vitest';
import {
  addDays,
  calendarDate,
  DAY_START_HOUR,
  dayStart,
  daysBetween,
  dueInstant,
  instantOfWallClock,
  localTime,
  monthStart,
  parseDay,
  studyDay,
  wallClock,
  weekStart,
} from '../../src/domain/day.ts';
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

describe('the day boundary', () => {
  it('GIVEN exactly 04:00 local THEN the new study day has begun; a millisecond before, it has not', () => {
    expect(DAY_START_HOUR).toBe(4);
    const start = at('2026-03-02T04:00:00Z');
    expect(studyDay(start, 'UTC')).toBe('2026-03-02');
    expect(studyDay(start - 1, 'UTC')).toBe('2026-03-01');
    expect(dayStart('2026-03-02', 'UTC')).toBe(start);
    expect(dayStart('2026-03-02', 'Asia/Seoul')).toBe(at('2026-03-01T19:00:00Z'));
  });

  it('GIVEN a card reviewed late at night THEN its interval counts from the study day, not the date', () => {
    // 01:00 on 03-03 is still the study day of 03-02: one day later is 03-03 04:00.
    expect(dueInstant(at('2026-03-03T01:00:00Z'), 1, 'UTC')).toBe(at('2026-03-03T04:00:00Z'));
    expect(dueInstant(at('2026-03-03T05:00:00Z'), 1, 'UTC')).toBe(at('2026-03-04T04:00:00Z'));
    expect(dueInstant(at('2026-03-03T05:00:00Z'), 0, 'UTC')).toBe(at('2026-03-03T04:00:00Z'));
  });

  it('GIVEN an instant after midnight and before 04:00 THEN the calendar date is the new date, the study day the old one', () => {
    const t = at('2026-03-03T02:00:00Z');
    expect(calendarDate(t, 'UTC')).toBe('2026-03-03');
    expect(studyDay(t, 'UTC')).toBe('2026-03-02');
    expect(calendarDate(at('2026-03-02T23:59:59.999Z'), 'UTC')).toBe('2026-03-02');
    expect(calendarDate(at('2026-03-02T15:30:00Z'), 'Asia/Seoul')).toBe('2026-03-03');
  });
});

describe('day arithmetic', () => {
  it('GIVEN days THEN adding and counting days cross months and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-02', 0)).toBe('2026-03-02');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
    expect(daysBetween('2026-03-02', '2026-02-27')).toBe(-3);
    expect(daysBetween('2026-03-02', '2026-03-02')).toBe(0);
  });

  it('GIVEN text that is not a YYYY-MM-DD day THEN it is refused', () => {
    expect(parseDay('2026-03-02')).toBe(at('2026-03-02T00:00:00Z'));
    for (const bad of ['2026-3-2', '2026-03-02T00:00', 'x2026-03-02', '2026-13-01', 'soon']) {
      expect(() => parseDay(bad)).toThrow(`not a day: ${bad}`);
    }
    expect(() => parseDay('2026-13-01')).toThrow(RangeError);
  });

  it('GIVEN any day of a week THEN the week starts on its Monday', () => {
    expect(weekStart('2026-03-02')).toBe('2026-03-02'); // Monday
    expect(weekStart('2026-03-04')).toBe('2026-03-02');
    expect(weekStart('2026-03-08')).toBe('2026-03-02'); // Sunday
    expect(weekStart('2026-03-09')).toBe('2026-03-09');
    expect(weekStart('2026-01-01')).toBe('2025-12-29'); // across a year
  });

  it('GIVEN a day THEN its month starts on the 1st', () => {
    expect(monthStart('2026-03-31')).toBe('2026-03-01');
    expect(monthStart('2026-03-01')).toBe('2026-03-01');
  });
});

describe('wall clocks', () => {
  it('GIVEN an instant THEN the wall clock in a zone keeps its milliseconds', () => {
    expect(wallClock(at('2026-03-02T10:00:00.123Z'), 'Asia/Seoul')).toBe(at('2026-03-02T19:00:00.123Z'));
    expect(wallClock(at('2026-03-02T10:00:00.123Z'), 'America/New_York')).toBe(
      at('2026-03-02T05:00:00.123Z'),
    );
    expect(wallClock(at('1969-12-31T23:59:59.250Z'), 'UTC')).toBe(at('1969-12-31T23:59:59.250Z'));
  });

  it('GIVEN a wall time THEN the instant at which the zone shows it, on both sides of a DST change', () => {
    expect(instantOfWallClock(at('2026-03-02T09:00:00Z'), 'Asia/Seoul')).toBe(at('2026-03-02T00:00:00Z'));
    expect(instantOfWallClock(at('2026-03-07T09:00:00Z'), 'America/New_York')).toBe(
      at('2026-03-07T14:00:00Z'),
    );
    expect(instantOfWallClock(at('2026-03-09T09:00:00Z'), 'America/New_York')).toBe(
      at('2026-03-09T13:00:00Z'),
    );
  });

  it('GIVEN a minute of the day THEN the local time on that calendar date', () => {
    expect(localTime('2026-03-02', 0, 'UTC')).toBe(at('2026-03-02T00:00:00Z'));
    expect(localTime('2026-03-02', 9 * 60 + 30, 'Asia/Seoul')).toBe(at('2026-03-02T00:30:00Z'));
  });
});
