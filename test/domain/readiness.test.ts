import { describe, expect, it } from 'vitest';
import { readiness } from '../../src/domain/readiness.ts';

describe('exam readiness', () => {
  it('GIVEN fixed evidence THEN each domain has its accuracy and coverage, and the overall figure is the weighted product', () => {
    const r = readiness([
      { id: 'design', weight: 26, answered: 40, correct: 30, seen: 100, total: 200 },
      { id: 'deployment', weight: 20, answered: 10, correct: 10, seen: 20, total: 20 },
      { id: 'management', weight: 18, answered: 0, correct: 0, seen: 5, total: 50 },
      { id: 'monitoring', weight: 18, answered: 4, correct: 1, seen: 10, total: 40 },
      { id: 'security', weight: 18, answered: 8, correct: 6, seen: 40, total: 40 },
    ]);
    expect(r.domains.map((d) => [d.id, d.accuracy, d.coverage])).toEqual([
      ['design', 0.75, 0.5],
      ['deployment', 1, 1],
      ['management', null, 0.1],
      ['monitoring', 0.25, 0.25],
      ['security', 0.75, 1],
    ]);
    // 0.26 x 0.75 x 0.5 + 0.20 x 1 x 1 + 0.18 x 0 + 0.18 x 0.25 x 0.25 + 0.18 x 0.75 x 1
    expect(r.overall).toBeCloseTo(0.0975 + 0.2 + 0 + 0.01125 + 0.135, 10);
    expect(r.answered).toBe(62);
  });

  it('GIVEN a perfect score in one domain only THEN readiness is that domain’s weight, not 100%', () => {
    const r = readiness([
      { id: 'a', weight: 60, answered: 0, correct: 0, seen: 0, total: 10 },
      { id: 'b', weight: 40, answered: 5, correct: 5, seen: 10, total: 10 },
    ]);
    expect(r.overall).toBeCloseTo(0.4, 10);
  });

  it('GIVEN nothing answered THEN readiness is 0 and every accuracy is unknown', () => {
    const r = readiness([{ id: 'a', weight: 100, answered: 0, correct: 0, seen: 0, total: 0 }]);
    expect(r).toEqual({
      domains: [
        { id: 'a', weight: 100, answered: 0, correct: 0, seen: 0, total: 0, accuracy: null, coverage: 0 },
      ],
      overall: 0,
      answered: 0,
    });
  });
});
