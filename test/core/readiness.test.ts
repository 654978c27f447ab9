import { describe, expect, it } from 'vitest';
import { indexBank } from '../../src/core/context.ts';
import { abandonExam, answerExam, startExam, submitExam } from '../../src/core/exam/index.ts';
import { getReadiness } from '../../src/core/readiness.ts';
import { answerQuestion, startSession } from '../../src/core/study/index.ts';
import { syncBank } from '../../src/core/sync-bank.ts';
import { useCore } from '../support/core.ts';
import { questionOf, rightExamAnswer, wrongExamAnswer } from '../support/exam.ts';
import { answerAll, join, rightAnswer, wrongAnswer } from '../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
const DAY = 86_400_000;
const env = useCore(T0);

/** Takes a whole exam, answering right where `right(questionId)` says so; returns the exam id. */
async function takeExam(right: (topic: string) => boolean): Promise<number> {
  const { ctx } = env;
  let q = questionOf(await startExam(ctx, 'm1', { questions: 5 }));
  for (;;) {
    const answer = right(q.question.topic) ? rightExamAnswer(q) : wrongExamAnswer(q);
    const step = await answerExam(ctx, 'm1', q, answer, q.order);
    if (step.kind !== 'question') break;
    q = step.exam;
  }
  await submitExam(ctx, 'm1', q.examId);
  return q.examId;
}

/** Answers a whole session of one topic, every question right. */
async function studyTopic(topic: string): Promise<void> {
  const { ctx, clock } = env;
  const start = await startSession(ctx, 'm1', { topic });
  let q = start.kind === 'question' ? start.question : null;
  while (q !== null) {
    clock.advance(2_000);
    const r = await answerQuestion(ctx, {
      memberId: 'm1',
      sessionId: q.sessionId,
      step: q.step,
      answer: rightAnswer(q),
    });
    if (r.status !== 'recorded') throw new Error(`unexpected ${r.status}`);
    q = r.next;
  }
}

