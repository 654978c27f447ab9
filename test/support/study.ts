import type { CoreContext } from '../../src/core/context.ts';
import { ensureMember } from '../../src/core/members.ts';
import {
  answerQuestion,
  type PresentedQuestion,
  type StartResult,
  startSession,
} from '../../src/core/study/index.ts';
import type { Answer } from '../../src/domain/grading.ts';
import type { TestClock } from './core.ts';

/** The right answer to a question as shown (choice picks are the letters the member saw). */
export function rightAnswer(p: PresentedQuestion): Answer {
  const q = p.question;
  switch (q.kind) {
    case 'choice':
      return { kind: 'choice', picks: q.answer.map((i) => p.order.indexOf(i)) };
    case 'truefalse':
      return { kind: 'truefalse', value: q.answer };
    case 'text':
      return { kind: 'text', text: q.accept[0] ?? '' };
    case 'flashcard':
      return { kind: 'flashcard', grade: 5 };
  }
}

export function wrongAnswer(p: PresentedQuestion): Answer {
  const q = p.question;
  switch (q.kind) {
    case 'choice':
      return { kind: 'choice', picks: [p.order.findIndex((file) => !q.answer.includes(file))] };
    case 'truefalse':
      return { kind: 'truefalse', value: !q.answer };
    case 'text':
      return { kind: 'text', text: 'definitely not it' };
    case 'flashcard':
      return { kind: 'flashcard', grade: 1 };
  }
}

export const GROUP = { id: 'g1', name: 'Study group' };

export function join(
  ctx: CoreContext,
  id: string,
  name = id,
  group: { id: string; name: string } | null = GROUP,
) {
  return ensureMember(ctx, { memberId: id, displayName: name, locale: null, group });
}

/** Answers a whole session (re-asks right, so it ends), then starts again to see what is next. */
export async function answerAll(
  ctx: CoreContext,
  clock: TestClock,
  memberId: string,
  pick: (p: PresentedQuestion) => Answer = rightAnswer,
): Promise<{ answered: number; asked: string[]; after: StartResult }> {
  const start = await startSession(ctx, memberId);
  let q: PresentedQuestion | null = start.kind === 'question' ? start.question : null;
  const asked: string[] = [];
  while (q !== null) {
    clock.advance(2_000);
    asked.push(q.question.id);
    // SM-2 re-asks until a 4: answer re-asks right so the session can end.
    const answer = q.reask ? rightAnswer(q) : pick(q);
    const r = await answerQuestion(ctx, { memberId, sessionId: q.sessionId, step: q.step, answer });
    if (r.status !== 'recorded') throw new Error(`unexpected ${r.status}`);
    q = r.next;
  }
  return { answered: asked.length, asked, after: await startSession(ctx, memberId) };
}

/** The question a new (or resumed) session starts with; throws when there is none. */
export async function firstQuestion(
  ctx: CoreContext,
  memberId = 'm1',
  options: Parameters<typeof startSession>[2] = {},
): Promise<PresentedQuestion> {
  const start = await startSession(ctx, memberId, options);
  if (start.kind !== 'question') throw new Error(`expected a question, got ${start.kind}`);
  return start.question;
}

/** Answers a shown question right or wrong two seconds on; throws unless a review step was recorded. */
export async function answerShown(
  ctx: CoreContext,
  clock: TestClock,
  q: PresentedQuestion,
  right = true,
  memberId = 'm1',
) {
  clock.advance(2_000);
  const answer = right ? rightAnswer(q) : wrongAnswer(q);
  const r = await answerQuestion(ctx, { memberId, sessionId: q.sessionId, step: q.step, answer });
  if (r.status !== 'recorded') throw new Error(`unexpected ${r.status}`);
  return r;
}
