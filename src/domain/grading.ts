import type { Question } from './question.ts';
import type { Grade } from './sm2.ts';
import { matchesAnswer } from './text-match.ts';

/**
 * Turning an answer into an SM-2 grade.
 * Objective kinds (choice, true/false, text):
 *   wrong 1; a multi-select answer with some but not all right picks and no wrong pick... is
 *   still wrong, but "partly correct" (at least one right pick) earns 2; correct 4;
 *   correct and quick 5; correct but the member says "I guessed" 3.
 * Flashcards: the member grades themselves 0-5 (the buttons' labels are in the catalogues, grades.N).
 */

export type Answer =
  | { kind: 'choice'; picks: number[] }
  | { kind: 'truefalse'; value: boolean }
  | { kind: 'text'; text: string }
  | { kind: 'flashcard'; grade: Grade };

export type Verdict = { grade: Grade; correct: boolean; partly: boolean; quick: boolean };

/**
 * How fast a correct answer must be to count as "quick" (grade 5): 5 s to react plus reading
 * time at about 20 characters a second for the prompt and options, plus 8 s of typing for a
 * free-text answer; capped at 40 s so long questions still can earn a 5.
 */
export function quickThresholdMs(q: Question): number {
  const chars = q.prompt.length + (q.kind === 'choice' ? q.options.join(' ').length : 0);
  const typing = q.kind === 'text' ? 8_000 : 0;
  return Math.min(40_000, 5_000 + chars * 50 + typing);
}

export class AnswerKindError extends TypeError {
  constructor(question: Question, answer: Answer) {
    super(`question ${question.id} is ${question.kind}; got a ${answer.kind} answer`);
    this.name = 'AnswerKindError';
  }
}

export function gradeAnswer(q: Question, answer: Answer, responseMs: number | undefined): Verdict {
  if (q.kind !== answer.kind) throw new AnswerKindError(q, answer);
  if (answer.kind === 'flashcard') {
    return { grade: answer.grade, correct: answer.grade >= 3, partly: false, quick: false };
  }
  let correct = false;
  let partly = false;
  if (q.kind === 'choice' && answer.kind === 'choice') {
    const picks = [...new Set(answer.picks)].sort((a, b) => a - b);
    correct = picks.length === q.answer.length && picks.every((p, i) => p === q.answer[i]);
    partly = !correct && q.answer.length > 1 && picks.some((p) => q.answer.includes(p));
  } else if (q.kind === 'truefalse' && answer.kind === 'truefalse') {
    correct = q.answer === answer.value;
  } else if (q.kind === 'text' && answer.kind === 'text') {
    correct = matchesAnswer(answer.text, q.accept);
  }
  const quick = correct && responseMs !== undefined && responseMs <= quickThresholdMs(q);
  const grade: Grade = correct ? (quick ? 5 : 4) : partly ? 2 : 1;
  return { grade, correct, partly, quick };
}

/** "I guessed" after a correct objective answer: SM-2 grade 3 (correct, with serious difficulty). */
export const GUESSED_GRADE: Grade = 3;
