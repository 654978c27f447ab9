import type { Member } from '../data/types.ts';
import { addDays, dayStart, studyDay } from '../domain/day.ts';
import { LEARNED_INTERVAL_DAYS, streakNow } from '../domain/progress.ts';
import type { LocalText } from '../domain/question.ts';
import { type BankIndex, type CoreContext, UserError } from './context.ts';
import { listLeeches } from './leeches.ts';
import { getReadiness, type ReadinessReport } from './readiness.ts';

export type TopicProgress = { topic: string; title: LocalText; total: number; seen: number; learned: number };

export type Progress = {
  displayName: string;
  today: string;
  timezone: string;
  seen: number;
  total: number;
  dueToday: number;
  learned: number;
  reviewsTotal: number;
  accuracy7: number | null;
  accuracy30: number | null;
  reviews7: number;
  currentStreak: number;
  longestStreak: number;
  nextDueAt: number | null;
  /** Cards suspended as leeches: how many, and the first few prompts. */
  leeches: { count: number; prompts: string[] };
  topics: TopicProgress[];
  /** Reviews per study day over the last 26 weeks, for the heatmap. */
  reviewsByDay: { day: string; reviews: number }[];
  /** Cards due on each of the next 14 study days (today includes anything overdue). */
  forecast: { day: string; due: number }[];
  streakDays: string[];
  /** Exam readiness per domain, with the last exam scores. */
  readiness: ReadinessReport;
};

/** How many leech prompts /stats lists. */
const LEECHES_SHOWN = 3;

function accuracy(stats: { reviews: number; correct: number }[]): number | null {
  const reviews = stats.reduce((s, x) => s + x.reviews, 0);
  return reviews === 0 ? null : stats.reduce((s, x) => s + x.correct, 0) / reviews;
}

/** Cards due on each of the next 14 study days (today includes anything overdue), and the next due instant. */
function forecastOf(cards: { dueAt: Date }[], today: string, tz: string, now: number) {
  const days = Array.from({ length: 14 }, (_, i) => addDays(today, i));
  const ends = days.map((d) => dayStart(addDays(d, 1), tz));
  const forecast = days.map((day) => ({ day, due: 0 }));
  let nextDueAt: number | null = null;
  for (const c of cards) {
    const due = c.dueAt.getTime();
    const slot = ends.findIndex((end) => due < end);
    const bucket = slot === -1 ? undefined : forecast[slot];
    if (bucket !== undefined) bucket.due++;
    if (due > now && (nextDueAt === null || due < nextDueAt)) nextDueAt = due;
  }
  return { forecast, nextDueAt };
}

/** Per topic: the bank's questions, those the member has seen, and those learned. */
function topicProgress(bank: BankIndex, cards: { questionId: string; intervalDays: number }[]) {
  const byTopic = new Map<string, TopicProgress>(
    bank.topics.map((t) => [t.id, { topic: t.id, title: t.titles, total: 0, seen: 0, learned: 0 }]),
  );
  for (const q of bank.questions) {
    const t = byTopic.get(q.topic);
    if (t !== undefined) t.total++;
  }
  for (const c of cards) {
    const q = bank.question(c.questionId);
    const t = q === undefined ? undefined : byTopic.get(q.topic);
    if (t === undefined) continue;
    t.seen++;
    if (c.intervalDays >= LEARNED_INTERVAL_DAYS) t.learned++;
  }
  return byTopic;
}

/** What progress is computed from: the member, their cards, per-day totals, review count and leeches. */
export type ProgressFacts = {
  member: Pick<Member, 'displayName' | 'timezone' | 'currentStreak' | 'longestStreak' | 'lastStreakDay'>;
  cards: { questionId: string; intervalDays: number; dueAt: Date; suspendedAt: Date | null }[];
  stats: { day: string; reviews: number; correct: number }[];
  reviewsTotal: number;
  leechPrompts: string[];
};

/** The figures of /stats from the facts, at `now` (pure; the benchmark's raw SQL reuses it). */
export function summarizeProgress(
  bank: BankIndex,
  facts: ProgressFacts,
  now: number,
): Omit<Progress, 'readiness'> {
  const { member, cards, stats } = facts;
  const tz = member.timezone;
  const today = studyDay(now, tz);
  // Suspended cards (leeches) never come due: out of the forecast and today's count, still seen.
  const schedulable = cards.filter((c) => c.suspendedAt === null);
  const endOfToday = dayStart(addDays(today, 1), tz);
  const { forecast, nextDueAt } = forecastOf(schedulable, today, tz, now);
  const last = (n: number) => stats.filter((s) => s.day >= addDays(today, -(n - 1)));
  const streak = streakNow(member, now);
  const streakEnd = member.lastStreakDay ?? today;
  return {
    displayName: member.displayName,
    today,
    timezone: tz,
    seen: cards.filter((c) => bank.question(c.questionId) !== undefined).length,
    total: bank.questions.length,
    dueToday: schedulable.filter((c) => c.dueAt.getTime() < endOfToday).length,
    learned: cards.filter((c) => c.intervalDays >= LEARNED_INTERVAL_DAYS).length,
    reviewsTotal: facts.reviewsTotal,
    accuracy7: accuracy(last(7)),
    accuracy30: accuracy(last(30)),
    reviews7: last(7).reduce((s, x) => s + x.reviews, 0),
    currentStreak: streak,
    longestStreak: member.longestStreak,
    nextDueAt,
    leeches: { count: facts.leechPrompts.length, prompts: facts.leechPrompts.slice(0, LEECHES_SHOWN) },
    topics: [...topicProgress(bank, cards).values()],
    reviewsByDay: stats.map((s) => ({ day: s.day, reviews: s.reviews })),
    forecast,
    streakDays: Array.from({ length: streak }, (_, i) => addDays(streakEnd, -i)).reverse(),
  };
}

export async function getProgress(ctx: CoreContext, memberId: string): Promise<Progress> {
  const { read } = ctx.store;
  const member = await read.members.find(memberId);
  if (member === null) throw new UserError('no-progress');
  const now = ctx.clock();
  const today = studyDay(now, member.timezone);
  const [cards, stats, reviewsTotal, leeches, readiness] = await Promise.all([
    read.cards.ofMember(memberId),
    read.stats.since(memberId, addDays(today, -182)),
    read.reviews.count(memberId),
    listLeeches(ctx, memberId),
    getReadiness(ctx, memberId),
  ]);
  const leechPrompts = leeches.map((l) => l.prompt);
  return {
    ...summarizeProgress(ctx.bank, { member, cards, stats, reviewsTotal, leechPrompts }, now),
    readiness,
  };
}
