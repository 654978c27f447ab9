import { EmbedBuilder, escapeMarkdown } from 'discord.js';
import type { BoardEntry, Leaderboard } from '../../core/leaderboard.ts';
import type { T } from '../../i18n/index.ts';
import { percent } from '../../render/text.ts';
import { COLORS, clip, LIMITS, type View } from './common.ts';

const MEDALS = ['🥇', '🥈', '🥉'];
export const BOARD_SIZE = 10;

function boardLine(t: T, e: BoardEntry, you: boolean): string {
  return t('board.line', {
    rank: MEDALS[e.rank - 1] ?? `\`#${e.rank}\``,
    name: escapeMarkdown(e.displayName),
    you: you ? t('board.you') : '',
    points: e.points,
    reviews: t('board.reviews', { count: e.reviews }),
    accuracy: percent(e.accuracy),
    streak: e.streak > 0 ? t('board.streak', { count: e.streak }) : '',
  });
}

export function leaderboardView(
  t: T,
  board: Leaderboard,
  options: { title: string; memberId?: string; footer?: string },
): View {
  const top = board.entries.slice(0, BOARD_SIZE);
  const lines = top.map((e) => boardLine(t, e, e.memberId === options.memberId));
  if (lines.length === 0) lines.push(t('board.empty'));
  if (board.me !== null && board.me.rank > BOARD_SIZE) lines.push('…', boardLine(t, board.me, true));
  if (options.memberId !== undefined && board.me === null && top.length > 0)
    lines.push('', t('board.not-on-board'));
  const since = board.from === null ? t('board.all-time') : t('board.since', { day: board.from });
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(clip(options.title, LIMITS.title))
    .setDescription(lines.join('\n'))
    .setFooter({ text: options.footer === undefined ? since : `${since} · ${options.footer}` });
  return { embeds: [embed.toJSON()], components: [] };
}

/** /leaderboard: the server's board for a period, the caller's own line included. */
export function serverBoardView(t: T, board: Leaderboard, server: string | null, memberId: string): View {
  const period = t(`periods.${board.period}`).toLowerCase();
  const title = t('board.title', { server: server ?? t('board.this-server'), period });
  return leaderboardView(t, board, { title, memberId });
}

/** The Monday post: last week's board. */
export function weeklyBoardView(t: T, board: Leaderboard, groupName: string): View {
  return leaderboardView(t, board, {
    title: t('board.weekly-title', { server: groupName }),
    footer: t('board.weekly-footer'),
  });
}
