import type { TopicTally } from '../data/evidence.ts';
import type { LocalText } from '../domain/question.ts';
import { type DomainReadiness, READINESS_WINDOW_DAYS, readiness } from '../domain/readiness.ts';
import type { CoreContext } from './context.ts';
import { recentExamScores } from './exam/index.ts';

const DAY_MS = 86_400_000;

export type ReadinessReport = {
  domains: (DomainReadiness & { title: LocalText })[];
  /** 0..1: the domains' weight x accuracy x coverage (src/domain/readiness.ts). */
  overall: number;
  /** Answers in the window behind the figures. */
  answered: number;
  windowDays: number;
  /** The last five scored exams, latest first. */
  exams: { examId: number; correct: number; total: number; endedAt: number }[];
};

/**
 * How ready the member is for the exam, per domain: accuracy over the last 30 days of scheduled
 * reviews and exam answers (undone reviews and abandoned exams left out), coverage of the
 * domain's questions ever answered, and the overall figure weighted by the blueprint.
 */
export async function getReadiness(ctx: CoreContext, memberId: string): Promise<ReadinessReport> {
  const since = new Date(ctx.clock() - READINESS_WINDOW_DAYS * DAY_MS);
  const { read } = ctx.store;
  const [reviews, exams, cards, examSeen, recent] = await Promise.all([
    read.evidence.reviewsSince(memberId, since),
    read.evidence.examsSince(memberId, since),
    read.cards.seenQuestionIds(memberId),
    read.evidence.answeredQuestionIds(memberId),
    recentExamScores(ctx, memberId, 5),
  ]);
  const domainOfTopic = (topic: string) => ctx.bank.topic(topic)?.domain;
  const tally = new Map(ctx.bank.domains.map((d) => [d.id, { answered: 0, correct: 0, seen: 0, total: 0 }]));
  const add = (t: TopicTally) => {
    const d = tally.get(domainOfTopic(t.topic) ?? '');
    if (d === undefined) return;
    d.answered += t.answered;
    d.correct += t.correct;
  };
  [...reviews, ...exams].forEach(add);
  const seen = new Set([...cards, ...examSeen]);
  for (const q of ctx.bank.questions) {
    const d = tally.get(domainOfTopic(q.topic) ?? '');
    if (d === undefined) continue;
    d.total++;
    if (seen.has(q.id)) d.seen++;
  }
  const r = readiness(
    ctx.bank.domains.map((d) => ({
      id: d.id,
      weight: d.weight,
      ...(tally.get(d.id) ?? { answered: 0, correct: 0, seen: 0, total: 0 }),
    })),
  );
  return {
    domains: r.domains.map((d) => ({
      ...d,
      title: ctx.bank.domains.find((x) => x.id === d.id)?.titles ?? { en: d.id },
    })),
    overall: r.overall,
    answered: r.answered,
    windowDays: READINESS_WINDOW_DAYS,
    exams: recent,
  };
}
