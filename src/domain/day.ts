/**
 * Study days. A member's day starts at 04:00 local time (as in Anki), so late-night study
 * counts for the evening before. Days are 'YYYY-MM-DD' strings; instants are epoch ms.
 * Arithmetic is done on wall-clock fields, so DST shifts never skip or repeat a day.
 */

export const DAY_START_HOUR = 4;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time at `instant` in `timeZone`, expressed as if it were UTC. */
export function wallClock(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(instant))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute, second) + (((instant % 1000) + 1000) % 1000);
}

/** The instant at which the wall clock in `timeZone` shows `wall` (a UTC-expressed wall time). */
export function instantOfWallClock(wall: number, timeZone: string): number {
  let guess = wall - (wallClock(wall, timeZone) - wall);
  // A second pass settles offsets that change between the first guess and the answer (DST).
  guess = wall - (wallClock(guess, timeZone) - guess);
  return guess;
}

function isoDay(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

export function parseDay(day: string): number {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(ms)) throw new RangeError(`not a day: ${day}`);
  return ms;
}

/** The study day that `instant` belongs to for a member in `timeZone`. */
export function studyDay(instant: number, timeZone: string): string {
  return isoDay(wallClock(instant, timeZone) - DAY_START_HOUR * HOUR);
}

export function addDays(day: string, n: number): string {
  return isoDay(parseDay(day) + n * DAY);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((parseDay(to) - parseDay(from)) / DAY);
}

/** The instant a study day begins: 04:00 local on that date. */
export function dayStart(day: string, timeZone: string): number {
  return instantOfWallClock(parseDay(day) + DAY_START_HOUR * HOUR, timeZone);
}

/** When a card reviewed at `now` with an interval of `days` becomes due: the start of that local day. */
export function dueInstant(now: number, intervalDays: number, timeZone: string): number {
  return dayStart(addDays(studyDay(now, timeZone), intervalDays), timeZone);
}

/** The instant of `minuteOfDay` (minutes after local midnight) on the calendar date `day`. */
export function localTime(day: string, minuteOfDay: number, timeZone: string): number {
  return instantOfWallClock(parseDay(day) + minuteOfDay * 60_000, timeZone);
}

/** The calendar date (not the study day) at `instant` in `timeZone`. */
export function calendarDate(instant: number, timeZone: string): string {
  return isoDay(wallClock(instant, timeZone) - (wallClock(instant, timeZone) % DAY));
}

/** Monday of the ISO week containing `day`. */
export function weekStart(day: string): string {
  const weekday = (new Date(parseDay(day)).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function monthStart(day: string): string {
  return `${day.slice(0, 7)}-01`;
}
