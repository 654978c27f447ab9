import type { Interaction } from 'discord.js';
import { UserError } from '../core/context.ts';
import { faultOf, WriteFailedError } from '../data/errors.ts';
import type { T } from '../i18n/index.ts';
import { type Logger, newErrorId } from '../logger.ts';
import { parseCustomId } from './custom-id.ts';
import { DiscordCode, describeError, isDiscordError } from './errors.ts';
import type { View } from './views/common.ts';
import { errorView, notSavedView, userErrorView } from './views/notices.ts';

const ANSWERS = new Set(['pick', 'submit', 'truefalse', 'grade', 'modal']);

function isAnswer(i: Interaction): boolean {
  if (!i.isButton() && !i.isModalSubmit()) return false;
  const kind = parseCustomId(i.customId)?.kind;
  return kind !== undefined && ANSWERS.has(kind);
}

/**
 * What the member is told when handling their interaction failed: a refusal's own message, or
 * an error id that is also in the log with the cause. A write that failed says plainly that
 * nothing was saved (and, for an answer, that they can answer again). Null when Discord has
 * already forgotten the interaction and no answer is possible.
 */
export function failureView(
  t: T,
  error: unknown,
  interaction: Interaction,
  log: Logger,
  context: Record<string, unknown>,
): View | null {
  if (error instanceof UserError) return userErrorView(t, error);
  const errorId = newErrorId();
  const fault = error instanceof WriteFailedError ? error.fault : faultOf(error);
  log.error({ errorId, ...context, fault, error: describeError(error) }, 'interaction failed');
  // Too late to answer at all: Discord forgot the interaction.
  if (isDiscordError(error, DiscordCode.UnknownInteraction)) return null;
  if (error instanceof WriteFailedError) return notSavedView(t, error.fault, errorId, isAnswer(interaction));
  return errorView(t, errorId);
}
