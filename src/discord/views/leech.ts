import { type APIEmbedField, type ButtonBuilder, EmbedBuilder } from 'discord.js';
import type { Leech, LeechNotice, UnsuspendResult } from '../../core/leeches.ts';
import { local, type T } from '../../i18n/index.ts';
import { encodeId } from '../custom-id.ts';
import { button, COLORS, clip, LIMITS, noticeView, row, type View } from './common.ts';

/** Leeches on Discord: the notice on the feedback, the /leech list and its unsuspend buttons. */

/** Buttons fit four rows of five; the list names the rest, unsuspended by /leech question. */
const LISTED = 20;
const PER_ROW = 5;

/**
 * The feedback's field when an answer made the card a leech: why, the related fact, and the
 * fact's documentation when the feedback shows none of its own (the question's is its Docs field).
 */
export function leechField(t: T, n: LeechNotice, shownDocs: string | undefined): APIEmbedField {
  const lines = [t('leech.feedback-text', { count: n.lapses })];
  if (n.fact !== null) lines.push(t('leech.related-fact', { title: n.fact.title, text: n.fact.text }));
  if (n.docs !== undefined && n.docs !== shownDocs) lines.push(`[${t('quiz.docs-link')}](${n.docs})`);
  return { name: t('leech.feedback-title'), value: clip(lines.join('\n'), LIMITS.field) };
}

export function unsuspendButton(t: T, questionId: string): ButtonBuilder {
  return button(encodeId({ kind: 'leech', questionId, update: false }), t('leech.unsuspend'));
}

export function leechesView(t: T, leeches: Leech[]): View {
  if (leeches.length === 0) return noticeView(t('leech.none'));
  const shown = leeches.slice(0, LISTED);
  const lines = shown.map((l) =>
    t('leech.line', {
      number: l.number,
      prompt: clip(l.prompt.replaceAll('\n', ' '), 150),
      topic: local(l.topicTitle, t.locale),
      lapses: l.lapses,
    }),
  );
  if (leeches.length > shown.length) lines.push(t('leech.more', { count: leeches.length - shown.length }));
  const embed = new EmbedBuilder()
    .setColor(COLORS.warning)
    .setTitle(t('leech.title', { count: leeches.length }))
    .setDescription(clip(lines.join('\n'), LIMITS.description))
    .setFooter({ text: t('leech.footer') });
  const buttons = shown.map((l) =>
    button(
      encodeId({ kind: 'leech', questionId: l.questionId, update: true }),
      t('leech.unsuspend-number', { number: l.number }),
    ),
  );
  const rows = [];
  for (let i = 0; i < buttons.length; i += PER_ROW) rows.push(row(...buttons.slice(i, i + PER_ROW)));
  return { embeds: [embed.toJSON()], components: rows };
}

export function unsuspendedView(t: T, r: UnsuspendResult): View {
  if (r.status === 'unknown') return noticeView(t('leech.unknown', { query: r.query }));
  const prompt = clip(r.prompt.replaceAll('\n', ' '), 300);
  return noticeView(
    r.status === 'unsuspended' ? t('leech.unsuspended', { prompt }) : t('leech.not-suspended', { prompt }),
  );
}
