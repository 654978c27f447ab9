import { isValidTimeZone } from '../config.ts';
import type { Member } from '../data/types.ts';
import { MAX_LEECH_THRESHOLD } from '../domain/leech.ts';
import { streakNow } from '../domain/progress.ts';
import { formatReminderTime, nextReminderAfter, parseReminderTime } from '../domain/reminder.ts';
import { isLanguage, LANGUAGES } from '../i18n/index.ts';
import { type CoreContext, UserError } from './context.ts';

export type Settings = {
  timezone: string;
  reminderTime: string;
  remindersEnabled: boolean;
  newPerDay: number;
  /** Lapses that make a card a leech; 0 = off. */
  leechThreshold: number;
  /** auto, en, ko or vi. */
  language: string;
  dmsClosed: boolean;
  nextReminderAt: number | null;
  streak: number;
};

export type SettingsChange = {
  timezone?: string | undefined;
  reminderTime?: string | undefined;
  remindersEnabled?: boolean | undefined;
  newPerDay?: number | undefined;
  leechThreshold?: number | undefined;
  language?: string | undefined;
};

export const MAX_NEW_PER_DAY = 50;

function view(ctx: CoreContext, m: Member): Settings {
  return {
    timezone: m.timezone,
    reminderTime: formatReminderTime(m.reminderMinute),
    remindersEnabled: m.remindersEnabled,
    newPerDay: m.newPerDay,
    leechThreshold: m.leechThreshold,
    language: m.language,
    dmsClosed: m.dmsClosed,
    nextReminderAt: m.nextReminderAt?.getTime() ?? null,
    streak: streakNow(m, ctx.clock()),
  };
}

export async function getSettings(ctx: CoreContext, memberId: string): Promise<Settings> {
  const m = await ctx.store.read.members.find(memberId);
  if (m === null) throw new UserError('no-progress');
  return view(ctx, m);
}

export function isChange(change: SettingsChange): boolean {
  return Object.values(change).some((v) => v !== undefined);
}

type Validated = {
  timezone?: string;
  reminderMinute?: number;
  remindersEnabled?: boolean;
  newPerDay?: number;
  leechThreshold?: number;
  language?: string;
};

function validate(change: SettingsChange): Validated {
  const data: Validated = {};
  if (change.timezone !== undefined) {
    const tz = change.timezone.trim();
    if (!isValidTimeZone(tz) || (!tz.includes('/') && tz !== 'UTC')) {
      throw new UserError('invalid-timezone', { timezone: change.timezone });
    }
    data.timezone = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  }
  if (change.reminderTime !== undefined) {
    const minute = parseReminderTime(change.reminderTime);
    if (minute === undefined) throw new UserError('invalid-time', { time: change.reminderTime });
    data.reminderMinute = minute;
  }
  if (change.newPerDay !== undefined) {
    const n = change.newPerDay;
    if (!Number.isInteger(n) || n < 0 || n > MAX_NEW_PER_DAY)
      throw new UserError('invalid-new-per-day', { max: MAX_NEW_PER_DAY });
    data.newPerDay = n;
  }
  if (change.leechThreshold !== undefined) {
    const n = change.leechThreshold;
    if (!Number.isInteger(n) || n < 0 || n > MAX_LEECH_THRESHOLD)
      throw new UserError('invalid-leech-threshold', { max: MAX_LEECH_THRESHOLD });
    data.leechThreshold = n;
  }
  if (change.remindersEnabled !== undefined) data.remindersEnabled = change.remindersEnabled;
  if (change.language !== undefined) {
    if (!isLanguage(change.language))
      throw new UserError('invalid-language', { language: change.language, choices: LANGUAGES.join(', ') });
    data.language = change.language;
  }
  return data;
}

/** Changes settings; the next reminder moves with the timezone and time (none while DMs are closed or off). */
export async function updateSettings(
  ctx: CoreContext,
  memberId: string,
  change: SettingsChange,
): Promise<Settings> {
  const data = validate(change);
  const now = ctx.clock();
  const updated = await ctx.store.write(async ({ members }) => {
    const m = await members.find(memberId);
    if (m === null) throw new UserError('no-progress');
    const next = { ...m, ...data };
    const nextReminderAt =
      next.remindersEnabled && !next.dmsClosed
        ? new Date(nextReminderAfter(now, next.timezone, next.reminderMinute))
        : null;
    return members.update(memberId, { ...data, nextReminderAt }, new Date(now));
  });
  if (updated === null) throw new UserError('no-progress');
  return view(ctx, updated);
}
