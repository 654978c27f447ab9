import { lookupFacts } from '../../core/lookup.ts';
import type { CustomIdOf } from '../custom-id.ts';
import { answerWith, type Turn } from '../turn.ts';

/** A page of /fact. */
export async function factPage(turn: Turn, id: CustomIdOf<'fact'>): Promise<void> {
  const facts = lookupFacts(turn.deps.ctx, id.service, id.topic);
  await answerWith(turn, { kind: 'facts', facts, page: id.page });
}
