/**
 * The rows the use cases see. Written here by hand (not Prisma's generated types) so nothing
 * outside src/data depends on the ORM or on which database is behind it. Instants are Dates.
 */

export type Member = {
  id: string;
  displayName: string;
  timezone: string;
  reminderMinute: number;
  remindersEnabled: boolean;
  dmsClosed: boolean;
  dmChannelId: string | null;
  newPerDay: number;
  /** Lapses after which a card is suspended as a leech; 0 = off. */
  leechThreshold: number;
  /** auto, en, ko or vi. */
  language: string;
  lastLocale: string | null;
  nextReminderAt: Date | null;
  currentStreak: number;
  longestStreak: number;
  lastStreakDay: string | null;
  createdAt: Date;
  updatedAt: Date;
};

export type Group = {
  id: string;
  name: string;
  leaderboardChannelId: string | null;
  lastBoardPostedFor: string | null;
  locale: string | null;
  createdAt: Date;
};

export type Card = {
  id: number;
  memberId: string;
  questionId: string;
  easiness: number;
  intervalDays: number;
  repetitions: number;
  lapses: number;
  reviewCount: number;
  dueAt: Date;
  lastReviewedAt: Date | null;
  /** Set while the card is suspended as a leech. */
  suspendedAt: Date | null;
  createdAt: Date;
};

export type Review = {
  id: number;
  memberId: string;
  cardId: number;
  questionId: string;
  seq: number;
  grade: number;
  correct: boolean;
  answer: string;
  answeredAt: Date;
  day: string;
  responseMs: number | null;
  easinessBefore: number;
  intervalBefore: number;
  repetitionsBefore: number;
  dueBefore: Date;
  easinessAfter: number;
  intervalAfter: number;
  repetitionsAfter: number;
  dueAfter: Date;
  /** Set when the member undid this review; the row stays, counted nowhere. */
  undoneAt: Date | null;
};

export type DailyStat = {
  memberId: string;
  day: string;
  reviews: number;
  correct: number;
  points: number;
  newCards: number;
  clearedDue: boolean;
};

export type Delivery = {
  memberId: string;
  day: string;
  status: string;
  attempts: number;
  nextTryAt: Date;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
};

export type Session = {
  id: number;
  memberId: string;
  topic: string | null;
  mode: string;
  queue: string;
  newIds: string;
  step: number;
  seed: number;
  openFor: string | null;
  shownAt: Date | null;
  answered: number;
  correct: number;
  lastFeedback: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
};

export type ExamStatus = 'open' | 'submitted' | 'expired' | 'abandoned';

export type Exam = {
  id: number;
  memberId: string;
  openFor: string | null;
  seed: number;
  questions: number;
  minutes: number;
  startedAt: Date;
  deadline: Date;
  position: number;
  status: string;
  endedAt: Date | null;
  score: number | null;
};

export type ExamItem = {
  examId: number;
  position: number;
  questionId: string;
  /** File letters (A,C) or true/false; null while unanswered. */
  answer: string | null;
  correct: boolean | null;
  flagged: boolean;
  answeredAt: Date | null;
};
