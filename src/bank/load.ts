import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { type Document, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import {
  type Bank,
  type Comparison,
  comparisonQuestions,
  type Fact,
  LETTERS,
  type Question,
} from '../domain/question.ts';
import { ComparisonSchema, FactSchema, QuestionSchema, RegistrySchema, TopicFileSchema } from './schema.ts';

export const REGISTRY_FILE = '_bank.yaml';

export type BankProblem = { file: string; line: number | undefined; id: string | undefined; message: string };

export class BankError extends Error {
  constructor(readonly problems: BankProblem[]) {
    super(`the question bank has ${problems.length} problem(s):\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'BankError';
  }
}

export function formatProblem(p: BankProblem): string {
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}`;
  return `${where}${p.id === undefined ? '' : ` [${p.id}]`} ${p.message}`;
}

type ParsedFile = { file: string; doc: Document.Parsed; lines: LineCounter };

class Reporter {
  readonly problems: BankProblem[] = [];

  add(
    f: ParsedFile | string,
    nodePath: readonly PropertyKey[],
    id: string | undefined,
    message: string,
  ): void {
    const file = typeof f === 'string' ? f : f.file;
    const line = typeof f === 'string' ? undefined : lineOf(f, nodePath);
    this.problems.push({ file, line, id, message });
  }

  zod(f: ParsedFile, base: readonly PropertyKey[], id: string | undefined, error: z.ZodError): void {
    for (const issue of error.issues) {
      const field = issue.path.length === 0 ? '' : `${issue.path.join('.')}: `;
      this.add(f, [...base, ...issue.path], id, `${field}${issue.message}`);
    }
  }
}

function lineOf(f: ParsedFile, nodePath: readonly PropertyKey[]): number | undefined {
  // Walk up the path until a node exists (a missing field reports its parent's line).
  for (let n = nodePath.length; n >= 0; n--) {
    const node = f.doc.getIn(nodePath.slice(0, n) as unknown[], true) as {
      range?: [number, number, number];
    } | null;
    if (node?.range !== undefined) return f.lines.linePos(node.range[0]).line;
  }
  return undefined;
}

function parseFile(dir: string, name: string, report: Reporter): ParsedFile | undefined {
  const file = path.join(path.basename(dir), name);
  const lines = new LineCounter();
  const doc = parseDocument(readFileSync(path.join(dir, name), 'utf8'), {
    lineCounter: lines,
    prettyErrors: false,
  });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      report.problems.push({
        file,
        line: lines.linePos(e.pos[0]).line,
        id: undefined,
        message: `YAML: ${e.message.split('\n')[0]}`,
      });
    }
    return undefined;
  }
  return { file, doc, lines };
}

function idOf(raw: unknown): string | undefined {
  return typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
    ? (raw as { id: string }).id
    : undefined;
}

/** Reads and validates the whole bank, collecting every problem instead of stopping at the first. */
export function readBank(dir: string): { bank: Bank; problems: BankProblem[] } {
  const report = new Reporter();
  const bank: Bank = { notes: [], topics: [], services: [], questions: [], facts: [], comparisons: [] };
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => n.endsWith('.yaml'))
      .sort();
  } catch (error) {
    report.add(
      dir,
      [],
      undefined,
      `cannot read the question directory (${(error as NodeJS.ErrnoException).code})`,
    );
    return { bank, problems: report.problems };
  }

  const registryFile = names.includes(REGISTRY_FILE) ? parseFile(dir, REGISTRY_FILE, report) : undefined;
  if (!names.includes(REGISTRY_FILE))
    report.add(path.join(path.basename(dir), REGISTRY_FILE), [], undefined, 'missing');
  if (registryFile !== undefined) {
    const parsed = RegistrySchema.safeParse(registryFile.doc.toJS());
    if (parsed.success) {
      bank.notes = parsed.data.notes;
      bank.topics = parsed.data.topics;
      bank.services = parsed.data.services;
    } else {
      report.zod(registryFile, [], undefined, parsed.error);
    }
  }
  const topicIds = new Set(bank.topics.map((t) => t.id));
  const serviceIds = new Set(bank.services.map((s) => s.id));
  const noteIds = new Set(bank.notes.map((n) => n.id));
  const seen = new Map<string, string>();

  const claim = (f: ParsedFile, at: PropertyKey[], kind: string, id: string): boolean => {
    const key = `${kind}:${id}`;
    const first = seen.get(key);
    if (first !== undefined) {
      report.add(f, at, id, `duplicate ${kind} id (first defined at ${first})`);
      return false;
    }
    seen.set(key, `${f.file}:${lineOf(f, at) ?? '?'}`);
    return true;
  };

  const checkSources = (f: ParsedFile, at: PropertyKey[], id: string, source: string[], docs?: string) => {
    source.forEach((s, i) => {
      if (!noteIds.has(s))
        report.add(f, [...at, 'source', i], id, `source: unknown note "${s}" (see ${REGISTRY_FILE})`);
    });
    if (source.length === 0 && docs === undefined) {
      report.add(f, at, id, 'source: name at least one note, or link the AWS docs page in docs');
    }
  };

  const filesWithTopic = new Set<string>();
  for (const name of names) {
    if (name === REGISTRY_FILE) continue;
    const f = parseFile(dir, name, report);
    if (f === undefined) continue;
    const shape = TopicFileSchema.safeParse(f.doc.toJS());
    if (!shape.success) {
      report.zod(f, [], undefined, shape.error);
      continue;
    }
    const topic = shape.data.topic;
    if (`${topic}.yaml` !== name)
      report.add(f, ['topic'], undefined, `topic "${topic}" must match the file name`);
    if (!topicIds.has(topic)) {
      report.add(f, ['topic'], undefined, `unknown topic "${topic}" (topics are listed in ${REGISTRY_FILE})`);
    }
    filesWithTopic.add(topic);

    shape.data.facts.forEach((raw, i) => {
      const at = ['facts', i];
      const parsed = FactSchema.safeParse(raw);
      if (!parsed.success) {
        report.zod(f, at, idOf(raw), parsed.error);
        return;
      }
      const x = parsed.data;
      if (!claim(f, at, 'fact', x.id)) return;
      if (!serviceIds.has(x.service))
        report.add(f, [...at, 'service'], x.id, `service: unknown service "${x.service}"`);
      checkSources(f, at, x.id, x.source, x.docs);
      const fact: Fact = {
        id: x.id,
        topic,
        service: x.service,
        title: x.title,
        text: x.fact,
        source: x.source,
        docs: x.docs,
      };
      bank.facts.push(fact);
    });

    shape.data.comparisons.forEach((raw, i) => {
      const at = ['comparisons', i];
      const parsed = ComparisonSchema.safeParse(raw);
      if (!parsed.success) {
        report.zod(f, at, idOf(raw), parsed.error);
        return;
      }
      const x = parsed.data;
      if (!claim(f, at, 'comparison', x.id)) return;
      checkSources(f, at, x.id, x.source, x.docs);
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
      if (!complete) return;
      const comparison: Comparison = {
        id: x.id,
        topic,
        title: x.title,
        columns: x.columns,
        rows: x.rows.map((row) => ({ ...row, quiz: x.quiz && row.quiz })),
        source: x.source,
        docs: x.docs,
      };
      bank.comparisons.push(comparison);
      for (const q of comparisonQuestions(comparison)) {
        if (claim(f, at, 'question', q.id)) bank.questions.push(q);
      }
    });

    shape.data.questions.forEach((raw, i) => {
      const at = ['questions', i];
      const parsed = QuestionSchema.safeParse(raw);
      if (!parsed.success) {
        report.zod(f, at, idOf(raw), parsed.error);
        return;
      }
      const x = parsed.data;
      if (!claim(f, at, 'question', x.id)) return;
      checkSources(f, at, x.id, x.source, x.docs);
      if (x.corrects_note && x.docs === undefined) {
        report.add(f, at, x.id, 'docs: a question that corrects a note must link the AWS documentation page');
      }
      const base = {
        id: x.id,
        topic,
        tags: x.tags,
        prompt: x.prompt,
        explanation: x.explanation,
        source: x.source,
        docs: x.docs,
        correctsNote: x.corrects_note,
        comparisonId: undefined,
      };
      let question: Question;
      switch (x.kind) {
        case 'choice': {
          const given = Array.isArray(x.answer) ? x.answer : [x.answer];
          const indexes = [...new Set(given.map((l) => LETTERS.indexOf(l)))].sort((a, b) => a - b);
          const outside = given.filter((l) => LETTERS.indexOf(l) >= x.options.length);
          if (outside.length > 0) {
            const range = `A-${LETTERS[x.options.length - 1]}`;
            report.add(
              f,
              [...at, 'answer'],
              x.id,
              `answer: ${outside.join(', ')} is not among the options (${range})`,
            );
            return;
          }
          const lowered = x.options.map((o) => o.toLowerCase());
          if (new Set(lowered).size !== lowered.length)
            report.add(f, [...at, 'options'], x.id, 'options: two options are the same');
          question = { ...base, kind: 'choice', options: x.options, answer: indexes };
          break;
        }
        case 'truefalse':
          question = { ...base, kind: 'truefalse', answer: x.answer };
          break;
        case 'text':
          question = { ...base, kind: 'text', accept: x.accept };
          break;
        case 'flashcard':
          question = { ...base, kind: 'flashcard', back: x.back };
          break;
      }
      bank.questions.push(question);
    });
  }
  for (const t of bank.topics) {
    if (!filesWithTopic.has(t.id))
      report.add(path.join(path.basename(dir), `${t.id}.yaml`), [], undefined, `topic "${t.id}" has no file`);
    if (!serviceIds.has(t.service))
      report.add(
        path.join(path.basename(dir), REGISTRY_FILE),
        [],
        t.id,
        `topic service "${t.service}" is unknown`,
      );
  }
  return { bank, problems: report.problems };
}

/** Loads the bank or throws a BankError listing every problem. */
export function loadBank(dir: string): Bank {
  const { bank, problems } = readBank(dir);
  if (problems.length > 0) throw new BankError(problems);
  return bank;
}
