import { z } from 'zod';
import { setLeaderboardChannel } from '../core/groups.ts';
import { defineCommand, notice } from './define.ts';

export const group = defineCommand({
  name: 'group',
  subcommand: 'leaderboard-channel',
  options: [{ name: 'channel', type: 'channel', required: true }],
  schema: z.object({
    channel: z.object({
      id: z.string().regex(/^\d{17,20}$/, 'options.problems.channel'),
      textual: z.literal(true, { message: 'options.problems.text-channel' }),
    }),
  }),
  contexts: 'guild',
  requires: 'ManageGuild',
  run: async (ctx, caller, o) => {
    if (caller.place === 'server-without-bot') return notice('group.no-bot-here');
    if (caller.group === null) return notice('group.server-only');
    // Discord hides the command from members without Manage Server, but server admins can
    // override that per role or channel, so the permission is checked here as well.
    if (!caller.canManageServer) return notice('group.needs-manage');
    const announce = ctx.ports.announceBoardChannel;
    if (announce === undefined || !(await announce(o.channel.id)))
      return notice('group.no-access', { channel: o.channel.id });
    await setLeaderboardChannel(ctx.core, caller.group, o.channel.id);
    return notice('group.set', { channel: o.channel.id });
  },
});
