import { z } from 'zod';
import { defineCommand, optionalTopic } from './define.ts';
import { startOutcome } from './quiz.ts';

/** Console: new cards beyond today's limit (Discord offers it as a button when nothing is due). */
export const learn = defineCommand({
  name: 'learn',
  options: [{ name: 'topic', type: 'string', autocomplete: 'topic', maxLength: 100 }],
  schema: z.object({ topic: optionalTopic }),
  contexts: 'guild-and-dm',
  consoleOnly: true,
  run: (ctx, caller, o) => startOutcome(ctx, caller, 'extra-new', o.topic),
});
