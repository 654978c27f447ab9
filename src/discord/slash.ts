import { ChannelType, type ChatInputCommandInteraction, type Client, Routes } from 'discord.js';
import { findCommand } from '../commands/registry.ts';
import type { Command, Ports } from '../commands/types.ts';
import type { Progress } from '../core/progress.ts';
import { resolveLocale, type T, translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import { renderProgressOf } from '../render/picture/index.ts';
import { DiscordCode, describeError, isDiscordError } from './errors.ts';
import { answerWith, notice, type Turn } from './turn.ts';
import { noticeView } from './views/common.ts';

/** Channel types a leaderboard can be posted to. */
export const BOARD_CHANNEL_TYPES: ChannelType[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

/** The interaction's option values by the command's own definition, as plain data. */
function rawOptions(i: ChatInputCommandInteraction, command: Command): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const o of command.options) {
    let value: unknown;
    if (o.type === 'string') value = i.options.getString(o.name);
    else if (o.type === 'integer') value = i.options.getInteger(o.name);
    else if (o.type === 'boolean') value = i.options.getBoolean(o.name);
    else {
      const channel = i.options.getChannel(o.name);
      value =
        channel === null ? null : { id: channel.id, textual: BOARD_CHANNEL_TYPES.includes(channel.type) };
    }
    if (value !== null && value !== undefined) raw[o.name] = value;
  }
  return raw;
}

/** What the Discord side does for commands beyond answering: post the board channel's note (in the server's language). */
export function discordPorts(client: Client, log: Logger, guildId: string | null, serverT: T): Ports {
  return {
    async announceBoardChannel(channelId) {
      try {
        const body = { content: serverT('group.announce') };
        await client.rest.post(Routes.channelMessages(channelId), { body });
        return true;
      } catch (error) {
        if (
          !isDiscordError(
            error,
            DiscordCode.MissingAccess,
            DiscordCode.MissingPermissions,
            DiscordCode.UnknownChannel,
          )
        )
          throw error;
        log.info(
          { guild: guildId, channel: channelId, error: describeError(error) },
          'cannot post in board channel',
        );
        return false;
      }
    },
  };
}

/** Draws the progress picture; text only (logged) when drawing fails. */
async function picture(turn: Turn, progress: Progress): Promise<Buffer | null> {
  try {
    return await renderProgressOf(progress, turn.t);
  } catch (error) {
    turn.deps.log.error(
      { member: turn.caller.memberId, error: describeError(error) },
      'progress picture failed; sending text only',
    );
    return null;
  }
}

export async function runSlashCommand(turn: Turn, i: ChatInputCommandInteraction): Promise<void> {
  const command = findCommand(i.commandName);
  if (command === undefined || command.consoleOnly === true) {
    return notice(turn, noticeView(turn.t('commands.unknown', { name: i.commandName })));
  }
  // Drawing the picture takes a moment: acknowledge first.
  if (command.name === 'stats') await turn.responder.defer();
  const outcome = await command.execute(turn.commands, turn.caller, rawOptions(i, command));
  // A language just chosen speaks in its own reply already.
  if (outcome.kind === 'settings')
    turn.t = translator(resolveLocale(outcome.settings.language, turn.caller.locale));
  await answerWith(
    turn,
    outcome,
    outcome.kind === 'stats' ? { picture: await picture(turn, outcome.progress) } : {},
  );
}
