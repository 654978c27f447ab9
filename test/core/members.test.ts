import { describe, expect, it } from 'vitest';
import { forgetMember } from '../../src/core/members.ts';
import { useCore } from '../support/core.ts';
import { eachProvider } from '../support/providers.ts';
import { answerAll, join } from '../support/study.ts';

eachProvider((provider) => {
  const env = useCore(Date.parse('2026-03-02T10:00:00Z'), {}, provider);

  describe('forget-me', () => {
    it('GIVEN a member with history WHEN they ask to be forgotten THEN nothing of theirs remains', async () => {
      const { ctx, clock, db } = env;
      await join(ctx, 'm1');
      await answerAll(ctx, clock, 'm1');
      await forgetMember(ctx, 'm1');
      const p = db.prisma;
      const counts = await Promise.all([
        p.member.count(),
        p.card.count(),
        p.reviewLog.count(),
        p.dailyStat.count(),
        p.studySession.count(),
        p.membership.count(),
      ]);
      expect(counts).toEqual([0, 0, 0, 0, 0, 0]);
    });
  });
});
