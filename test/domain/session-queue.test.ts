import { describe, expect, it } from 'vitest';
import { decodeIds, decodeQueue, encodeIds, encodeQueue } from '../../src/domain/session-queue.ts';

describe('the stored session queue', () => {
  it('GIVEN a queue with re-asks THEN it round-trips, and only re-asks carry the flag', () => {
    const queue = [{ q: 'a' }, { q: 'b', reask: true as const }, { q: 'c' }];
    const text = encodeQueue(queue);
    expect(text).toBe('[{"q":"a"},{"q":"b","reask":true},{"q":"c"}]');
    expect(decodeQueue(text)).toEqual(queue);
    expect(encodeQueue([])).toBe('[]');
    expect(decodeQueue('[]')).toEqual([]);
  });

  it('GIVEN items with extra fields THEN only the question and the re-ask flag are kept', () => {
    expect(decodeQueue('[{"q":"a","x":1},{"q":"b","reask":true,"y":2}]')).toEqual([
      { q: 'a' },
      { q: 'b', reask: true },
    ]);
    expect(encodeQueue([{ q: 'a', extra: 1 } as { q: string }])).toBe('[{"q":"a"}]');
  });

  it.each([
    ['not JSON', 'nope'],
    ['not a list', '{"q":"a"}'],
    ['an item that is not an object', '["a"]'],
    ['a null item', '[null]'],
    ['an item without a question', '[{"reask":true}]'],
    ['an empty question id', '[{"q":""}]'],
    ['a question id that is not text', '[{"q":7}]'],
    ['a re-ask flag that is not true', '[{"q":"a","reask":false}]'],
    ['one bad item among good ones', '[{"q":"a"},{"q":""}]'],
  ])('GIVEN %s THEN the queue does not decode', (_, text) => {
    expect(decodeQueue(text)).toBeNull();
  });
});

describe('the stored ids of new cards', () => {
  it('GIVEN ids THEN they round-trip', () => {
    expect(encodeIds(['a', 'b'])).toBe('["a","b"]');
    expect(decodeIds(encodeIds(['a', 'b']))).toEqual(['a', 'b']);
    expect(decodeIds('[]')).toEqual([]);
  });

  it.each([
    ['not JSON', 'nope'],
    ['not a list', '"a"'],
    ['a list with a number', '["a",1]'],
  ])('GIVEN %s THEN the ids do not decode', (_, text) => {
    expect(decodeIds(text)).toBeNull();
  });
});
