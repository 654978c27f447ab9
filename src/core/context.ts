import type { Store } from '../data/store.ts';
import type { Bank, Comparison, Fact, Question, Service, Topic } from '../domain/question.ts';

/** What every use case needs; wired once in the composition root. Time comes from `clock`. */
export type CoreContext = {
  store: Store;
  bank: BankIndex;
  clock: () => number;
  sessionSize: number;
  defaultTimezone: string;
};

export type BankIndex = Bank & {
  question(id: string): Question | undefined;
  topic(id: string): Topic | undefined;
  service(id: string): Service | undefined;
  comparison(id: string): Comparison | undefined;
  factsByService(id: string): Fact[];
  /** Position of each question in the curriculum, for a stable order of new cards. */
  order(id: string): number;
};

export function indexBank(bank: Bank): BankIndex {
  const questions = new Map(bank.questions.map((q) => [q.id, q]));
  const topics = new Map(bank.topics.map((t) => [t.id, t]));
  const services = new Map(bank.services.map((s) => [s.id, s]));
  const comparisons = new Map(bank.comparisons.map((c) => [c.id, c]));
  const topicRank = new Map(bank.topics.map((t, i) => [t.id, i]));
  // Interleave topics (the 1st question of every topic, then the 2nd...) so new cards vary.
  const perTopic = new Map<string, number>();
  const order = new Map<string, number>();
  for (const q of bank.questions
    .filter((x) => x.comparisonId === undefined)
    .concat(bank.questions.filter((x) => x.comparisonId !== undefined))) {
    const n = perTopic.get(q.topic) ?? 0;
    perTopic.set(q.topic, n + 1);
    order.set(q.id, n * 100 + (topicRank.get(q.topic) ?? 99));
  }
  return {
    ...bank,
    question: (id) => questions.get(id),
    topic: (id) => topics.get(id),
    service: (id) => services.get(id),
    comparison: (id) => comparisons.get(id),
    factsByService: (id) => bank.facts.filter((f) => f.service === id),
    order: (id) => order.get(id) ?? Number.MAX_SAFE_INTEGER,
  };
}

/** A use case refusing bad input: the message is safe to show to the member as is. */
export class UserError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly suggestions: string[] = [],
  ) {
    super(message);
    this.name = 'UserError';
  }
}
