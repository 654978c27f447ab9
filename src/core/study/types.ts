import type { LocalText, Question } from '../../domain/question.ts';
import type { Grade } from '../../domain/sm2.ts';
import type { LeechNotice } from '../leeches.ts';

/** What the study use cases return; transports render these. */

/**
 * review: due cards, then new ones. extra-new: new cards beyond today's limit. practice: the
 * soonest upcoming cards, ahead of schedule. drill: weak cards or an exam's misses, each asked
 * until answered right. Practice and drill never move the schedule.
 */
export type SessionMode = 'review' | 'extra-new' | 'practice' | 'drill';

export type PresentedQuestion = {
  sessionId: number;
  step: number;
  /** 1-based position in the session, and the session's current length (re-asks included). */
  position: number;
  total: number;
  mode: SessionMode;
  reask: boolean;
  isNew: boolean;
  question: Question;
  /** The topic's name in every language the bank gives. */
  topicTitle: LocalText;
  /** Choice questions: `order[shownIndex] = fileIndex`; the identity for other kinds. */
  order: number[];
};

export type NothingDue = {
  kind: 'nothing-due';
  nextDueAt: number | null;
  newLeftToday: number;
  unseen: number;
  canPracticeAhead: boolean;
  topic: string | undefined;
};

export type StartResult =
  | { kind: 'question'; resumed: boolean; question: PresentedQuestion; dueCount: number; newCount: number }
  | NothingDue
  /** A drill with nothing to practise: no weak cards (of the topic), or an exam without misses. */
  | { kind: 'nothing-to-drill'; source: 'weak' | 'exam'; topic: string | undefined };

export type Schedule = { intervalDays: number; dueAt: number; dueDay: string };

export type Feedback = {
  questionId: string;
  correct: boolean;
  partly: boolean;
  grade: Grade;
  quick: boolean;
  /** The right options as shown to the member (shown letter and text), or the right answer. */
  correctAnswer: string;
  explanation: string;
  docs: string | undefined;
  correctsNote: boolean;
  /** Where this answer moved the schedule; null for practice and re-asks. */
  schedule: Schedule | null;
  reaskLater: boolean;
  reviewId: number | null;
  canMarkGuessed: boolean;
  points: number;
  /** Set when this answer made the card a leech (suspended); absent otherwise. */
  leech?: LeechNotice;
};

export type SessionSummary = { answered: number; correct: number; mode: SessionMode };

/** Why an answer was not taken: the quiz is gone, the step was answered, or it has ended. */
export type StaleReason =
  | 'gone'
  | 'answered'
  | 'finished'
  | 'wrong-kind'
  | 'no-such-option'
  | 'reordered'
  | 'removed';

export type AnswerResult =
  | {
      status: 'recorded' | 'duplicate';
      feedback: Feedback;
      next: PresentedQuestion | null;
      summary: SessionSummary | null;
    }
  | { status: 'stale'; reason: StaleReason; next: PresentedQuestion | null };
