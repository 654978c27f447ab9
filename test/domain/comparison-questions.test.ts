import { describe, expect, it } from 'vitest';
import { comparisonQuestions } from '../../src/domain/comparison-questions.ts';
import type { ChoiceQuestion, Comparison } from '../../src/domain/question.ts';

const base = { topic: 't', source: ['n'], docs: undefined };
const row = (key: string, dimension: string, cells: string[], quiz = true) => ({
  key,
  dimension,
  cells,
  quiz,
});

const twoWay: Comparison = {
  ...base,
  id: 'gsi-vs-lsi',
  title: 'GSI vs LSI',
  columns: ['GSI', 'LSI'],
  rows: [
    row('pk', 'Partition key', ['Any attribute', 'Same as the table']),
    row('when', 'Created', ['Any time', 'At table creation only']),
    row('reads', 'Consistency', ['Eventual only', 'Eventual or strong']),
    row('size', 'Size limit', ['None per key', '10 GB per key value']),
    row('same', 'Billing', ['Same', 'Same']),
    row('skip', 'Throughput', ['Its own', 'The table'], false),
  ],
};

describe('questions generated from comparisons', () => {
  it('GIVEN two options THEN each cell asks which statement is true of one option, with the other option’s cells from other rows as distractors', () => {
    const qs = comparisonQuestions(twoWay) as ChoiceQuestion[];
    expect(qs.map((q) => q.id)).toEqual([
      'gsi-vs-lsi.pk.1',
      'gsi-vs-lsi.pk.2',
      'gsi-vs-lsi.when.1',
      'gsi-vs-lsi.when.2',
      'gsi-vs-lsi.reads.1',
      'gsi-vs-lsi.reads.2',
      'gsi-vs-lsi.size.1',
      'gsi-vs-lsi.size.2',
    ]);
    const q = qs[0] as ChoiceQuestion;
    expect(q.prompt).toBe('GSI vs LSI: which of these is true of GSI, not of LSI?');
    expect(q.options).toHaveLength(4);
    expect(q.answer).toHaveLength(1);
    expect(q.options[q.answer[0] as number]).toBe('Partition key: Any attribute');
    // Every distractor is an LSI cell of another row, never the GSI one.
    const distractors = q.options.filter((_, i) => i !== q.answer[0]);
    expect(distractors.sort()).toEqual(
      [
        'Created: At table creation only',
        'Consistency: Eventual or strong',
        'Size limit: 10 GB per key value',
      ].sort(),
    );
    // The explanation covers every option's row with both sides.
    for (const d of ['Created', 'Consistency', 'Size limit', 'Partition key'])
      expect(q.explanation).toContain(d);
  });

  it('GIVEN the same table twice THEN the same questions come out (ids and content are stable)', () => {
    expect(comparisonQuestions(twoWay)).toEqual(comparisonQuestions(twoWay));
  });

  it('GIVEN a two-option table with fewer than three quiz rows THEN it generates nothing (no coin flips)', () => {
    const small = { ...twoWay, rows: twoWay.rows.slice(0, 2) };
    expect(comparisonQuestions(small)).toEqual([]);
  });

  it('GIVEN three options THEN each cell asks which option it describes', () => {
    const three: Comparison = {
      ...base,
      id: 'abc',
      title: 'A, B, C',
      columns: ['A', 'B', 'C'],
      rows: [row('speed', 'Speed', ['Fast', 'Slow', 'Medium'])],
    };
    const qs = comparisonQuestions(three) as ChoiceQuestion[];
    expect(qs.map((q) => [q.id, q.answer[0]])).toEqual([
      ['abc.speed.1', 0],
      ['abc.speed.2', 1],
      ['abc.speed.3', 2],
    ]);
    expect(qs[2]?.prompt).toBe('A, B, C — Speed: which one is "Medium"?');
    expect(qs[2]?.options).toEqual(['A', 'B', 'C']);
  });

  it('GIVEN the second option THEN the question asks what is true of it, with the first option’s cells as distractors, and says so in the explanation', () => {
    const q = (comparisonQuestions(twoWay) as ChoiceQuestion[]).find((x) => x.id === 'gsi-vs-lsi.when.2');
    expect(q?.prompt).toBe('GSI vs LSI: which of these is true of LSI, not of GSI?');
    expect(q?.options[q.answer[0] as number]).toBe('Created: At table creation only');
    expect(q?.options.filter((_, i) => i !== q.answer[0]).sort()).toEqual(
      ['Consistency: Eventual only', 'Partition key: Any attribute', 'Size limit: None per key'].sort(),
    );
    expect(
      q?.explanation.startsWith('Created: At table creation only is LSI; the others describe GSI. '),
    ).toBe(true);
    expect(q?.explanation).toContain('Created — GSI: Any time; LSI: At table creation only.');
  });

  it('GIVEN a generated question THEN it carries its table: topic, sources, docs, tags and comparison id, and corrects no note', () => {
    const docs = 'https://docs.aws.amazon.com/x';
    const [q] = comparisonQuestions({ ...twoWay, docs, topic: 'dynamodb', source: ['note-1', 'note-2'] });
    expect(q).toMatchObject({
      topic: 'dynamodb',
      source: ['note-1', 'note-2'],
      docs,
      tags: ['comparison', 'gsi-vs-lsi'],
      comparisonId: 'gsi-vs-lsi',
      correctsNote: false,
      kind: 'choice',
      pinned: [],
    });
  });

  it('GIVEN cells equal but for case or spaces THEN the row is left out of the quiz (its answer would be ambiguous)', () => {
    const ids = comparisonQuestions({
      ...twoWay,
      rows: [...twoWay.rows.slice(0, 4), row('case', 'Case', ['On demand', ' on DEMAND '])],
    }).map((q) => q.id);
    expect(ids.some((id) => id.startsWith('gsi-vs-lsi.case.'))).toBe(false);
    expect(ids).toHaveLength(8);
  });

  it('GIVEN exactly three quiz rows THEN each cell is asked, with the two other rows as distractors', () => {
    const qs = comparisonQuestions({ ...twoWay, rows: twoWay.rows.slice(0, 3) }) as ChoiceQuestion[];
    expect(qs).toHaveLength(6);
    for (const q of qs) expect(q.options).toHaveLength(3);
  });

  it('GIVEN many rows THEN three distractors at most, and the right answer is not always in the same place in the file', () => {
    const many: Comparison = {
      ...twoWay,
      rows: Array.from({ length: 12 }, (_, i) => row(`r${i}`, `Dimension ${i}`, [`Left ${i}`, `Right ${i}`])),
    };
    const qs = comparisonQuestions(many) as ChoiceQuestion[];
    expect(qs).toHaveLength(24);
    for (const q of qs) {
      expect(q.options).toHaveLength(4);
      expect(new Set(q.options).size).toBe(4);
      expect(q.answer[0]).toBeGreaterThanOrEqual(0);
      expect(q.answer[0]).toBeLessThan(4);
    }
    expect(new Set(qs.map((q) => q.answer[0])).size).toBeGreaterThanOrEqual(3);
  });

  it('GIVEN four options THEN the explanation describes the whole row', () => {
    const four: Comparison = {
      ...base,
      id: 'abcd',
      title: 'Four',
      columns: ['A', 'B', 'C', 'D'],
      rows: [row('speed', 'Speed', ['Fast', 'Slow', 'Medium', 'Still'])],
    };
    const [q] = comparisonQuestions(four) as ChoiceQuestion[];
    expect(q?.explanation).toBe('Speed — A: Fast; B: Slow; C: Medium; D: Still.');
    expect(q?.id).toBe('abcd.speed.1');
  });
});
