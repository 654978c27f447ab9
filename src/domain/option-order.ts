/**
 * The order in which a choice question's options are shown. Drawn afresh for every
 * presentation from a seed that is stored with it (a session step), never from process state,
 * so a button clicked hours later, after a restart, maps the letter it showed back to the option
 * in the file. Pinned options ("All of the above", ordered ranges) keep their place; the others
 * are shuffled uniformly among the remaining places.
 */

/** 32-bit FNV-1a of a string: a stable seed from ids. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: a small, well-mixed 32-bit PRNG; enough for shuffling five options. */
export function random32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * The display order: `order[displayIndex] = fileIndex`. Pinned file indexes stay at their own
 * display index; the rest are a Fisher-Yates shuffle of the free places.
 */
export function optionOrder(count: number, pinned: readonly number[], seed: number): number[] {
  const fixed = new Set(pinned.filter((i) => i >= 0 && i < count));
  const free = Array.from({ length: count }, (_, i) => i).filter((i) => !fixed.has(i));
  const shuffled = [...free];
  const next = random32(seed);
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j] as number, shuffled[i] as number];
  }
  const order = Array.from({ length: count }, (_, i) => i);
  free.forEach((place, k) => {
    order[place] = shuffled[k] as number;
  });
  return order;
}

/** The seed of one presentation: a session's own seed mixed with the step it is shown at. */
export function presentationSeed(sessionSeed: number, step: number): number {
  return hashString(`${sessionSeed >>> 0}:${step}`);
}

/** The identity order, for questions shown in file order (not a choice question). */
export function identityOrder(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

/** Whether `order` is a permutation of 0..count-1 (a stored or carried order can be checked). */
export function isOrder(order: readonly number[], count: number): boolean {
  if (order.length !== count) return false;
  const seen = new Set(order);
  return seen.size === count && order.every((i) => Number.isInteger(i) && i >= 0 && i < count);
}
