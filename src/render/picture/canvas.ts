import { join } from 'node:path';
import { GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import { PROJECT_ROOT } from '../../paths.ts';

/** Drawing helpers and the layout constants shared by the picture's sections. */

// Family aliases of our own: names no system font has, so Skia can never silently swap in a
// machine's fonts for the shipped ones and make the picture differ between machines. Inter for
// English; Pretendard (Hangul, Vietnamese, and Inter's own Latin letters) for Korean and Vietnamese.
export const FAMILIES = {
  latin: { name: 'QuizbotInter', files: ['Inter-Regular.ttf', 'Inter-SemiBold.ttf'] },
  cjk: { name: 'QuizbotPretendard', files: ['Pretendard-Regular.woff2', 'Pretendard-SemiBold.woff2'] },
} as const;
export type Family = keyof typeof FAMILIES;
let fontsReady = false;

export function ensureFonts(): void {
  if (fontsReady) return;
  for (const family of Object.values(FAMILIES)) {
    for (const file of family.files) {
      const path = join(PROJECT_ROOT, 'assets/fonts', file);
      if (GlobalFonts.registerFromPath(path, family.name) === null)
        throw new Error(`cannot load font ${path}`);
    }
  }
  fontsReady = true;
}

export const WIDTH = 1000;
export const PAD = 32;
export const WEEKS = 26;
export const FORECAST_DAYS = 14;

export const C = {
  background: '#0d1117',
  border: '#30363d',
  text: '#e6edf3',
  muted: '#9198a1',
  faint: '#7d8590',
  track: '#21262d',
  // GitHub's dark-mode contribution greens; the empty level is lifted off the background so the
  // grid stays visible for a brand-new member.
  heat: ['#1e242c', '#0e4429', '#006d32', '#26a641', '#39d353'],
  streak: '#f0883e',
  streakPill: '#3d2a17',
  due: '#388bfd',
  dueToday: '#79c0ff',
  seen: '#24553a',
  mastered: '#3fb950',
  // Readiness per domain: at the pass mark or above, within 15 points of it, further below.
  ready: '#3fb950',
  close: '#d29922',
  behind: '#f85149',
} as const;

// Layout: header, then heatmap (left) beside the forecast (right), then one row per topic.
export const HEADER_H = 70;
export const CELL = 14;
export const STEP = 17;
export const WEEKDAY_LABEL_W = 34;
export const GRID_W = WEEKS * STEP - (STEP - CELL);
export const GRID_H = 7 * STEP - (STEP - CELL);
export const SECTION_TITLE_H = 26;
export const MONTH_LABEL_H = 18;
export const LEGEND_GAP = 14;
export const LEGEND_H = 12;
export const TOPIC_ROW_H = 22;

export function heatmapBottom(top: number): number {
  return top + SECTION_TITLE_H + MONTH_LABEL_H + GRID_H + LEGEND_GAP + LEGEND_H;
}

// Days are handled as whole days since 1970-01-01 in UTC: the input already is the member's
// local calendar, so any time zone arithmetic here would only shift it.
const DAY_MS = 86_400_000;

export function dayNumber(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (m === null) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

export function dateOf(n: number): Date {
  return new Date(n * DAY_MS);
}

/** 0 = Monday … 6 = Sunday. */
export function weekday(n: number): number {
  return (dateOf(n).getUTCDay() + 6) % 7;
}

// Hand-rolled rather than toLocaleString: ICU data and default locales vary between machines.
export function thousands(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Short enough for one forecast slot (about 30 px). */
export function compact(value: number): string {
  if (value < 1000) return String(value);
  if (value < 10_000) return `${(Math.floor(value / 100) / 10).toFixed(1)}k`;
  return `${Math.floor(value / 1000)}k`;
}

export function safeCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

export type Font = (weight: 400 | 600, size: number) => string;

export function fontOf(family: Family): Font {
  return (weight, size) => `${weight} ${size}px ${FAMILIES[family].name}`;
}

export function ellipsize(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  if (ctx.measureText(text).width <= maxWidth) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (ctx.measureText(`${chars.slice(0, mid).join('').trimEnd()}…`).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`;
}

type Align = 'left' | 'right' | 'center';

export function text(
  ctx: SKRSContext2D,
  value: string,
  x: number,
  y: number,
  style: { font: string; color: string; align?: Align },
): number {
  ctx.font = style.font;
  ctx.fillStyle = style.color;
  ctx.textAlign = style.align ?? 'left';
  ctx.fillText(value, x, y);
  return ctx.measureText(value).width;
}

export function pill(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, h / 2);
  ctx.fill();
}

/** A rounded square swatch (legends, heatmap cells). */
export function swatch(
  ctx: SKRSContext2D,
  x: number,
  y: number,
  size: number,
  radius: number,
  color: string,
): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.roundRect(x, y, size, size, radius);
  ctx.fill();
}

// Names and titles come from Discord and the question bank: a stray newline or tab would break
// the one-line layout.
export function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}
