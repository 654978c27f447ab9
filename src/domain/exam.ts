import { random32 } from './option-order.ts';

/**
 * Practice exams, pure: how many questions each exam domain gets, which questions are drawn,
 * and the score. The blueprint is the AWS Certified Database - Specialty one (weights in
 * questions/_bank.yaml); the pass mark is 75% of the questions, the real exam's 750 of 1000.
 */

export const EXAM_LIMITS = {
  questions: { min: 5, max: 65, default: 30 },
  minutes: { min: 5, max: 180, default: 60 },
} as const;

export const PASS_MARK = 0.75;

export type DomainWeight = { id: string; weight: number };
export type ExamCandidate = { id: string; topic: string; domain: string };

/**
 * Questions per domain for an exam of `n`: each domain's share of `n` by weight, rounded by
 * largest remainder (so the counts add up to `n` and no domain is off by a whole question
 * more than rounding needs); a domain with fewer questions than its share gives the rest to the
 * others, again by weight.
 */
export function allocate(
  domains: readonly DomainWeight[],
  available: ReadonlyMap<string, number>,
  n: number,
): Map<string, number> {
  const counts = new Map(domains.map((d) => [d.id, 0]));
  const room = (d: DomainWeight) => (available.get(d.id) ?? 0) - (counts.get(d.id) ?? 0);
  let left = n;
  for (;;) {
    const pool = domains.filter((d) => room(d) > 0 && d.weight > 0);
    if (left <= 0 || pool.length === 0) return counts;
    const total = pool.reduce((s, d) => s + d.weight, 0);
    const shares = pool.map((d) => {
      const exact = (left * d.weight) / total;
      return { d, exact, take: Math.floor(exact) };
    });
    let rest = left - shares.reduce((s, x) => s + x.take, 0);
    const byRemainder = [...shares].sort(
      (a, b) =>
        b.exact - b.take - (a.exact - a.take) || b.d.weight - a.d.weight || a.d.id.localeCompare(b.d.id),
    );
    for (const x of byRemainder) {
      if (rest-- <= 0) break;
      x.take++;
    }
    for (const x of shares) {
      const take = Math.min(x.take, room(x.d));
      counts.set(x.d.id, (counts.get(x.d.id) ?? 0) + take);
      left -= take;
    }
  }
}

function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** `take` questions of one domain, spread over its topics in turn, each topic's order random. */
function spread(candidates: readonly ExamCandidate[], take: number, next: () => number): ExamCandidate[] {
  const byTopic = new Map<string, ExamCandidate[]>();
  for (const c of shuffled(candidates, next)) byTopic.set(c.topic, [...(byTopic.get(c.topic) ?? []), c]);
  const queues = [...byTopic.values()];
  const picked: ExamCandidate[] = [];
  while (picked.length < take && queues.some((q) => q.length > 0)) {
    for (const q of queues) {
      const c = q.shift();
      if (c !== undefined && picked.length < take) picked.push(c);
    }
  }
  return picked;
}

/**
 * The exam's questions in the order they are asked: each domain's count by weight, drawn across
 * its topics, then all of them shuffled together. The same seed draws the same exam.
 */
export function drawExam(
  candidates: readonly ExamCandidate[],
  domains: readonly DomainWeight[],
  n: number,
  seed: number,
): string[] {
  const next = random32(seed);
  const available = new Map<string, number>();
  for (const c of candidates) available.set(c.domain, (available.get(c.domain) ?? 0) + 1);
  const counts = allocate(domains, available, n);
  const picked = domains.flatMap((d) =>
    spread(
      candidates.filter((c) => c.domain === d.id),
      counts.get(d.id) ?? 0,
      next,
    ),
  );
  return shuffled(picked, next).map((c) => c.id);
}

export type ScoredItem = { questionId: string; topic: string; domain: string; correct: boolean | null };
export type Tally = { id: string; correct: number; total: number };

export type ExamScore = {
  correct: number;
  total: number;
  unanswered: number;
  /** Right answers over all questions (unanswered ones count as wrong, as on the real exam). */
  ratio: number;
  passed: boolean;
  /** Weakest first: lowest share right, then the most questions, then by id. */
  domains: Tally[];
  topics: Tally[];
};

function tallies(items: readonly ScoredItem[], key: (i: ScoredItem) => string): Tally[] {
  const byKey = new Map<string, Tally>();
  for (const i of items) {
    const t = byKey.get(key(i)) ?? { id: key(i), correct: 0, total: 0 };
    t.total++;
    if (i.correct === true) t.correct++;
    byKey.set(t.id, t);
  }
  return [...byKey.values()].sort(
    (a, b) => a.correct / a.total - b.correct / b.total || b.total - a.total || a.id.localeCompare(b.id),
  );
}

export function scoreExam(items: readonly ScoredItem[]): ExamScore {
  const correct = items.filter((i) => i.correct === true).length;
  const total = items.length;
  const ratio = total === 0 ? 0 : correct / total;
  return {
    correct,
    total,
    unanswered: items.filter((i) => i.correct === null).length,
    ratio,
    passed: total > 0 && ratio >= PASS_MARK,
    domains: tallies(items, (i) => i.domain),
    topics: tallies(items, (i) => i.topic),
  };
}
