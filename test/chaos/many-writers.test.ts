import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ConsoleDriver } from '../support/console-driver.ts';
import { holdLock } from '../support/locks.ts';

/**
 * Several processes on one SQLite file, as the README invites (the bot and a console, a second
 * bot, an admin script): every command must go through, and nothing may be lost or doubled.
 */

const REAL_BANK = path.resolve(import.meta.dirname, '../../questions');
const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-chaos-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function database(name: string): string {
  const file = path.join(dir, name);
  copyFileSync(inject('templateDb'), file);
  return file;
}

/** Answers `rounds` sessions right (a review, then extra new cards); returns the answers typed. */
async function study(c: ConsoleDriver, rounds: number): Promise<number> {
  let answered = 0;
  for (let r = 0; r < rounds; r++) {
    c.type(r === 0 ? '/quiz' : '/learn');
    answered += await c.answerSession();
  }
  return answered;
}

const failures = (out: string) => (out.match(/not saved|Something went wrong/g) ?? []).length;

describe('many writers on one SQLite file', { timeout: 120_000 }, () => {
  it('GIVEN three console processes answering at once THEN no command fails and the review log holds every answer', async () => {
    const file = database('three.db');
    const members = ['ann', 'bob', 'cy'];
    const drivers = members.map(
      (m) => new ConsoleDriver({ DATABASE_URL: `file:${file}`, QUESTIONS_DIR: REAL_BANK, USER: m }),
    );
    const answered = await Promise.all(drivers.map((c) => study(c, 3)));
    for (const c of drivers) expect(await c.end()).toBe(0);
    const outputs = drivers.map((c) => c.stdout);
    expect(outputs.map(failures)).toEqual([0, 0, 0]);
    expect(drivers.map((c) => c.stderr)).toEqual(['', '', '']);
    const db = new Database(file, { readonly: true });
    const logged = db.prepare('SELECT COUNT(*) AS n FROM "ReviewLog"').get() as { n: number };
    db.close();
    const total = answered.reduce((s, n) => s + n, 0);
    expect(total).toBe(90);
    expect(logged.n).toBe(total);
    console.log(`three processes: ${total} answers, ${outputs.map(failures).reduce((a, b) => a + b)} failed`);
  });

  it('GIVEN another program holding the write lock for 2 s THEN answers wait, then go through', async () => {
    const file = database('held.db');
    const c = new ConsoleDriver({ DATABASE_URL: `file:${file}`, QUESTIONS_DIR: REAL_BANK, USER: 'ann' });
    c.type('/quiz');
    const block = await c.nextQuestion();
    if (block === null) throw new Error('no question');
    const holder = holdLock(file, 'BEGIN EXCLUSIVE', 2_000);
    await holder.locked;
    const started = Date.now();
    await c.answer(block);
    await c.until(/Why: /);
    const waited = Date.now() - started;
    expect(await c.end()).toBe(0);
    await holder.done;
    expect(waited).toBeGreaterThan(1_000);
    expect(failures(c.stdout)).toBe(0);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM "ReviewLog"').get()).toEqual({ n: 1 });
    db.close();
  });

  it('GIVEN a lock held past DATABASE_BUSY_TIMEOUT_MS THEN the answer is reported not saved, and answering again works', async () => {
    const file = database('too-long.db');
    const c = new ConsoleDriver({
      DATABASE_URL: `file:${file}`,
      QUESTIONS_DIR: REAL_BANK,
      USER: 'ann',
      DATABASE_BUSY_TIMEOUT_MS: '500',
      LOG_LEVEL: 'error',
    });
    c.type('/quiz');
    const block = await c.nextQuestion();
    if (block === null) throw new Error('no question');
    const holder = holdLock(file, 'BEGIN EXCLUSIVE', 2_000);
    await holder.locked;
    await c.answer(block);
    const refusal = await c.until(/answer again\.\n/);
    expect(refusal).toMatch(
      /⚠️ That was not saved: the database is busy with other writers right now \(error id ([0-9A-F]{6})\)/,
    );
    expect(refusal).toContain('Your answer was not saved, so you can answer again.');
    await holder.done;
    // The same question is still waiting: answer it again.
    await c.answer(block);
    await c.until(/Why: /);
    expect(await c.end()).toBe(0);
    const id = /error id ([0-9A-F]{6})/.exec(refusal)?.[1];
    expect(c.stderr).toContain(`"errorId":"${id}"`);
    expect(c.stderr).toContain('"fault":"busy"');
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM "ReviewLog"').get()).toEqual({ n: 1 });
    db.close();
  });
});
