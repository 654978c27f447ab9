import { readdirSync } from 'node:fs';
import type { Bank } from '../domain/question.ts';
import { readComparisons, readFacts, Scope } from './entries.ts';
import { readQuestions } from './questions.ts';
import { checkTopics, REGISTRY_FILE, readRegistry } from './registry.ts';
import { TopicFileSchema } from './schema.ts';
import { type BankProblem, formatProblem, parseFile, Reporter } from './yaml-file.ts';

export { REGISTRY_FILE } from './registry.ts';
export { type BankProblem, formatProblem } from './yaml-file.ts';

export class BankError extends Error {
  constructor(readonly problems: BankProblem[]) {
    super(`the question bank has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'BankError';
  }
}

export type BankReading = {
  bank: Bank;
  /** What makes the bank unusable: the bot refuses to start on any of these. */
  problems: BankProblem[];
  /** What makes questions answerable without knowing AWS: bank:check fails on these. */
  honesty: BankProblem[];
};

function listFiles(dir: string, report: Reporter): string[] | null {
  try {
    return readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .sort();
  } catch (error) {
    report.add(
      dir,
      [],
      undefined,
      `cannot read the question directory (${(error as NodeJS.ErrnoException).code})`,
    );
    return null;
  }
}

/** Reads and validates the whole bank, collecting every problem instead of stopping at the first. */
export function readBank(dir: string): BankReading {
  const report = new Reporter();
  const honesty = new Reporter();
  const bank: Bank = {
    notes: [],
    domains: [],
    topics: [],
    services: [],
    questions: [],
    facts: [],
    comparisons: [],
  };
  const names = listFiles(dir, report);
  if (names === null) return { bank, problems: report.problems, honesty: honesty.problems };
  Object.assign(bank, readRegistry(dir, names, report));
  const topicIds = new Set(bank.topics.map((t) => t.id));
  const scope = new Scope(bank, report);
  const withFile = new Set<string>();
  for (const name of names) {
    if (name === REGISTRY_FILE) continue;
    const f = parseFile(dir, name, report);
    if (f === undefined) continue;
    const shape = TopicFileSchema.safeParse(f.doc.toJS());
    if (!shape.success) {
      report.zod(f, [], undefined, shape.error);
      continue;
    }
    const { topic, facts, comparisons, questions } = shape.data;
    if (`${topic}.yaml` !== name)
      report.add(f, ['topic'], undefined, `topic "${topic}" must match the file name`);
    if (!topicIds.has(topic))
      report.add(f, ['topic'], undefined, `unknown topic "${topic}" (topics are listed in ${REGISTRY_FILE})`);
    withFile.add(topic);
    bank.facts.push(...readFacts(f, topic, facts, scope));
    const tables = readComparisons(f, topic, comparisons, scope);
    bank.comparisons.push(...tables.comparisons);
    bank.questions.push(...tables.questions);
    bank.questions.push(...readQuestions(f, topic, questions, scope, honesty));
  }
  checkTopics(dir, bank, withFile, report);
  return { bank, problems: report.problems, honesty: honesty.problems };
}

/** Loads the bank or throws a BankError listing every problem. */
export function loadBank(dir: string): Bank {
  const { bank, problems } = readBank(dir);
  if (problems.length > 0) throw new BankError(problems);
  return bank;
}
