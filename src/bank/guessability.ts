import { type ChoiceQuestion, LETTERS, type Question, type TrueFalseQuestion } from '../domain/question.ts';
import { wordSet } from './words.ts';

/**
 * How far a test-wise student gets without knowing AWS: simple strategies scored against the
 * bank, each next to what blind chance gives. Options are scored as members see them (shuffled
 * at every presentation, pinned options in place), so a fixed letter can only win through pins.
 */

export const MAX_EXCESS = 0.1;
export const TRUE_SHARE = { min: 0.4, max: 0.6 } as const;

export type StrategyScore = { name: string; score: number; chance: number };
export type GroupReport = { group: string; questions: number; strategies: StrategyScore[] };
export type Offender = { id: string; tell: string; severity: number };
export type GuessabilityReport = {
  groups: GroupReport[];
  /** Share of single-answer questions whose answer sits at each letter in the file, and as shown. */
  letters: { file: number[]; shown: number[] };
  trueShare: number | null;
  offenders: Offender[];
  /** Thresholds broken, one line each; empty when the bank passes. */
  failures: string[];
};

const ABSOLUTE =
  /\b(always|never|only|all|none|every|must|cannot|can't|no longer|any|impossible|guaranteed)\b/i;

const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length);

/** Expected score of picking uniformly among the options with the best `value`. */
function bestOf(q: ChoiceQuestion, value: (option: string, index: number) => number, correct: number[]) {
  const values = q.options.map(value);
  const top = Math.max(...values);
  const picks = values.flatMap((v, i) => (v === top ? [i] : []));
  return picks.filter((i) => correct.includes(i)).length / picks.length;
}

const length = (o: string) => o.trim().length;
function overlap(q: ChoiceQuestion): (option: string) => number {
  const prompt = wordSet(q.prompt);
  return (option) => [...wordSet(option)].filter((w) => prompt.has(w)).length;
}

/** Probability that the (single) correct option is shown at each letter. */
function shownLetterShares(q: ChoiceQuestion): number[] {
  const shares = q.options.map(() => 0);
  const answer = q.answer[0] ?? 0;
  if (q.pinned.includes(answer)) shares[answer] = 1;
  else {
    const free = q.options.map((_, i) => i).filter((i) => !q.pinned.includes(i));
    for (const i of free) shares[i] = 1 / free.length;
  }
  return shares;
}

function singleAnswer(qs: ChoiceQuestion[], group: string): GroupReport {
  const chance = mean(qs.map((q) => 1 / q.options.length));
  const letterScores = [...LETTERS].map((_, l) => mean(qs.map((q) => shownLetterShares(q)[l] ?? 0)));
  const bestLetter = letterScores.indexOf(Math.max(...letterScores));
  return {
    group,
    questions: qs.length,
    strategies: [
      { name: 'longest option', score: mean(qs.map((q) => bestOf(q, length, q.answer))), chance },
      { name: 'shortest option', score: mean(qs.map((q) => bestOf(q, (o) => -length(o), q.answer))), chance },
      {
        name: 'most words shared with the prompt',
        score: mean(qs.map((q) => bestOf(q, overlap(q), q.answer))),
        chance,
      },
      {
        name: `always letter ${LETTERS[bestLetter]} (as shown)`,
        score: letterScores[bestLetter] ?? 0,
        chance,
      },
    ],
  };
}

function multiAnswer(qs: ChoiceQuestion[]): GroupReport {
  // Against the share of options that are correct: how often the tell points at a right one.
  const chance = mean(qs.map((q) => q.answer.length / q.options.length));
  return {
    group: 'choice, several answers',
    questions: qs.length,
    strategies: [
      {
        name: 'longest option is a right one',
        score: mean(qs.map((q) => bestOf(q, length, q.answer))),
        chance,
      },
      {
        name: 'shortest option is a right one',
        score: mean(qs.map((q) => bestOf(q, (o) => -length(o), q.answer))),
        chance,
      },
      {
        name: 'most words shared with the prompt is a right one',
        score: mean(qs.map((q) => bestOf(q, overlap(q), q.answer))),
        chance,
      },
    ],
  };
}

function trueFalse(qs: TrueFalseQuestion[]): GroupReport {
  const share = mean(qs.map((q) => (q.answer ? 1 : 0)));
  const absolute = mean(qs.map((q) => ((ABSOLUTE.test(q.prompt) ? !q.answer : q.answer) ? 1 : 0)));
  return {
    group: 'true/false',
    questions: qs.length,
    strategies: [
      { name: 'always true', score: share, chance: 0.5 },
      { name: 'always false', score: 1 - share, chance: 0.5 },
      { name: 'absolute word (always, never, only...) means false', score: absolute, chance: 0.5 },
    ],
  };
}