describe('readiness', () => {
  it('GIVEN no answers THEN every domain has no accuracy, nothing covered, readiness 0 and no exams', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    const r = await getReadiness(ctx, 'm1');
    expect(r.overall).toBe(0);
    expect(r.domains.map((d) => [d.id, d.weight, d.accuracy, d.seen])).toEqual([
      ['d-one', 60, null, 0],
      ['d-two', 40, null, 0],
    ]);
    expect(r.exams).toEqual([]);
  });

  it('GIVEN reviews and an exam THEN accuracy counts both per domain, coverage counts questions ever answered, and overall is their weighted product', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'm1');
    // Reviews: every alpha question wrong the first time, every beta question right.
    await answerAll(ctx, clock, 'm1', (p) =>
      p.question.topic === 'alpha' ? wrongAnswer(p) : rightAnswer(p),
    );
    await takeExam((topic) => topic === 'beta');
    const r = await getReadiness(ctx, 'm1');
    const reviews = await env.db.prisma.reviewLog.findMany({ include: { question: true } });
    const items = await env.db.prisma.examItem.findMany({ include: { question: true } });
    for (const [id, topic] of [
      ['d-one', 'alpha'],
      ['d-two', 'beta'],
    ] as const) {
      const answers = [
        ...reviews.filter((x) => x.question.topic === topic),
        ...items.filter((x) => x.question.topic === topic),
      ];
      const d = r.domains.find((x) => x.id === id);
      expect(d?.answered).toBe(answers.length);
      expect(d?.correct).toBe(answers.filter((a) => a.correct === true).length);
    }
    expect(r.domains.find((d) => d.id === 'd-two')?.accuracy).toBe(1);
    expect(r.domains.find((d) => d.id === 'd-one')?.accuracy).toBe(0);
    expect(r.domains.every((d) => d.seen === d.total)).toBe(true);
    // d-one: accuracy 0; d-two: accuracy 1, coverage 1: readiness is d-two's weight.
    expect(r.overall).toBeCloseTo(0.4, 10);
    expect(r.exams).toHaveLength(1);
    expect(r.answered).toBe(reviews.length + items.length);
  });

  it('GIVEN answers older than 30 days and an abandoned exam THEN neither counts for accuracy; coverage still remembers', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'm1');
    await answerAll(ctx, clock, 'm1');
    clock.advance(31 * DAY);
    const q = questionOf(await startExam(ctx, 'm1', { questions: 5 }));
    await answerExam(ctx, 'm1', q, rightExamAnswer(q), q.order);
    await abandonExam(ctx, 'm1', q.examId);
    const r = await getReadiness(ctx, 'm1');
    expect(r.answered).toBe(0);
    expect(r.domains.every((d) => d.accuracy === null && d.seen === d.total)).toBe(true);
    expect(r.overall).toBe(0);
    expect(r.exams).toEqual([]);
  });

  it('GIVEN six exams THEN the last five scores are listed, latest first', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'm1');
    for (let i = 0; i < 6; i++) {
      clock.advance(60_000);
      await takeExam((topic) => i % 2 === 0 || topic === 'alpha');
    }
    const r = await getReadiness(ctx, 'm1');
    expect(r.exams).toHaveLength(5);
    expect(r.exams.map((e) => e.examId)).toEqual([6, 5, 4, 3, 2]);
    expect(r.exams.map((e) => e.endedAt)).toEqual([...r.exams.map((e) => e.endedAt)].sort((a, b) => b - a));
    // Even exams were all right.
    expect(r.exams[1]?.correct).toBe(5);
  });

  it('GIVEN one domain practised THEN the other has no accuracy, no coverage and adds nothing to overall; each domain carries its own titles', async () => {
    const { ctx } = env;
    await join(ctx, 'm1');
    await studyTopic('alpha');
    const r = await getReadiness(ctx, 'm1');
    const [one, two] = r.domains;
    expect(r.domains.map((d) => [d.id, d.title])).toEqual([
      ['d-one', { en: 'Domain one' }],
      ['d-two', { en: 'Domain two' }],
    ]);
    expect(one).toMatchObject({ accuracy: 1, answered: r.answered });
    expect(one?.seen).toBeGreaterThan(0);
    expect(two).toMatchObject({ answered: 0, correct: 0, accuracy: null, seen: 0, coverage: 0, total: 2 });
    expect(r.overall).toBeCloseTo(0.6 * (one?.coverage ?? Number.NaN), 10);
  });

  it('GIVEN answers to a topic since removed from the bank THEN they count for no domain', async () => {
    const { ctx, clock } = env;
    await join(ctx, 'm1');
    await answerAll(ctx, clock, 'm1');
    const base = ctx.bank;
    const bank = indexBank({
      ...base,
      domains: base.domains.filter((d) => d.id === 'd-one').map((d) => ({ ...d, weight: 100 })),
      topics: base.topics.filter((t) => t.id === 'alpha'),
      questions: base.questions.filter((q) => q.topic === 'alpha'),
      facts: base.facts.filter((f) => f.topic === 'alpha'),
    });
    await syncBank(env.db.store, bank.questions, new Date(clock.now));
    const reviews = await env.db.prisma.reviewLog.findMany({ include: { question: true } });
    const alpha = reviews.filter((x) => x.question.topic === 'alpha').length;
    expect(alpha).toBeLessThan(reviews.length);
    const r = await getReadiness({ ...ctx, bank }, 'm1');
    expect(r.domains.map((d) => [d.id, d.answered, d.accuracy, d.seen, d.total])).toEqual([
      ['d-one', alpha, 1, bank.questions.length, bank.questions.length],
    ]);
    expect(r.answered).toBe(alpha);
  });

  it('GIVEN reviews and exam answers exactly 30 days old THEN they count; a millisecond older they do not', async () => {
    const { ctx, clock, db } = env;
    await join(ctx, 'm1');
    await answerAll(ctx, clock, 'm1');
    clock.advance(DAY);
    await takeExam(() => true);
    const reviews = (await db.prisma.reviewLog.findMany()).map((x) => x.answeredAt.getTime());
    const items = (await db.prisma.examItem.findMany()).map((x) => x.answeredAt?.getTime() ?? Number.NaN);
    const firstReview = Math.min(...reviews);
    const firstItem = Math.min(...items);
    const answeredAt = async (now: number) => {
      clock.now = now;
      return (await getReadiness(ctx, 'm1')).answered;
    };
    expect(await answeredAt(firstReview + 30 * DAY)).toBe(reviews.length + items.length);
    expect(await answeredAt(firstReview + 30 * DAY + 1)).toBe(reviews.length - 1 + items.length);
    const sameMoment = items.filter((t) => t === firstItem).length;
    expect(await answeredAt(firstItem + 30 * DAY)).toBe(items.length);
    expect(await answeredAt(firstItem + 30 * DAY + 1)).toBe(items.length - sameMoment);
  });
});
