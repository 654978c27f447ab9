/** The question bank's model: plain data, validated by src/bank before it reaches anything else. */

export type QuestionKind = 'choice' | 'truefalse' | 'text' | 'flashcard';

type QuestionBase = {
  id: string;
  topic: string;
  tags: string[];
  prompt: string;
  explanation: string;
  /** Note ids from the bank registry. */
  source: string[];
  docs: string | undefined;
  /** The cited note is outdated or wrong on this point; the explanation says what changed. */
  correctsNote: boolean;
  /** Set for questions generated from a comparison row. */
  comparisonId: string | undefined;
};

export type ChoiceQuestion = QuestionBase & {
  kind: 'choice';
  options: string[];
  /** Indexes of the correct options, ascending. */
  answer: number[];
  /** Indexes of options that keep their place when the options are shuffled. */
  pinned: number[];
};
export type TrueFalseQuestion = QuestionBase & { kind: 'truefalse'; answer: boolean };
export type TextQuestion = QuestionBase & {
  kind: 'text';
  /** Accepted answers; the first is the canonical one shown as the correct answer. */
  accept: string[];
};
export type FlashcardQuestion = QuestionBase & { kind: 'flashcard'; back: string };

export type Question = ChoiceQuestion | TrueFalseQuestion | TextQuestion | FlashcardQuestion;

export type Fact = {
  id: string;
  topic: string;
  service: string;
  title: string;
  text: string;
  source: string[];
  docs: string | undefined;
};

export type ComparisonRow = { key: string; dimension: string; cells: string[]; quiz: boolean };

export type Comparison = {
  id: string;
  topic: string;
  title: string;
  columns: string[];
  rows: ComparisonRow[];
  source: string[];
  docs: string | undefined;
};

/** A display name in English and, where the bank gives them, Korean and Vietnamese. */
export type LocalText = { en: string; ko?: string | undefined; vi?: string | undefined };

/** A topic: `title` is the English name (what members type); `titles` every language's. */
export type Topic = { id: string; title: string; service: string; titles: LocalText; domain: string };

/** An exam domain (a part of the certification's blueprint) and its weight in per cent. */
export type Domain = { id: string; title: string; titles: LocalText; weight: number };
export type Service = { id: string; name: string; aliases: string[] };
export type Note = { id: string; file: string; title: string };

export type Bank = {
  notes: Note[];
  domains: Domain[];
  topics: Topic[];
  services: Service[];
  questions: Question[];
  facts: Fact[];
  comparisons: Comparison[];
};

export const LETTERS = 'ABCDE';

export function letter(index: number): string {
  return LETTERS[index] ?? '?';
}

/**
 * The correct answer as a member should read it; choice options by the letter they were shown
 * at (`order[shownIndex] = fileIndex`).
 */
export function correctAnswerText(q: Question, order?: readonly number[]): string {
  switch (q.kind) {
    case 'choice': {
      const shown = q.answer.map((i) => ({
        at: order === undefined ? i : order.indexOf(i),
        text: q.options[i] ?? '',
      }));
      return shown
        .sort((a, b) => a.at - b.at)
        .map((x) => `${letter(x.at)}. ${x.text}`)
        .join('; ');
    }
    case 'truefalse':
      return q.answer ? 'True' : 'False';
    case 'text':
      return q.accept[0] ?? '';
    case 'flashcard':
      return q.back;
  }
}

export function isMultiSelect(q: Question): boolean {
  return q.kind === 'choice' && q.answer.length > 1;
}
