import { join } from 'node:path';
import { createCanvas, GlobalFonts, type SKRSContext2D } from '@napi-rs/canvas';
import type { Progress } from '../core/progress.ts';
import { PROJECT_ROOT } from '../paths.ts';

/**
 * The picture `/stats` attaches: a review heatmap (Anki/GitHub style), a 14-day due forecast and
 * mastery bars per topic, on a dark card of its own so it reads the same on Discord's dark and
 * light themes. Pure: everything derives from the input (no clock, no randomness), so the same
 * input gives the same PNG bytes.
 */

export type ProgressPicture = {
  memberName: string;
  /** The member's local study day, 'YYYY-MM-DD'. */
  today: string;
  /** Any subset of days; a missing day counts as 0 reviews. */
  reviewsByDay: { day: string; reviews: number }[];
  /** Days ending today (or yesterday if today is not yet counted). */
  currentStreak: number;
  /** The days that form the current streak, outlined on the heatmap. */
  streakDays: string[];
  /** The next 14 days starting today; a missing day counts as 0 due. */
  forecast: { day: string; due: number }[];
  topics: { title: string; mastered: number; seen: number; total: number }[];
};

// A family alias of our own: a name no system font has, so Skia can never silently swap in a
// machine's fonts for the shipped Inter and make the picture differ between machines.
const FONT = 'QuizbotInter';
let fontsReady = false;

function ensureFonts(): void {
  if (fontsReady) return;
  for (const file of ['Inter-Regular.ttf', 'Inter-SemiBold.ttf']) {
    const path = join(PROJECT_ROOT, 'assets/fonts', file);
    if (GlobalFonts.registerFromPath(path, FONT) === null) throw new Error(`cannot load font ${path}`);
  }
  fontsReady = true;
}

const WIDTH = 1000;
const PAD = 32;
const WEEKS = 26;
const FORECAST_DAYS = 14;

const C = {
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
} as const;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

// Days are handled as whole days since 1970-01-01 in UTC: the input already is the member's
// local calendar, so any time zone arithmetic here would only shift it.
const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (m === null) throw new Error(`not a YYYY-MM-DD day: ${day}`);
  return Math.round(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / DAY_MS);
}

function dateOf(n: number): Date {
  return new Date(n * DAY_MS);
}

/** 0 = Monday … 6 = Sunday. */
function weekday(n: number): number {
  return (dateOf(n).getUTCDay() + 6) % 7;
}

