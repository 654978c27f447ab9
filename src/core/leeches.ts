import { wordSet } from '../bank/words.ts';
import type { Fact, LocalText, Question } from '../domain/question.ts';
import type { BankIndex, CoreContext } from './context.ts';
import type { Choice } from './lookup.ts';

/**
 * Leeches: cards suspended because the member kept forgetting them (src/domain/leech.ts says
 * when). Listing them, lifting a suspension, and what the member is told when a card becomes one.
 */

export type Leech = {
  /** 1-based place in the member's list, as /leech shows it (the console takes it as a name). */
  number: number;
  questionId: string;
  prompt: string;
  topicTitle: LocalText;
  lapses: number;
  suspendedAt: number;
};

/** What the feedback says when an answer made the card a leech. */
export type LeechNotice = {
  questionId: string;
  lapses: number;
  fact: { title: string; text: string } | null;
  /** The question's documentation, else the related fact's. */
  docs: string | undefined;
};

export type UnsuspendResult =
  | { status: 'unsuspended'; questionId: string; prompt: string }
  | { status: 'not-suspended'; questionId: string; prompt: string }
  | { status: 'unknown'; query: string };

/**
 * The fact of the question's topic that shares the most key words with its prompt and
 * explanation (the bank's order breaks ties); null when no fact of the topic shares any.
 */
export function relatedFact(question: Question, facts: readonly Fact[]): Fact | null {
  const asked = wordSet(`${question.prompt} ${question.explanation}`);
  let best: Fact | null = null;
  let bestShared = 0;
  for (const fact of facts) {
    if (fact.topic !== question.topic) continue;
    let shared = 0;
    for (const w of wordSet(`${fact.title} ${fact.text}`)) if (asked.has(w)) shared++;
    if (shared > bestShared) {
      best = fact;
      bestShared = shared;
    }
  }
  return best;
}

export function leechNotice(bank: BankIndex, question: Question, lapses: number): LeechNotice {
  const fact = relatedFact(question, bank.facts);
  return {
    questionId: question.id,
    lapses,
    fact: fact === null ? null : { title: fact.title, text: fact.text },
    docs: question.docs ?? fact?.docs,
  };
}

/** The member's leeches whose questions are still in the bank, earliest suspended first. */
export async function listLeeches(ctx: CoreContext, memberId: string): Promise<Leech[]> {
  const rows = await ctx.store.read.cards.leeches(memberId);
  const leeches: Leech[] = [];
  for (const row of rows) {
    const question = ctx.bank.question(row.questionId);
    if (question === undefined) continue;
    leeches.push({
      number: leeches.length + 1,
      questionId: row.questionId,
      prompt: question.prompt,
      topicTitle: ctx.bank.topic(question.topic)?.titles ?? { en: question.topic },
      lapses: row.lapses,
      suspendedAt: row.suspendedAt.getTime(),
    });
  }
  return leeches;
}

/** A question id, or the number a leech has in the member's list. */
async function resolve(ctx: CoreContext, memberId: string, query: string): Promise<Question | undefined> {
  const text = query.trim();
  const byId = ctx.bank.question(text.toLowerCase());
  if (byId !== undefined || !/^\d{1,3}$/.test(text)) return byId;
  const leech = (await listLeeches(ctx, memberId)).find((l) => l.number === Number(text));
  return leech === undefined ? undefined : ctx.bank.question(leech.questionId);
}

/** Lifts a leech's suspension: the card comes due again on its own schedule. */
export async function unsuspendLeech(
  ctx: CoreContext,
  memberId: string,
  query: string,
): Promise<UnsuspendResult> {
  const question = await resolve(ctx, memberId, query);
  if (question === undefined) return { status: 'unknown', query: query.trim().slice(0, 100) };
  const lifted = await ctx.store.write((repos) => repos.cards.unsuspend(memberId, question.id));
  return {
    status: lifted ? 'unsuspended' : 'not-suspended',
    questionId: question.id,
    prompt: question.prompt,
  };
}

/** Autocomplete: the member's leeches whose prompt or id contains what was typed. */
export async function suggestLeeches(ctx: CoreContext, memberId: string, partial: string): Promise<Choice[]> {
  const typed = partial.trim().toLowerCase();
  return (await listLeeches(ctx, memberId))
    .filter((l) => typed === '' || l.prompt.toLowerCase().includes(typed) || l.questionId.includes(typed))
    .map((l) => ({ name: `${l.number}. ${l.prompt}`, value: l.questionId }));
}
