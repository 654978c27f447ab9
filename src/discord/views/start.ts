import { type ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { NothingDue, PresentedQuestion, StaleReason, StartResult } from '../../core/study/index.ts';
import { dynamicKey, type T } from '../../i18n/index.ts';
import { encodeId } from '../custom-id.ts';
import { button, COLORS, noticeView, row, timestamp, type View } from './common.ts';
import { questionView } from './question.ts';

export function nothingDueView(
  t: T,
  n: NothingDue,
  topicTitle: string | undefined,
  sessionSize: number,
): View {
  const lines: string[] = [];
  if (n.nextDueAt !== null) {
    lines.push(
      t('quiz.nothing.next-due', {
        relative: timestamp(n.nextDueAt, 'R'),
        absolute: timestamp(n.nextDueAt, 'f'),
      }),
    );
  } else if (n.unseen === 0) {
    lines.push(
      topicTitle === undefined
        ? t('quiz.nothing.seen-all')
        : t('quiz.nothing.seen-all-topic', { topic: topicTitle }),
    );
  }
  if (n.unseen > 0 && n.newLeftToday === 0) lines.push(t('quiz.nothing.had-today', { unseen: n.unseen }));
  const buttons: ButtonBuilder[] = [];
  if (n.unseen > 0) {
    const count = Math.min(n.unseen, sessionSize);
    const id = encodeId({ kind: 'start', mode: 'extra-new', topic: n.topic, update: true });
    buttons.push(button(id, t('quiz.nothing.learn-anyway', { count }), ButtonStyle.Primary));
  }
  if (n.canPracticeAhead) {
    buttons.push(
      button(
        encodeId({ kind: 'start', mode: 'practice', topic: n.topic, update: true }),
        t('quiz.nothing.practice-ahead'),
      ),
    );
  }
  if (buttons.length > 0) lines.push('', t('quiz.nothing.practice-note'));
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(
      topicTitle === undefined
        ? t('quiz.nothing.title')
        : t('quiz.nothing.title-topic', { topic: topicTitle }),
    )
    .setDescription(lines.join('\n') || t('quiz.nothing.empty'));
  return { embeds: [embed.toJSON()], components: buttons.length === 0 ? [] : [row(...buttons)] };
}

function nothingToDrillView(t: T, source: 'weak' | 'exam', topicTitle: string | undefined): View {
  const text =
    source === 'exam'
      ? t('quiz.nothing.no-misses')
      : topicTitle === undefined
        ? t('quiz.nothing.no-weak')
        : t('quiz.nothing.no-weak-topic', { topic: topicTitle });
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(t('quiz.nothing.no-weak-title'))
    .setDescription(text);
  return { embeds: [embed.toJSON()], components: [] };
}

export function startView(
  t: T,
  result: StartResult,
  topicTitle: string | undefined,
  sessionSize: number,
): View {
  if (result.kind === 'nothing-due') return nothingDueView(t, result, topicTitle, sessionSize);
  if (result.kind === 'nothing-to-drill') return nothingToDrillView(t, result.source, topicTitle);
  const q = result.question;
  let content: string;
  if (result.resumed) content = t('quiz.start-resumed');
  else if (q.mode === 'practice') content = t('quiz.start-practice', { total: q.total });
  else if (q.mode === 'drill') content = t('quiz.start-drill', { total: q.total });
  else if (q.mode === 'extra-new') content = t('quiz.start-extra', { count: result.newCount });
  else content = t('quiz.start-review', { due: result.dueCount, new: result.newCount });
  return questionView(t, q, { content });
}

/** A polite answer for a button whose question or session is gone, with a way to carry on. */
export function staleView(t: T, message: string, next: PresentedQuestion | null): View {
  const components =
    next === null
      ? [
          row(
            button(
              encodeId({ kind: 'start', mode: 'review', topic: undefined, update: false }),
              t('quiz.start-quiz'),
              ButtonStyle.Primary,
            ),
          ),
        ]
      : [
          row(
            button(
              encodeId({ kind: 'next', sessionId: next.sessionId, step: next.step }),
              t('quiz.continue'),
              ButtonStyle.Primary,
            ),
          ),
        ];
  return noticeView(message, components);
}

export function staleAnswerView(t: T, reason: StaleReason, next: PresentedQuestion | null): View {
  return staleView(t, t(dynamicKey(`quiz.stale.${reason}`)), next);
}
