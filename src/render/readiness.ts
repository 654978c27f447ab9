import type { ReadinessReport } from '../core/readiness.ts';
import { local, type T } from '../i18n/index.ts';
import { percent } from './text.ts';

/** Readiness as lines of text (Discord's /stats field and the console alike): overall, per domain with its sample, the last exams. */
export function readinessLines(t: T, r: ReadinessReport): string[] {
  const lines = [
    t('stats.readiness-overall', { percent: percent(r.overall), count: r.answered, days: r.windowDays }),
  ];
  for (const d of r.domains) {
    const common = { title: local(d.title, t.locale), weight: d.weight, seen: d.seen, total: d.total };
    lines.push(
      d.accuracy === null
        ? t('stats.readiness-none', { ...common, days: r.windowDays })
        : t('stats.readiness-line', { ...common, accuracy: percent(d.accuracy), answered: d.answered }),
    );
  }
  lines.push(
    r.exams.length === 0
      ? t('stats.no-exams')
      : t('stats.exams', {
          scores: r.exams.map((e) => percent(e.total === 0 ? null : e.correct / e.total)).join(' · '),
        }),
  );
  return lines;
}
