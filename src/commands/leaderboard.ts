import { z } from 'zod';
import { getLeaderboard, PERIODS } from '../core/leaderboard.ts';
import { defineCommand, notice } from './define.ts';

export const leaderboard = defineCommand({
  name: 'leaderboard',
  options: [{ name: 'period', type: 'string', choices: { values: PERIODS, catalogue: 'periods' } }],
  schema: z.object({ period: z.enum(PERIODS, { message: 'options.problems.period' }).default('week') }),
  contexts: 'guild',
  run: async (ctx, caller, o) => {
    if (caller.place === 'server-without-bot') return notice('board.no-bot-here');
    if (caller.group === null) return notice('board.server-only');
    const board = await getLeaderboard(ctx.core, caller.group.id, o.period, caller.memberId);
    return { kind: 'leaderboard', board, groupName: caller.group.name };
  },
});
