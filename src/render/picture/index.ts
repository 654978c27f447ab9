import { createCanvas } from '@napi-rs/canvas';
import type { Progress } from '../../core/progress.ts';
import { local, type T } from '../../i18n/index.ts';
import {
  C,
  dayNumber,
  ensureFonts,
  HEADER_H,
  heatmapBottom,
  PAD,
  safeCount,
  WEEKS,
  WIDTH,
  weekday,
} from './canvas.ts';
import { drawForecast } from './forecast.ts';
import { drawHeader } from './header.ts';
import { drawHeatmap } from './heatmap.ts';
import { ENGLISH_LABELS, type PictureLabels, pictureLabels } from './labels.ts';
import { drawReadiness, type ReadinessPanel, readinessHeight } from './readiness.ts';
import { drawTopics, type TopicRow, topicsHeight } from './topics.ts';

export { type PictureLabels, pictureLabels } from './labels.ts';

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
  topics: TopicRow[];
  /** Exam readiness below the topics; left out, the picture ends with the topics. */
  readiness?: ReadinessPanel;
  /** The words on the picture; English when left out. */
  labels?: PictureLabels;
};

/** Reviews per day number, and the 26-week window's total and active days. */
function reviewTotals(input: ProgressPicture): {
  reviews: Map<number, number>;
  total: number;
  active: number;
} {
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
  return { reviews, total, active };
}

export async function renderProgressPicture(input: ProgressPicture): Promise<Buffer> {
  ensureFonts();
  const labels = input.labels ?? ENGLISH_LABELS;
  const { reviews, total, active } = reviewTotals(input);
  const sectionTop = PAD + HEADER_H;
  const topicsTop = heatmapBottom(sectionTop) + 30;
  const readinessTop = topicsTop + topicsHeight(input.topics.length) + 30;
  const height = topicsTop + topicsHeight(input.topics.length) + readinessHeight(input.readiness) + PAD - 6;

  const canvas = createCanvas(WIDTH, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = C.background;
  ctx.fillRect(0, 0, WIDTH, height);
  ctx.strokeStyle = C.border;
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, 0.5, WIDTH - 1, height - 1);

  drawHeader(ctx, input, total, active, labels);
  drawHeatmap(ctx, input, reviews, sectionTop, labels);
  drawForecast(ctx, input, sectionTop, heatmapBottom(sectionTop), labels);
  ctx.fillStyle = C.border;
  ctx.fillRect(PAD, topicsTop - 16, WIDTH - 2 * PAD, 1);
  drawTopics(ctx, input.topics, topicsTop, labels);
  if (input.readiness !== undefined) drawReadiness(ctx, input.readiness, readinessTop, labels);
  return canvas.encode('png');
}

/** The picture of a member's progress as the core reports it (mastered = learned cards), in `t`'s language. */
export function renderProgressOf(p: Progress, t: T): Promise<Buffer> {
  return renderProgressPicture({
    memberName: p.displayName,
    today: p.today,
    reviewsByDay: p.reviewsByDay,
    currentStreak: p.currentStreak,
    streakDays: p.streakDays,
    forecast: p.forecast,
    topics: p.topics.map((x) => ({
      title: local(x.title, t.locale),
      mastered: x.learned,
      seen: x.seen,
      total: x.total,
    })),
    readiness: {
      overall: p.readiness.overall,
      answered: p.readiness.answered,
      windowDays: p.readiness.windowDays,
      domains: p.readiness.domains.map((d) => ({
        title: local(d.title, t.locale),
        weight: d.weight,
        accuracy: d.accuracy,
        answered: d.answered,
        coverage: d.coverage,
      })),
      exams: p.readiness.exams.map((e) => (e.total === 0 ? 0 : e.correct / e.total)),
    },
    labels: pictureLabels(t),
  });
}
