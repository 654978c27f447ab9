import type { Repos } from '../../data/store.ts';
import type { Member } from '../../data/types.ts';
import { type Answer, gradeAnswer, type Verdict } from '../../domain/grading.ts';
import { correctAnswerText, letter, type Question } from '../../domain/question.ts';
import { encodeQueue, type QueueItem } from '../../domain/session-queue.ts';
import { needsReask } from '../../domain/sm2.ts';
import type { CoreContext } from '../context.ts';
import { leechNotice } from '../leeches.ts';
import { decodeLastAnswer, encodeLastAnswer } from './last-answer.ts';
import { asMode, type OpenSession, openSession, present } from './present.ts';
import { type Recorded, recordReview } from './record-review.ts';
import type { AnswerResult, Feedback, SessionSummary, StaleReason } from './types.ts';

/**
 * An answer to a session's current question. Choice picks are the indexes the member saw; the
 * step is the session's version: an answer counts only when it names the current step, so a
 * double click, a retry or a second device records one review. Scheduled items move the card
 * (SM-2), append to the review log and update the day's totals; re-asks and practice only give
 * feedback.
 */
export type AnswerInput = {
  memberId: string;
  sessionId: number;
  step: number;
  answer: Answer;
  /** The order the options were shown in, when the transport knows it: a mismatch records nothing. */
  order?: number[];
};

const stale = (reason: StaleReason, next: AnswerResult['next'] = null): AnswerResult => ({
  status: 'stale',
  reason,
  next,
});

/** A step other than the current one: the replayed feedback of the last answer, or a refusal. */
function otherStep(ctx: CoreContext, s: OpenSession, step: number): AnswerResult {
  const next = s.row.finishedAt === null ? present(ctx, s) : null;
  const last = step === s.row.step - 1 ? decodeLastAnswer(s.row.lastFeedback) : null;
  if (last !== null) return { status: 'duplicate', feedback: last.feedback, next, summary: last.summary };
  return stale('answered', next);
}

/** The answer in file terms (choice picks mapped through the shown order), or null if it does not fit. */
function fileAnswer(answer: Answer, question: Question, order: number[]): Answer | null {
  if (answer.kind !== question.kind) return null;
  if (answer.kind !== 'choice') return answer;
  const picks = answer.picks.map((shown) => order[shown]);
  if (picks.some((p) => p === undefined)) return null;
  return { kind: 'choice', picks: picks as number[] };
}

/** What the log keeps of an answer: choice options by their letter in the file, never as shown. */
function describeAnswer(answer: Answer): string {
  switch (answer.kind) {
    case 'choice':
      return [...new Set(answer.picks)]
        .sort((a, b) => a - b)
        .map((i) => letter(i))
        .join(',');
    case 'truefalse':
      return String(answer.value);
    case 'text':
      return answer.text;
    case 'flashcard':
      return `self-graded ${answer.grade}`;
  }
}

function feedbackOf(
  ctx: CoreContext,
  question: Question,
  order: number[],
  verdict: Verdict,
  recorded: Recorded | null,
  reaskLater: boolean,
): Feedback {
  const leech = recorded?.leechLapses ?? null;
  return {
    questionId: question.id,
    correct: verdict.correct,
    partly: verdict.partly,
    grade: verdict.grade,
    quick: verdict.quick,
    correctAnswer: correctAnswerText(question, order),
    explanation: question.explanation,
    docs: question.docs,
    correctsNote: question.correctsNote,
    schedule: recorded?.schedule ?? null,
    reaskLater,
    reviewId: recorded?.reviewId ?? null,
    canMarkGuessed: recorded !== null && question.kind !== 'flashcard' && verdict.correct,
    points: recorded?.points ?? 0,
    ...(leech === null ? {} : { leech: leechNotice(ctx.bank, question, leech) }),
  };
}

