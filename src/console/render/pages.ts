import type { Leaderboard } from '../../core/leaderboard.ts';
import type { Leech } from '../../core/leeches.ts';
import type { ServiceFacts } from '../../core/lookup.ts';
import type { Progress } from '../../core/progress.ts';
import type { Settings } from '../../core/settings.ts';
import type { Comparison } from '../../domain/question.ts';
import { local, type T } from '../../i18n/index.ts';
import { comparisonTable, percent, progressBar } from '../../render/text.ts';

/** Look-ups, progress, boards and settings as terminal text. */

export function renderProgress(t: T, p: Progress, picture: string): string {
  const lines = [
    t('console.progress-title', { name: p.displayName, day: p.today, timezone: p.timezone }),
    t('console.progress-counts', { seen: p.seen, total: p.total, learned: p.learned, due: p.dueToday }),
    t('console.progress-streak', {
      streak: p.currentStreak,
      longest: p.longestStreak,
      week: percent(p.accuracy7),
      month: percent(p.accuracy30),
    }),
    '',
  ];
  const titles = p.topics.map((x) => local(x.title, t.locale));
  const width = Math.max(...titles.map((x) => x.length));
  for (const x of p.topics) {
    const learned = x.total === 0 ? 0 : x.learned / x.total;
    const bar = progressBar(x.total === 0 ? 0 : x.seen / x.total);
    lines.push(
      `${(titles[p.topics.indexOf(x)] ?? '').padEnd(width)}  ${t('console.progress-topic', { bar, seen: x.seen, total: x.total, percent: percent(learned) })}`,
    );
  }
  if (p.leeches.count > 0) {
    lines.push('', t('console.progress-leeches', { count: p.leeches.count }));
    lines.push(...p.leeches.prompts.map((x) => `  • ${x.replaceAll('\n', ' ')}`));
  }
  lines.push('', picture);
  return lines.join('\n');
}

/** /leech: the member's leeches, numbered as /leech takes them. */
export function renderLeeches(t: T, leeches: Leech[]): string {
  if (leeches.length === 0) return t('leech.none');
  return [
    t('console.leeches-title', { count: leeches.length }),
    ...leeches.map((l) =>
      t('console.leech-line', {
        number: l.number,
        prompt: l.prompt.replaceAll('\n', ' '),
        topic: local(l.topicTitle, t.locale),
        lapses: l.lapses,
      }),
    ),
    t('console.leeches-hint'),
  ].join('\n');
}

export function renderLeaderboard(t: T, b: Leaderboard, title: string): string {
  if (b.entries.length === 0) return t('console.board-empty', { title });
  const top = b.entries.slice(0, 10);
  const lines = [`${title}${b.from === null ? '' : t('console.board-since', { day: b.from })}`];
  const row = (e: (typeof top)[number]) =>
    t('console.board-row', {
      rank: String(e.rank).padStart(3),
      name: e.displayName.padEnd(20),
      points: String(e.points).padStart(5),
      reviews: e.reviews,
      accuracy: percent(e.accuracy),
      streak: e.streak,
    });
  lines.push(...top.map(row));
  if (b.me !== null && b.me.rank > 10) lines.push('  …', row(b.me));
  return lines.join('\n');
}

export function renderFacts(r: ServiceFacts): string {
  const lines = [`${r.service.name}${r.topic === undefined ? '' : ` — ${r.topic.title}`}`];
  for (const f of r.facts)
    lines.push(`• ${f.title}: ${f.text}${f.docs === undefined ? '' : `\n  ${f.docs}`}`);
  return lines.join('\n');
}

export function renderComparison(c: Comparison, width: number): string {
  return `${c.title}\n${comparisonTable(c, width)}${c.docs === undefined ? '' : `\n${c.docs}`}`;
}

export function renderSettings(t: T, s: Settings, saved: boolean): string {
  return [
    t(saved ? 'console.settings-saved' : 'console.settings-yours'),
    t('console.settings-timezone', { timezone: s.timezone }),
    t('console.settings-reminder', {
      time: s.reminderTime,
      state: t(s.remindersEnabled ? 'console.settings-on' : 'console.settings-off'),
    }),
    t('console.settings-new', { count: s.newPerDay }),
    t('console.settings-language', { language: s.language }),
    t('console.settings-leech', { threshold: s.leechThreshold }),
    t('console.settings-hint'),
  ].join('\n');
}
