import { type Client, Routes } from 'discord.js';
import type { Leaderboard } from '../core/leaderboard.ts';
import type { ReminderJob } from '../core/reminders.ts';
import type { BoardPoster } from '../core/weekly-boards.ts';
import { type Locale, translator } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { Paced, ReminderSender, SendOutcome } from '../scheduler/reminders.ts';
import { DiscordCode, describeError, errorSummary, isDiscordError } from './errors.ts';
import { weeklyBoardView } from './views/board.ts';
import type { View } from './views/common.ts';
import { reminderView } from './views/reminder.ts';

/**
 * The scheduler's Discord side: DMs and channel posts over REST. A DM goes straight to the
 * member's stored DM channel (one request); the channel is opened only when none is known or
 * the stored one is gone. Each request goes through `paced` (the bot-wide DM rate); discord.js
 * keeps to the per-route limits and retries 429s by itself.
 */

function body(view: View) {
  return {
    ...(view.content === undefined ? {} : { content: view.content }),
    embeds: view.embeds,
    components: view.components,
  };
}

export function createDiscordSender(client: Client, log: Logger): ReminderSender & BoardPoster {
  async function post(channelId: string, view: View): Promise<void> {
    await client.rest.post(Routes.channelMessages(channelId), { body: body(view) });
  }

  return {
    async sendReminder(job: ReminderJob, paced: Paced): Promise<SendOutcome> {
      const view = reminderView(translator(job.locale), job);
      try {
        const stored = job.dmChannelId;
        if (stored !== null) {
          try {
            await paced(() => post(stored, view));
            return { status: 'sent', dmChannelId: stored };
          } catch (error) {
            // A stored channel Discord no longer knows: open the DM again below.
            if (!isDiscordError(error, DiscordCode.UnknownChannel)) throw error;
          }
        }
        const dm = await paced(() => client.users.createDM(job.memberId));
        await paced(() => post(dm.id, view));
        return { status: 'sent', dmChannelId: dm.id };
      } catch (error) {
        // Closed DMs, or (a user install) no server shared with the bot: stop until they use a command.
        if (isDiscordError(error, DiscordCode.CannotMessageUser, DiscordCode.NoMutualGuilds))
          return { status: 'dms-closed' };
        log.debug({ member: job.memberId, error: describeError(error) }, 'DM send failed');
        return { status: 'failed', error: errorSummary(error) };
      }
    },

    async postBoard(channelId: string, board: Leaderboard, groupName: string, locale: Locale): Promise<void> {
      await post(channelId, weeklyBoardView(translator(locale), board, groupName));
    },
  };
}
