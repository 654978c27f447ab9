import type { ChoiceQuestion } from '../domain/question.ts';
import { isNumber, wordSet } from './words.ts';

/**
 * Does a choice question's explanation say why each wrong option is wrong? A distractor counts
 * as answered when the explanation names what sets it apart: every number in it (say what the
 * number really is) and at least one of its other key terms, where key terms are the
 * distractor's content words that the prompt and the right answer do not already use.
 */

export type UnansweredDistractor = { index: number; option: string; missing: string[] };

function mentioned(term: string, explanation: Set<string>, text: string): boolean {
  if (isNumber(term)) return text.includes(term);
  if (explanation.has(term)) return true;
  // Word families: "replica" answers "replication", "encrypt" answers "encrypted".
  const root = term.slice(0, Math.max(5, Math.ceil(term.length * 0.7)));
  for (const w of explanation) if (w.startsWith(root) || (w.length >= 5 && term.startsWith(w))) return true;
  return false;
}

export function unansweredDistractors(q: ChoiceQuestion): UnansweredDistractor[] {
  const explanationText = q.explanation.toLowerCase();
  const explanation = wordSet(q.explanation);
  const known = wordSet(q.prompt);
  for (const i of q.answer) for (const w of wordSet(q.options[i] ?? '')) known.add(w);
  const out: UnansweredDistractor[] = [];
  q.options.forEach((option, index) => {
    if (q.answer.includes(index)) return;
    const terms = [...wordSet(option)].filter((w) => !known.has(w));
    const numbers = terms.filter(isNumber);
    const others = terms.filter((w) => !isNumber(w));
    const missingNumbers = numbers.filter((n) => !mentioned(n, explanation, explanationText));
    const anyOther = others.length === 0 || others.some((w) => mentioned(w, explanation, explanationText));
    if (missingNumbers.length > 0 || !anyOther) {
      out.push({ index, option, missing: [...missingNumbers, ...(anyOther ? [] : others)] });
    }
  });
  return out;
}
