import { describe, expect, it } from 'vitest';
import { decodeLastAnswer, encodeLastAnswer } from '../../../src/core/study/last-answer.ts';
import type { Feedback } from '../../../src/core/study/types.ts';

const feedback = { questionId: 'q1', correct: true, reviewId: 7 } as unknown as Feedback;

describe("a session's latest answer as stored", () => {
  it('GIVEN an encoded answer THEN it decodes to the same feedback, summary and recorded review', () => {
    const last = {
      feedback,
      summary: { answered: 3, correct: 2, mode: 'review' as const },
      recordedReviewId: 5,
    };
    expect(decodeLastAnswer(encodeLastAnswer(last))).toEqual(last);
  });

  it('GIVEN a row written before the recorded review was kept THEN the feedback’s own review stands for it', () => {
    expect(decodeLastAnswer(JSON.stringify({ feedback, summary: null }))).toEqual({
      feedback,
      summary: null,
      recordedReviewId: 7,
    });
    const reask = { ...feedback, reviewId: null };
    expect(decodeLastAnswer(JSON.stringify({ feedback: reask }))?.recordedReviewId).toBeNull();
  });

  it('GIVEN nothing stored, text that is not JSON, or JSON without feedback THEN there is no latest answer', () => {
    expect(decodeLastAnswer(null)).toBeNull();
    expect(decodeLastAnswer('{not json')).toBeNull();
    expect(decodeLastAnswer('null')).toBeNull();
    expect(decodeLastAnswer(JSON.stringify({ summary: null }))).toBeNull();
    expect(decodeLastAnswer(JSON.stringify({ feedback: null }))).toBeNull();
    expect(decodeLastAnswer(JSON.stringify({ feedback: 'right', summary: null }))).toBeNull();
  });

  it('GIVEN a recorded review that is not a number THEN none is taken for it', () => {
    const stored = { feedback: { ...feedback, reviewId: null }, summary: null, recordedReviewId: '7' };
    expect(decodeLastAnswer(JSON.stringify(stored))?.recordedReviewId).toBeNull();
  });
});
