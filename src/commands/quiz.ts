import { z } from 'zod';
import { resolveTopic } from '../core/lookup.ts';
import { type SessionMode, startSession } from '../core/study/index.ts';
import { defineCommand, optionalTopic } from './define.ts';
import type { Outcome } from './outcome.ts';
import type { CommandContext, Invoker } from './types.ts';

/** Starts (or resumes) a session of `mode`, optionally on one topic given as typed or as an id. */
export async function startOutcome(
  ctx: CommandContext,
  caller: Invoker,
  mode: SessionMode,
  topicQuery: string | undefined,
): Promise<Outcome> {
  const topic = topicQuery === undefined ? undefined : resolveTopic(ctx.core, topicQuery);
  const start = await startSession(ctx.core, caller.memberId, { topic: topic?.id, mode });
  return { kind: 'session', start, topicTitle: topic?.titles };
}

/** A console command that starts a session of one mode (Discord offers these modes as buttons). */
export function consoleSessionCommand(name: string, mode: SessionMode) {
  return defineCommand({
    name,
    options: [{ name: 'topic', type: 'string', autocomplete: 'topic', maxLength: 100 }],
    schema: z.object({ topic: optionalTopic }),
    contexts: 'guild-and-dm',
    consoleOnly: true,
    run: (ctx, caller, o) => startOutcome(ctx, caller, mode, o.topic),
  });
}

/** /quiz's modes as members name them. */
export const QUIZ_MODES = ['due', 'weak', 'new', 'ahead'] as const;
const SESSION_MODES: Record<(typeof QUIZ_MODES)[number], SessionMode> = {
  due: 'review',
  weak: 'drill',
  new: 'extra-new',
  ahead: 'practice',
};

export const quiz = defineCommand({
  name: 'quiz',
  options: [
    { name: 'topic', type: 'string', autocomplete: 'topic', maxLength: 100 },
    { name: 'mode', type: 'string', choices: { values: QUIZ_MODES, catalogue: 'modes' } },
  ],
  schema: z.object({
    topic: optionalTopic,
    mode: z.enum(QUIZ_MODES, { message: 'options.problems.quiz-mode' }).default('due'),
  }),
  contexts: 'guild-and-dm',
  run: (ctx, caller, o) => startOutcome(ctx, caller, SESSION_MODES[o.mode], o.topic),
});