// Hand-rolled rather than toLocaleString: ICU data and default locales vary between machines.
function thousands(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Short enough for one forecast slot (about 30 px). */
function compact(value: number): string {
  if (value < 1000) return String(value);
  if (value < 10_000) return `${(Math.floor(value / 100) / 10).toFixed(1)}k`;
  return `${Math.floor(value / 1000)}k`;
}

function plural(count: number, one: string, many: string): string {
  return `${thousands(count)} ${count === 1 ? one : many}`;
}

function safeCount(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}

function font(weight: 400 | 600, size: number): string {
  return `${weight} ${size}px ${FONT}`;
}

function ellipsize(ctx: SKRSContext2D, text: string, maxWidth: number): string {
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

function text(
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

function pill(ctx: SKRSContext2D, x: number, y: number, w: number, h: number, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, h / 2);
  ctx.fill();
}

// Layout: header, then heatmap (left) beside the forecast (right), then one row per topic.
const HEADER_H = 70;
const CELL = 14;
const STEP = 17;
const WEEKDAY_LABEL_W = 34;
const GRID_W = WEEKS * STEP - (STEP - CELL);
const GRID_H = 7 * STEP - (STEP - CELL);
const SECTION_TITLE_H = 26;
const MONTH_LABEL_H = 18;
const LEGEND_GAP = 14;
const LEGEND_H = 12;
const TOPIC_ROW_H = 22;

function heatmapBottom(top: number): number {
  return top + SECTION_TITLE_H + MONTH_LABEL_H + GRID_H + LEGEND_GAP + LEGEND_H;
}

// Names and titles come from Discord and the question bank: a stray newline or tab would break
// the one-line layout.
function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function drawHeader(ctx: SKRSContext2D, input: ProgressPicture, total: number, active: number): void {
  const streak = Math.max(0, Math.floor(safeCount(input.currentStreak)));
  const label = streak > 0 ? `${streak}-day streak` : 'No streak yet';
  ctx.font = font(600, 16);
  const pillW = ctx.measureText(label).width + 40;
  const pillH = 34;
  const pillX = WIDTH - PAD - pillW;
  const pillY = PAD + 4;
  pill(ctx, pillX, pillY, pillW, pillH, streak > 0 ? C.streakPill : C.track);
  ctx.fillStyle = streak > 0 ? C.streak : C.faint;
  ctx.beginPath();
  ctx.arc(pillX + 18, pillY + pillH / 2, 5, 0, Math.PI * 2);
  ctx.fill();
  text(ctx, label, pillX + 30, pillY + 23, { font: font(600, 16), color: streak > 0 ? C.streak : C.muted });

  ctx.font = font(600, 28);
  const name = ellipsize(ctx, oneLine(input.memberName) || 'Learner', pillX - PAD - 24);
  text(ctx, name, PAD, PAD + 30, { font: font(600, 28), color: C.text });

  const t = dayNumber(input.today);
  const d = dateOf(t);
  const date = `${WEEKDAYS[weekday(t)]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  const summary = `${date}  ·  ${plural(total, 'review', 'reviews')} in ${WEEKS} weeks  ·  ${plural(active, 'active day', 'active days')}`;
  text(ctx, summary, PAD, PAD + 56, { font: font(400, 15), color: C.muted });
}

function drawHeatmap(
  ctx: SKRSContext2D,
  input: ProgressPicture,
  reviews: Map<number, number>,
  top: number,
): void {
  const today = dayNumber(input.today);
  const firstMonday = today - weekday(today) - (WEEKS - 1) * 7;
  const gridX = PAD + WEEKDAY_LABEL_W;
  const gridY = top + SECTION_TITLE_H + MONTH_LABEL_H;
  const streak = new Set(input.streakDays.map(dayNumber));

  let max = 0;
  for (const [day, count] of reviews) if (day >= firstMonday && day <= today) max = Math.max(max, count);

  text(ctx, 'Reviews per day', PAD, top + 14, { font: font(600, 16), color: C.text });

  for (const [row, name] of WEEKDAYS.entries()) {
    text(ctx, name, PAD, gridY + row * STEP + 11, { font: font(400, 12), color: C.muted });
  }

  // A month is named above the first week whose Monday falls in it; a label that would crowd
  // the next one (a partial first month) is left out.
  const starts: { col: number; month: number }[] = [];
  for (let col = 0; col < WEEKS; col++) {
    const month = dateOf(firstMonday + col * 7).getUTCMonth();
    const prev = starts.at(-1);
    if (prev === undefined || prev.month !== month) starts.push({ col, month });
  }
  for (const [i, { col, month }] of starts.entries()) {
    const next = starts[i + 1];
    if (next !== undefined && next.col - col < 3) continue;
    text(ctx, MONTHS[month] ?? '', gridX + col * STEP, gridY - 7, { font: font(400, 12), color: C.muted });
  }

  for (let col = 0; col < WEEKS; col++) {
    for (let row = 0; row < 7; row++) {
      const day = firstMonday + col * 7 + row;
      if (day > today) continue;
      const count = reviews.get(day) ?? 0;
      const level = count <= 0 || max <= 0 ? 0 : Math.min(4, Math.ceil((count * 4) / max));
      ctx.fillStyle = C.heat[level] ?? C.heat[0];
      ctx.beginPath();
      ctx.roundRect(gridX + col * STEP, gridY + row * STEP, CELL, CELL, 3);
      ctx.fill();
    }
  }

  // Streak outlines go on top, after every cell, so a neighbour's fill never covers them.
  ctx.strokeStyle = C.streak;
  ctx.lineWidth = 2;
  for (const day of streak) {
    if (day < firstMonday || day > today) continue;
    const col = Math.floor((day - firstMonday) / 7);
    const row = day - firstMonday - col * 7;
    ctx.beginPath();
    ctx.roundRect(gridX + col * STEP - 0.5, gridY + row * STEP - 0.5, CELL + 1, CELL + 1, 3.5);
    ctx.stroke();
  }

  const legendY = gridY + GRID_H + LEGEND_GAP;
  const baseline = legendY + 11;
  ctx.strokeStyle = C.streak;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.roundRect(gridX + 0.5, legendY + 0.5, 11, 11, 2.5);
  ctx.stroke();
  text(ctx, 'current streak', gridX + 18, baseline, { font: font(400, 12), color: C.muted });

  const right = gridX + GRID_W;
  const moreW = text(ctx, 'More', right, baseline, { font: font(400, 12), color: C.muted, align: 'right' });
  let x = right - moreW - 6 - (5 * 15 - 3);
  const lessX = x - 6;
  for (const color of C.heat) {
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.roundRect(x, legendY, 12, 12, 2.5);
    ctx.fill();
    x += 15;
  }
  text(ctx, 'Less', lessX, baseline, { font: font(400, 12), color: C.muted, align: 'right' });
}

function drawForecast(ctx: SKRSContext2D, input: ProgressPicture, top: number, bottom: number): void {
  const left = PAD + WEEKDAY_LABEL_W + GRID_W + 40;
  const right = WIDTH - PAD;
  const today = dayNumber(input.today);
  const dueByDay = new Map<number, number>();
  for (const { day, due } of input.forecast) {
    const n = dayNumber(day);
    dueByDay.set(n, (dueByDay.get(n) ?? 0) + safeCount(due));
  }
  const days = Array.from({ length: FORECAST_DAYS }, (_, i) => today + i);
  const dues = days.map((day) => Math.round(dueByDay.get(day) ?? 0));
  const total = dues.reduce((sum, due) => sum + due, 0);
  const max = Math.max(1, ...dues);

  text(ctx, 'Due in the next 14 days', left, top + 14, { font: font(600, 16), color: C.text });
  text(ctx, plural(total, 'card', 'cards'), right, top + 14, {
    font: font(400, 13),
    color: C.muted,
    align: 'right',
  });

  // Day labels take the two lines at the bottom so they line up with the heatmap's legend.
  const dateY = bottom;
  const weekdayY = bottom - 16;
  const baseY = bottom - 34;
  const chartTop = top + SECTION_TITLE_H + 20;
  const slot = (right - left) / FORECAST_DAYS;
  const barW = Math.min(20, slot - 8);

  ctx.fillStyle = C.border;
  ctx.fillRect(left, baseY + 1, right - left, 1);

  for (const [i, day] of days.entries()) {
    const due = dues[i] ?? 0;
    const cx = left + slot * i + slot / 2;
    const h = due === 0 ? 0 : Math.max(3, ((baseY - chartTop) * due) / max);
    const color = i === 0 ? C.dueToday : C.due;
    if (h > 0) {
      ctx.fillStyle = color;
      ctx.beginPath();
      ctx.roundRect(cx - barW / 2, baseY - h, barW, h, [3, 3, 0, 0]);
      ctx.fill();
    }
    text(ctx, compact(due), cx, baseY - h - 6, {
      font: font(600, 12),
      color: due === 0 ? C.faint : C.text,
      align: 'center',
    });
    // Today is set apart by colour and weight: the word "Today" would not fit a slot.
    text(ctx, WEEKDAYS[weekday(day)] ?? '', cx, weekdayY, {
      font: font(i === 0 ? 600 : 400, 12),
      color: i === 0 ? C.dueToday : C.muted,
      align: 'center',
    });
    text(ctx, String(dateOf(day).getUTCDate()), cx, dateY, {
      font: font(400, 12),
      color: C.faint,
      align: 'center',
    });
  }
}

function drawTopics(ctx: SKRSContext2D, input: ProgressPicture, top: number): void {
  text(ctx, 'Mastery by topic', PAD, top + 14, { font: font(600, 16), color: C.text });

  const legendY = top + 4;
  let x = WIDTH - PAD;
  for (const [label, color] of [
    ['seen', C.seen],
    ['mastered', C.mastered],
  ] as const) {
    const w = text(ctx, label, x, top + 14, { font: font(400, 13), color: C.muted, align: 'right' });
    x -= w + 8 + 12;
    ctx.fillStyle = color;
    ctx.beginPath();
    ctx.roundRect(x, legendY, 12, 12, 2.5);
    ctx.fill();
    x -= 18;
  }

  const rowsTop = top + SECTION_TITLE_H + 8;
  if (input.topics.length === 0) {
    text(ctx, 'No topics yet: answer a few questions to see your mastery grow here.', PAD, rowsTop + 15, {
      font: font(400, 14),
      color: C.muted,
    });
    return;
  }

  const titleW = 250;
  const barX = PAD + titleW + 16;
  const barEnd = WIDTH - PAD - 130;
  const barW = barEnd - barX;
  const barH = 10;
  for (const [i, topic] of input.topics.entries()) {
    const y = rowsTop + i * TOPIC_ROW_H;
    const total = safeCount(topic.total);
    const mastered = total === 0 ? 0 : Math.min(1, safeCount(topic.mastered) / total);
    const seen = total === 0 ? 0 : Math.max(mastered, Math.min(1, safeCount(topic.seen) / total));
    const baseline = y + 15;

    ctx.font = font(400, 14);
    text(ctx, ellipsize(ctx, oneLine(topic.title), titleW), PAD, baseline, {
      font: font(400, 14),
      color: C.text,
    });

    const barY = y + (TOPIC_ROW_H - barH) / 2 - 1;
    pill(ctx, barX, barY, barW, barH, C.track);
    if (seen > 0) pill(ctx, barX, barY, Math.max(barH, barW * seen), barH, C.seen);
    if (mastered > 0) pill(ctx, barX, barY, Math.max(barH, barW * mastered), barH, C.mastered);

    const percent = `${Math.round(mastered * 100)}%`;
    text(ctx, percent, WIDTH - PAD, baseline, { font: font(600, 14), color: C.text, align: 'right' });
    const counts = `${thousands(safeCount(topic.mastered))} / ${thousands(total)}`;
    text(ctx, counts, WIDTH - PAD - 48, baseline, { font: font(400, 12), color: C.muted, align: 'right' });
  }
}

function topicsHeight(count: number): number {
  return SECTION_TITLE_H + 8 + Math.max(1, count) * TOPIC_ROW_H;
}

export async function renderProgressPicture(input: ProgressPicture): Promise<Buffer> {
  ensureFonts();

  const reviews = new Map<number, number>();
  for (const { day, reviews: count } of input.reviewsByDay) {
    const n = dayNumber(day);
    reviews.set(n, (reviews.get(n) ?? 0) + safeCount(count));
  }
  const today = dayNumber(input.today);
  const windowStart = today - weekday(today) - (WEEKS - 1) * 7;
  let total = 0;
  let active = 0;
  for (const [day, count] of reviews) {
    if (day < windowStart || day > today || count <= 0) continue;
    total += count;
    active += 1;
  }

  const sectionTop = PAD + HEADER_H;
  const topicsTop = heatmapBottom(sectionTop) + 30;
  const height = topicsTop + topicsHeight(input.topics.length) + PAD - 6;

  const canvas = createCanvas(WIDTH, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = C.background;
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.strokeStyle = C.border;
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, 0.5, WIDTH - 1, height - 1);

  drawHeader(ctx, input, total, active);
  drawHeatmap(ctx, input, reviews, sectionTop);
  drawForecast(ctx, input, sectionTop, heatmapBottom(sectionTop));
  ctx.fillStyle = C.border;
  ctx.fillRect(PAD, topicsTop - 16, WIDTH - 2 * PAD, 1);
  drawTopics(ctx, input, topicsTop);

  return canvas.encode('png');
}

/** The picture of a member's progress as the core reports it (mastered = learned cards). */
export function renderProgressOf(p: Progress): Promise<Buffer> {
  return renderProgressPicture({
    memberName: p.displayName,
    today: p.today,
    reviewsByDay: p.reviewsByDay,
    currentStreak: p.currentStreak,
    streakDays: p.streakDays,
    forecast: p.forecast,
    topics: p.topics.map((t) => ({ title: t.title, mastered: t.learned, seen: t.seen, total: t.total })),
  });
}
