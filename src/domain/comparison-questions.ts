import { hashString } from './option-order.ts';
import type { Comparison, ComparisonRow, Question } from './question.ts';

/**
 * Quiz questions generated from comparison tables. Only rows marked for the quiz whose cells are
 * all different take part. Ids are `<comparison>.<row>.<column number>`, stable as long as the
 * row key and the column order are.
 *
 * - Two options (A vs B): a bare "is this A or B?" is a coin flip, so each cell becomes "which
 *   of these is true of A, not of B?" with the cell as the answer and up to three of B's cells
 *   from other rows as distractors: four options, each a "dimension: cell" statement.
 * - Three or four options: "which one is <cell>?" with the options as the choices.
 */

const DISTRACTORS = 3;

function eligible(row: ComparisonRow): boolean {
  const distinct = new Set(row.cells.map((x) => x.trim().toLowerCase()));
  return row.quiz && distinct.size === row.cells.length;
}

function statement(row: ComparisonRow, column: number): string {
  return `${row.dimension}: ${row.cells[column] ?? ''}`;
}

function describeRow(c: Comparison, row: ComparisonRow): string {
  return `${row.dimension} — ${c.columns.map((col, i) => `${col}: ${row.cells[i] ?? ''}`).join('; ')}.`;
}

function base(c: Comparison, row: ComparisonRow, column: number) {
  return {
    id: `${c.id}.${row.key}.${column + 1}`,
    topic: c.topic,
    tags: ['comparison', c.id],
    source: c.source,
    docs: c.docs,
    correctsNote: false,
    comparisonId: c.id,
  };
}

/** A choice across rows: one of `target`'s cells against the other option's cells elsewhere. */
function acrossRows(c: Comparison, row: ComparisonRow, target: number, rows: ComparisonRow[]): Question {
  const other = 1 - target;
  const key = `${c.id}.${row.key}.${target}`;
  const picked = rows
    .filter((r) => r !== row)
    .map((r) => ({ r, rank: hashString(`${key}|${r.key}`) }))
    .sort((a, b) => a.rank - b.rank)
    .slice(0, DISTRACTORS)
    .map((x) => x.r);
  // The file order is irrelevant to members (options are shuffled when shown), but a spread
  // answer position keeps the file itself free of a favourite letter.
  const at = hashString(key) % (picked.length + 1);
  const optionRows = [...picked.slice(0, at), row, ...picked.slice(at)];
  const targetName = c.columns[target] ?? '';
  const otherName = c.columns[other] ?? '';
  return {
    ...base(c, row, target),
    kind: 'choice',
    prompt: `${c.title}: which of these is true of ${targetName}, not of ${otherName}?`,
    options: optionRows.map((r) => statement(r, r === row ? target : other)),
    answer: [at],
    pinned: [],
    explanation: [
      `${statement(row, target)} is ${targetName}; the others describe ${otherName}.`,
      ...optionRows.map((r) => describeRow(c, r)),
    ].join(' '),
  };
}

/** "Which one is <cell>?" with the comparison's options as the choices. */
function whichColumn(c: Comparison, row: ComparisonRow, index: number): Question {
  return {
    ...base(c, row, index),
    kind: 'choice',
    prompt: `${c.title} — ${row.dimension}: which one is "${row.cells[index] ?? ''}"?`,
    options: [...c.columns],
    answer: [index],
    pinned: [],
    explanation: describeRow(c, row),
  };
}

export function comparisonQuestions(c: Comparison): Question[] {
  const rows = c.rows.filter(eligible);
  const out: Question[] = [];
  for (const row of rows) {
    row.cells.forEach((_, index) => {
      if (c.columns.length === 2) {
        // Fewer than two other rows would leave a coin flip again: such tables stay look-ups.
        if (rows.length >= 3) out.push(acrossRows(c, row, index, rows));
      } else {
        out.push(whichColumn(c, row, index));
      }
    });
  }
  return out;
}
