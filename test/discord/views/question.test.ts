import { describe, expect, it } from 'vitest';
import type { PresentedQuestion } from '../../../src/core/study/index.ts';
import { questionView } from '../../../src/discord/views/question.ts';
import type { Question } from '../../../src/domain/question.ts';
import { translator } from '../../../src/i18n/index.ts';
import { buttonsOf } from '../harness.ts';

const t = translator('en');

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
    topicTitle: { en: 'Topic' },
    order: question.kind === 'choice' ? question.options.map((_, i) => i) : [],
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
    const none = questionView(t, presented(q));
    expect(buttonsOf(none).map((b) => [b.label, b.disabled])).toEqual([
      ['☐ A', false],
      ['☐ B', false],
      ['☐ C', false],
      ['☐ D', false],
      ['Submit', true],
    ]);
    const two = questionView(t, presented(q), { mask: 0b0101 });
    expect(buttonsOf(two).map((b) => b.label)).toEqual(['☑ A', '☐ B', '☑ C', '☐ D', 'Submit (2 selected)']);
    expect(buttonsOf(two).map((b) => b.customId)).toEqual([
      'q:12:3:tog:5:0:0123',
      'q:12:3:tog:5:1:0123',
      'q:12:3:tog:5:2:0123',
      'q:12:3:tog:5:3:0123',
      'q:12:3:sub:5:0123',
    ]);
  });
});
