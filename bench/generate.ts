import { mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadBank } from '../src/bank/load.ts';
import { indexBank } from '../src/core/context.ts';
import { syncBank } from '../src/core/sync-bank.ts';
import { openDatabase } from '../src/data/db.ts';
import { applyMigrations } from '../src/data/migrations.ts';
import { Store } from '../src/data/store.ts';
import { addDays, dayStart, dueInstant, studyDay } from '../src/domain/day.ts';
import { advanceStreak, dayCounts, reviewPoints, streakBonus } from '../src/domain/progress.ts';
import type { Question } from '../src/domain/question.ts';
import { nextReminderAfter } from '../src/domain/reminder.ts';
import { type Grade, review, type Sm2State } from '../src/domain/sm2.ts';
import {
  dmChannelFor,
  fmtInt,
  GROUP_SIZE,
  groupId,
  groupName,
  isReminderCrowd,
  memberId,
  NOW,
  OUT_DIR,
  QUESTIONS_DIR,
  rng,
} from './common.ts';

/**
 * Builds a realistic benchmark database: the real schema (Prisma migrations), the real bank
 * (synced by the app's Store), then members with an SM-2 history inserted with raw prepared
 * statements in one transaction. Every DateTime is written as unix-epoch milliseconds, as the
 * app's adapter does, and every createdAt/updatedAt is given explicitly.
 *
 * History is simulated per member in "day index" space (reviews of due cards, then up to
 * newPerDay new cards in the app's curriculum order, SM-2 via the app's `review()`), then
 * placed so that it ends on the member's previous study day (or some days earlier for members
 * who stopped studying); instants come from the app's `dueInstant`/`dayStart`.
 */

export type GenerateOptions = {
  file: string;
  members: number;
  /** Average review logs per member (each member gets 0.4x..1.6x of it). */
  reviewsPerMember: number;
  seed?: number;
  log?: (line: string) => void;
};

export type GenerateResult = {
  file: string;
  members: number;
  groups: number;
  cards: number;
  reviews: number;
  dailyStats: number;
  sessions: number;
  rows: number;
  /** Members due for a reminder at NOW (the 09:00 UTC crowd). */
  reminderDue: number;
  insertMs: number;
  totalMs: number;
  rowsPerSecond: number;
  bytes: number;
};

const TIMEZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Seoul', 'America/Los_Angeles'];
const HOUR = 3_600_000;
/** Reviews a member does at most in one day (several sessions); the rest stays overdue. */
const DAILY_CAP = 80;
const NEW_PER_DAY = 10;

type SimCard = {
  id: number;
  q: Question;
  state: Sm2State;
  lapses: number;
  count: number;
  dueDay: number;
  /** Materialised: due instant, first and last review. */
  dueAt: number;
  createdAt: number;
  lastAt: number;
};

type SimLog = {
  card: SimCard;
  day: number;
  k: number;
  grade: Grade;
  correct: boolean;
  before: Sm2State;
  after: Sm2State;
  isNew: boolean;
};

type SimDay = {
  day: number;
  reviews: number;
  correct: number;
  points: number;
  newCards: number;
  cleared: boolean;
};

function pickGrade(q: Question, r: () => number, reps: number): { grade: Grade; correct: boolean } {
  if (q.kind === 'flashcard') {
    const x = r();
    const grade: Grade = x < 0.03 ? 0 : x < 0.08 ? 1 : x < 0.15 ? 2 : x < 0.35 ? 3 : x < 0.7 ? 4 : 5;
    return { grade, correct: grade >= 3 };
  }
  // Better with practice: 70% right on first sight, up to 92% on well-known cards.
  const pRight = Math.min(0.92, 0.7 + reps * 0.05);
  if (r() < pRight) {
    const x = r();
    return { grade: x < 0.05 ? 3 : x < 0.5 ? 4 : 5, correct: true };
  }
  const partly = q.kind === 'choice' && q.answer.length > 1 && r() < 0.5;
  return { grade: partly ? 2 : 1, correct: false };
}

function answerText(q: Question, grade: Grade, correct: boolean): string {
  switch (q.kind) {
    case 'choice':
      return correct ? q.answer.map((i) => 'ABCDE'[i] ?? '?').join(',') : q.answer[0] === 0 ? 'B' : 'A';
    case 'truefalse':
      return String(correct ? q.answer : !q.answer);
    case 'text':
      return correct ? (q.accept[0] ?? '') : 'not sure';
    case 'flashcard':
      return `self-graded ${grade}`;
  }
}

