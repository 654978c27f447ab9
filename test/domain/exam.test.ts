import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.ts';
import { allocate, drawExam, type ExamCandidate, PASS_MARK, scoreExam } from '../../src/domain/exam.ts';

const BLUEPRINT = [
  { id: 'design', weight: 26 },
  { id: 'deployment', weight: 20 },
  { id: 'management', weight: 18 },
  { id: 'monitoring', weight: 18 },
  { id: 'security', weight: 18 },
];
const plenty = new Map(BLUEPRINT.map((d) => [d.id, 1000]));

describe('exam domain allocation', () => {
  it('GIVEN the blueprint and 65 questions THEN the counts add up to 65 and follow the weights by largest remainder', () => {
    const counts = allocate(BLUEPRINT, plenty, 65);
    // 65 x 26% = 16.9, 65 x 20% = 13, 65 x 18% = 11.7 (x3): floors 16+13+11+11+11 = 62, the three
    // largest remainders (.9, .7, .7) get one more, the tie between the .7s broken by weight then id.
    expect(Object.fromEntries(counts)).toEqual({
      design: 17,
      deployment: 13,
      management: 12,
      monitoring: 12,
      security: 11,
    });
  });

  it('GIVEN a domain with fewer questions than its share THEN it gives all it has and the others share the rest by weight', () => {
    const available = new Map([...plenty, ['security', 2]]);
    const counts = allocate(BLUEPRINT, available, 30);
    expect(counts.get('security')).toBe(2);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(30);
    expect(counts.get('design')).toBeGreaterThan(counts.get('deployment') ?? 0);
  });

  it('GIVEN fewer questions in the bank than asked THEN every question is drawn once and no more', () => {
    const available = new Map(BLUEPRINT.map((d) => [d.id, 1]));
    expect([...allocate(BLUEPRINT, available, 30).values()]).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('drawing an exam', () => {
  const bank = loadBank(path.resolve(import.meta.dirname, '../../questions'));
  const domainOf = new Map(bank.topics.map((t) => [t.id, t.domain]));
  const candidates: ExamCandidate[] = bank.questions
    .filter((q) => q.kind === 'choice' || q.kind === 'truefalse')
    .map((q) => ({ id: q.id, topic: q.topic, domain: domainOf.get(q.topic) ?? '' }));

  it('GIVEN the real bank and 1,000 exams of 65 THEN each domain’s share of the questions is within 3 points of its weight', () => {
    const perDomain = new Map<string, number>();
    const topicOf = new Map(candidates.map((c) => [c.id, c]));
    let total = 0;
    for (let seed = 1; seed <= 1000; seed++) {
      for (const id of drawExam(candidates, bank.domains, 65, seed)) {
        const d = topicOf.get(id)?.domain ?? '?';
        perDomain.set(d, (perDomain.get(d) ?? 0) + 1);
        total++;
      }
    }
    expect(total).toBe(65_000);
    for (const d of bank.domains) {
      const share = ((perDomain.get(d.id) ?? 0) / total) * 100;
      expect(Math.abs(share - d.weight), `${d.id}: ${share.toFixed(1)}% vs ${d.weight}%`).toBeLessThanOrEqual(
        3,
      );
    }
  });

  it('GIVEN one seed THEN the same exam is drawn, with no question twice, spread over the domain’s topics', () => {
    const a = drawExam(candidates, bank.domains, 65, 42);
    expect(drawExam(candidates, bank.domains, 65, 42)).toEqual(a);
    expect(new Set(a).size).toBe(65);
    const design = candidates.filter((c) => a.includes(c.id) && c.domain === 'design');
    // 17 design questions over its 8 topics: every topic at least twice before any gets a fourth.
    const perTopic = new Map<string, number>();
    for (const c of design) perTopic.set(c.topic, (perTopic.get(c.topic) ?? 0) + 1);
    expect(Math.max(...perTopic.values()) - Math.min(...perTopic.values())).toBeLessThanOrEqual(1);
    expect(drawExam(candidates, bank.domains, 65, 43)).not.toEqual(a);
  });
});

describe('scoring an exam', () => {
  const item = (topic: string, domain: string, correct: boolean | null) => ({
    questionId: `${topic}-${Math.random()}`,
    topic,
    domain,
    correct,
  });

  it('GIVEN right, wrong and unanswered answers THEN unanswered count as wrong and domains and topics come weakest first', () => {
    const s = scoreExam([
      item('rds', 'design', true),
      item('rds', 'design', true),
      item('aurora', 'design', false),
      item('kms', 'security', null),
      item('kms', 'security', true),
      item('cw', 'monitoring', true),
    ]);
    expect(s).toMatchObject({ correct: 4, total: 6, unanswered: 1, passed: false });
    expect(s.ratio).toBeCloseTo(4 / 6);
    expect(s.domains.map((d) => [d.id, d.correct, d.total])).toEqual([
      ['security', 1, 2],
      ['design', 2, 3],
      ['monitoring', 1, 1],
    ]);
    expect(s.topics.map((t) => t.id)).toEqual(['aurora', 'kms', 'rds', 'cw']);
  });

  it('GIVEN exactly the pass mark THEN it passes, and one answer less does not', () => {
    const answers = (right: number) => Array.from({ length: 20 }, (_, i) => item('t', 'd', i < right));
    expect(PASS_MARK).toBe(0.75);
    expect(scoreExam(answers(15)).passed).toBe(true);
    expect(scoreExam(answers(14)).passed).toBe(false);
  });
});
