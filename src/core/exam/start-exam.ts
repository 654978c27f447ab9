import { randomInt } from 'node:crypto';
import type { Exam, ExamItem } from '../../data/types.ts';
import { drawExam, EXAM_LIMITS, type ExamCandidate } from '../../domain/exam.ts';
import { type CoreContext, UserError } from '../context.ts';
import { endExam } from './guard.ts';
import { examQuestion, examResult } from './present.ts';
import type { ExamQuestion, ExamStep } from './types.ts';

export type ExamRequest = { questions?: number | undefined; minutes?: number | undefined };

/** Questions an exam may ask: choice and true/false of topics in an exam domain (typed answers and flashcards are left out). */
export function examCandidates(ctx: CoreContext): ExamCandidate[] {
  return ctx.bank.questions.flatMap((q) => {
    const domain = ctx.bank.topic(q.topic)?.domain;
    if (domain === undefined || (q.kind !== 'choice' && q.kind !== 'truefalse')) return [];
    return [{ id: q.id, topic: q.topic, domain }];
  });
}

/** The exam's size and time, checked: out of range or beyond the bank is a message naming the range. */
function checkRequest(req: ExamRequest, available: number): { questions: number; minutes: number } {
  const { questions: q, minutes: m } = EXAM_LIMITS;
  const most = Math.min(q.max, available);
  if (available < q.min) throw new UserError('exam-bank-too-small', { available, min: q.min });
  const questions = req.questions ?? Math.min(q.default, most);
  if (!Number.isInteger(questions) || questions < q.min || questions > q.max)
    throw new UserError('invalid-exam-questions', { min: q.min, max: most });
  if (questions > available)
    throw new UserError('exam-too-many-questions', { available, min: q.min, max: most });
  const minutes = req.minutes ?? m.default;
  if (!Number.isInteger(minutes) || minutes < m.min || minutes > m.max)
    throw new UserError('invalid-exam-minutes', { min: m.min, max: m.max });
  return { questions, minutes };
}

/** The open exam's question where the member left it, else the next one still in the bank (after the last, the first). */
function questionToResume(ctx: CoreContext, exam: Exam, items: ExamItem[]): ExamQuestion | null {
  for (let i = 0; i < items.length; i++) {
    const question = examQuestion(ctx.bank, exam, items, (exam.position + i) % items.length);
    if (question !== null) return question;
  }
  return null;
}

/**
 * Starts a practice exam: `questions` drawn from the whole bank (seen or not) across the exam
 * domains by weight, `minutes` to answer them. A member with an exam open is asked to resume
 * it or abandon it; one whose time ran out is submitted and its result shown instead.
 */
export async function startExam(ctx: CoreContext, memberId: string, req: ExamRequest): Promise<ExamStep> {
  const candidates = examCandidates(ctx);
  const asked = checkRequest(req, candidates.length);
  const now = ctx.clock();
  const seed = randomInt(2 ** 31);
  const ids = drawExam(candidates, ctx.bank.domains, asked.questions, seed);
  return ctx.store.write(async (repos) => {
    const open = await repos.exams.open(memberId);
    if (open !== null && now < open.deadline.getTime()) {
      const items = await repos.exams.items(open.id);
      const current = questionToResume(ctx, open, items);
      if (current !== null) return { kind: 'already-open', exam: current, asked };
      // Not one of its questions is left in the bank: nothing to resume.
      await repos.exams.end(open.id, 'abandoned', new Date(now), null);
    } else if (open !== null) {
      // Its time ran out while the member was away: its result first, a new exam next time.
      const ended = await endExam(ctx, repos, open, 'expired', now);
      return { kind: 'result', result: examResult(ctx.bank, ended.exam, ended.items), late: true, page: 0 };
    }
    const exam = await repos.exams.create({
      memberId,
      seed,
      minutes: asked.minutes,
      startedAt: new Date(now),
      deadline: new Date(now + asked.minutes * 60_000),
      questionIds: ids,
    });
    const items = await repos.exams.items(exam.id);
    const first = examQuestion(ctx.bank, exam, items, 0);
    if (first === null) throw new Error('a new exam has no first question');
    return { kind: 'question', exam: first, started: true };
  });
}
