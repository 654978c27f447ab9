import type { GroupRef } from '../data/groups.ts';
import type { Member } from '../data/types.ts';
import { nextReminderAfter } from '../domain/reminder.ts';
import type { CoreContext } from './context.ts';

export type Caller = {
  memberId: string;
  displayName: string;
  /** The language the transport reports for the member (Discord's locale, the terminal's LANG); null if unknown. */
  locale: string | null;
  /**
   * The server the interaction came from (null in DMs, or where the server has not added the
   * bot); the name and locale are null when the transport does not know them: the stored ones are kept.
   */
  group: GroupRef | null;
};

export type EnsureResult = { member: Member; dmsWereClosed: boolean };

const DEFAULT_REMINDER_MINUTE = 540;

function memberChanged(caller: Caller, name: string, member: Member): boolean {
  const localeMoved = caller.locale !== null && caller.locale !== member.lastLocale;
  return member.displayName !== name || member.dmsClosed || localeMoved;
}

/** Whether anything about the caller is new to the database (most interactions: nothing). */
async function needsWrite(
  ctx: CoreContext,
  caller: Caller,
  name: string,
  member: Member | null,
): Promise<boolean> {
  if (member === null || memberChanged(caller, name, member)) return true;
  if (caller.group === null) return false;
  const { groups } = ctx.store.read;
  const group = await groups.find(caller.group.id);
  if (group === null) return true;
  if (caller.group.name !== null && group.name !== caller.group.name) return true;
  const locale = caller.group.locale ?? null;
  if (locale !== null && group.locale !== locale) return true;
  return !(await groups.isMember(caller.group.id, caller.memberId));
}

/**
 * Every interaction starts here: creates the member on first contact, refreshes the name and
 * the last seen locale, records group membership, and reopens DMs for someone whose DMs had
 * been closed (they are talking to us again, so reminders may try again). Writes only when
 * something changed, so the usual interaction takes no write lock.
 */
export async function ensureMember(ctx: CoreContext, caller: Caller): Promise<EnsureResult> {
  const name = caller.displayName.slice(0, 80);
  const known = await ctx.store.read.members.find(caller.memberId);
  if (known !== null && !(await needsWrite(ctx, caller, name, known)))
    return { member: known, dmsWereClosed: false };
  const now = new Date(ctx.clock());
  return ctx.store.write(async ({ members, groups }) => {
    const tz = ctx.defaultTimezone;
    let member = await members.create({
      id: caller.memberId,
      displayName: name,
      timezone: tz,
      lastLocale: caller.locale,
      nextReminderAt: new Date(nextReminderAfter(now.getTime(), tz, DEFAULT_REMINDER_MINUTE)),
      now,
    });
    if (memberChanged(caller, name, member) && !member.dmsClosed) {
      const patch = { displayName: name, ...(caller.locale === null ? {} : { lastLocale: caller.locale }) };
      member = (await members.update(member.id, patch, now)) ?? member;
    }
    if (caller.group !== null) await groups.join(caller.group, member.id, now);
    if (!member.dmsClosed) return { member, dmsWereClosed: false };
    const nextReminderAt = member.remindersEnabled
      ? new Date(nextReminderAfter(now.getTime(), member.timezone, member.reminderMinute))
      : null;
    const patch = {
      displayName: name,
      dmsClosed: false,
      nextReminderAt,
      ...(caller.locale === null ? {} : { lastLocale: caller.locale }),
    };
    const reopened = await members.update(member.id, patch, now);
    return { member: reopened ?? member, dmsWereClosed: true };
  });
}

/** Deletes everything stored about the member: cards, reviews, stats, sessions, reminders, memberships. */
export async function forgetMember(ctx: CoreContext, memberId: string): Promise<{ deleted: boolean }> {
  const deleted = await ctx.store.write((repos) => repos.members.delete(memberId));
  return { deleted };
}
