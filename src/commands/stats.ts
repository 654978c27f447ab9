import { z } from 'zod';
import { getProgress } from '../core/progress.ts';
import { defineCommand } from './define.ts';

export const stats = defineCommand({
  name: 'stats',
  options: [],
  schema: z.object({}),
  contexts: 'guild-and-dm',
  run: async (ctx, caller) => ({ kind: 'stats', progress: await getProgress(ctx.core, caller.memberId) }),
});
