import type { SKRSContext2D } from '@napi-rs/canvas';
import {
  C,
  dateOf,
  dayNumber,
  ellipsize,
  oneLine,
  PAD,
  pill,
  safeCount,
  text,
  thousands,
  WEEKS,
  WIDTH,
  weekday,
} from './canvas.ts';
import type { PictureLabels } from './labels.ts';

export type HeaderInput = { memberName: string; today: string; currentStreak: number };

function streakPill(ctx: SKRSContext2D, streak: number, labels: PictureLabels): number {
  const label = streak > 0 ? labels.streak(streak) : labels.noStreak;
  ctx.font = labels.font(600, 16);
  const pillW = ctx.measureText(label).width + 40;
  const pillH = 34;
  const pillX = WIDTH - PAD - pillW;
  const pillY = PAD + 4;
  pill(ctx, pillX, pillY, pillW, pillH, streak > 0 ? C.streakPill : C.track);
  ctx.fillStyle = streak > 0 ? C.streak : C.faint;
  ctx.beginPath();
  ctx.arc(pillX + 18, pillY + pillH / 2, 5, 0, Math.PI * 2);
  ctx.fill();
  text(ctx, label, pillX + 30, pillY + 23, {
    font: labels.font(600, 16),
    color: streak > 0 ? C.streak : C.muted,
  });
  return pillX;
}

/** Name, streak pill, and a line with the date, reviews and active days of the 26 weeks shown. */
export function drawHeader(
  ctx: SKRSContext2D,
  input: HeaderInput,
  total: number,
  active: number,
  labels: PictureLabels,
): void {
  const streak = Math.max(0, Math.floor(safeCount(input.currentStreak)));
  const pillX = streakPill(ctx, streak, labels);

  ctx.font = labels.font(600, 28);
  const name = ellipsize(ctx, oneLine(input.memberName) || labels.learner, pillX - PAD - 24);
  text(ctx, name, PAD, PAD + 30, { font: labels.font(600, 28), color: C.text });

  const t = dayNumber(input.today);
  const d = dateOf(t);
  const date = labels.date(
    labels.weekdays[weekday(t)] ?? '',
    d.getUTCDate(),
    labels.months[d.getUTCMonth()] ?? '',
    d.getUTCFullYear(),
  );
  const summary = labels.summary(
    labels.reviews(total, thousands(total)),
    WEEKS,
    labels.activeDays(active, thousands(active)),
  );
  text(ctx, `${date}  ·  ${summary}`, PAD, PAD + 56, { font: labels.font(400, 15), color: C.muted });
}
