import { z } from 'zod';
import { getSettings, isChange, updateSettings } from '../core/settings.ts';
import { LANGUAGES } from '../i18n/index.ts';
import { defineCommand, integerIn } from './define.ts';

export const settings = defineCommand({
  name: 'settings',
  options: [
    { name: 'timezone', type: 'string', autocomplete: 'timezone', maxLength: 64 },
    { name: 'reminder_time', type: 'string', maxLength: 5 },
    { name: 'reminders', type: 'boolean' },
    { name: 'new_per_day', type: 'integer', min: 0, max: 50 },
    { name: 'language', type: 'string', choices: { values: LANGUAGES, catalogue: 'languages' } },
    { name: 'leech_threshold', type: 'integer', min: 0, max: 99 },
  ],
  schema: z.object({
    timezone: z
      .string()
      .trim()
      .min(1, 'options.problems.invalid')
      .max(64, 'options.problems.invalid')
      .optional(),
    reminder_time: z
      .string()
      .trim()
      .min(1, 'options.problems.invalid')
      .max(5, 'options.problems.invalid')
      .optional(),
    reminders: z.boolean({ message: 'options.problems.reminders' }).optional(),
    new_per_day: integerIn(0, 50, 'options.problems.new-per-day').optional(),
    language: z.enum(LANGUAGES, { message: 'options.problems.language' }).optional(),
    leech_threshold: z
      .number({ message: 'options.problems.leech-threshold' })
      .int('options.problems.leech-threshold')
      .min(0, 'options.problems.leech-threshold')
      .max(99, 'options.problems.leech-threshold')
      .optional(),
  }),
  contexts: 'guild-and-dm',
  run: async (ctx, caller, o) => {
    const change = {
      timezone: o.timezone,
      reminderTime: o.reminder_time,
      remindersEnabled: o.reminders,
      newPerDay: o.new_per_day,
      language: o.language,
      leechThreshold: o.leech_threshold,
    };
    if (!isChange(change))
      return { kind: 'settings', settings: await getSettings(ctx.core, caller.memberId), saved: false };
    return {
      kind: 'settings',
      settings: await updateSettings(ctx.core, caller.memberId, change),
      saved: true,
    };
  },
});
