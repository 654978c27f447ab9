import type { Outcome } from '../commands/outcome.ts';
import type { CoreContext } from '../core/context.ts';
import {
  abandonExam,
  answerExam,
  type ExamStep,
  flagExam,
  resumeExam,
  reviewExam,
  startExam,
  submitExam,
} from '../core/exam/index.ts';
import { drillExamMisses } from '../core/study/index.ts';
import type { T } from '../i18n/index.ts';
import type { After } from './show.ts';
import { parseChoice, parseTrueFalse } from './words.ts';

/**
 * A line typed during an exam: an answer (letters or numbers, t/f), or one of the exam's words
 * (next, back, flag, go <n>, review, submit; drill after the result; resume or abandon when
 * another exam was open). Returns what to show, or a line that says what is expected.
 */

export type ExamPending = Extract<After, { kind: `exam${string}` }>;

const exam = async (step: Promise<ExamStep>): Promise<Outcome> => ({
  kind: 'exam',
  step: await step,
});

function goTo(text: string, total: number): number | null | undefined {
  const m = /^go\s+(\d+)$/i.exec(text);
  if (m === null) return undefined;
  const n = Number(m[1]);
  return n >= 1 && n <= total ? n - 1 : null;
}

async function inQuestion(
  ctx: CoreContext,
  t: T,
  memberId: string,
  p: Extract<ExamPending, { kind: 'exam' }>,
  text: string,
): Promise<Outcome | string> {
  const e = p.exam;
  const at = { examId: e.examId, position: e.position };
  const word = text.toLowerCase();
  if (word === 'next' || word === 'skip')
    return e.position + 1 >= e.total
      ? exam(reviewExam(ctx, memberId, e.examId))
      : exam(resumeExam(ctx, memberId, e.examId, e.position + 1));
  if (word === 'back') return exam(resumeExam(ctx, memberId, e.examId, Math.max(0, e.position - 1)));
  if (word === 'flag' || word === 'unflag') return exam(flagExam(ctx, memberId, at, word === 'flag'));
  if (word === 'review') return exam(reviewExam(ctx, memberId, e.examId));
  if (word === 'submit') return exam(submitExam(ctx, memberId, e.examId));
  const target = goTo(text, e.total);
  if (target === null) return t('exam.console.go-range', { total: e.total });
  if (target !== undefined) return exam(resumeExam(ctx, memberId, e.examId, target));
  const q = e.question;
  if (q.kind === 'truefalse') {
    const value = parseTrueFalse(text);
    return value === undefined
      ? t('exam.console.words')
      : exam(answerExam(ctx, memberId, at, { kind: 'truefalse', value }));
  }
  const picks = q.kind === 'choice' ? parseChoice(text, q.options.length) : undefined;
  if (picks === undefined) return t('exam.console.words');
  return exam(answerExam(ctx, memberId, at, { kind: 'choice', picks }, e.order));
}

export async function examReply(
  ctx: CoreContext,
  t: T,
  memberId: string,
  p: ExamPending,
  text: string,
): Promise<Outcome | string> {
  const word = text.toLowerCase();
  switch (p.kind) {
    case 'exam':
      return inQuestion(ctx, t, memberId, p, text);
    case 'exam-overview': {
      if (word === 'submit') return exam(submitExam(ctx, memberId, p.examId));
      const target = goTo(text, p.total);
      if (target === null) return t('exam.console.go-range', { total: p.total });
      if (target !== undefined) return exam(resumeExam(ctx, memberId, p.examId, target));
      return t('exam.console.overview-hint');
    }
    case 'exam-result': {
      if (word !== 'drill') return t('exam.console.result-hint');
      const start = await drillExamMisses(ctx, memberId, p.examId);
      return start.kind === 'refused'
        ? { kind: 'exam', step: start }
        : { kind: 'session', start, topicTitle: undefined };
    }
    case 'exam-open': {
      if (word === 'resume') return exam(resumeExam(ctx, memberId, p.examId));
      if (word !== 'abandon') return t('exam.console.open-hint');
      const abandoned = await abandonExam(ctx, memberId, p.examId);
      if (abandoned.kind !== 'abandoned') return { kind: 'exam', step: abandoned };
      return exam(startExam(ctx, memberId, p.asked));
    }
  }
}
