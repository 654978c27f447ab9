import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BankError, formatProblem, loadBank, readBank } from '../../src/bank/load.ts';
import { FIXTURE_BANK } from '../support/core.ts';

const REAL_BANK = path.resolve(import.meta.dirname, '../../questions');
let dir: string;

beforeEach(() => {
  dir = path.join(mkdtempSync(path.join(tmpdir(), 'quizbot-bank-')), 'questions');
  cpSync(FIXTURE_BANK, dir, { recursive: true });
});
afterEach(() => {
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

function edit(file: string, from: string, to: string): void {
  const p = path.join(dir, file);
  const text = readFileSync(p, 'utf8');
  if (!text.includes(from)) throw new Error(`fixture has no "${from}"`);
  writeFileSync(p, text.replace(from, to));
}

function problems(): string[] {
  return readBank(dir).problems.map(formatProblem);
}

describe('the question bank loader', () => {
  it('GIVEN the fixture bank THEN it loads with generated comparison questions', () => {
    const bank = loadBank(dir);
    expect(bank.questions.map((q) => q.id)).toContain('a-vs-b.speed.1');
    expect(bank.questions.some((q) => q.id.startsWith('a-vs-b.cost'))).toBe(false);
  });

  it('GIVEN a duplicate id THEN both places are named', () => {
    edit('beta.yaml', 'id: beta-two', 'id: alpha-choice');
    expect(problems()).toEqual([
      expect.stringMatching(
        /^questions\/beta\.yaml:\d+ \[alpha-choice\] duplicate question id \(first defined at questions\/alpha\.yaml:\d+\)$/,
      ),
    ]);
  });

  it('GIVEN an answer letter outside the options THEN file, line and id are reported', () => {
    edit('alpha.yaml', 'answer: A\n', 'answer: D\n');
    expect(problems()).toEqual([
      'questions/alpha.yaml:30 [alpha-choice] answer: D is not among the options (A-C)',
    ]);
  });

  it('GIVEN an empty explanation THEN it is reported at that field', () => {
    edit('beta.yaml', 'explanation: Strongly consistent reads use twice the capacity.', "explanation: ''");
    expect(problems()).toEqual([
      expect.stringMatching(/^questions\/beta\.yaml:\d+ \[beta-one\] explanation: must not be empty$/),
    ]);
  });

  it('GIVEN an unknown topic THEN it is reported', () => {
    edit('beta.yaml', 'topic: beta', 'topic: gamma');
    const all = problems();
    expect(all).toContain('questions/beta.yaml:1 unknown topic "gamma" (topics are listed in _bank.yaml)');
    expect(all).toContain('questions/beta.yaml:1 topic "gamma" must match the file name');
  });

  it('GIVEN exam weights that do not add up to 100, an unknown domain and an empty one THEN each is reported', () => {
    edit('_bank.yaml', 'weight: 40', 'weight: 30');
    edit('_bank.yaml', 'domain: d-two', 'domain: d-three');
    const all = problems();
    expect(all).toContain('questions/_bank.yaml:6 domains: the weights add up to 90, not 100');
    expect(all).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^questions\/_bank\.yaml:\d+ \[beta\] domain: unknown exam domain "d-three"/),
        expect.stringMatching(/^questions\/_bank\.yaml:\d+ \[d-two\] no topic belongs to this domain$/),
      ]),
    );
  });

  it('GIVEN a comparison row with a missing cell THEN the row and the columns are named', () => {
    edit('alpha.yaml', 'cells: [Fast, Slow, Medium]', 'cells: [Fast]');
    expect(problems()).toEqual([
      expect.stringMatching(
        /\[a-vs-b\] row "Speed" missing a cell: 1 cell\(s\) for 3 column\(s\) \(A, B, C\)$/,
      ),
    ]);
  });

  it('GIVEN an unknown note, a correction without docs and a bad kind THEN every problem is reported at once', () => {
    edit(
      'alpha.yaml',
      'source: [note-a]\n  - id: alpha-multi',
      'source: [note-z]\n    corrects_note: true\n  - id: alpha-multi',
    );
    edit('beta.yaml', 'kind: choice', 'kind: essay');
    const all = problems();
    expect(all).toHaveLength(3);
    expect(all.join('\n')).toMatch(/\[alpha-choice\] source: unknown note "note-z"/);
    expect(all.join('\n')).toMatch(/\[alpha-choice\] docs: a question that corrects a note must link/);
    expect(all.join('\n')).toMatch(
      /\[beta-two\] kind: kind must be one of choice, truefalse, text, flashcard|\[beta-two\] .*kind/,
    );
  });

  it('GIVEN a pin on an option that does not exist THEN file, line and id are reported', () => {
    edit('alpha.yaml', 'answer: A\n', 'answer: A\n    pin: [D]\n');
    expect(problems()).toEqual([
      expect.stringMatching(
        /^questions\/alpha\.yaml:\d+ \[alpha-choice\] pin: D is not among the options \(A-C\)$/,
      ),
    ]);
  });

  it('GIVEN a pinned option THEN the question keeps its index', () => {
    edit('alpha.yaml', 'answer: A\n', 'answer: A\n    pin: [C]\n');
    const q = loadBank(dir).questions.find((x) => x.id === 'alpha-choice');
    expect(q?.kind === 'choice' ? q.pinned : null).toEqual([2]);
  });

  it('GIVEN two options that differ only in case, punctuation or an article THEN it is reported at the second', () => {
    edit('alpha.yaml', 'options: [Alpha, Beta, Gamma]', 'options: [Alpha, Beta, "the alpha."]');
    expect(problems()).toEqual([
      expect.stringMatching(/^questions\/alpha\.yaml:\d+ \[alpha-choice\] options: C is the same as A/),
    ]);
  });

  it('GIVEN a YAML alias bomb THEN it is a located problem, not a crash', () => {
    const bomb = [
      'topic: beta',
      'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
      '',
    ].join('\n');
    writeFileSync(path.join(dir, 'beta.yaml'), bomb);
    const found = problems();
    expect(found[0]).toBe(
      'questions/beta.yaml:3 YAML: alias *a is not allowed in the bank; write the value out',
    );
    expect(() => loadBank(dir)).toThrow(BankError);
  });

  it('GIVEN an explanation that skips a wrong option THEN it is an honesty finding at that option', () => {
    edit(
      'alpha.yaml',
      'explanation: Alpha comes first; Beta and Gamma come later.',
      'explanation: Alpha comes first.',
    );
    const reading = readBank(dir);
    expect(reading.problems).toEqual([]);
    expect(reading.honesty.map(formatProblem)).toEqual([
      expect.stringMatching(
        /^questions\/alpha\.yaml:\d+ \[alpha-choice\] explanation does not say why B \("Beta"\) is wrong/,
      ),
      expect.stringMatching(/\[alpha-choice\] explanation does not say why C \("Gamma"\) is wrong/),
    ]);
  });

  it('GIVEN broken YAML THEN the line is reported and loadBank throws a BankError', () => {
    writeFileSync(path.join(dir, 'beta.yaml'), 'topic: beta\nquestions:\n  - id: [unclosed\n');
    expect(problems()[0]).toMatch(/^questions\/beta\.yaml:\d+ YAML: /);
    expect(() => loadBank(dir)).toThrow(BankError);
  });
});

describe('the real bank', () => {
  it('GIVEN questions/ THEN it is valid, has at least 200 questions and 40 facts, and every required comparison', () => {
    const { bank, problems: found } = readBank(REAL_BANK);
    expect(found.map(formatProblem)).toEqual([]);
    expect(bank.questions.filter((q) => q.comparisonId === undefined).length).toBeGreaterThanOrEqual(200);
    expect(bank.facts.length).toBeGreaterThanOrEqual(40);
    for (const t of bank.topics) expect(bank.questions.some((q) => q.topic === t.id)).toBe(true);
    const ids = bank.comparisons.map((c) => c.id);
    for (const id of [
      'multi-az-vs-read-replicas',
      'redis-vs-memcached',
      'automated-backups-vs-snapshots',
      'rds-vs-aurora',
      'database-services',
      'dynamodb-capacity-modes',
      'dynamodb-read-consistency',
      'gsi-vs-lsi',
      'aurora-writer-models',
      'homogeneous-vs-heterogeneous',
      'dynamodb-table-classes',
      'rds-storage-types',
    ]) {
      expect(ids).toContain(id);
    }
  });
});
