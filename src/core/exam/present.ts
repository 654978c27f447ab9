import type { Exam, ExamItem } from '../../data/types.ts';
import { scoreExam } from '../../domain/exam.ts';
import { identityOrder, optionOrder, presentationSeed } from '../../domain/option-order.ts';
import { correctAnswerText, LETTERS, type LocalText, letter, type Question } from '../../domain/question.ts';
import type { BankIndex } from '../context.ts';
import type { ExamMiss, ExamOverview, ExamQuestion, ExamResult, ShownAnswer, Titled } from './types.ts';

/** The order of a question's options at a position of an exam: from the exam's seed, stable across restarts. */
export function examOrder(question: Question, exam: Pick<Exam, 'seed'>, position: number): number[] {
  if (question.kind !== 'choice') return identityOrder(0);
  return optionOrder(question.options.length, question.pinned, presentationSeed(exam.seed, position));
}

/** A stored answer (file letters, or true/false) in the terms the member saw. */
function shownAnswer(item: ExamItem, question: Question, order: number[]): ShownAnswer | null {
  if (item.answer === null) return null;
  if (question.kind === 'truefalse') return { kind: 'truefalse', value: item.answer === 'true' };
  const picks = item.answer
    .split(',')
    .map((l) => order.indexOf(LETTERS.indexOf(l)))
    .filter((i) => i >= 0)
    .sort((a, b) => a - b);
  return { kind: 'choice', picks };
}

function topicTitle(bank: BankIndex, question: Question): LocalText {
  return bank.topic(question.topic)?.titles ?? { en: question.topic };
}

/** The question at `position`; null when it left the bank since the exam was drawn. */
export function examQuestion(
  bank: BankIndex,
  exam: Exam,
  items: ExamItem[],
  position: number,
): ExamQuestion | null {
  const item = items[position];
  const question = item === undefined ? undefined : bank.question(item.questionId);
  if (item === undefined || question === undefined) return null;
  const order = examOrder(question, exam, position);
  return {
    examId: exam.id,
    position,
    total: items.length,
    deadline: exam.deadline.getTime(),
    question,
    topicTitle: topicTitle(bank, question),
    order,
    answer: shownAnswer(item, question, order),
    flagged: item.flagged,
    answered: items.filter((i) => i.answer !== null).length,
    flaggedCount: items.filter((i) => i.flagged).length,
  };
}

export function examOverview(exam: Exam, items: ExamItem[]): ExamOverview {
  return {
    examId: exam.id,
    total: items.length,
    deadline: exam.deadline.getTime(),
    answered: items.filter((i) => i.answer !== null).length,
    unanswered: items.filter((i) => i.answer === null).map((i) => i.position),
    flagged: items.filter((i) => i.flagged).map((i) => i.position),
  };
}

function givenText(item: ExamItem, question: Question, order: number[]): string | null {
  const shown = shownAnswer(item, question, order);
  if (shown === null) return null;
  if (shown.kind === 'truefalse') return shown.value ? 'True' : 'False';
  if (question.kind !== 'choice') return null;
  return shown.picks.map((i) => `${letter(i)}. ${question.options[order[i] ?? -1] ?? ''}`).join('; ');
}

function miss(bank: BankIndex, exam: Exam, item: ExamItem, question: Question): ExamMiss {
  const order = examOrder(question, exam, item.position);
  return {
    position: item.position,
    questionId: question.id,
    prompt: question.prompt,
    topicTitle: topicTitle(bank, question),
    given: givenText(item, question, order),
    correctAnswer: correctAnswerText(question, order),
    explanation: question.explanation,
    docs: question.docs,
  };
}

/**
 * The result of an ended exam. Questions that left the bank since the exam was drawn are left
 * out of the score (nobody can be marked on a question the bank no longer stands behind).
 */
export function examResult(bank: BankIndex, exam: Exam, items: ExamItem[]): ExamResult {
  const live = items.flatMap((item) => {
    const question = bank.question(item.questionId);
    return question === undefined ? [] : [{ item, question }];
  });
  const domainOf = (q: Question) => bank.topic(q.topic)?.domain ?? 'unknown';
  const score = scoreExam(
    live.map(({ item, question }) => ({
      questionId: question.id,
      topic: question.topic,
      domain: domainOf(question),
      correct: item.correct,
    })),
  );
  const domainTitle = (id: string) => bank.domains.find((d) => d.id === id)?.titles ?? { en: id };
  const titled = (list: typeof score.domains, title: (id: string) => LocalText): Titled[] =>
    list.map((t) => ({ ...t, title: title(t.id) }));
  const ended = exam.endedAt?.getTime() ?? exam.deadline.getTime();
  const { domains, topics, ...totals } = score;
  return {
    examId: exam.id,
    status: exam.status === 'expired' ? 'expired' : 'submitted',
    score: totals,
    domains: titled(domains, domainTitle),
    topics: titled(topics, (id) => bank.topic(id)?.titles ?? { en: id }),
    minutes: exam.minutes,
    timeUsedMs: Math.max(0, Math.min(ended, exam.deadline.getTime()) - exam.startedAt.getTime()),
    endedAt: ended,
    misses: live
      .filter(({ item }) => item.correct !== true)
      .map(({ item, question }) => miss(bank, exam, item, question)),
  };
}
