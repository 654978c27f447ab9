// npm run bank:check: validates questions/ and prints every problem, a summary per topic, the
// guessability report and every wrong option an explanation leaves unanswered. Exits 1 on any
// problem, on a strategy that beats chance by more than 10 points, or on an unanswered option;
// `-- --report-only` prints the honesty part without failing on it; `-- --topic rds,aurora` limits
// the honesty part (report and findings) to those topics' questions.
import path from 'node:path';
import { analyseGuessability, formatGuessability } from '../src/bank/guessability.ts';
import { formatProblem, readBank } from '../src/bank/load.ts';
import type { Bank, QuestionKind } from '../src/domain/question.ts';

const args = process.argv.slice(2);
const reportOnly = args.includes('--report-only');
const topicArg = args.indexOf('--topic');
const topics = topicArg === -1 ? null : new Set((args[topicArg + 1] ?? '').split(','));
const dir = path.resolve(
  args.find((a, i) => !a.startsWith('--') && (topicArg === -1 || i !== topicArg + 1)) ??
    process.env.QUESTIONS_DIR ??
    'questions',
);
const reading = readBank(dir);
const { bank, problems } = reading;
const inScope = (topic: string) => topics === null || topics.has(topic);
const honesty = reading.honesty.filter((p) => inScope(path.basename(p.file, '.yaml')));
for (const p of problems) console.log(formatProblem(p));

function summary(b: Bank): string[] {
  const kinds: QuestionKind[] = ['choice', 'truefalse', 'text', 'flashcard'];
  const rows = b.topics.map((t) => {
    const qs = b.questions.filter((q) => q.topic === t.id);
    return [
      t.id,
      String(qs.length),
      ...kinds.map((k) => String(qs.filter((q) => q.kind === k && q.comparisonId === undefined).length)),
      String(qs.filter((q) => q.comparisonId !== undefined).length),
      String(b.facts.filter((f) => f.topic === t.id).length),
      String(b.comparisons.filter((c) => c.topic === t.id).length),
      String(qs.filter((q) => q.correctsNote).length),
    ];
  });
  const header = ['topic', 'questions', ...kinds, 'from tables', 'facts', 'comparisons', 'corrections'];
  const total = header.map((_, i) =>
    i === 0 ? 'total' : String(rows.reduce((s, r) => s + Number(r[i]), 0)),
  );
  const table = [header, ...rows, total];
  const widths = header.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length)));
  return table.map((r) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  '),
  );
}

console.log(['', ...summary(bank)].join('\n'));
const guess = analyseGuessability(bank.questions.filter((q) => inScope(q.topic)));
console.log(`\n${formatGuessability(guess)}`);
if (honesty.length > 0) {
  console.log(`\nWrong options the explanation does not answer (${honesty.length}):`);
  for (const p of honesty) console.log(`  ${formatProblem(p)}`);
}
for (const f of guess.failures) console.log(`\nGuessability: ${f}`);

const handWritten = bank.questions.filter((q) => q.comparisonId === undefined).length;
const honestyFailures = guess.failures.length + honesty.length;
const failed = problems.length > 0 || (!reportOnly && honestyFailures > 0);
console.log(
  `\n${problems.length === 0 ? 'OK' : `${problems.length} problem(s)`}: ${bank.questions.length} questions (${handWritten} written, ${bank.questions.length - handWritten} from comparison tables), ${bank.facts.length} facts, ${bank.comparisons.length} comparisons.` +
    (honestyFailures === 0
      ? ' Honest: no strategy beats chance by more than 10 points.'
      : ` ${honestyFailures} honesty finding(s)${reportOnly ? ' (report only)' : ''}.`),
);
process.exit(failed ? 1 : 0);
