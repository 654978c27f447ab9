import { describe, expect, it } from 'vitest';
import { type Caller, ensureMember, forgetMember } from '../../src/core/members.ts';
import { useCore } from '../support/core.ts';
import { eachProvider } from '../support/providers.ts';
import { answerAll, join } from '../support/study.ts';

const T0 = Date.parse('2026-03-02T10:00:00Z');
eachProvider((provider) => {
  const env = useCore(T0, {}, provider);

  const caller = (extra: Partial<Caller> = {}): Caller => ({
    memberId: 'm1',
    displayName: 'Ann',
    locale: 'en-US',
    group: null,
    ...extra,
  });

  describe('forget-me', () => {
    it('GIVEN a member with history WHEN they ask to be forgotten THEN nothing of theirs remains', async () => {
      const { ctx, clock, db } = env;
      await join(ctx, 'm1');
      await answerAll(ctx, clock, 'm1');
      await forgetMember(ctx, 'm1');
      const p = db.prisma;
      const counts = await Promise.all([
        p.member.count(),
        p.card.count(),
        p.reviewLog.count(),
        p.dailyStat.count(),
        p.studySession.count(),
        p.membership.count(),
      ]);
      expect(counts).toEqual([0, 0, 0, 0, 0, 0]);
    });
  });

  describe('every interaction (ensureMember)', () => {
    it('GIVEN a first contact THEN the member is created in the default time zone, with the reminder at 09:00 and the locale seen', async () => {
      const { ctx, db } = env;
      const { member, dmsWereClosed } = await ensureMember(
        { ...ctx, defaultTimezone: 'Asia/Seoul' },
        caller({ displayName: 'x'.repeat(100) }),
      );
      expect(dmsWereClosed).toBe(false);
      expect(member).toMatchObject({
        id: 'm1',
        displayName: 'x'.repeat(80),
        timezone: 'Asia/Seoul',
        lastLocale: 'en-US',
        reminderMinute: 540,
        // 19:00 in Seoul: the next 09:00 there is tomorrow's, 00:00Z.
        nextReminderAt: new Date('2026-03-03T00:00:00Z'),
      });
      expect(await db.prisma.member.count()).toBe(1);
    });

    it('GIVEN nothing new about the caller THEN nothing is written', async () => {
      const { ctx, clock, db } = env;
      await ensureMember(ctx, caller({ group: { id: 'g1', name: 'Group', locale: 'ko' } }));
      clock.advance(60_000);
      const again = await ensureMember(ctx, caller({ group: { id: 'g1', name: 'Group', locale: 'ko' } }));
      expect(again.member.updatedAt).toEqual(new Date(T0));
      await ensureMember(ctx, caller({ locale: null, group: { id: 'g1', name: null, locale: null } }));
      const stored = await db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } });
      expect(stored.updatedAt).toEqual(new Date(T0));
      expect(stored.lastLocale).toBe('en-US');
    });

    it('GIVEN nothing new about the caller, in a server or not THEN no write is taken at all', async () => {
      const { ctx, clock, db } = env;
      const inGroup = caller({ group: { id: 'g1', name: 'Group', locale: 'ko' } });
      await ensureMember(ctx, caller());
      await ensureMember(ctx, inGroup);
      const writes = db.store.stats.writes;
      clock.advance(60_000);
      await ensureMember(ctx, caller());
      await ensureMember(ctx, inGroup);
      await ensureMember(ctx, caller({ group: { id: 'g1', name: null, locale: null } }));
      expect(db.store.stats.writes).toBe(writes);
    });

    it('GIVEN a known member in a named server new to the bot THEN they join it under its name', async () => {
      const { ctx, db } = env;
      await ensureMember(ctx, caller());
      await ensureMember(ctx, caller({ group: { id: 'g3', name: 'Night class', locale: 'ko' } }));
      expect(await db.prisma.group.findUniqueOrThrow({ where: { id: 'g3' } })).toMatchObject({
        name: 'Night class',
        locale: 'ko',
      });
      expect(await db.prisma.membership.count({ where: { memberId: 'm1', groupId: 'g3' } })).toBe(1);
    });

    it('GIVEN a new name or locale THEN they are stored; an unknown locale keeps the last one', async () => {
      const { ctx, clock } = env;
      await ensureMember(ctx, caller());
      clock.advance(60_000);
      expect((await ensureMember(ctx, caller({ displayName: 'Annie' }))).member).toMatchObject({
        displayName: 'Annie',
        lastLocale: 'en-US',
        updatedAt: new Date(T0 + 60_000),
      });
      expect(
        (await ensureMember(ctx, caller({ displayName: 'Annie', locale: 'ko' }))).member.lastLocale,
      ).toBe('ko');
      expect((await ensureMember(ctx, caller({ displayName: 'Bea', locale: null }))).member).toMatchObject({
        displayName: 'Bea',
        lastLocale: 'ko',
      });
    });

    it('GIVEN a server THEN the member joins it once; its new name and locale are stored, unknown ones kept', async () => {
      const { ctx, db } = env;
      await ensureMember(ctx, caller({ group: { id: 'g1', name: 'Group', locale: 'ko' } }));
      await ensureMember(ctx, caller({ memberId: 'm2', group: { id: 'g1', name: 'Group', locale: 'ko' } }));
      expect(await db.prisma.membership.count({ where: { groupId: 'g1' } })).toBe(2);
      await ensureMember(ctx, caller({ group: { id: 'g1', name: 'Renamed', locale: null } }));
      expect(await db.prisma.group.findUniqueOrThrow({ where: { id: 'g1' } })).toMatchObject({
        name: 'Renamed',
        locale: 'ko',
      });
      await ensureMember(ctx, caller({ group: { id: 'g1', name: null, locale: 'vi' } }));
      expect(await db.prisma.group.findUniqueOrThrow({ where: { id: 'g1' } })).toMatchObject({
        name: 'Renamed',
        locale: 'vi',
      });
      // A member already known, in a server new to the bot: joined.
      await ensureMember(ctx, caller({ group: { id: 'g2', name: null } }));
      expect(await db.prisma.membership.count({ where: { memberId: 'm1' } })).toBe(2);
      expect((await db.prisma.group.findUniqueOrThrow({ where: { id: 'g2' } })).name).toBe('Server g2');
    });

    it('GIVEN a known member in a known server they never used THEN they join it', async () => {
      const { ctx, db } = env;
      await ensureMember(ctx, caller({ memberId: 'm2', group: { id: 'g1', name: 'Group' } }));
      await ensureMember(ctx, caller());
      await ensureMember(ctx, caller({ group: { id: 'g1', name: 'Group' } }));
      expect(await db.prisma.membership.count({ where: { memberId: 'm1', groupId: 'g1' } })).toBe(1);
    });

    it('GIVEN closed DMs THEN the next interaction reopens them and schedules the next reminder; with reminders off, none', async () => {
      const { ctx, clock, db } = env;
      await ensureMember(ctx, caller());
      await db.prisma.member.update({ where: { id: 'm1' }, data: { dmsClosed: true, nextReminderAt: null } });
      clock.now = Date.parse('2026-03-05T12:00:00Z');
      const reopened = await ensureMember(ctx, caller());
      expect(reopened.dmsWereClosed).toBe(true);
      expect(reopened.member).toMatchObject({
        dmsClosed: false,
        nextReminderAt: new Date('2026-03-06T09:00:00Z'),
      });
      expect((await ensureMember(ctx, caller())).dmsWereClosed).toBe(false);
      await db.prisma.member.update({
        where: { id: 'm1' },
        data: { dmsClosed: true, remindersEnabled: false, nextReminderAt: null },
      });
      const off = await ensureMember(ctx, caller({ displayName: 'Ann B', locale: 'vi' }));
      expect(off.dmsWereClosed).toBe(true);
      expect(off.member).toMatchObject({
        dmsClosed: false,
        nextReminderAt: null,
        displayName: 'Ann B',
        lastLocale: 'vi',
      });
    });

    it('GIVEN closed DMs and a caller whose locale is unknown THEN they reopen keeping the last locale', async () => {
      const { ctx, db } = env;
      await ensureMember(ctx, caller({ locale: 'ko' }));
      await db.prisma.member.update({ where: { id: 'm1' }, data: { dmsClosed: true } });
      const reopened = await ensureMember(ctx, caller({ locale: null }));
      expect(reopened.dmsWereClosed).toBe(true);
      expect(reopened.member).toMatchObject({ dmsClosed: false, lastLocale: 'ko' });
      expect((await db.prisma.member.findUniqueOrThrow({ where: { id: 'm1' } })).lastLocale).toBe('ko');
    });
  });

  describe('forget-me: who', () => {
    it('GIVEN someone never seen THEN nothing is deleted, and a member is deleted once', async () => {
      const { ctx } = env;
      expect(await forgetMember(ctx, 'nobody')).toEqual({ deleted: false });
      await join(ctx, 'm1');
      await join(ctx, 'm2');
      expect(await forgetMember(ctx, 'm1')).toEqual({ deleted: true });
      expect(await forgetMember(ctx, 'm1')).toEqual({ deleted: false });
      expect(await env.db.prisma.member.count()).toBe(1);
    });
  });
});
