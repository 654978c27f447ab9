/**
 * Leeches: cards a member keeps forgetting. As in Anki, a card becomes a leech when it lapses
 * for the threshold-th time (8 by default; 0 turns leeches off), and again every half threshold
 * further lapses (8, 12, 16...), so a card unsuspended and still forgotten comes back to the
 * member's attention instead of eating their reviews. Pure: no clock, no I/O.
 */

export const DEFAULT_LEECH_THRESHOLD = 8;
export const MAX_LEECH_THRESHOLD = 99;

/** Whether a card that has just lapsed for the `lapses`-th time is suspended as a leech. */
export function isLeech(lapses: number, threshold: number): boolean {
  if (threshold <= 0 || lapses < threshold) return false;
  const every = Math.max(1, Math.floor(threshold / 2));
  return (lapses - threshold) % every === 0;
}
