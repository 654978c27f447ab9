import { z } from 'zod';
import { lookupFacts } from '../core/lookup.ts';
import { defineCommand, optionalTopic } from './define.ts';

export const fact = defineCommand({
  name: 'fact',
  options: [
    { name: 'service', type: 'string', required: true, autocomplete: 'service', maxLength: 100 },
    { name: 'topic', type: 'string', autocomplete: 'topic', maxLength: 100 },
  ],
  schema: z.object({
    service: z.string().trim().min(1, 'options.problems.service').max(100, 'options.problems.service'),
    topic: optionalTopic,
  }),
  contexts: 'guild-and-dm',
  run: async (ctx, _caller, o) => ({
    kind: 'facts',
    facts: lookupFacts(ctx.core, o.service, o.topic),
    page: 0,
  }),
});
