import type { CoreContext } from './context.ts';

/** Where a server's weekly leaderboard is posted. Permission checks belong to the transport. */
export async function setLeaderboardChannel(
  ctx: CoreContext,
  group: { id: string; name: string | null },
  channelId: string,
): Promise<void> {
  const now = new Date(ctx.clock());
  await ctx.store.write((repos) => repos.groups.setBoardChannel(group, channelId, now));
}
