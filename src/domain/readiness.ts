/**
 * Exam readiness, pure. Per exam domain: accuracy over recent answers (scheduled reviews and
 * exam answers alike), with its sample size, and coverage (questions of the domain the member
 * has ever answered, of all its questions). Overall readiness = sum over domains of
 * weight x accuracy x coverage: a domain never practised counts as 0, so the figure cannot look
 * ready on a few lucky answers in one domain.
 */

export const READINESS_WINDOW_DAYS = 30;

export type DomainEvidence = {
  id: string;
  /** Percent, the domains' weights adding up to 100. */
  weight: number;
  answered: number;
  correct: number;
  seen: number;
  total: number;
};

export type DomainReadiness = DomainEvidence & {
  /** Right answers over answers in the window; null when there were none. */
  accuracy: number | null;
  coverage: number;
};

export type Readiness = {
  domains: DomainReadiness[];
  /** 0..1. */
  overall: number;
  /** Answers behind the figure. */
  answered: number;
};

export function readiness(evidence: readonly DomainEvidence[]): Readiness {
  const domains = evidence.map((d) => ({
    ...d,
    accuracy: d.answered === 0 ? null : d.correct / d.answered,
    coverage: d.total === 0 ? 0 : Math.min(1, d.seen / d.total),
  }));
  const weights = domains.reduce((s, d) => s + d.weight, 0);
  const overall =
    weights === 0 ? 0 : domains.reduce((s, d) => s + d.weight * (d.accuracy ?? 0) * d.coverage, 0) / weights;
  return { domains, overall, answered: domains.reduce((s, d) => s + d.answered, 0) };
}
