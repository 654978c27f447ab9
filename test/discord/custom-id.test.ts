import { describe, expect, it } from 'vitest';
import { type CustomId, encodeId, parseCustomId } from '../../src/discord/custom-id.ts';

describe('custom ids', () => {
  const big = 2_147_483_647;
  const at = { sessionId: big, step: 99_999 };
  const ids: CustomId[] = [
    { kind: 'pick', ...at, index: 4, order: [4, 2, 0, 1, 3] },
    { kind: 'toggle', ...at, mask: 31, index: 4, order: [0, 1, 2, 3, 4] },
    { kind: 'submit', ...at, mask: 31, order: [3, 4, 2, 1, 0] },
    { kind: 'truefalse', ...at, value: false },
    { kind: 'text', ...at },
    { kind: 'reveal', ...at },
    { kind: 'grade', ...at, grade: 0 },
    { kind: 'next', ...at },
    { kind: 'modal', sessionId: 7, step: 3 },
    { kind: 'guess', reviewId: big },
    { kind: 'start', mode: 'practice', topic: 'dms-sct', update: true },
    { kind: 'start', mode: 'extra-new', topic: undefined, update: false },
    { kind: 'fact', service: 'vm-import-export', topic: 'security-networking', page: 12 },
    { kind: 'forget', confirm: true },
    { kind: 'start', mode: 'drill', topic: 'aurora', update: false },
    { kind: 'examPick', examId: big, position: 64, index: 3, order: [3, 1, 0, 2] },
    { kind: 'examToggle', examId: big, position: 0, mask: 31, index: 4, order: [4, 3, 2, 1, 0] },
    { kind: 'examSave', examId: big, position: 12, mask: 5, order: [0, 1, 2] },
    { kind: 'examTf', examId: 1, position: 2, value: true },
    { kind: 'examGo', examId: 1, position: 2, target: 64 },
    { kind: 'examFlag', examId: 1, position: 2, flagged: false },
    { kind: 'examReview', examId: big },
    { kind: 'examSubmit', examId: big },
    { kind: 'examDrill', examId: big },
    { kind: 'examResume', examId: big },
    { kind: 'examResult', examId: big, page: 22 },
    { kind: 'examAbandon', examId: big, questions: 65, minutes: 180 },
    { kind: 'undo', reviewId: big },
    { kind: 'leech', questionId: 'question-id-of-forty-characters-long-xx', update: true },
    { kind: 'leech', questionId: 'alpha-choice', update: false },
  ];

  it('GIVEN every button the bot makes WHEN its id is parsed back THEN the same state comes out, under 100 characters', () => {
    for (const id of ids) {
      const text = encodeId(id);
      expect(text.length).toBeLessThan(100);
      expect(parseCustomId(text)).toEqual(id);
    }
    expect(encodeId({ kind: 'pick', sessionId: 12, step: 3, index: 2, order: [2, 0, 3, 1] })).toBe(
      'q:12:3:pick:2:2031',
    );
    expect(encodeId({ kind: 'modal', sessionId: 7, step: 3 })).toBe('qm:7:3');
  });

  it('GIVEN ids that are not ours or were tampered with WHEN parsed THEN null, never an exception', () => {
    for (const id of [
      '',
      'q',
      'q:1:2',
      'q:1:2:pick:9',
      'q:1:2:pick:0:0012',
      'q:1:2:pick:4:2031',
      'q:1:2:pick:1:2031:x',
      'q:1:2:sub:16:2031',
      'q:1:2:tog:1:2:7',
      'q:01:2:next',
      'q:1:2:tog:32:1',
      'q:1:2:grade:6',
      'q:-1:2:next',
      'q:1:2:next:extra',
      'start:z::u',
      'start:r:UPPER:u',
      'fact::x:1',
      'forget:maybe',
      'guess:abc',
      'x:1',
      'x:1:submit:now',
      'x:1:2:pick:9:2031',
      'x:1:2:pick:1',
      'x:1:2:sub:8:012',
      'x:1:2:flag:2',
      'x:1:2:go:-1',
      'x:1:res:x',
      'x:1:abandon:5',
      'x:a:review',
      'x:1:2:explode',
      'undo:',
      'undo:1:2',
      'undo:-1',
      'leech:alpha-choice',
      'leech:Alpha:u',
      'leech::u',
      'leech:alpha-choice:x',
    ]) {
      expect(parseCustomId(id), id).toBeNull();
    }
  });

  it('GIVEN a choice button from before options were shuffled (no order) WHEN parsed THEN it is a legacy id, never an answer', () => {
    expect(parseCustomId('q:7:3:pick:1')).toEqual({ kind: 'legacy', sessionId: 7, step: 3 });
    expect(parseCustomId('q:7:3:tog:5:1')).toEqual({ kind: 'legacy', sessionId: 7, step: 3 });
    expect(parseCustomId('q:7:3:sub:5')).toEqual({ kind: 'legacy', sessionId: 7, step: 3 });
  });
});
