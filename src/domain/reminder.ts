import { addDays, calendarDate, localTime } from './day.ts';

/** Reminder time as minutes after local midnight, parsed from "HH:MM" (24-hour). */
export function parseReminderTime(text: string): number | undefined {
  const m = /^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$/.exec(text);
  if (m === null) return undefined;
  return Number(m[1]) * 60 + Number(m[2]);
}

export function formatReminderTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** The first instant after `now` at which the member's local clock shows the reminder time. */
export function nextReminderAfter(now: number, timeZone: string, minute: number): number {
  const today = calendarDate(now, timeZone);
  const t = localTime(today, minute, timeZone);
  return t > now ? t : localTime(addDays(today, 1), minute, timeZone);
}

/**
 * Retry schedule for a reminder that failed for another reason than closed DMs: at most two
 * retries, 15 and 60 minutes later, and only within the same local day.
 */
export const REMINDER_RETRY_DELAYS_MS = [15 * 60_000, 60 * 60_000];
export const MAX_REMINDER_ATTEMPTS = 1 + REMINDER_RETRY_DELAYS_MS.length;
