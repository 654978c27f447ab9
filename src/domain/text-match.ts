import { distance } from 'fastest-levenshtein';

/**
 * Forgiving matching of typed answers: case, accents, punctuation, articles and spacing never
 * matter, small typos are tolerated in proportion to the answer's length, but numbers must be
 * exact ("35 days" never matches "36 days").
 */

const ARTICLES = new Set(['a', 'an', 'the']);

export function normalizeAnswer(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter((word) => word !== '' && !ARTICLES.has(word))
    .join(' ');
}

/** Typos tolerated for an answer of this many characters. */
export function allowedTypos(length: number): number {
  if (length <= 4) return 0;
  if (length <= 8) return 1;
  return 2;
}

function digits(text: string): string {
  return (text.match(/\d+/g) ?? []).join(' ');
}

function matchesOne(given: string, accepted: string): boolean {
  if (given === accepted) return true;
  if (given.replaceAll(' ', '') === accepted.replaceAll(' ', '')) return true;
  if (digits(given) !== digits(accepted)) return false;
  return distance(given, accepted) <= allowedTypos(accepted.length);
}

export function matchesAnswer(given: string, accepted: readonly string[]): boolean {
  const g = normalizeAnswer(given);
  if (g === '') return false;
  return accepted.some((a) => matchesOne(g, normalizeAnswer(a)));
}
