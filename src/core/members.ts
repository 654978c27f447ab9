import { isValidTimeZone } from '../config.ts';
import type { Member } from '../data/store.ts';
import { studyDay } from '../domain/day.ts';
import { streakAsOf } from '../domain/progress.ts';
import { formatReminderTime, nextReminderAfter, parseReminderTime } from '../domain/reminder.ts';
import { type CoreContext, UserError } from './context.ts';

export type Caller = {
  memberId: string;
  displayName: string;
  /**
   * The server the interaction came from (null in DMs); the name is null when the transport
   * does not know it, and the stored one is kept.
   */
  group: { id: string; name: string | null } | null;
};

export type EnsureResult = { member: Member; dmsWereClosed: boolean };

/**
 * Every interaction starts here: creates the member on first contact, refreshes the name,
 * records group membership, and reopens DMs for someone whose DMs had been closed (they are
 * talking to us again, so reminders may try again).
 */
export async function ensureMember(ctx: CoreContext, caller: Caller): Promise<EnsureResult> {
  const now = ctx.clock();
  return ctx.store.write(async (tx) => {
    const tz = ctx.defaultTimezone;
    const member = await ctx.store.upsertMember(tx, caller.memberId, caller.displayName.slice(0, 80), {
      timezone: tz,
      createdAt: new Date(now),
      nextReminderAt: new Date(nextReminderAfter(now, tz, 540)),
    });
    if (caller.group !== null)
      await ctx.store.joinGroup(tx, caller.group.id, caller.group.name, member.id, new Date(now));
    if (!member.dmsClosed) return { member, dmsWereClosed: false };
    const reopened = await ctx.store.updateMember(tx, member.id, {
      dmsClosed: false,
      nextReminderAt: member.remindersEnabled
        ? new Date(nextReminderAfter(now, member.timezone, member.reminderMinute))
        : null,
    });
    return { member: reopened, dmsWereClosed: true };
  });
}

export type Settings = {
  timezone: string;
  reminderTime: string;
  remindersEnabled: boolean;
  newPerDay: number;
  dmsClosed: boolean;
  nextReminderAt: number | null;
  streak: number;
};

export type SettingsChange = {
  timezone?: string;
  reminderTime?: string;
  remindersEnabled?: boolean;
  newPerDay?: number;
};

export const MAX_NEW_PER_DAY = 50;

function view(ctx: CoreContext, m: Member): Settings {
  return {
    timezone: m.timezone,
    reminderTime: formatReminderTime(m.reminderMinute),
    remindersEnabled: m.remindersEnabled,
    newPerDay: m.newPerDay,
    dmsClosed: m.dmsClosed,
    nextReminderAt: m.nextReminderAt?.getTime() ?? null,
    streak: streakAsOf(
      { current: m.currentStreak, longest: m.longestStreak, lastDay: m.lastStreakDay },
      studyDay(ctx.clock(), m.timezone),
    ),
  };
}

export async function getSettings(ctx: CoreContext, memberId: string): Promise<Settings> {
  const m = await ctx.store.findMember(memberId);
  if (m === null) throw new UserError('unknown-member', 'You have no progress yet: start with /quiz.');
  return view(ctx, m);
}

export async function updateSettings(
  ctx: CoreContext,
  memberId: string,
  change: SettingsChange,
): Promise<Settings> {
  const data: { timezone?: string; reminderMinute?: number; remindersEnabled?: boolean; newPerDay?: number } =
    {};
  if (change.timezone !== undefined) {
    const tz = change.timezone.trim();
    if (!isValidTimeZone(tz) || (!tz.includes('/') && tz !== 'UTC')) {
      throw new UserError(
        'invalid-timezone',
        `"${change.timezone}" is not an IANA timezone. Use a name like Europe/Berlin, America/New_York or Asia/Seoul.`,
      );
    }
    data.timezone = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  }
  if (change.reminderTime !== undefined) {
    const minute = parseReminderTime(change.reminderTime);
    if (minute === undefined) {
      throw new UserError(
        'invalid-time',
        `"${change.reminderTime}" is not a time. Use 24-hour HH:MM, e.g. 08:30 or 19:00.`,
      );
    }
    data.reminderMinute = minute;
  }
  if (change.newPerDay !== undefined) {
    if (!Number.isInteger(change.newPerDay) || change.newPerDay < 0 || change.newPerDay > MAX_NEW_PER_DAY) {
      throw new UserError(
        'invalid-new-per-day',
        `New cards per day must be a whole number from 0 to ${MAX_NEW_PER_DAY}.`,
      );
    }
    data.newPerDay = change.newPerDay;
  }
  if (change.remindersEnabled !== undefined) data.remindersEnabled = change.remindersEnabled;
  const now = ctx.clock();
  const updated = await ctx.store.write(async (tx) => {
    const m = await ctx.store.findMember(memberId, tx);
    if (m === null) throw new UserError('unknown-member', 'You have no progress yet: start with /quiz.');
    const next = { ...m, ...data };
    return ctx.store.updateMember(tx, memberId, {
      ...data,
      nextReminderAt:
        next.remindersEnabled && !next.dmsClosed
          ? new Date(nextReminderAfter(now, next.timezone, next.reminderMinute))
          : null,
    });
  });
  return view(ctx, updated);
}

/** Deletes everything stored about the member: cards, reviews, stats, sessions, reminders, memberships. */
export async function forgetMember(ctx: CoreContext, memberId: string): Promise<{ deleted: boolean }> {
  const { count } = await ctx.store.write((tx) => ctx.store.deleteMember(tx, memberId));
  return { deleted: count > 0 };
}