export async function generateDatabase(options: GenerateOptions): Promise<GenerateResult> {
  const started = performance.now();
  const { file, members } = options;
  const log = options.log ?? (() => {});
  mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });

  // The real schema and the real bank, through the app's own code.
  await applyMigrations(file);
  const bank = loadBank(QUESTIONS_DIR);
  const database = await openDatabase(file);
  await syncBank(new Store(database), bank.questions, new Date());
  await database.close();

  const index = indexBank(bank);
  const curriculum = [...bank.questions].sort((a, b) => index.order(a.id) - index.order(b.id));

  const db = new Database(file);
  // One writer, no readers: write pages once (no WAL copy), then switch back to the app's WAL.
  db.pragma('journal_mode = DELETE');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -1000000');
  db.pragma('temp_store = MEMORY');
  db.pragma('foreign_keys = ON');

  const insGroup = db.prepare(
    'INSERT INTO "Group" (id, name, leaderboardChannelId, lastBoardPostedFor, createdAt) VALUES (?, ?, NULL, NULL, ?)',
  );
  const insMember = db.prepare(
    `INSERT INTO "Member" (id, displayName, timezone, reminderMinute, remindersEnabled, dmsClosed, dmChannelId,
       newPerDay, nextReminderAt, currentStreak, longestStreak, lastStreakDay, createdAt, updatedAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insMembership = db.prepare('INSERT INTO "Membership" (groupId, memberId, joinedAt) VALUES (?, ?, ?)');
  const insCard = db.prepare(
    `INSERT INTO "Card" (id, memberId, questionId, easiness, intervalDays, repetitions, lapses, reviewCount,
       dueAt, lastReviewedAt, createdAt)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insLog = db.prepare(
    `INSERT INTO "ReviewLog" (memberId, cardId, questionId, seq, grade, correct, answer, answeredAt, day,
       responseMs, easinessBefore, intervalBefore, repetitionsBefore, dueBefore, easinessAfter, intervalAfter,
       repetitionsAfter, dueAfter)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insStat = db.prepare(
    `INSERT INTO "DailyStat" (memberId, day, reviews, correct, points, newCards, clearedDue)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insSession = db.prepare(
    `INSERT INTO "StudySession" (memberId, topic, mode, queue, newIds, step, shownAt, answered, correct,
       lastFeedback, createdAt, updatedAt, finishedAt)
     VALUES (?, NULL, 'review', '[]', '[]', ?, ?, ?, ?, NULL, ?, ?, ?)`,
  );

  // Memoised calendar arithmetic (the app's functions, called once per distinct input).
  const dayStartMemo = new Map<string, number>();
  const startOf = (day: string, tz: string): number => {
    const key = `${tz}|${day}`;
    let v = dayStartMemo.get(key);
    if (v === undefined) {
      v = dayStart(day, tz);
      // Answers are placed 10-12 h into the study day: check that they belong to it.
      if (studyDay(v + 10 * HOUR, tz) !== day) throw new Error(`study day mismatch ${tz} ${day}`);
      dayStartMemo.set(key, v);
    }
    return v;
  };
  const dueMemo = new Map<string, number>();
  const dueOf = (answeredAt: number, day: string, interval: number, tz: string): number => {
    const key = `${tz}|${day}|${interval}`;
    let v = dueMemo.get(key);
    if (v === undefined) {
      v = dueInstant(answeredAt, interval, tz);
      dueMemo.set(key, v);
    }
    return v;
  };
  const addDaysMemo = new Map<string, string>();
  const shift = (day: string, n: number): string => {
    const key = `${day}|${n}`;
    let v = addDaysMemo.get(key);
    if (v === undefined) {
      v = addDays(day, n);
      addDaysMemo.set(key, v);
    }
    return v;
  };
  const reminderMemo = new Map<string, number>();
  const reminderAt = (tz: string, minute: number, crowd: boolean): number => {
    const key = `${tz}|${minute}|${crowd}`;
    let v = reminderMemo.get(key);
    if (v === undefined) {
      v = nextReminderAfter(NOW - 60_000, tz, minute);
      // Only the 09:00 UTC crowd is due at NOW; everyone else's next reminder is still ahead.
      if (!crowd && v <= NOW) v = nextReminderAfter(NOW, tz, minute);
      reminderMemo.set(key, v);
    }
    return v;
  };
  const todayOf = new Map(TIMEZONES.map((tz) => [tz, studyDay(NOW, tz)]));

  const totals = { cards: 0, reviews: 0, dailyStats: 0, sessions: 0, memberships: 0, groups: 0, due: 0 };
  let nextCardId = 1;
  const seed = options.seed ?? 42;
  const insertStarted = performance.now();
  let lastReport = insertStarted;

  const fill = db.transaction(() => {
    const groupCount = Math.ceil(members / GROUP_SIZE);
    for (let g = 0; g < groupCount; g++) {
      insGroup.run(groupId(g), groupName(g), NOW - 400 * 24 * HOUR);
      totals.groups++;
    }
    for (let i = 0; i < members; i++) {
      const r = rng(seed * 1_000_003 + i);
      const crowd = isReminderCrowd(i);
      const tz = crowd ? 'UTC' : (TIMEZONES[Math.floor(r() * TIMEZONES.length)] ?? 'UTC');
      const minute = crowd ? 540 : 360 + 15 * Math.floor(r() * 64);
      const remindersEnabled = crowd || r() > 0.05;
      const dmsClosed = !crowd && r() < 0.02;
      const dmChannelId = crowd || r() < 0.9 ? dmChannelFor(i) : null;
      const quota = Math.max(20, Math.round(options.reviewsPerMember * (0.4 + 1.2 * r())));
      const activity = 0.55 + 0.45 * r();
      // One in five (not in the reminder crowd) stopped studying a while ago.
      const idleDays = !crowd && r() < 0.2 ? 1 + Math.floor(r() * 60) : 0;

      // ---- simulate in day-index space
      const cards: SimCard[] = [];
      const logs: SimLog[] = [];
      const days: SimDay[] = [];
      const buckets = new Map<number, SimCard[]>();
      let backlog: SimCard[] = [];
      let nextNew = 0;
      let n = 0;
      for (let d = 0; n < quota && d < 5000; d++) {
        const arriving = buckets.get(d);
        if (arriving !== undefined) {
          backlog.push(...arriving);
          buckets.delete(d);
        }
        if (n > 0 && r() > activity) continue;
        backlog.sort((a, b) => a.dueDay - b.dueDay || a.id - b.id);
        const todays = backlog.slice(0, DAILY_CAP);
        backlog = backlog.slice(DAILY_CAP);
        const cleared = backlog.length === 0;
        const fresh: SimCard[] = [];
        if (cleared) {
          for (let k = 0; k < NEW_PER_DAY && nextNew < curriculum.length; k++) {
            const q = curriculum[nextNew++] as Question;
            const card: SimCard = {
              id: nextCardId++,
              q,
              state: { easiness: 2.5, intervalDays: 0, repetitions: 0 },
              lapses: 0,
              count: 0,
              dueDay: d,
              dueAt: 0,
              createdAt: 0,
              lastAt: 0,
            };
            cards.push(card);
            fresh.push(card);
          }
        }
        const stat: SimDay = { day: d, reviews: 0, correct: 0, points: 0, newCards: 0, cleared: false };
        let k = 0;
        for (const card of [...todays, ...fresh]) {
          if (n >= quota) break;
          const { grade, correct } = pickGrade(card.q, r, card.state.repetitions);
          const before = card.state;
          const after = review(before, grade);
          const isNew = card.count === 0;
          if (grade < 3 && card.count > 0) card.lapses++;
          card.count++;
          card.state = after;
          card.dueDay = d + after.intervalDays;
          const bucket = buckets.get(card.dueDay);
          if (bucket === undefined) buckets.set(card.dueDay, [card]);
          else bucket.push(card);
          logs.push({ card, day: d, k: k++, grade, correct, before, after, isNew });
          stat.reviews++;
          if (correct) stat.correct++;
          stat.points += reviewPoints(grade, correct);
          if (isNew) stat.newCards++;
          n++;
        }
        // Cleared: nothing left that was due today (answers pushed to a later day don't count).
        stat.cleared = cleared && n < quota;
        if (stat.reviews > 0) days.push(stat);
      }
      // Cards created but never answered (quota hit mid-day) do not exist in the app.
      const realCards = cards.filter((c) => c.count > 0);

      // ---- place the history: its last day is the member's previous study day (minus idle days)
      const lastIndex = days.at(-1)?.day ?? 0;
      const today = todayOf.get(tz) ?? studyDay(NOW, tz);
      const offset = -1 - idleDays - lastIndex;
      const dayName = (d: number) => shift(today, d + offset);

      const streak = { current: 0, longest: 0, lastDay: null as string | null };
      const sessionsOut: { first: number; last: number; answered: number; correct: number }[] = [];
      const times = new Map<number, { first: number; last: number }>();
      const logRows: unknown[][] = [];
      const mid = memberId(i);
      for (const l of logs) {
        const day = dayName(l.day);
        const start = startOf(day, tz);
        const answeredAt = start + 10 * HOUR + l.k * 20_000 + Math.floor(r() * 15_000);
        const card = l.card;
        if (l.isNew) {
          card.createdAt = answeredAt;
          card.dueAt = answeredAt;
        }
        const dueBefore = card.dueAt;
        const dueAfter = dueOf(answeredAt, day, l.after.intervalDays, tz);
        card.dueAt = dueAfter;
        card.lastAt = answeredAt;
        logRows.push([
          mid,
          card.id,
          card.q.id,
          l.isNew ? 1 : 0, // seq, fixed below
          l.grade,
          l.correct ? 1 : 0,
          answerText(card.q, l.grade, l.correct),
          answeredAt,
          day,
          2_000 + Math.floor(r() * 25_000),
          l.before.easiness,
          l.before.intervalDays,
          l.before.repetitions,
          dueBefore,
          l.after.easiness,
          l.after.intervalDays,
          l.after.repetitions,
          dueAfter,
        ]);
        const t = times.get(l.day);
        if (t === undefined) times.set(l.day, { first: answeredAt, last: answeredAt });
        else t.last = answeredAt;
      }
      const createdAt = (logRows[0]?.[7] as number | undefined) ?? NOW - 30 * 24 * HOUR;

      const statRows: unknown[][] = [];
      for (const s of days) {
        const day = dayName(s.day);
        let points = s.points;
        if (dayCounts({ reviews: s.reviews, clearedDue: s.cleared })) {
          const advanced = advanceStreak(streak, day);
          if (advanced !== null) {
            Object.assign(streak, advanced);
            points += streakBonus(advanced.current);
          }
        }
        statRows.push([mid, day, s.reviews, s.correct, points, s.newCards, s.cleared ? 1 : 0]);
        const t = times.get(s.day);
        if (t !== undefined) sessionsOut.push({ ...t, answered: s.reviews, correct: s.correct });
      }

      // ---- insert
      const reminder = remindersEnabled && !dmsClosed ? reminderAt(tz, minute, crowd) : null;
      if (reminder !== null && reminder <= NOW) totals.due++;
      insMember.run(
        mid,
        `Member ${String(i).padStart(5, '0')}`,
        tz,
        minute,
        remindersEnabled ? 1 : 0,
        dmsClosed ? 1 : 0,
        dmChannelId,
        NEW_PER_DAY,
        reminder,
        streak.current,
        streak.longest,
        streak.lastDay,
        createdAt - 60_000,
        createdAt - 60_000,
      );
      insMembership.run(groupId(Math.floor(i / GROUP_SIZE)), mid, createdAt - 60_000);
      totals.memberships++;
      for (const c of realCards) {
        insCard.run(
          c.id,
          mid,
          c.q.id,
          c.state.easiness,
          c.state.intervalDays,
          c.state.repetitions,
          c.lapses,
          c.count,
          c.dueAt,
          c.lastAt,
          c.createdAt,
        );
      }
      totals.cards += realCards.length;
      const seq = new Map<number, number>();
      for (const row of logRows) {
        const cardId = row[1] as number;
        const s = (seq.get(cardId) ?? 0) + 1;
        seq.set(cardId, s);
        row[3] = s;
        insLog.run(row);
      }
      totals.reviews += logRows.length;
      for (const row of statRows) insStat.run(row);
      totals.dailyStats += statRows.length;
      for (const s of sessionsOut) {
        insSession.run(mid, s.answered, s.last, s.answered, s.correct, s.first - 5_000, s.last, s.last);
      }
      totals.sessions += sessionsOut.length;

      const t = performance.now();
      if (t - lastReport > 10_000) {
        lastReport = t;
        log(
          `  ... ${fmtInt(i + 1)} / ${fmtInt(members)} members, ${fmtInt(totals.reviews)} reviews (${((t - insertStarted) / 1000).toFixed(0)} s)`,
        );
      }
    }
  });
  fill();
  const insertMs = performance.now() - insertStarted;
  db.pragma('journal_mode = WAL');
  db.close();
  const rows =
    totals.groups +
    members +
    totals.memberships +
    totals.cards +
    totals.reviews +
    totals.dailyStats +
    totals.sessions;
  return {
    file,
    members,
    groups: totals.groups,
    cards: totals.cards,
    reviews: totals.reviews,
    dailyStats: totals.dailyStats,
    sessions: totals.sessions,
    rows,
    reminderDue: totals.due,
    insertMs,
    totalMs: performance.now() - started,
    rowsPerSecond: rows / (insertMs / 1000),
    bytes: statSync(file).size,
  };
}

/** `tsx bench/generate.ts [--members N] [--reviews-per-member R] [--out FILE]` builds one database. */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const members = Number(value('--members') ?? 1000);
  const reviewsPerMember = Number(value('--reviews-per-member') ?? 1000);
  const file = path.resolve(value('--out') ?? path.join(OUT_DIR, `bench-${members}.db`));
  const result = await generateDatabase({ file, members, reviewsPerMember, log: console.log });
  console.log(JSON.stringify(result, null, 2));
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) {
  await main();
}
