import { z } from 'zod';
import { defineCommand, optionalTopic } from './define.ts';
import { startOutcome } from './quiz.ts';

/** Console: practise ahead without moving the schedule (a button on Discord). */
export const practice = defineCommand({
  name: 'practice',
  options: [{ name: 'topic', type: 'string', autocomplete: 'topic', maxLength: 100 }],
  schema: z.object({ topic: optionalTopic }),
  contexts: 'guild-and-dm',
  consoleOnly: true,
  run: (ctx, caller, o) => startOutcome(ctx, caller, 'practice', o.topic),
});
