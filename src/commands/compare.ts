import { z } from 'zod';
import { resolveComparison } from '../core/lookup.ts';
import { defineCommand } from './define.ts';

export const compare = defineCommand({
  name: 'compare',
  options: [
    { name: 'comparison', type: 'string', required: true, autocomplete: 'comparison', maxLength: 100 },
  ],
  schema: z.object({
    comparison: z
      .string()
      .trim()
      .min(1, 'options.problems.comparison')
      .max(100, 'options.problems.comparison'),
  }),
  contexts: 'guild-and-dm',
  run: async (ctx, _caller, o) => ({
    kind: 'comparison',
    comparison: resolveComparison(ctx.core, o.comparison),
  }),
});
