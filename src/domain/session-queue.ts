/**
 * A session's queue of questions, as stored: the current question first, re-asks appended.
 * Encoding and decoding are pure; a stored queue that does not decode is reported as null,
 * never half-read.
 */

export type QueueItem = { q: string; reask?: true };

export function encodeQueue(items: readonly QueueItem[]): string {
  return JSON.stringify(items.map((i) => (i.reask === true ? { q: i.q, reask: true } : { q: i.q })));
}

function isItem(x: unknown): x is QueueItem {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.q === 'string' && o.q !== '' && (o.reask === undefined || o.reask === true);
}

export function decodeQueue(text: string): QueueItem[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || !parsed.every(isItem)) return null;
  return parsed.map((i) => (i.reask === true ? { q: i.q, reask: true } : { q: i.q }));
}

/** The ids of the new cards a session introduced, stored beside the queue. */
export function encodeIds(ids: readonly string[]): string {
  return JSON.stringify(ids);
}

export function decodeIds(text: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) && parsed.every((x) => typeof x === 'string') ? parsed : null;
  } catch {
    return null;
  }
}
