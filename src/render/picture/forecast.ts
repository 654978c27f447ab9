import type { SKRSContext2D } from '@napi-rs/canvas';
import {
  C,
  compact,
  dateOf,
  dayNumber,
  FORECAST_DAYS,
  GRID_W,
  PAD,
  SECTION_TITLE_H,
  safeCount,
  text,
  thousands,
  WEEKDAY_LABEL_W,
  WIDTH,
  weekday,
} from './canvas.ts';
import type { PictureLabels } from './labels.ts';

export type ForecastInput = { today: string; forecast: { day: string; due: number }[] };

/** Cards due on each of the next 14 days (today first), in whole numbers. */
function duesFrom(input: ForecastInput): { days: number[]; dues: number[] } {
  const today = dayNumber(input.today);
  const dueByDay = new Map<number, number>();
  for (const { day, due } of input.forecast) {
    const n = dayNumber(day);
    dueByDay.set(n, (dueByDay.get(n) ?? 0) + safeCount(due));
  }
  const days = Array.from({ length: FORECAST_DAYS }, (_, i) => today + i);
  return { days, dues: days.map((day) => Math.round(dueByDay.get(day) ?? 0)) };
}

type Bars = {
  left: number;
  slot: number;
  barW: number;
  baseY: number;
  chartTop: number;
  bottom: number;
  max: number;
};

function bar(ctx: SKRSContext2D, b: Bars, i: number, day: number, due: number, labels: PictureLabels): void {
  const cx = b.left + b.slot * i + b.slot / 2;
  const h = due === 0 ? 0 : Math.max(3, ((b.baseY - b.chartTop) * due) / b.max);
  if (h > 0) {
    ctx.fillStyle = i === 0 ? C.dueToday : C.due;
    ctx.beginPath();
    ctx.roundRect(cx - b.barW / 2, b.baseY - h, b.barW, h, [3, 3, 0, 0]);
    ctx.fill();
  }
  text(ctx, compact(due), cx, b.baseY - h - 6, {
    font: labels.font(600, 12),
    color: due === 0 ? C.faint : C.text,
    align: 'center',
  });
  // Today is set apart by colour and weight: the word "Today" would not fit a slot.
  text(ctx, labels.weekdays[weekday(day)] ?? '', cx, b.bottom - 16, {
    font: labels.font(i === 0 ? 600 : 400, 12),
    color: i === 0 ? C.dueToday : C.muted,
    align: 'center',
  });
  text(ctx, String(dateOf(day).getUTCDate()), cx, b.bottom, {
    font: labels.font(400, 12),
    color: C.faint,
    align: 'center',
  });
}

/** Bars of cards due on each of the next 14 days, today first, beside the heatmap. */
export function drawForecast(
  ctx: SKRSContext2D,
  input: ForecastInput,
  top: number,
  bottom: number,
  labels: PictureLabels,
): void {
  const left = PAD + WEEKDAY_LABEL_W + GRID_W + 40;
  const right = WIDTH - PAD;
  const { days, dues } = duesFrom(input);
  const total = dues.reduce((sum, due) => sum + due, 0);
  text(ctx, labels.dueNext, left, top + 14, { font: labels.font(600, 16), color: C.text });
  text(ctx, labels.cards(total, thousands(total)), right, top + 14, {
    font: labels.font(400, 13),
    color: C.muted,
    align: 'right',
  });
  // Day labels take the two lines at the bottom so they line up with the heatmap's legend.
  const slot = (right - left) / FORECAST_DAYS;
  const bars: Bars = {
    left,
    slot,
    barW: Math.min(20, slot - 8),
    baseY: bottom - 34,
    chartTop: top + SECTION_TITLE_H + 20,
    bottom,
    max: Math.max(1, ...dues),
  };
  ctx.fillStyle = C.border;
  ctx.fillRect(left, bars.baseY + 1, right - left, 1);
  for (const [i, day] of days.entries()) bar(ctx, bars, i, day, dues[i] ?? 0, labels);
}
