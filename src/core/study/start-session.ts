import { randomInt } from 'node:crypto';
import type { Repos } from '../../data/store.ts';
import type { Session } from '../../data/types.ts';
import { studyDay } from '../../domain/day.ts';
import { encodeIds, encodeQueue } from '../../domain/session-queue.ts';
import { type CoreContext, UserError } from '../context.ts';
import { openSession, present } from './present.ts';
import type { NothingDue, PresentedQuestion, SessionMode, StartResult } from './types.ts';
import { weakQuestionIds } from './weak.ts';

function checkTopic(ctx: CoreContext, topic: string | undefined): void {
  if (topic !== undefined && ctx.bank.topic(topic) === undefined) {
    throw new UserError(
      'unknown-topic',
      { topic },
      ctx.bank.topics.map((t) => t.id),
    );
  }
}

/** Unseen questions in curriculum order, at most `take`. */
async function newQuestionIds(ctx: CoreContext, memberId: string, topic: string | undefined, take: number) {
  if (take <= 0) return [];
  const seen = new Set(await ctx.store.read.cards.seenQuestionIds(memberId));
  return ctx.bank.questions
    .filter((q) => !seen.has(q.id) && (topic === undefined || q.topic === topic))
    .sort((a, b) => ctx.bank.order(a.id) - ctx.bank.order(b.id))
    .slice(0, take)
    .map((q) => q.id);
}

async function newLeftToday(
  repos: Repos,
  memberId: string,
  newPerDay: number,
  today: string,
): Promise<number> {
  const stat = await repos.stats.find(memberId, today);
  return Math.max(0, newPerDay - (stat?.newCards ?? 0));
}

/** The questions a new session of `mode` would ask, due ones first. */
async function pickQuestions(
  ctx: CoreContext,
  member: { id: string; newPerDay: number; timezone: string },
  mode: SessionMode,
  topic: string | undefined,
): Promise<{ ids: string[]; dueCount: number; newIds: string[] }> {
  const now = new Date(ctx.clock());
  const { cards } = ctx.store.read;
  if (mode === 'drill') {
    const weak = await weakQuestionIds(ctx, member.id, topic, ctx.sessionSize);
    return { ids: weak, dueCount: 0, newIds: [] };
  }
  if (mode === 'practice') {
    const upcoming = await cards.upcoming(member.id, now, topic, ctx.sessionSize);
    return { ids: upcoming.map((c) => c.questionId), dueCount: 0, newIds: [] };
  }
  const due = mode === 'review' ? await cards.due(member.id, now, topic, ctx.sessionSize) : [];
  const allowance =
    mode === 'review'
      ? await newLeftToday(
          ctx.store.read,
          member.id,
          member.newPerDay,
          studyDay(now.getTime(), member.timezone),
        )
      : ctx.sessionSize;
  const newIds = await newQuestionIds(
    ctx,
    member.id,
    topic,
    Math.min(allowance, ctx.sessionSize - due.length),
  );
  return { ids: [...due, ...newIds], dueCount: due.length, newIds };
}

async function nothingDue(
  ctx: CoreContext,
  member: { id: string; newPerDay: number; timezone: string },
  topic: string | undefined,
): Promise<NothingDue> {
  const now = ctx.clock();
  const upcoming = await ctx.store.read.cards.upcoming(member.id, new Date(now), topic, 1);
  return {
    kind: 'nothing-due',
    nextDueAt: upcoming[0]?.dueAt.getTime() ?? null,
    newLeftToday: await newLeftToday(
      ctx.store.read,
      member.id,
      member.newPerDay,
      studyDay(now, member.timezone),
    ),
    unseen: (await newQuestionIds(ctx, member.id, topic, Number.MAX_SAFE_INTEGER)).length,
    canPracticeAhead: upcoming.length > 0,
    topic,
  };
}

/**
 * Starts or resumes a session. `review`: due cards (most overdue first), then new ones up to
 * the daily limit, capped at the session size. `extra-new`: new cards beyond today's limit.
 * `practice`: the soonest upcoming cards, ahead of schedule, without moving the schedule.
 * An open review session (of the same topic, or any when no topic is asked for) is resumed.
 */
export async function startSession(
  ctx: CoreContext,
  memberId: string,
  options: { topic?: string | undefined; mode?: SessionMode } = {},
): Promise<StartResult> {
  const { topic } = options;
  const mode = options.mode ?? 'review';
  checkTopic(ctx, topic);
  const member = await ctx.store.read.members.find(memberId);
  if (member === null) throw new UserError('unknown-member');
  const resumed = resumable(ctx, await ctx.store.read.sessions.open(memberId), mode, topic);
  if (resumed !== null)
    return { kind: 'question', resumed: true, question: resumed, dueCount: 0, newCount: 0 };
  const picked = await pickQuestions(ctx, member, mode, topic);
  if (picked.ids.length === 0)
    return mode === 'drill'
      ? { kind: 'nothing-to-drill', source: 'weak', topic }
      : nothingDue(ctx, member, topic);
  const now = new Date(ctx.clock());
  const created = await ctx.store.write(async (repos) => {
    // Checked again inside the write: a /quiz, a button and the daily DM racing each other all
    // end up in the one session the first of them opened.
    const again = resumable(ctx, await repos.sessions.open(memberId), mode, topic);
    if (again !== null) return { resumed: true, question: again };
    const question = await openNewSession(
      ctx,
      repos,
      { memberId, mode, topic, ids: picked.ids, newIds: picked.newIds },
      now,
    );
    return { resumed: false, question };
  });
  if (created.resumed)
    return { kind: 'question', resumed: true, question: created.question, dueCount: 0, newCount: 0 };
  const counts = { dueCount: picked.dueCount, newCount: picked.newIds.length };
  return { kind: 'question', resumed: false, question: created.question, ...counts };
}

/**
 * Inside a write: closes the member's open session (its cards stay as scheduled, so nothing is
 * lost) and opens a new one on `ids`; returns its first question.
 */
export async function openNewSession(
  ctx: CoreContext,
  repos: Repos,
  s: { memberId: string; mode: SessionMode; topic: string | undefined; ids: string[]; newIds: string[] },
  now: Date,
): Promise<PresentedQuestion> {
  await repos.sessions.closeOpen(s.memberId, now);
  const row = await repos.sessions.create({
    memberId: s.memberId,
    topic: s.topic ?? null,
    mode: s.mode,
    queue: encodeQueue(s.ids.map((q) => ({ q }))),
    newIds: encodeIds(s.newIds),
    seed: randomInt(2 ** 31),
    now,
  });
  const opened = openSession(row);
  const question = opened === null ? null : present(ctx, opened);
  if (question === null) throw new Error('a new session has no question');
  return question;
}

/** The open session's current question when a new start should resume it: a review, of the same topic or any. */
function resumable(ctx: CoreContext, open: Session | null, mode: SessionMode, topic: string | undefined) {
  if (open === null || mode !== 'review' || open.mode !== 'review') return null;
  if (topic !== undefined && open.topic !== topic) return null;
  const s = openSession(open);
  return s === null ? null : present(ctx, s);
}

/** The session's current question for its member; null when it is gone or finished. */
export async function currentQuestion(ctx: CoreContext, memberId: string, sessionId: number) {
  const row = await ctx.store.read.sessions.find(sessionId);
  if (row === null || row.memberId !== memberId || row.finishedAt !== null) return null;
  const s = openSession(row);
  return s === null ? null : present(ctx, s);
}
