import type { SKRSContext2D } from '@napi-rs/canvas';
import {
  C,
  ellipsize,
  oneLine,
  PAD,
  pill,
  SECTION_TITLE_H,
  safeCount,
  TOPIC_ROW_H,
  text,
  WIDTH,
} from './canvas.ts';
import type { PictureLabels } from './labels.ts';

/** One exam domain: accuracy over the window (null without answers), with its sample, and coverage. */
export type ReadinessRow = {
  title: string;
  weight: number;
  accuracy: number | null;
  answered: number;
  coverage: number;
};

export type ReadinessPanel = {
  /** 0..1. */
  overall: number;
  answered: number;
  windowDays: number;
  domains: ReadinessRow[];
  /** The last exams' scores, latest first, 0..1. */
  exams: number[];
};

const EXAMS_H = 22;

export function readinessHeight(panel: ReadinessPanel | undefined): number {
  if (panel === undefined) return 0;
  return 30 + SECTION_TITLE_H + 8 + Math.max(1, panel.domains.length) * TOPIC_ROW_H + EXAMS_H;
}

const TITLE_W = 330;
const BAR_X = PAD + TITLE_W + 16;
const BAR_W = WIDTH - PAD - 230 - BAR_X;
const BAR_H = 10;
const pct = (x: number) => `${Math.round(Math.min(1, Math.max(0, x)) * 100)}%`;

/** Colour of an accuracy: the pass mark (75%) and above green, from 60% amber, below red. */
function tone(accuracy: number): string {
  return accuracy >= 0.75 ? C.ready : accuracy >= 0.6 ? C.close : C.behind;
}

function domainRow(ctx: SKRSContext2D, d: ReadinessRow, y: number, labels: PictureLabels): void {
  const baseline = y + 15;
  text(ctx, ellipsize(ctx, `${oneLine(d.title)} · ${d.weight}%`, TITLE_W), PAD, baseline, {
    font: labels.font(400, 14),
    color: C.text,
  });
  const barY = y + (TOPIC_ROW_H - BAR_H) / 2 - 1;
  pill(ctx, BAR_X, barY, BAR_W, BAR_H, C.track);
  if (d.accuracy !== null && d.accuracy > 0)
    pill(ctx, BAR_X, barY, Math.max(BAR_H, BAR_W * Math.min(1, d.accuracy)), BAR_H, tone(d.accuracy));
  const shown = d.accuracy === null ? '—' : pct(d.accuracy);
  text(ctx, shown, WIDTH - PAD - 170, baseline, {
    font: labels.font(600, 14),
    color: C.text,
    align: 'right',
  });
  const detail = `${labels.answers(safeCount(d.answered))} · ${labels.covered(pct(d.coverage))}`;
  text(ctx, detail, WIDTH - PAD, baseline, { font: labels.font(400, 12), color: C.muted, align: 'right' });
}

/** Exam readiness: the overall figure and its sample, accuracy per domain with n and coverage, the last exams. */
export function drawReadiness(
  ctx: SKRSContext2D,
  panel: ReadinessPanel,
  top: number,
  labels: PictureLabels,
): void {
  ctx.fillStyle = C.border;
  ctx.fillRect(PAD, top - 16, WIDTH - 2 * PAD, 1);
  text(ctx, labels.readiness, PAD, top + 14, { font: labels.font(600, 16), color: C.text });
  const summary = labels.readinessSummary(pct(panel.overall), safeCount(panel.answered), panel.windowDays);
  text(ctx, summary, WIDTH - PAD, top + 14, { font: labels.font(400, 13), color: C.muted, align: 'right' });
  const rowsTop = top + SECTION_TITLE_H + 8;
  for (const [i, d] of panel.domains.entries()) domainRow(ctx, d, rowsTop + i * TOPIC_ROW_H, labels);
  const examsY = rowsTop + Math.max(1, panel.domains.length) * TOPIC_ROW_H + 15;
  const exams =
    panel.exams.length === 0 ? labels.noExams : labels.lastExams(panel.exams.map(pct).join('  ·  '));
  text(ctx, exams, PAD, examsY, { font: labels.font(400, 13), color: C.muted });
}
