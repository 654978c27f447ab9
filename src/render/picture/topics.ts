import type { SKRSContext2D } from '@napi-rs/canvas';
import {
  C,
  ellipsize,
  oneLine,
  PAD,
  pill,
  SECTION_TITLE_H,
  safeCount,
  swatch,
  TOPIC_ROW_H,
  text,
  thousands,
  WIDTH,
} from './canvas.ts';
import type { PictureLabels } from './labels.ts';

export type TopicRow = { title: string; mastered: number; seen: number; total: number };

export function topicsHeight(count: number): number {
  return SECTION_TITLE_H + 8 + Math.max(1, count) * TOPIC_ROW_H;
}

function legend(ctx: SKRSContext2D, top: number, labels: PictureLabels): void {
  let x = WIDTH - PAD;
  for (const [label, color] of [
    [labels.seen, C.seen],
    [labels.mastered, C.mastered],
  ] as const) {
    const w = text(ctx, label, x, top + 14, { font: labels.font(400, 13), color: C.muted, align: 'right' });
    x -= w + 8 + 12;
    swatch(ctx, x, top + 4, 12, 2.5, color);
    x -= 18;
  }
}

const TITLE_W = 250;
const BAR_X = PAD + TITLE_W + 16;
const BAR_W = WIDTH - PAD - 130 - BAR_X;
const BAR_H = 10;

function topicRow(ctx: SKRSContext2D, topic: TopicRow, y: number, labels: PictureLabels): void {
  const total = safeCount(topic.total);
  const mastered = total === 0 ? 0 : Math.min(1, safeCount(topic.mastered) / total);
  const seen = total === 0 ? 0 : Math.max(mastered, Math.min(1, safeCount(topic.seen) / total));
  const baseline = y + 15;
  ctx.font = labels.font(400, 14);
  text(ctx, ellipsize(ctx, oneLine(topic.title), TITLE_W), PAD, baseline, {
    font: labels.font(400, 14),
    color: C.text,
  });
  const barY = y + (TOPIC_ROW_H - BAR_H) / 2 - 1;
  pill(ctx, BAR_X, barY, BAR_W, BAR_H, C.track);
  if (seen > 0) pill(ctx, BAR_X, barY, Math.max(BAR_H, BAR_W * seen), BAR_H, C.seen);
  if (mastered > 0) pill(ctx, BAR_X, barY, Math.max(BAR_H, BAR_W * mastered), BAR_H, C.mastered);
  const percent = `${Math.round(mastered * 100)}%`;
  text(ctx, percent, WIDTH - PAD, baseline, { font: labels.font(600, 14), color: C.text, align: 'right' });
  const counts = `${thousands(safeCount(topic.mastered))} / ${thousands(total)}`;
  text(ctx, counts, WIDTH - PAD - 48, baseline, {
    font: labels.font(400, 12),
    color: C.muted,
    align: 'right',
  });
}

/** Mastery per topic: learned (mastered) over seen over all, one bar each. */
export function drawTopics(ctx: SKRSContext2D, topics: TopicRow[], top: number, labels: PictureLabels): void {
  text(ctx, labels.mastery, PAD, top + 14, { font: labels.font(600, 16), color: C.text });
  legend(ctx, top, labels);
  const rowsTop = top + SECTION_TITLE_H + 8;
  if (topics.length === 0) {
    text(ctx, labels.noTopics, PAD, rowsTop + 15, { font: labels.font(400, 14), color: C.muted });
    return;
  }
  for (const [i, topic] of topics.entries()) topicRow(ctx, topic, rowsTop + i * TOPIC_ROW_H, labels);
}
