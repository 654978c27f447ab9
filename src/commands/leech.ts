import { z } from 'zod';
import { listLeeches, unsuspendLeech } from '../core/leeches.ts';
import { defineCommand, text } from './define.ts';

/** Lists the member's leeches, or unsuspends one (a question id, or its number in the list). */
export const leech = defineCommand({
  name: 'leech',
  options: [{ name: 'question', type: 'string', autocomplete: 'leech', maxLength: 100 }],
  schema: z.object({ question: text(100).optional() }),
  contexts: 'guild-and-dm',
  run: async (ctx, caller, o) =>
    o.question === undefined
      ? { kind: 'leeches', leeches: await listLeeches(ctx.core, caller.memberId) }
      : { kind: 'unsuspended', result: await unsuspendLeech(ctx.core, caller.memberId, o.question) },
});