function offenders(choices: ChoiceQuestion[], tfs: TrueFalseQuestion[]): Offender[] {
  const out: Offender[] = [];
  for (const q of choices) {
    const lengths = q.options.map(length);
    const correctLongest = Math.max(...q.answer.map((i) => lengths[i] ?? 0));
    const otherLongest = Math.max(...lengths.filter((_, i) => !q.answer.includes(i)));
    if (correctLongest > otherLongest * 1.2) {
      out.push({
        id: q.id,
        tell: `right answer is ${Math.round((correctLongest / otherLongest - 1) * 100)}% longer than any other`,
        severity: correctLongest / otherLongest,
      });
    }
    const shared = q.options.map(overlap(q));
    const correctShared = Math.max(...q.answer.map((i) => shared[i] ?? 0));
    const otherShared = Math.max(...shared.filter((_, i) => !q.answer.includes(i)));
    if (correctShared >= otherShared + 2) {
      out.push({
        id: q.id,
        tell: `right answer repeats ${correctShared} of the prompt's words (others at most ${otherShared})`,
        severity: 1 + (correctShared - otherShared) / 4,
      });
    }
  }
  for (const q of tfs) {
    const m = ABSOLUTE.exec(q.prompt);
    if (m !== null && !q.answer) out.push({ id: q.id, tell: `false, and says "${m[0]}"`, severity: 1.1 });
  }
  return out.sort((a, b) => b.severity - a.severity || a.id.localeCompare(b.id));
}

export function analyseGuessability(questions: readonly Question[]): GuessabilityReport {
  const choices = questions.filter((q): q is ChoiceQuestion => q.kind === 'choice');
  const single = choices.filter((q) => q.answer.length === 1);
  const multi = choices.filter((q) => q.answer.length > 1);
  const tfs = questions.filter((q): q is TrueFalseQuestion => q.kind === 'truefalse');
  const groups = [
    singleAnswer(single, 'choice, one answer'),
    singleAnswer(
      single.filter((q) => q.comparisonId === undefined),
      '  of which written',
    ),
    singleAnswer(
      single.filter((q) => q.comparisonId !== undefined),
      '  of which from tables',
    ),
    multiAnswer(multi),
    trueFalse(tfs),
  ].filter((g) => g.questions > 0);
  const fileLetters = [...LETTERS].map((_, l) => mean(single.map((q) => (q.answer[0] === l ? 1 : 0))));
  const shownLetters = [...LETTERS].map((_, l) => mean(single.map((q) => shownLetterShares(q)[l] ?? 0)));
  const trueShare = tfs.length === 0 ? null : mean(tfs.map((q) => (q.answer ? 1 : 0)));
  const failures: string[] = [];
  for (const g of groups) {
    // Sub-groups are shown for orientation; the thresholds hold for each kind as a whole.
    if (g.group.startsWith(' ')) continue;
    for (const s of g.strategies) {
      if (s.score - s.chance > MAX_EXCESS + 1e-9) {
        failures.push(
          `${g.group}: "${s.name}" scores ${pct(s.score)} against ${pct(s.chance)} by chance (at most +${pct(MAX_EXCESS)} allowed)`,
        );
      }
    }
  }
  if (trueShare !== null && (trueShare < TRUE_SHARE.min || trueShare > TRUE_SHARE.max)) {
    failures.push(
      `true/false: ${pct(trueShare)} of the statements are true (${pct(TRUE_SHARE.min)}-${pct(TRUE_SHARE.max)} wanted)`,
    );
  }
  return {
    groups,
    letters: { file: fileLetters, shown: shownLetters },
    trueShare,
    offenders: offenders(choices, tfs),
    failures,
  };
}

export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** The report as the text bank:check prints. */
export function formatGuessability(r: GuessabilityReport, worst = 10): string {
  const lines = ['Guessability (a test-wise student who knows no AWS):'];
  for (const g of r.groups) {
    lines.push(`  ${g.group} (${g.questions})`);
    for (const s of g.strategies) {
      const excess = Math.round((s.score - s.chance) * 100);
      lines.push(
        `    ${s.name.padEnd(52)} ${pct(s.score).padStart(4)}  chance ${pct(s.chance).padStart(4)}  ${excess >= 0 ? '+' : ''}${excess} pts`,
      );
    }
  }
  const letters = (xs: number[]) => xs.map((x, i) => `${LETTERS[i]} ${pct(x)}`).join(' · ');
  lines.push(`  right letter, single answer: in the file ${letters(r.letters.file)}`);
  lines.push(`                               as shown    ${letters(r.letters.shown)}`);
  if (r.trueShare !== null) lines.push(`  true/false statements that are true: ${pct(r.trueShare)}`);
  if (r.offenders.length > 0) {
    lines.push(`  worst offenders (${r.offenders.length} in all):`);
    for (const o of r.offenders.slice(0, worst)) lines.push(`    ${o.id}: ${o.tell}`);
  }
  return lines.join('\n');
}
