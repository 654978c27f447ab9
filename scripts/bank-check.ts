// npm run bank:check: validates questions/ and prints every problem, then a summary.
import path from 'node:path';
import { formatProblem, readBank } from '../src/bank/load.ts';
import type { QuestionKind } from '../src/domain/question.ts';

const dir = path.resolve(process.argv[2] ?? process.env.QUESTIONS_DIR ?? 'questions');
const { bank, problems } = readBank(dir);
for (const p of problems) console.log(formatProblem(p));

const kinds: QuestionKind[] = ['choice', 'truefalse', 'text', 'flashcard'];
const rows = bank.topics.map((t) => {
  const qs = bank.questions.filter((q) => q.topic === t.id);
  return [
    t.id,
    String(qs.length),
    ...kinds.map((k) => String(qs.filter((q) => q.kind === k && q.comparisonId === undefined).length)),
    String(qs.filter((q) => q.comparisonId !== undefined).length),
    String(bank.facts.filter((f) => f.topic === t.id).length),
    String(bank.comparisons.filter((c) => c.topic === t.id).length),
    String(qs.filter((q) => q.correctsNote).length),
  ];
});
const header = ['topic', 'questions', ...kinds, 'from tables', 'facts', 'comparisons', 'corrections'];
const total = header.map((_, i) => (i === 0 ? 'total' : String(rows.reduce((s, r) => s + Number(r[i]), 0))));
const table = [header, ...rows, total];
const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
console.log('');
for (const r of table)
  console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '));
const handWritten = bank.questions.filter((q) => q.comparisonId === undefined).length;
console.log(
  `\n${problems.length === 0 ? 'OK' : `${problems.length} problem(s)`}: ${bank.questions.length} questions (${handWritten} written, ${bank.questions.length - handWritten} from comparison tables), ${bank.facts.length} facts, ${bank.comparisons.length} comparisons.`,
);
process.exit(problems.length === 0 ? 0 : 1);
