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
  // Interleave topics (the 1st question of every topic, then the 2nd...) so new cards vary;
  // written questions before those generated from tables.
  const perTopic = new Map<string, number>();
  const order = new Map<string, number>();
  const written = bank.questions.filter((x) => x.comparisonId === undefined);
  const generated = bank.questions.filter((x) => x.comparisonId !== undefined);
  for (const q of [...written, ...generated]) {
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

/**
 * A use case refusing bad input. `code` names the message in the catalogue (errors.<code>),
 * `params` fill it in, `suggestions` are things the member could have meant.
 */
export class UserError extends Error {
  constructor(
    readonly code: UserErrorCode,
    readonly params: Record<string, string | number> = {},
    readonly suggestions: string[] = [],
  ) {
    super(`${code}${Object.keys(params).length === 0 ? '' : ` ${JSON.stringify(params)}`}`);
    this.name = 'UserError';
  }
}

export type UserErrorCode =
  | 'unknown-member'
  | 'no-progress'
  | 'unknown-topic'
  | 'unknown-service'
  | 'unknown-comparison'
  | 'no-facts'
  | 'no-facts-in-topic'
  | 'invalid-timezone'
  | 'invalid-time'
  | 'invalid-new-per-day'
  | 'invalid-leech-threshold'
  | 'invalid-language'
  | 'invalid-option'
  | 'exam-bank-too-small'
  | 'invalid-exam-questions'
  | 'exam-too-many-questions'
  | 'invalid-exam-minutes';