/** Moves the session past its current item: the rest of the queue, plus the item again if it must be re-asked. */
async function advance(
  ctx: CoreContext,
  repos: Repos,
  s: OpenSession,
  result: { rest: QueueItem[]; correct: boolean; feedback: Feedback | null; now: number },
): Promise<{ next: AnswerResult['next']; summary: SessionSummary | null }> {
  const { row } = s;
  // Questions gone from the bank since the session began are dropped, so that the answer before
  // them ends the session (with its summary) instead of leaving it open with nothing to ask.
  const queue = result.rest.filter((i) => ctx.bank.question(i.q) !== undefined);
  const finished = queue.length === 0;
  const answered = row.answered + (result.feedback === null ? 0 : 1);
  const correct = row.correct + (result.correct ? 1 : 0);
  const summary = finished && result.feedback !== null ? { answered, correct, mode: asMode(row.mode) } : null;
  const now = new Date(result.now);
  const ok = await repos.sessions.advance(row.id, row.step, {
    step: row.step + 1,
    queue: encodeQueue(queue),
    answered,
    correct,
    shownAt: now,
    ...(result.feedback === null
      ? {}
      : {
          lastFeedback: encodeLastAnswer({
            feedback: result.feedback,
            summary,
            recordedReviewId:
              result.feedback.reviewId ?? decodeLastAnswer(row.lastFeedback)?.recordedReviewId ?? null,
          }),
        }),
    finishedAt: finished ? now : null,
    openFor: finished ? null : row.memberId,
    updatedAt: now,
  });
  if (!ok) throw new Error('session advanced concurrently inside the write lock');
  const advanced = { row: { ...row, step: row.step + 1, answered, correct }, queue, newIds: s.newIds };
  return { next: finished ? null : present(ctx, advanced), summary };
}

async function grade(
  ctx: CoreContext,
  repos: Repos,
  s: OpenSession,
  member: Member,
  input: AnswerInput,
  now: number,
): Promise<AnswerResult> {
  const [item, ...rest] = s.queue;
  const question = item === undefined ? undefined : ctx.bank.question(item.q);
  if (item === undefined) return stale('finished');
  if (question === undefined) {
    const moved = await advance(ctx, repos, s, { rest, correct: false, feedback: null, now });
    return stale('removed', moved.next);
  }
  const current = present(ctx, s);
  const order = current?.order ?? [];
  if (input.order !== undefined && input.order.join(',') !== order.join(','))
    return stale('reordered', current);
  const answer = fileAnswer(input.answer, question, order);
  if (answer === null)
    return stale(input.answer.kind === question.kind ? 'no-such-option' : 'wrong-kind', current);
  const responseMs = s.row.shownAt === null ? undefined : Math.max(0, now - s.row.shownAt.getTime());
  const verdict = gradeAnswer(question, answer, responseMs);
  const mode = asMode(s.row.mode);
  const scheduled = mode !== 'practice' && mode !== 'drill' && item.reask !== true;
  const recorded = scheduled
    ? await recordReview(repos, member, {
        question,
        ...verdict,
        answer: describeAnswer(answer),
        responseMs,
        now,
      })
    : null;
  // A drill asks each question until it is answered right; elsewhere SM-2 says what comes back.
  const reask = mode === 'drill' ? !verdict.correct : needsReask(verdict.grade);
  const feedback = feedbackOf(ctx, question, order, verdict, recorded, reask);
  const again = reask ? [{ q: question.id, reask: true as const }] : [];
  const moved = await advance(ctx, repos, s, {
    rest: [...rest, ...again],
    correct: verdict.correct,
    feedback,
    now,
  });
  return { status: 'recorded', feedback, ...moved };
}

export async function answerQuestion(ctx: CoreContext, input: AnswerInput): Promise<AnswerResult> {
  const now = ctx.clock();
  return ctx.store.write(async (repos) => {
    const row = await repos.sessions.find(input.sessionId);
    const s = row === null || row.memberId !== input.memberId ? null : openSession(row);
    if (s === null) return stale('gone');
    if (input.step !== s.row.step) return otherStep(ctx, s, input.step);
    if (s.row.finishedAt !== null) return stale('finished');
    const member = await repos.members.find(input.memberId);
    if (member === null) return stale('gone');
    return grade(ctx, repos, s, member, input, now);
  });
}
