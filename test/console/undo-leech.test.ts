import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ConsoleDriver } from '../support/console-driver.ts';

/** /undo and leeches typed into `npm start`'s console. */

const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-console-undo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DAY = 86_400_000;

/** The number the console shows an option of the printed question at. */
function optionNumber(block: string, option: string): string {
  const shown = [...block.matchAll(/^ {2}(\d)\) [A-E]\. (.*)$/gm)];
  return shown.find((m) => m[2] === option)?.[1] ?? '?';
}

/** The console member ann with a card of beta-two forgotten 7 times, due now, its last review in the log. */
function forgottenCard(file: string): void {
  const db = new Database(file);
  const now = Date.now();
  const card = db
    .prepare(
      `INSERT INTO "Card" (memberId, questionId, easiness, intervalDays, repetitions, lapses, reviewCount, dueAt,
         lastReviewedAt, createdAt) VALUES ('console:ann', 'beta-two', 2.5, 6, 2, 7, 10, ?, ?, ?)`,
    )
    .run(now - 3_600_000, now - 6 * DAY, now - 30 * DAY);
  db.prepare(
    `INSERT INTO "ReviewLog" (memberId, cardId, questionId, seq, grade, correct, answer, answeredAt, day,
       easinessBefore, intervalBefore, repetitionsBefore, dueBefore, easinessAfter, intervalAfter,
       repetitionsAfter, dueAfter) VALUES ('console:ann', ?, 'beta-two', 10, 4, 1, 'A', ?, '2026-01-01',
       2.5, 1, 1, ?, 2.5, 6, 2, ?)`,
  ).run(card.lastInsertRowid, now - 6 * DAY, now - 7 * DAY, now - 3_600_000);
  db.close();
}

describe('/undo in the console', () => {
  it('GIVEN an answer WHEN /undo is typed THEN the question is asked again; a second /undo is refused', async () => {
    const db = path.join(dir, 'undo.db');
    const c = new ConsoleDriver({ DATABASE_URL: `file:${db}`, USER: 'ann' });
    c.type('/undo');
    await c.until(/You have no answer to undo today\.\n/);
    c.type('/quiz');
    const first = await c.nextQuestion();
    if (first === null) throw new Error('no question');
    await c.answer(first);
    await c.nextQuestion();
    c.type('/undo');
    await c.until(/↩ Answer taken back: it no longer counts\. Here is the question again\.\n/);
    const again = await c.nextQuestion();
    expect(again).toContain('── Question 1/10 · Alpha topic · new ──');
    expect(again && c.question(again).id).toBe(c.question(first).id);
    c.type('/undo');
    await c.until(/Only your latest answer of today can be undone, and only once\.\n/);
    if (again === null) throw new Error('no question');
    await c.answer(again);
    expect(await c.end()).toBe(0);
    expect(c.stderr).toBe('');
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM ReviewLog WHERE undoneAt IS NOT NULL').get()).toEqual({
      n: 1,
    });
    expect(sqlite.prepare('SELECT reviews FROM DailyStat').get()).toEqual({ reviews: 1 });
    sqlite.close();
  });
});

describe('leeches in the console', () => {
  it('GIVEN a card forgotten for the 8th time THEN the member is told with the related fact; /stats and /leech list it and /leech <number> unsuspends it', async () => {
    const db = path.join(dir, 'leech.db');
    const setup = new ConsoleDriver({ DATABASE_URL: `file:${db}`, USER: 'ann' });
    await setup.until(/local console\.\n/);
    expect(await setup.end()).toBe(0);
    forgottenCard(db);

    const c = new ConsoleDriver({ DATABASE_URL: `file:${db}`, USER: 'ann' });
    c.type('/quiz');
    const block = await c.nextQuestion();
    if (block === null) throw new Error('no question');
    expect(c.question(block).id).toBe('beta-two');
    c.type(optionNumber(block, 'Strong'));
    const feedback = await c.until(/Related fact: .*\n/);
    expect(feedback).toContain(
      '🩹 Forgotten 8 times: this card is now suspended as a leech and will not come due.',
    );
    expect(feedback).toContain('Related fact: Consistency: Reads are eventually consistent by default.');
    c.type('/leech');
    await c.until(/Your leeches \(1\):\n {2}1\. Default read consistency\? · Beta topic · forgotten 8×\n/);
    c.type('/stats');
    await c.until(/Leeches: 1 card suspended \(\/leech to unsuspend\):\n {2}• Default read consistency\?\n/);
    c.type('/leech 1');
    await c.until(/✅ Unsuspended: “Default read consistency\?”\. It comes due again on its schedule\.\n/);
    c.type('/leech 1');
    await c.until(/No leech matches “1”\. \/leech lists yours by number\.\n/);
    c.type('/settings leech_threshold:0');
    await c.until(/ {2}leech_threshold 0 \(0 = off\)\n/);
    expect(await c.end()).toBe(0);
    expect(c.stderr).toBe('');
  });
});
