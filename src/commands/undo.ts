import { z } from 'zod';
import { undoReview } from '../core/study/index.ts';
import { defineCommand } from './define.ts';

/** Takes back the latest answer of today; the question is asked again (an Undo button on Discord too). */
export const undo = defineCommand({
  name: 'undo',
  options: [],
  schema: z.object({}),
  contexts: 'guild-and-dm',
  run: async (ctx, caller) => ({ kind: 'undone', result: await undoReview(ctx.core, caller.memberId) }),
});
