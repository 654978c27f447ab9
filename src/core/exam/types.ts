import type { ExamScore } from '../../domain/exam.ts';
import type { LocalText, Question } from '../../domain/question.ts';

/** What the exam use cases return; transports render these. */

/** A member's answer in the terms they saw it: choice options by shown index, or true/false. */
export type ShownAnswer = { kind: 'choice'; picks: number[] } | { kind: 'truefalse'; value: boolean };

export type ExamQuestion = {
  examId: number;
  /** 0-based. */
  position: number;
  total: number;
  /** Epoch ms. */
  deadline: number;
  question: Question;
  topicTitle: LocalText;
  /** `order[shownIndex] = fileIndex`, drawn from the exam's seed and the position. */
  order: number[];
  /** The answer given so far, as shown; null while unanswered. */
  answer: ShownAnswer | null;
  flagged: boolean;
  answered: number;
  flaggedCount: number;
};

export type ExamOverview = {
  examId: number;
  total: number;
  deadline: number;
  answered: number;
  /** 0-based positions. */
  unanswered: number[];
  flagged: number[];
};

export type ExamMiss = {
  position: number;
  questionId: string;
  prompt: string;
  topicTitle: LocalText;
  /** What the member answered, as shown (letters and text, or true/false); null if unanswered. */
  given: string | null;
  correctAnswer: string;
  explanation: string;
  docs: string | undefined;
};

export type Titled = { id: string; title: LocalText; correct: number; total: number };

export type ExamResult = {
  examId: number;
  status: 'submitted' | 'expired';
  score: Omit<ExamScore, 'domains' | 'topics'>;
  domains: Titled[];
  topics: Titled[];
  minutes: number;
  timeUsedMs: number;
  endedAt: number;
  misses: ExamMiss[];
};

/** Why an exam click or answer was not taken. */
export type ExamRefusal =
  | 'gone'
  | 'not-yours'
  | 'submitted'
  | 'abandoned'
  | 'no-such-position'
  | 'no-such-option'
  | 'reordered'
  | 'wrong-kind'
  | 'nothing-to-drill';

export type ExamStep =
  | { kind: 'question'; exam: ExamQuestion; started?: boolean; resumed?: boolean }
  | { kind: 'overview'; overview: ExamOverview }
  /** `late`: the member acted after the deadline and the exam was submitted as it stood. */
  | { kind: 'result'; result: ExamResult; late: boolean; page: number }
  | { kind: 'refused'; reason: ExamRefusal; score?: { correct: number; total: number } }
  /** /exam while another is open: resume it, or abandon it and start the one asked for. */
  | { kind: 'already-open'; exam: ExamQuestion; asked: { questions: number; minutes: number } }
  | { kind: 'abandoned'; answered: number; total: number };
