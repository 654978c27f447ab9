import type { Feedback, SessionSummary } from './types.ts';

/**
 * What a session keeps of its latest answer: the feedback a double click replays, the summary
 * when that answer ended the session, and the review its latest scheduled answer recorded. The
 * last is kept apart from the feedback because a re-ask answered afterwards records no review:
 * an undo must still find the session that took the review (its counters and its re-ask).
 */
export type LastAnswer = {
  feedback: Feedback;
  summary: SessionSummary | null;
  recordedReviewId: number | null;
};

export function encodeLastAnswer(answer: LastAnswer): string {
  return JSON.stringify(answer);
}

/** The stored latest answer; null when there is none or the text is not one. */
export function decodeLastAnswer(text: string | null): LastAnswer | null {
  if (text === null) return null;
  try {
    const parsed = JSON.parse(text) as Partial<LastAnswer> | null;
    if (typeof parsed?.feedback !== 'object' || parsed.feedback === null) return null;
    const feedback = parsed.feedback;
    // Rows written before recordedReviewId existed: the feedback's own review, if any.
    const recorded = parsed.recordedReviewId ?? feedback.reviewId;
    return {
      feedback,
      summary: parsed.summary ?? null,
      recordedReviewId: typeof recorded === 'number' ? recorded : null,
    };
  } catch {
    return null;
  }
}
