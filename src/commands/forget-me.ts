import { z } from 'zod';
import { defineCommand } from './define.ts';

/** Asks first: the deletion itself is the confirmation's button (or the console's "yes"). */
export const forgetMe = defineCommand({
  name: 'forget-me',
  options: [],
  schema: z.object({}),
  contexts: 'guild-and-dm',
  run: async () => ({ kind: 'confirm-forget' }),
});
