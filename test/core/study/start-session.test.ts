import { describe, expect, it } from 'vitest';
import { updateSettings } from '../../../src/core/settings.ts';
import { startSession } from '../../../src/core/study/index.ts';
import { useCore } from '../../support/core.ts';
import { eachProvider } from '../../support/providers.ts';
import { answerAll, join } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  describe('starting a session', () => {
    it('GIVEN a new member WHEN they start THEN new cards up to the session size come in curriculum order', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      const start = await startSession(ctx, 'm1');
      expect(start.kind).toBe('question');
      if (start.kind !== 'question') return;
      expect(start.newCount).toBe(ctx.bank.questions.length);
      expect(start.question.isNew).toBe(true);
      // Curriculum order interleaves topics (1st of each topic, then 2nd...), written before generated.
      const { asked } = await answerAll(ctx, clock, 'm1');
      expect(asked).toEqual([
        'alpha-choice',
        'beta-one',
        'alpha-multi',
        'beta-two',
        'alpha-tf',
        'alpha-text',
        'alpha-card',
        'a-vs-b.speed.1',
        'a-vs-b.speed.2',
        'a-vs-b.speed.3',
      ]);
    });

    it('GIVEN a daily limit of 2 new cards THEN a session offers 2 and then says nothing is due, offering more', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await updateSettings(ctx, 'm1', { newPerDay: 2 });
      const { answered, after } = await answerAll(ctx, clock, 'm1');
      expect(answered).toBe(2);
      expect(after).toMatchObject({ kind: 'nothing-due', newLeftToday: 0 });
      if (after.kind === 'nothing-due') expect(after.unseen).toBe(ctx.bank.questions.length - 2);
    });

    it('GIVEN a topic filter THEN only that topic is asked, and an unknown topic is refused with the list', async () => {
      const { ctx } = env;
      await join(ctx, 'm1');
      const s = await startSession(ctx, 'm1', { topic: 'beta' });
      if (s.kind !== 'question') throw new Error();
      expect(s.question.question.topic).toBe('beta');
      await expect(startSession(ctx, 'm1', { topic: 'gamma' })).rejects.toMatchObject({
        code: 'unknown-topic',
        suggestions: ['alpha', 'beta'],
      });
    });

    it('GIVEN an open practice session WHEN the member asks for a review THEN a review session starts instead of resuming practice', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await answerAll(ctx, clock, 'm1');
      clock.now = T0 + 3_600_000;
      const practice = await startSession(ctx, 'm1', { mode: 'practice' });
      expect(practice.kind).toBe('question');
      const review = await startSession(ctx, 'm1');
      expect(review.kind).toBe('nothing-due');
    });
  });
});
