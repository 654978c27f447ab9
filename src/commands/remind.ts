import { z } from 'zod';
import { previewReminder } from '../core/reminders.ts';
import { defineCommand } from './define.ts';

/** Console: the daily DM the member would get now, with its first question ready. */
export const remind = defineCommand({
  name: 'remind',
  options: [],
  schema: z.object({}),
  contexts: 'guild-and-dm',
  consoleOnly: true,
  run: async (ctx, caller) => ({ kind: 'reminder', job: await previewReminder(ctx.core, caller.memberId) }),
});
