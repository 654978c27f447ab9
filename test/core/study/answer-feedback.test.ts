import { describe, expect, it } from 'vitest';
import {
  answerQuestion,
  type Feedback,
  type PresentedQuestion,
  startSession,
} from '../../../src/core/study/index.ts';
import type { Answer } from '../../../src/domain/grading.ts';
import { useCore } from '../../support/core.ts';
import { eachProvider } from '../../support/providers.ts';
import { answerAll, join, rightAnswer } from '../../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z'); // a Monday
const TOMORROW = Date.parse('2026-03-03T04:00:00Z'); // the next study day starts at 04:00
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  async function start(options: Parameters<typeof startSession>[2] = {}): Promise<PresentedQuestion> {
    const s = await startSession(env.ctx, 'm1', options);
    if (s.kind !== 'question') throw new Error(`expected a question, got ${s.kind}`);
    return s.question;
  }

  async function answer(q: PresentedQuestion, a: Answer, afterMs = 2_000) {
    env.clock.advance(afterMs);
    const r = await answerQuestion(env.ctx, {
      memberId: 'm1',
      sessionId: q.sessionId,
      step: q.step,
      answer: a,
    });
    if (r.status !== 'recorded') throw new Error(`unexpected ${r.status}`);
    return r;
  }

  /** Answers the session: each question's first time with `pick`, re-asks right; the first feedback of each. */
  async function answerSession(first: PresentedQuestion, pick: (p: PresentedQuestion) => Answer) {
    const feedback = new Map<string, Feedback>();
    let q: PresentedQuestion | null = first;
    while (q !== null) {
      const r = await answer(q, q.reask ? rightAnswer(q) : pick(q));
      if (!q.reask) feedback.set(q.question.id, r.feedback);
      q = r.next;
    }
    return feedback;
  }

  async function logOf(questionId: string) {
    return env.db.prisma.reviewLog.findFirstOrThrow({ where: { memberId: 'm1', questionId } });
  }

  describe('the feedback of a scheduled answer', () => {
    it('GIVEN a right answer 3 s after the question was shown THEN it is quick (grade 5): the answer as shown, the explanation, the schedule, the review and 10 points plus the first streak day’s 2', async () => {
      await join(env.ctx, 'm1');
      const q = await start({ topic: 'alpha' });
      expect(q.question.id).toBe('alpha-choice');
      const r = await answer(q, rightAnswer(q), 3_000);
      const log = await logOf('alpha-choice');
      expect(r.feedback).toEqual({
        questionId: 'alpha-choice',
        correct: true,
        partly: false,
        grade: 5,
        quick: true,
        correctAnswer: `${'ABC'[q.order.indexOf(0)]}. Alpha`,
        explanation: 'Alpha comes first; Beta and Gamma come later.',
        docs: undefined,
        correctsNote: false,
        schedule: { intervalDays: 1, dueAt: TOMORROW, dueDay: '2026-03-03' },
        reaskLater: false,
        reviewId: log.id,
        canMarkGuessed: true,
        points: 12,
      });
      expect(log).toMatchObject({ answer: 'A', grade: 5, correct: true, responseMs: 3_000 });
    });

    it('GIVEN a right answer slower than the quick threshold THEN grade 4, not quick, 8 points and no second streak bonus; the log keeps the response time', async () => {
      await join(env.ctx, 'm1');
      const first = await start({ topic: 'alpha' });
      const r1 = await answer(first, rightAnswer(first));
      const q = r1.next;
      if (q === null) throw new Error('expected a second question');
      const r = await answer(q, rightAnswer(q), 60_000);
      expect(r.feedback).toMatchObject({
        correct: true,
        grade: 4,
        quick: false,
        points: 8,
        canMarkGuessed: true,
      });
      expect(await logOf(q.question.id)).toMatchObject({ grade: 4, correct: true, responseMs: 60_000 });
    });

    it('GIVEN each kind of question THEN the log keeps the answer in file terms (choice letters sorted, once each; true/false; the text typed; the self-grade) and only right objective answers may be marked guessed', async () => {
      await join(env.ctx, 'm1');
      const first = await start({ topic: 'alpha' });
      const feedback = await answerSession(first, (p) => {
        switch (p.question.id) {
          case 'alpha-multi': // E, A and E again as shown: the right options A and C in the file
            return { kind: 'choice', picks: [p.order.indexOf(2), p.order.indexOf(0), p.order.indexOf(2)] };
          case 'alpha-tf':
            return { kind: 'truefalse', value: false };
          case 'alpha-text':
            return { kind: 'text', text: ' memcached ' };
          case 'alpha-card':
            return { kind: 'flashcard', grade: 5 };
          default:
            return rightAnswer(p);
        }
      });
      expect((await logOf('alpha-multi')).answer).toBe('A,C');
      expect((await logOf('alpha-tf')).answer).toBe('false');
      expect((await logOf('alpha-text')).answer).toBe(' memcached ');
      expect((await logOf('alpha-card')).answer).toBe('self-graded 5');
      expect(feedback.get('alpha-multi')).toMatchObject({ correct: true, canMarkGuessed: true, points: 10 });
      expect(feedback.get('alpha-tf')).toMatchObject({
        correct: false,
        canMarkGuessed: false,
        points: 1,
        reaskLater: true,
        correctAnswer: 'True',
      });
      expect(feedback.get('alpha-text')).toMatchObject({
        correct: true,
        canMarkGuessed: true,
        correctAnswer: 'Memcached',
      });
      // A right flashcard is the member's own grade: nothing to mark as guessed.
      expect(feedback.get('alpha-card')).toMatchObject({
        correct: true,
        quick: false,
        canMarkGuessed: false,
        points: 10,
        correctAnswer: 'Six, across three AZs.',
      });
    });

    it('GIVEN a free-text answer longer than 500 characters THEN the log keeps its first 500', async () => {
      await join(env.ctx, 'm1');
      const typed = `${'a'.repeat(499)}bc${'d'.repeat(200)}`;
      await answerSession(await start({ topic: 'alpha' }), (p) =>
        p.question.kind === 'text' ? { kind: 'text', text: typed } : rightAnswer(p),
      );
      expect((await logOf('alpha-text')).answer).toBe(typed.slice(0, 500));
    });

    it('GIVEN a flashcard self-graded 3 (right, with difficulty) in a review THEN SM-2 asks it again before the session ends', async () => {
      await join(env.ctx, 'm1');
      const feedback = await answerSession(await start({ topic: 'alpha' }), (p) =>
        p.question.kind === 'flashcard' ? { kind: 'flashcard', grade: 3 } : rightAnswer(p),
      );
      expect(feedback.get('alpha-card')).toMatchObject({ correct: true, grade: 3, reaskLater: true });
    });
  });

  describe('answers that do not move the schedule', () => {
    it('GIVEN practice ahead of schedule THEN right answers get their feedback but no schedule, review, points or "I guessed", and nothing is logged or moved', async () => {
      const { ctx, clock, db } = env;
      await join(ctx, 'm1');
      await answerAll(ctx, clock, 'm1');
      clock.now = T0 + 3_600_000;
      const logs = await db.prisma.reviewLog.count();
      const cards = await db.prisma.card.findMany({ orderBy: { id: 'asc' } });
      const q = await start({ mode: 'practice' });
      const r = await answer(q, rightAnswer(q));
      expect(r.feedback).toMatchObject({
        correct: true,
        schedule: null,
        reviewId: null,
        canMarkGuessed: false,
        points: 0,
        reaskLater: false,
      });
      expect(await db.prisma.reviewLog.count()).toBe(logs);
      expect(await db.prisma.card.findMany({ orderBy: { id: 'asc' } })).toEqual(cards);
    });

    it('GIVEN a weak flashcard drilled and self-graded 3 THEN a drill takes it as right: not asked again, and the drill ends with its summary', async () => {
      const { ctx, clock } = env;
      await join(ctx, 'm1');
      await answerAll(ctx, clock, 'm1', (p) =>
        p.question.kind === 'flashcard' ? { kind: 'flashcard', grade: 1 } : rightAnswer(p),
      );
      const q = await start({ mode: 'drill' });
      expect(q.question.id).toBe('alpha-card');
      const r = await answer(q, { kind: 'flashcard', grade: 3 });
      expect(r.feedback).toMatchObject({
        correct: true,
        grade: 3,
        reaskLater: false,
        schedule: null,
        points: 0,
      });
      expect(r.next).toBeNull();
      expect(r.summary).toEqual({ answered: 1, correct: 1, mode: 'drill' });
    });
  });
});
