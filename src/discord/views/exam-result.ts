import { type ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { ExamMiss, ExamResult, Titled } from '../../core/exam/index.ts';
import { PASS_MARK } from '../../domain/exam.ts';
import { local, type T } from '../../i18n/index.ts';
import { percent } from '../../render/text.ts';
import { encodeExamId as id } from '../exam-id.ts';
import { button, COLORS, clip, LIMITS, row, timestamp, type View } from './common.ts';

/** Misses per page: each carries its explanation, and an embed holds 4,096 characters. */
export const MISSES_PER_PAGE = 3;

export function missPages(result: ExamResult): number {
  return Math.ceil(result.misses.length / MISSES_PER_PAGE);
}

function tallyLines(t: T, list: Titled[], max: number): string {
  const lines = list.slice(0, max).map((x) =>
    t('exam.result-line', {
      title: local(x.title, t.locale),
      correct: x.correct,
      total: x.total,
      percent: percent(x.total === 0 ? null : x.correct / x.total),
    }),
  );
  if (list.length > max) lines.push(t('exam.result-more', { count: list.length - max }));
  return clip(lines.join('\n'), LIMITS.field);
}

function summaryEmbed(t: T, r: ExamResult, late: boolean) {
  const s = r.score;
  const params = { correct: s.correct, total: s.total, percent: percent(s.ratio) };
  const lines = [t('exam.result-pass-mark', { percent: percent(PASS_MARK) })];
  if (s.unanswered > 0) lines.push(t('exam.result-unanswered', { count: s.unanswered }));
  if (late) lines.unshift(t('exam.result-late', { absolute: timestamp(r.endedAt, 'f') }));
  const used = Math.round(r.timeUsedMs / 60_000);
  return new EmbedBuilder()
    .setColor(s.passed ? COLORS.correct : COLORS.wrong)
    .setTitle(t(s.passed ? 'exam.result-title-pass' : 'exam.result-title-fail', params))
    .setDescription(lines.join('\n'))
    .addFields(
      { name: t('exam.result-domains'), value: tallyLines(t, r.domains, 10) || t('exam.overview-none') },
      { name: t('exam.result-topics'), value: tallyLines(t, r.topics, 8) || t('exam.overview-none') },
      { name: t('exam.result-time-title'), value: t('exam.result-time', { used, minutes: r.minutes }) },
    )
    .toJSON();
}

function missText(t: T, m: ExamMiss): string {
  return [
    t('exam.miss-head', { number: m.position + 1, topic: local(m.topicTitle, t.locale) }),
    `> ${clip(m.prompt, 500).replaceAll('\n', '\n> ')}`,
    m.given === null ? t('exam.miss-unanswered') : t('exam.miss-given', { answer: m.given }),
    t('exam.miss-right', { answer: m.correctAnswer }),
    t('exam.miss-why', { explanation: clip(m.explanation, 700) }),
    ...(m.docs === undefined ? [] : [t('exam.miss-docs', { docs: m.docs })]),
  ].join('\n');
}

function missesEmbed(t: T, r: ExamResult, page: number) {
  const misses = r.misses.slice((page - 1) * MISSES_PER_PAGE, page * MISSES_PER_PAGE);
  return new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(t('exam.misses-title', { page, pages: missPages(r) }))
    .setDescription(clip(misses.map((m) => missText(t, m)).join('\n\n'), LIMITS.description))
    .toJSON();
}

/** Page 0: score, pass or not, domains and topics weakest first, time used; pages 1..n: the misses explained. */
export function examResultView(t: T, r: ExamResult, requestedPage: number, late: boolean): View {
  const pages = missPages(r);
  const page = Math.min(Math.max(0, requestedPage), pages);
  const embed = page === 0 ? summaryEmbed(t, r, late) : missesEmbed(t, r, page);
  const buttons: ButtonBuilder[] = [];
  const to = (p: number, label: string, style = ButtonStyle.Secondary) =>
    button(id({ kind: 'examResult', examId: r.examId, page: p }), label, style);
  if (page === 0 && pages > 0)
    buttons.push(to(1, t('exam.result-misses', { count: r.misses.length }), ButtonStyle.Primary));
  if (page > 0) {
    buttons.push(to(0, t('exam.result-summary')));
    buttons.push(to(page - 1, t('exam.result-prev')).setDisabled(page === 1));
    buttons.push(to(page + 1, t('exam.result-next')).setDisabled(page >= pages));
  }
  if (pages > 0)
    buttons.push(
      button(id({ kind: 'examDrill', examId: r.examId }), t('exam.result-drill'), ButtonStyle.Success),
    );
  return { embeds: [embed], components: buttons.length === 0 ? [] : [row(...buttons)] };
}
