import { describe, expect, it } from 'vitest';
import type { ServiceFacts } from '../../src/core/lookup.ts';
import type { PresentedQuestion } from '../../src/core/study.ts';
import {
  factId,
  modalId,
  parseCustomId,
  type QuestionAction,
  questionId,
  startId,
} from '../../src/discord/custom-id.ts';
import { compareView, factsView, questionView, TABLE_WIDTH } from '../../src/discord/views.ts';
import type { Comparison, Fact, Question } from '../../src/domain/question.ts';
import { buttonsOf } from './harness.ts';

describe('custom ids', () => {
  const big = 2_147_483_647;
  const actions: QuestionAction[] = [
    { kind: 'pick', index: 4 },
    { kind: 'toggle', mask: 31, index: 4 },
    { kind: 'submit', mask: 31 },
    { kind: 'truefalse', value: false },
    { kind: 'text' },
    { kind: 'reveal' },
    { kind: 'grade', grade: 0 },
    { kind: 'next' },
  ];

  it('GIVEN every button the bot makes WHEN its id is parsed back THEN the same state comes out, under 100 characters', () => {
    for (const action of actions) {
      const id = questionId(big, 99_999, action);
      expect(id.length).toBeLessThan(100);
      expect(parseCustomId(id)).toEqual({ kind: 'question', sessionId: big, step: 99_999, action });
    }
    expect(parseCustomId(modalId(7, 3))).toEqual({ kind: 'modal', sessionId: 7, step: 3 });
    expect(parseCustomId(startId('practice', 'dms-sct', true))).toEqual({
      kind: 'start',
      mode: 'practice',
      topic: 'dms-sct',
      update: true,
    });
    expect(parseCustomId(startId('extra-new', undefined, false))).toEqual({
      kind: 'start',
      mode: 'extra-new',
      topic: undefined,
      update: false,
    });
    expect(parseCustomId(factId('vm-import-export', 'security-networking', 12))).toEqual({
      kind: 'fact',
      service: 'vm-import-export',
      topic: 'security-networking',
      page: 12,
    });
  });

  it('GIVEN ids that are not ours or were tampered with WHEN parsed THEN null, never an exception', () => {
    for (const id of [
      '',
      'q',
      'q:1:2',
      'q:1:2:pick:9',
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
    ]) {
      expect(parseCustomId(id), id).toBeNull();
    }
  });
});

function presented(question: Question): PresentedQuestion {
  return {
    sessionId: 12,
    step: 3,
    position: 4,
    total: 10,
    mode: 'review',
    reask: false,
    isNew: true,
    question,
    topicTitle: 'Topic',
  };
}

const base = {
  id: 'q',
  topic: 't',
  tags: [],
  explanation: 'because',
  source: [],
  docs: undefined,
  correctsNote: false,
  comparisonId: undefined,
};

describe('question views', () => {
  it('GIVEN a multi-select question WHEN picks are toggled THEN the toggles carry the mask and Submit counts them', () => {
    const q: Question = {
      ...base,
      kind: 'choice',
      prompt: 'Pick',
      options: ['a', 'b', 'c', 'd'],
      answer: [0, 2],
      pinned: [],
    };
    const none = questionView(presented(q));
    expect(buttonsOf(none).map((b) => [b.label, b.disabled])).toEqual([
      ['☐ A', false],
      ['☐ B', false],
      ['☐ C', false],
      ['☐ D', false],
      ['Submit', true],
    ]);
    const two = questionView(presented(q), { mask: 0b0101 });
    expect(buttonsOf(two).map((b) => b.label)).toEqual(['☑ A', '☐ B', '☑ C', '☐ D', 'Submit (2 selected)']);
    expect(buttonsOf(two).map((b) => b.customId)).toEqual([
      'q:12:3:tog:5:0',
      'q:12:3:tog:5:1',
      'q:12:3:tog:5:2',
      'q:12:3:tog:5:3',
      'q:12:3:sub:5',
    ]);
  });
});

describe('look-up views', () => {
  it('GIVEN a comparison too wide for a phone-friendly table WHEN shown THEN each row becomes an embed field', () => {
    const c: Comparison = {
      id: 'wide',
      topic: 't',
      title: 'Four ways',
      columns: ['Alpha option', 'Beta option', 'Gamma option', 'Delta option'],
      rows: [
        {
          key: 'k',
          dimension: 'Latency',
          cells: ['Low single-digit ms', 'Microseconds', 'Seconds', 'Minutes'],
          quiz: true,
        },
        { key: 'm', dimension: 'Cost', cells: ['High', 'Medium', 'Low', 'Lowest of them all'], quiz: true },
      ],
      source: [],
      docs: 'https://docs.aws.amazon.com/x',
    };
    const embed = compareView(c).embeds[0];
    expect(embed?.description).toBeUndefined();
    expect(embed?.fields?.map((f) => f.name)).toEqual(['Latency', 'Cost']);
    expect(embed?.fields?.[0]?.value).toBe(
      '**Alpha option:** Low single-digit ms\n**Beta option:** Microseconds\n**Gamma option:** Seconds\n**Delta option:** Minutes',
    );
    expect(embed?.url).toBe('https://docs.aws.amazon.com/x');
  });

  it('GIVEN a two-column comparison WHEN shown THEN it is a code block no wider than the table width', () => {
    const c: Comparison = {
      id: 'two',
      topic: 't',
      title: 'Two',
      columns: ['Left', 'Right'],
      rows: [{ key: 'a', dimension: 'Thing', cells: ['word '.repeat(30), 'other '.repeat(20)], quiz: true }],
      source: [],
      docs: undefined,
    };
    const description = compareView(c).embeds[0]?.description ?? '';
    expect(description.startsWith('```\n')).toBe(true);
    const widest = Math.max(...description.split('\n').map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(TABLE_WIDTH);
  });

  it('GIVEN more facts than fit one embed WHEN shown THEN they are paged with buttons that carry the page', () => {
    const facts: Fact[] = Array.from({ length: 30 }, (_, i) => ({
      id: `f${i}`,
      topic: i < 15 ? 'one' : 'two',
      service: 'svc',
      title: `Fact ${i}`,
      text: 'x'.repeat(300),
      source: [],
      docs: undefined,
    }));
    const result: ServiceFacts = {
      service: { id: 'svc', name: 'Service', aliases: [] },
      topic: undefined,
      facts,
    };
    const first = factsView(result, 0, () => undefined);
    const description = first.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(first.embeds[0]?.footer?.text).toMatch(/^Page 1 of \d$/);
    const [prev, next] = buttonsOf(first);
    expect(prev).toMatchObject({ label: '◀ Previous', disabled: true });
    expect(next).toMatchObject({ label: 'Next ▶', customId: 'fact:svc::1', disabled: false });
    const pages = Number(/of (\d)/.exec(first.embeds[0]?.footer?.text ?? '')?.[1]);
    const seen = new Set<string>();
    for (let p = 0; p < pages; p++) {
      const text = factsView(result, p, () => undefined).embeds[0]?.description ?? '';
      for (const m of text.matchAll(/\*\*(Fact \d+)\*\*/g)) seen.add(m[1] ?? '');
    }
    expect(seen.size).toBe(30);
  });
});
