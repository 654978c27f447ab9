/**
 * Which cards a weak-spot drill practises: the member's recent wrong answers (reviews and exam
 * answers in the last 30 days), then the cards lapsed most, then the lowest easiness. Pure.
 */

export const WEAK_WINDOW_DAYS = 30;

export type WeakEvidence = {
  questionId: string;
  /** Wrong answers in the window, reviews and exams together. */
  recentWrong: number;
  lapses: number;
  /** SM-2 easiness; 2.5 for a card never answered below 4, and for an exam-only question. */
  easiness: number;
};

const START_EASINESS = 2.5;

/** How weak the evidence says a card is; 0 for a card with nothing against it. */
export function weakness(e: WeakEvidence): number {
  return 3 * e.recentWrong + 2 * e.lapses + 2 * Math.max(0, START_EASINESS - e.easiness);
}

/** The `take` weakest questions, weakest first; cards with nothing against them are left out. */
export function weakest(evidence: readonly WeakEvidence[], take: number): string[] {
  return evidence
    .map((e) => ({ id: e.questionId, score: weakness(e) }))
    .filter((e) => e.score > 1e-9)
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, take)
    .map((e) => e.id);
}
