import type { z } from 'zod';
import { LETTERS, type Question } from '../domain/question.ts';
import { normalizeAnswer } from '../domain/text-match.ts';
import type { Scope } from './entries.ts';
import { unansweredDistractors } from './explanations.ts';
import { type ChoiceSchema, QuestionSchema } from './schema.ts';
import { idOf, type ParsedFile, type Reporter } from './yaml-file.ts';

type RawChoice = z.output<typeof ChoiceSchema>;

/** Letters -> sorted, distinct option indexes; a problem (and null) for a letter past the options. */
function indexes(f: ParsedFile, at: PropertyKey[], x: RawChoice, field: 'answer' | 'pin', report: Reporter) {
  const given = field === 'answer' ? (Array.isArray(x.answer) ? x.answer : [x.answer]) : x.pin;
  const outside = given.filter((l) => LETTERS.indexOf(l) >= x.options.length);
  if (outside.length > 0) {
    const range = `A-${LETTERS[x.options.length - 1]}`;
    report.add(
      f,
      [...at, field],
      x.id,
      `${field}: ${outside.join(', ')} is not among the options (${range})`,
    );
    return null;
  }
  return [...new Set(given.map((l) => LETTERS.indexOf(l)))].sort((a, b) => a - b);
}

/** Two options that read the same once case, punctuation and articles are ignored. */
function checkTwins(f: ParsedFile, at: PropertyKey[], x: RawChoice, report: Reporter): void {
  const normalised = x.options.map((o) => normalizeAnswer(o));
  normalised.forEach((o, i) => {
    const first = normalised.indexOf(o);
    if (first !== i) {
      report.add(
        f,
        [...at, 'options', i],
        x.id,
        `options: ${LETTERS[i]} is the same as ${LETTERS[first]} (ignoring case, punctuation and articles)`,
      );
    }
  });
}

/**
 * Hand-written questions. `honesty` collects what makes a question answerable without knowing
 * AWS (here: a wrong option its explanation does not address); bank:check fails on those.
 */
export function readQuestions(
  f: ParsedFile,
  topic: string,
  raws: unknown[],
  scope: Scope,
  honesty: Reporter,
): Question[] {
  const out: Question[] = [];
  raws.forEach((raw, i) => {
    const at = ['questions', i];
    const parsed = QuestionSchema.safeParse(raw);
    if (!parsed.success) {
      scope.report.zod(f, at, idOf(raw), parsed.error);
      return;
    }
    const x = parsed.data;
    if (!scope.claim(f, at, 'question', x.id)) return;
    scope.checkSources(f, at, x.id, x.source, x.docs);
    if (x.corrects_note && x.docs === undefined) {
      scope.report.add(
        f,
        at,
        x.id,
        'docs: a question that corrects a note must link the AWS documentation page',
      );
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
    if (x.kind !== 'choice') {
      if (x.kind === 'truefalse') out.push({ ...base, kind: 'truefalse', answer: x.answer });
      else if (x.kind === 'text') out.push({ ...base, kind: 'text', accept: x.accept });
      else out.push({ ...base, kind: 'flashcard', back: x.back });
      return;
    }
    const answer = indexes(f, at, x, 'answer', scope.report);
    const pinned = indexes(f, at, x, 'pin', scope.report);
    checkTwins(f, at, x, scope.report);
    if (answer === null || pinned === null) return;
    const question = { ...base, kind: 'choice' as const, options: x.options, answer, pinned };
    for (const d of unansweredDistractors(question)) {
      honesty.add(
        f,
        [...at, 'options', d.index],
        x.id,
        `explanation does not say why ${LETTERS[d.index]} ("${d.option}") is wrong (missing: ${d.missing.join(', ')})`,
      );
    }
    out.push(question);
  });
  return out;
}
