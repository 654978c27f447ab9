import type { SKRSContext2D } from '@napi-rs/canvas';
import {
  C,
  CELL,
  dateOf,
  dayNumber,
  GRID_H,
  GRID_W,
  LEGEND_GAP,
  MONTH_LABEL_H,
  PAD,
  SECTION_TITLE_H,
  STEP,
  swatch,
  text,
  WEEKDAY_LABEL_W,
  WEEKS,
  weekday,
} from './canvas.ts';
import type { PictureLabels } from './labels.ts';

export type HeatmapInput = { today: string; streakDays: string[] };

type Grid = { firstMonday: number; today: number; x: number; y: number };

/** A month is named above the first week whose Monday falls in it; one that would crowd the next is left out. */
function monthLabels(ctx: SKRSContext2D, g: Grid, labels: PictureLabels): void {
  const starts: { col: number; month: number }[] = [];
  for (let col = 0; col < WEEKS; col++) {
    const month = dateOf(g.firstMonday + col * 7).getUTCMonth();
    const prev = starts.at(-1);
    if (prev === undefined || prev.month !== month) starts.push({ col, month });
  }
  for (const [i, { col, month }] of starts.entries()) {
    const next = starts[i + 1];
    if (next !== undefined && next.col - col < 3) continue;
    text(ctx, labels.months[month] ?? '', g.x + col * STEP, g.y - 7, {
      font: labels.font(400, 12),
      color: C.muted,
    });
  }
}

function cells(ctx: SKRSContext2D, g: Grid, reviews: Map<number, number>): void {
  let max = 0;
  for (const [day, count] of reviews) if (day >= g.firstMonday && day <= g.today) max = Math.max(max, count);
  for (let col = 0; col < WEEKS; col++) {
    for (let row = 0; row < 7; row++) {
      const day = g.firstMonday + col * 7 + row;
      if (day > g.today) continue;
      const count = reviews.get(day) ?? 0;
      const level = count <= 0 || max <= 0 ? 0 : Math.min(4, Math.ceil((count * 4) / max));
      swatch(ctx, g.x + col * STEP, g.y + row * STEP, CELL, 3, C.heat[level] ?? C.heat[0]);
    }
  }
}

/** Streak outlines go on top, after every cell, so a neighbour's fill never covers them. */
function streakOutlines(ctx: SKRSContext2D, g: Grid, streakDays: string[]): void {
  ctx.strokeStyle = C.streak;
  ctx.lineWidth = 2;
  for (const day of new Set(streakDays.map(dayNumber))) {
    if (day < g.firstMonday || day > g.today) continue;
    const col = Math.floor((day - g.firstMonday) / 7);
    const row = day - g.firstMonday - col * 7;
    ctx.beginPath();
    ctx.roundRect(g.x + col * STEP - 0.5, g.y + row * STEP - 0.5, CELL + 1, CELL + 1, 3.5);
    ctx.stroke();
  }
}

function legend(ctx: SKRSContext2D, g: Grid, labels: PictureLabels): void {
  const legendY = g.y + GRID_H + LEGEND_GAP;
  const baseline = legendY + 11;
  ctx.strokeStyle = C.streak;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.roundRect(g.x + 0.5, legendY + 0.5, 11, 11, 2.5);
  ctx.stroke();
  text(ctx, labels.currentStreak, g.x + 18, baseline, { font: labels.font(400, 12), color: C.muted });
  const right = g.x + GRID_W;
  const moreW = text(ctx, labels.more, right, baseline, {
    font: labels.font(400, 12),
    color: C.muted,
    align: 'right',
  });
  let x = right - moreW - 6 - (5 * 15 - 3);
  const lessX = x - 6;
  for (const color of C.heat) {
    swatch(ctx, x, legendY, 12, 2.5, color);
    x += 15;
  }
  text(ctx, labels.less, lessX, baseline, { font: labels.font(400, 12), color: C.muted, align: 'right' });
}

/** Reviews per day over 26 weeks (Anki/GitHub style), the current streak outlined. */
export function drawHeatmap(
  ctx: SKRSContext2D,
  input: HeatmapInput,
  reviews: Map<number, number>,
  top: number,
  labels: PictureLabels,
): void {
  const today = dayNumber(input.today);
  const g: Grid = {
    firstMonday: today - weekday(today) - (WEEKS - 1) * 7,
    today,
    x: PAD + WEEKDAY_LABEL_W,
    y: top + SECTION_TITLE_H + MONTH_LABEL_H,
  };
  text(ctx, labels.reviewsPerDay, PAD, top + 14, { font: labels.font(600, 16), color: C.text });
  for (const [row, name] of labels.weekdays.entries()) {
    text(ctx, name, PAD, g.y + row * STEP + 11, { font: labels.font(400, 12), color: C.muted });
  }
  monthLabels(ctx, g, labels);
  cells(ctx, g, reviews);
  streakOutlines(ctx, g, input.streakDays);
  legend(ctx, g, labels);
}
