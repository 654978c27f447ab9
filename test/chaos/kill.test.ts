import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { reviewPoints, streakBonus } from '../../src/domain/progress.ts';
import type { Grade } from '../../src/domain/sm2.ts';
import { ConsoleDriver } from '../support/console-driver.ts';

/** kill -9 in the middle of answering, again and again: nothing may be lost half-way or counted twice. */

const REAL_BANK = path.resolve(import.meta.dirname, '../../questions');
const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-kill-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Log = { cardId: number; seq: number; grade: number; correct: number; day: string } & AfterState;
type AfterState = {
  easinessAfter: number;
  intervalAfter: number;
  repetitionsAfter: number;
  dueAfter: number;
};
type CardRow = {
  id: number;
  easiness: number;
  intervalDays: number;
  repetitions: number;
  dueAt: number;
  reviewCount: number;
};

function checkInvariants(file: string): { reviews: number; cards: number } {
  const db = new Database(file, { readonly: true });
  try {
    const logs = db.prepare('SELECT * FROM "ReviewLog" ORDER BY "cardId", "seq"').all() as Log[];
    const cards = db.prepare('SELECT * FROM "Card"').all() as CardRow[];
    for (const card of cards) {
      const mine = logs.filter((l) => l.cardId === card.id);
      // No gaps, no duplicates: the card's reviews are numbered 1..n.
      expect(mine.map((l) => l.seq)).toEqual(Array.from({ length: mine.length }, (_, i) => i + 1));
      expect(card.reviewCount).toBe(mine.length);
      const last = mine.at(-1);
      if (last === undefined) continue;
      // The card is exactly its last review's after-state.
      expect([card.easiness, card.intervalDays, card.repetitions, card.dueAt]).toEqual([
        last.easinessAfter,
        last.intervalAfter,
        last.repetitionsAfter,
        last.dueAfter,
      ]);
    }
    const member = db.prepare('SELECT * FROM "Member"').get() as {
      currentStreak: number;
      lastStreakDay: string | null;
    };
    const stats = db.prepare('SELECT * FROM "DailyStat"').all() as {
      day: string;
      reviews: number;
      correct: number;
      points: number;
      newCards: number;
    }[];
    for (const stat of stats) {
      const day = logs.filter((l) => l.day === stat.day);
      expect(stat.reviews).toBe(day.length);
      expect(stat.correct).toBe(day.filter((l) => l.correct === 1).length);
      expect(stat.newCards).toBe(day.filter((l) => l.seq === 1).length);
      const earned = day.reduce((s, l) => s + reviewPoints(l.grade as Grade, l.correct === 1), 0);
      const bonus = member.lastStreakDay === stat.day ? streakBonus(member.currentStreak) : 0;
      expect(stat.points).toBe(earned + bonus);
    }
    return { reviews: logs.length, cards: cards.length };
  } finally {
    db.close();
  }
}

describe('kill -9 while answering', { timeout: 120_000 }, () => {
  it('GIVEN a process killed again and again right after an answer is typed THEN the log has no gaps or doubles and cards, totals and points agree with it', async () => {
    const file = path.join(dir, 'kill.db');
    copyFileSync(inject('templateDb'), file);
    let typed = 0;
    for (let round = 0; round < 12; round++) {
      const c = new ConsoleDriver({
        DATABASE_URL: `file:${file}`,
        QUESTIONS_DIR: REAL_BANK,
        USER: 'ann',
        LOG_LEVEL: 'silent',
      });
      // Enough new cards a day that every round has questions to answer.
      if (round === 0) c.type('/settings new_per_day:50');
      c.type('/quiz');
      // A few answers that finish, then one that is cut off at a moment that varies.
      const settled = round % 3;
      for (let i = 0; i <= settled; i++) {
        const block = await c.nextQuestion();
        if (block === null) break;
        await c.answer(block);
        typed++;
        if (i < settled) await c.until(/Why: /);
      }
      await new Promise((resolve) => setTimeout(resolve, (round * 7) % 20));
      await c.kill();
      expect(c.stderr).toBe('');
    }
    const { reviews, cards } = checkInvariants(file);
    // Every answer typed was recorded at most once; those cut off may be missing, never doubled.
    expect(reviews).toBeGreaterThan(0);
    expect(reviews).toBeLessThanOrEqual(typed);
    expect(cards).toBeLessThanOrEqual(reviews);
    console.log(`kill -9: ${typed} answers typed over 12 kills, ${reviews} recorded, invariants hold`);
  });
});
