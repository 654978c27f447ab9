import { daysBetween } from '../domain/day.ts';
import type { Comparison } from '../domain/question.ts';
import type { T } from '../i18n/index.ts';

/** Text helpers shared by the Discord and console renderers. */

export function progressBar(fraction: number, width = 12): string {
  const f = Number.isFinite(fraction) ? Math.min(1, Math.max(0, fraction)) : 0;
  const full = Math.round(f * width);
  return `${'█'.repeat(full)}${'░'.repeat(width - full)}`;
}

export function percent(fraction: number | null): string {
  return fraction === null ? '—' : `${Math.round(fraction * 100)}%`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (word === '') continue;
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
    while (line.length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  lines.push(line);
  return lines;
}

/**
 * A comparison as a monospace table that fits `maxWidth` characters: the dimension column
 * first, then one column per option; long cells wrap within their column.
 */
export function comparisonTable(c: Comparison, maxWidth = 100): string {
  const header = ['', ...c.columns];
  const rows = c.rows.map((r) => [r.dimension, ...r.cells]);
  const natural = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const gaps = 3 * (header.length - 1);
  const firstWidth = Math.min(natural[0] ?? 10, 22);
  const budget = Math.max(10 * c.columns.length, maxWidth - gaps - firstWidth);
  const rest = natural.slice(1);
  const total = rest.reduce((s, w) => s + w, 0);
  const widths = [
    firstWidth,
    ...rest.map((w) => (total <= budget ? w : Math.max(8, Math.floor((w / total) * budget)))),
  ];
  const renderRow = (cells: string[]) => {
    const wrapped = cells.map((cell, i) => wrap(cell, widths[i] ?? 10));
    const height = Math.max(...wrapped.map((w) => w.length));
    return Array.from({ length: height }, (_, line) =>
      wrapped
        .map((w, i) => (w[line] ?? '').padEnd(widths[i] ?? 10))
        .join(' │ ')
        .trimEnd(),
    ).join('\n');
  };
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  return [renderRow(header), rule, ...rows.map(renderRow)].join('\n');
}

const DATE_LOCALES: Record<T['locale'], string> = { en: 'en-GB', ko: 'ko-KR', vi: 'vi-VN' };

/** A study day as a short date in the reader's language: "Sat 28 Nov". */
export function shortDate(t: T, day: string): string {
  return new Date(`${day}T00:00:00Z`)
    .toLocaleDateString(DATE_LOCALES[t.locale], {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    })
    .replaceAll(',', '');
}

/** "today", "tomorrow", "in 6 days (Sat 28 Nov)". */
export function describeDue(t: T, dueDay: string, today: string): string {
  const days = daysBetween(today, dueDay);
  const date = shortDate(t, dueDay);
  if (days <= 0) return t('due.today', { date });
  if (days === 1) return t('due.tomorrow', { date });
  return t('due.in-days', { count: days, date });
}
