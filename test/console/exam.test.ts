import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.ts';
import { ConsoleDriver } from '../support/console-driver.ts';
import { FIXTURE_BANK } from '../support/core.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-console-exam-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const bank = loadBank(FIXTURE_BANK);

/** The next exam question block: from its header to the line that says how to answer. */
async function nextBlock(c: ConsoleDriver): Promise<string> {
  return c.until(
    /── Practice exam · question \d+ of \d+[\s\S]*?(Answer with a letter|Answer t or f|Select all that apply)[^\n]*\n/,
  );
}

/** What to type for the block's question: the right answer, or a wrong one. */
function typed(block: string, right: boolean): string {
  const prompt = /── Practice exam[^\n]*──\n([\s\S]*?)\n( {2}1\) A\. |Your answer so far|Answered )/.exec(
    block,
  )?.[1];
  const q = bank.questions.find((x) => x.prompt === prompt);
  if (q === undefined) throw new Error(`no question with the prompt "${prompt}"`);
  if (q.kind === 'truefalse') return q.answer === right ? 't' : 'f';
  if (q.kind !== 'choice') throw new Error(`an exam asked a ${q.kind} question`);
  const shown = [...block.matchAll(/^ {2}(\d)\) [A-E]\. (.*)$/gm)].map((m) => m[2] ?? '');
  const files = right ? q.answer : [q.options.findIndex((_, i) => !q.answer.includes(i))];
  return files.map((i) => shown.indexOf(q.options[i] ?? '') + 1).join(',');
}

describe('/exam in the console', () => {
  it('GIVEN a whole exam typed in (answer, next, flag, back, go, review, submit, drill) THEN the result shows the domains and the misses, and the drill asks exactly them', async () => {
    const db = path.join(dir, 'exam.db');
    const c = new ConsoleDriver({ DATABASE_URL: `file:${db}`, USER: 'ann' });
    c.type('/exam 6 10');
    await c.until(/Exam started: 6 questions\./);
    let block = await nextBlock(c);
    expect(block).toMatch(/time is up at \d\d:\d\d \(10 minutes left\)/);
    c.type(typed(block, true)); // 1 right
    block = await nextBlock(c);
    c.type('next'); // 2 skipped
    block = await nextBlock(c);
    c.type('flag'); // 3 flagged
    block = await nextBlock(c);
    expect(block).toMatch(/question 3 of 6 · .* · 🚩 ──/);
    c.type('back');
    block = await nextBlock(c);
    expect(block).toMatch(/question 2 of 6/);
    c.type(typed(block, false)); // 2 wrong
    block = await nextBlock(c);
    c.type(typed(block, true)); // 3 right
    block = await nextBlock(c);
    c.type('go 5');
    block = await nextBlock(c);
    expect(block).toMatch(/question 5 of 6/);
    c.type(typed(block, false)); // 5 wrong; 4 and 6 unanswered
    block = await nextBlock(c);
    c.type('go 9');
    await c.until(/go takes a question number from 1 to 6\./);
    c.type('review');
    const overview = await c.until(/Type go <n> to open a question, or submit to hand the exam in\.\n/);
    expect(overview).toContain('4 of 6 answered.');
    expect(overview).toContain('Unanswered: 4, 6');
    expect(overview).toContain('Flagged: 3');
    c.type('submit');
    const result = await c.until(/Type drill to drill your misses, or \/exam for another exam\.\n/);
    expect(result).toMatch(/❌ Not passed yet: 2 of 6 \(33%\)/);
    expect(result).toContain('2 questions unanswered (counted as wrong).');
    expect(result).toMatch(
      /By exam domain \(weakest first\)\n {2}Domain (one|two): \d\/\d \(\d+%\)\n {2}Domain (one|two)/,
    );
    expect(result.match(/^Question \d · /gm)).toHaveLength(4);
    c.type('drill');
    await c.until(/Drill of 4 weak spots/);
    expect(await c.end()).toBe(0);
    expect(c.stderr).toBe('');
    const sqlite = new Database(db, { readonly: true });
    expect(
      sqlite.prepare(`SELECT mode, queue FROM "StudySession" WHERE "openFor" IS NOT NULL`).get(),
    ).toMatchObject({
      mode: 'drill',
    });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM "ReviewLog"').get()).toEqual({ n: 0 });
    sqlite.close();
  });

  it('GIVEN an exam left open WHEN its deadline passes while the console is closed THEN /exam shows its result, submitted at the deadline, and the next /exam starts a new one', async () => {
    const db = path.join(dir, 'late.db');
    const first = new ConsoleDriver({ DATABASE_URL: `file:${db}`, USER: 'ann' });
    first.type('/exam 5 5');
    const block = await nextBlock(first);
    first.type(typed(block, true));
    await nextBlock(first);
    expect(await first.end()).toBe(0);
    // Time passes while nobody runs the console: the stored deadline is what counts.
    const sqlite = new Database(db);
    sqlite
      .prepare(`UPDATE "Exam" SET "deadline" = ?, "startedAt" = ?`)
      .run(Date.now() - 1_000, Date.now() - 301_000);
    sqlite.close();
    const second = new ConsoleDriver({ DATABASE_URL: `file:${db}`, USER: 'ann' });
    second.type('/exam');
    const result = await second.until(/Type drill to drill your misses, or \/exam for another exam\.\n/);
    expect(result).toMatch(
      /⏰ Time ran out at \d\d:\d\d: the exam was submitted with the answers given by then\./,
    );
    expect(result).toMatch(/Not passed yet: 1 of 5/);
    second.type('/exam 5');
    await second.until(/Exam started: 5 questions\./);
    expect(await second.end()).toBe(0);
    const after = new Database(db, { readonly: true });
    expect(after.prepare(`SELECT status, score FROM "Exam" ORDER BY id`).all()).toEqual([
      { status: 'expired', score: 1 },
      { status: 'open', score: null },
    ]);
    after.close();
  });
});
