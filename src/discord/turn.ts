import type { Client } from 'discord.js';
import type { Outcome } from '../commands/outcome.ts';
import type { CommandContext, Invoker } from '../commands/types.ts';
import type { CoreContext } from '../core/context.ts';
import type { T } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import { type RenderContext, render } from './render.ts';
import type { Responder } from './responder.ts';
import type { View } from './views/common.ts';

export type InteractionDeps = {
  ctx: CoreContext;
  log: Logger;
  client: Client;
  /** Defer when a handler has not answered after this long (Discord's limit is 3 s). */
  deferAfterMs: number;
};

/** One interaction being answered: who, in which language, and how to answer. */
export type Turn = {
  deps: InteractionDeps;
  caller: Invoker;
  responder: Responder;
  t: T;
  /** The member's study day, for due dates. */
  today: string;
  commands: CommandContext;
};

export function renderContext(turn: Turn, extra: Partial<RenderContext> = {}): RenderContext {
  const { ctx } = turn.deps;
  return {
    t: turn.t,
    bank: ctx.bank,
    sessionSize: ctx.sessionSize,
    memberId: turn.caller.memberId,
    ...extra,
  };
}

/** Shows an outcome as the main answer or as a notice, as its kind wants. */
export async function answerWith(
  turn: Turn,
  outcome: Outcome,
  extra: Partial<RenderContext> = {},
): Promise<void> {
  const { view, as } = render(outcome, renderContext(turn, extra));
  await (as === 'main' ? turn.responder.show(view) : turn.responder.notice(view));
}

export async function notice(turn: Turn, view: View): Promise<void> {
  await turn.responder.notice(view);
}
