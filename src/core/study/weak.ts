import { WEAK_WINDOW_DAYS, type WeakEvidence, weakest } from '../../domain/weak.ts';
import type { CoreContext } from '../context.ts';

const DAY_MS = 86_400_000;

/**
 * The member's weakest questions for a drill, weakest first: wrong answers of the last 30 days
 * (reviews and exams), lapses and low easiness (src/domain/weak.ts). Exam misses count even for
 * questions the member never reviewed. Optionally one topic only.
 */
export async function weakQuestionIds(
  ctx: CoreContext,
  memberId: string,
  topic: string | undefined,
  take: number,
): Promise<string[]> {
  const since = new Date(ctx.clock() - WEAK_WINDOW_DAYS * DAY_MS);
  const { read } = ctx.store;
  const [cards, misses] = await Promise.all([
    read.evidence.cards(memberId, since),
    read.evidence.missesSince(memberId, since),
  ]);
  const byId = new Map<string, WeakEvidence>(cards.map((c) => [c.questionId, { ...c }]));
  for (const m of misses) {
    const e = byId.get(m.questionId) ?? {
      questionId: m.questionId,
      recentWrong: 0,
      lapses: 0,
      easiness: 2.5,
    };
    byId.set(m.questionId, { ...e, recentWrong: e.recentWrong + m.misses });
  }
  const live = [...byId.values()].filter((e) => {
    const q = ctx.bank.question(e.questionId);
    return q !== undefined && (topic === undefined || q.topic === topic);
  });
  return weakest(live, take);
}
