import { EmbedBuilder } from 'discord.js';
import type { Progress } from '../../core/progress.ts';
import { local, type T } from '../../i18n/index.ts';
import { readinessLines } from '../../render/readiness.ts';
import { percent, progressBar } from '../../render/text.ts';
import { COLORS, clip, LIMITS, timestamp, type View } from './common.ts';

export const PROGRESS_IMAGE = 'progress.png';

function topicLines(t: T, p: Progress): string[] {
  return p.topics
    .filter((x) => x.total > 0)
    .map((x) => {
      const share = x.learned / x.total;
      return t('stats.topic-line', {
        bar: progressBar(share, 10),
        percent: percent(share),
        topic: local(x.title, t.locale),
        learned: x.learned,
        total: x.total,
        seen: x.seen,
      });
    });
}

/** The member's leeches: how many, the first few prompts, and how to unsuspend them. */
function leechesField(t: T, p: Progress): { name: string; value: string } {
  const lines = [
    t('stats.leeches-value', { count: p.leeches.count }),
    ...p.leeches.prompts.map((x) => `• ${clip(x.replaceAll('\n', ' '), 120)}`),
    t('stats.leeches-hint'),
  ];
  return { name: t('stats.leeches'), value: clip(lines.join('\n'), LIMITS.field) };
}

export function statsView(t: T, p: Progress, image: Buffer | null): View {
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(clip(t('stats.title', { name: p.displayName }), LIMITS.title))
    .setDescription(clip(topicLines(t, p).join('\n') || t('stats.no-topics'), LIMITS.description))
    .addFields(
      {
        name: t('stats.streak'),
        value: t('stats.streak-value', { count: p.currentStreak, best: p.longestStreak }),
        inline: true,
      },
      { name: t('stats.due-today'), value: String(p.dueToday), inline: true },
      {
        name: t('stats.seen'),
        value: t('stats.seen-value', { seen: p.seen, total: p.total, learned: p.learned }),
        inline: true,
      },
      {
        name: t('stats.accuracy'),
        value: t('stats.accuracy-value', { week: percent(p.accuracy7), month: percent(p.accuracy30) }),
        inline: true,
      },
      {
        name: t('stats.reviews'),
        value: t('stats.reviews-value', { week: p.reviews7, total: p.reviewsTotal }),
        inline: true,
      },
      {
        name: t('stats.next-due'),
        value: p.nextDueAt === null ? t('common.none') : timestamp(p.nextDueAt, 'R'),
        inline: true,
      },
    )
    .addFields({
      name: t('stats.readiness-title'),
      value: clip(readinessLines(t, p.readiness).join('\n'), LIMITS.field),
    })
    .setFooter({ text: t('stats.footer', { day: p.today, timezone: p.timezone }) });
  if (p.leeches.count > 0) embed.addFields(leechesField(t, p));
  if (image === null) return { embeds: [embed.toJSON()], components: [] };
  embed.setImage(`attachment://${PROGRESS_IMAGE}`);
  return { embeds: [embed.toJSON()], components: [], files: [{ attachment: image, name: PROGRESS_IMAGE }] };
}
