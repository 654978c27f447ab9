import { type APIEmbed, type ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type {
  Feedback,
  PresentedQuestion,
  Schedule,
  SessionMode,
  SessionSummary,
} from '../../core/study/index.ts';
import type { Question } from '../../domain/question.ts';
import type { T } from '../../i18n/index.ts';
import { describeDue, percent } from '../../render/text.ts';
import { encodeId } from '../custom-id.ts';
import { button, COLORS, clip, LIMITS, row, type View } from './common.ts';
import { leechField, unsuspendButton } from './leech.ts';
import { gradeLabel } from './question.ts';

export type FeedbackInput = {
  feedback: Feedback;
  question: Question | undefined;
  next: PresentedQuestion | null;
  summary: SessionSummary | null;
  /** The member's study day, for "next review tomorrow". */
  today: string;
};

function verdictTitle(t: T, f: Feedback, question: Question | undefined): string {
  if (question?.kind === 'flashcard')
    return `${f.correct ? '✅' : '❌'} ${t('quiz.verdict.graded', { label: gradeLabel(t, f.grade) })}`;
  if (f.correct) return f.quick ? t('quiz.verdict.correct-quick') : t('quiz.verdict.correct');
  if (f.partly) return t('quiz.verdict.partly');
  return t('quiz.verdict.wrong');
}

/** "tomorrow (Tue 3 Mar) · interval 1 day", as the Next review field shows it. */
export function scheduleLine(t: T, schedule: Schedule, today: string, guessed = false): string {
  const due = describeDue(t, schedule.dueDay, today);
  return t(guessed ? 'quiz.interval-guessed' : 'quiz.interval', { due, count: schedule.intervalDays });
}

function scheduleText(t: T, f: Feedback, today: string, mode: SessionMode | undefined): string {
  const parts: string[] = [];
  if (f.schedule !== null) parts.push(scheduleLine(t, f.schedule, today));
  else if (mode === 'practice') parts.push(t('quiz.practice-unchanged'));
  else if (mode === 'drill') parts.push(t('quiz.drill-unchanged'));
  if (f.reaskLater) parts.push(t('quiz.again-later'));
  return parts.join('\n') || t('quiz.unchanged');
}

function summaryEmbed(t: T, s: SessionSummary): APIEmbed {
  const share = s.answered === 0 ? null : s.correct / s.answered;
  const lines = [
    t('quiz.summary.score', { correct: s.correct, answered: s.answered, percent: percent(share) }),
  ];
  if (s.mode === 'practice') lines.push(t('quiz.summary.practice'));
  if (s.mode === 'drill') lines.push(t('quiz.summary.drill'));
  lines.push(t('quiz.summary.stats'));
  return new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(t('quiz.summary.title'))
    .setDescription(lines.join('\n'))
    .toJSON();
}

export function feedbackView(t: T, input: FeedbackInput): View {
  const { feedback: f, question, next, summary, today } = input;
  const color = f.correct ? COLORS.correct : f.partly ? COLORS.partly : COLORS.wrong;
  const lines: string[] = [];
  if (question !== undefined) lines.push(`> ${clip(question.prompt, 600).replaceAll('\n', '\n> ')}`, '');
  lines.push(t('quiz.answer-label', { answer: f.correctAnswer }), '', f.explanation);
  const embed = new EmbedBuilder()
    .setColor(color)
    .setTitle(verdictTitle(t, f, question))
    .setDescription(clip(lines.join('\n'), LIMITS.description));
  if (f.correctsNote) embed.addFields({ name: t('quiz.corrects-note'), value: t('quiz.corrects-note-text') });
  const mode = summary?.mode ?? next?.mode;
  embed.addFields({ name: t('quiz.next-review'), value: scheduleText(t, f, today, mode), inline: true });
  if (f.points > 0) embed.addFields({ name: t('quiz.points'), value: `+${f.points}`, inline: true });
  if (f.docs !== undefined)
    embed.addFields({ name: t('quiz.docs'), value: `[${t('quiz.docs-link')}](${f.docs})`, inline: true });
  if (f.leech !== undefined) embed.addFields(leechField(t, f.leech, f.docs));

  const embeds = [embed.toJSON()];
  const buttons: ButtonBuilder[] = [];
  if (f.canMarkGuessed && f.reviewId !== null)
    buttons.push(button(encodeId({ kind: 'guess', reviewId: f.reviewId }), t('quiz.guessed-button')));
  if (f.leech !== undefined) buttons.push(unsuspendButton(t, f.leech.questionId));
  if (f.reviewId !== null)
    buttons.push(button(encodeId({ kind: 'undo', reviewId: f.reviewId }), t('undo.button')));
  if (next !== null) {
    buttons.push(
      button(
        encodeId({ kind: 'next', sessionId: next.sessionId, step: next.step }),
        t('quiz.next-button'),
        ButtonStyle.Primary,
      ),
    );
  }
  if (summary !== null) {
    embeds.push(summaryEmbed(t, summary));
    buttons.push(
      button(
        encodeId({ kind: 'start', mode: 'review', topic: undefined, update: true }),
        t('quiz.another-round'),
        ButtonStyle.Primary,
      ),
    );
  }
  return { embeds, components: buttons.length === 0 ? [] : [row(...buttons)] };
}
