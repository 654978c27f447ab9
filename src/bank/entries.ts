import { comparisonQuestions } from '../domain/comparison-questions.ts';
import type { Comparison, Fact, Question } from '../domain/question.ts';
import { REGISTRY_FILE, type Registry } from './registry.ts';
import { ComparisonSchema, FactSchema } from './schema.ts';
import { idOf, lineOf, type ParsedFile, type Reporter } from './yaml-file.ts';

/**
 * What every entry of a topic file is checked against: the registry's ids and the ids claimed
 * so far across the bank (ids are unique per kind of entry).
 */
export class Scope {
  private readonly seen = new Map<string, string>();
  readonly noteIds: Set<string>;
  readonly serviceIds: Set<string>;

  constructor(
    registry: Registry,
    readonly report: Reporter,
  ) {
    this.noteIds = new Set(registry.notes.map((n) => n.id));
    this.serviceIds = new Set(registry.services.map((s) => s.id));
  }

  /** Records an id; false (and a problem naming the first place) when it is taken. */
  claim(f: ParsedFile, at: PropertyKey[], kind: string, id: string): boolean {
    const key = `${kind}:${id}`;
    const first = this.seen.get(key);
    if (first !== undefined) {
      this.report.add(f, at, id, `duplicate ${kind} id (first defined at ${first})`);
      return false;
    }
    this.seen.set(key, `${f.file}:${lineOf(f, at) ?? '?'}`);
    return true;
  }

  checkSources(f: ParsedFile, at: PropertyKey[], id: string, source: string[], docs?: string): void {
    source.forEach((s, i) => {
      if (!this.noteIds.has(s))
        this.report.add(f, [...at, 'source', i], id, `source: unknown note "${s}" (see ${REGISTRY_FILE})`);
    });
    if (source.length === 0 && docs === undefined) {
      this.report.add(f, at, id, 'source: name at least one note, or link the AWS docs page in docs');
    }
  }
}

export function readFacts(f: ParsedFile, topic: string, raws: unknown[], scope: Scope): Fact[] {
  const facts: Fact[] = [];
  raws.forEach((raw, i) => {
    const at = ['facts', i];
    const parsed = FactSchema.safeParse(raw);
    if (!parsed.success) {
      scope.report.zod(f, at, idOf(raw), parsed.error);
      return;
    }
    const x = parsed.data;
    if (!scope.claim(f, at, 'fact', x.id)) return;
    if (!scope.serviceIds.has(x.service))
      scope.report.add(f, [...at, 'service'], x.id, `service: unknown service "${x.service}"`);
    scope.checkSources(f, at, x.id, x.source, x.docs);
    facts.push({
      id: x.id,
      topic,
      service: x.service,
      title: x.title,
      text: x.fact,
      source: x.source,
      docs: x.docs,
    });
  });
  return facts;
}

/** Comparison tables, and the quiz questions generated from their rows. */
export function readComparisons(
  f: ParsedFile,
  topic: string,
  raws: unknown[],
  scope: Scope,
): { comparisons: Comparison[]; questions: Question[] } {
  const comparisons: Comparison[] = [];
  const questions: Question[] = [];
  raws.forEach((raw, i) => {
    const at = ['comparisons', i];
    const parsed = ComparisonSchema.safeParse(raw);
    if (!parsed.success) {
      scope.report.zod(f, at, idOf(raw), parsed.error);
      return;
    }
    const x = parsed.data;
    if (!scope.claim(f, at, 'comparison', x.id)) return;
    scope.checkSources(f, at, x.id, x.source, x.docs);
    if (!rowsComplete(f, at, x, scope.report)) return;
    const comparison: Comparison = {
      id: x.id,
      topic,
      title: x.title,
      columns: x.columns,
      rows: x.rows.map((row) => ({ ...row, quiz: x.quiz && row.quiz })),
      source: x.source,
      docs: x.docs,
    };
    comparisons.push(comparison);
    for (const q of comparisonQuestions(comparison))
      if (scope.claim(f, at, 'question', q.id)) questions.push(q);
  });
  return { comparisons, questions };
}

type RawComparison = {
  id: string;
  columns: string[];
  rows: { key: string; dimension: string; cells: string[] }[];
};

/** Unique row keys, and one cell per column in every row. */
function rowsComplete(f: ParsedFile, at: PropertyKey[], x: RawComparison, report: Reporter): boolean {
  const keys = new Set<string>();
  let complete = true;
  x.rows.forEach((row, r) => {
    if (keys.has(row.key))
      report.add(f, [...at, 'rows', r, 'key'], x.id, `rows: duplicate row key "${row.key}"`);
    keys.add(row.key);
    if (row.cells.length !== x.columns.length) {
      complete = false;
      const what = row.cells.length < x.columns.length ? 'missing a cell' : 'has an extra cell';
      report.add(
        f,
        [...at, 'rows', r, 'cells'],
        x.id,
        `row "${row.dimension}" ${what}: ${row.cells.length} cell(s) for ${x.columns.length} column(s) (${x.columns.join(', ')})`,
      );
    }
  });
  return complete;
}
