import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ConsoleDriver } from '../support/console-driver.ts';

/** A disk that fills up while members answer: nothing half-written, an honest "not saved", and recovery. */

const REAL_BANK = path.resolve(import.meta.dirname, '../../questions');
const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-full-'));
const mount = path.join(dir, 'disk');
let mounted = false;

beforeAll(() => {
  mkdirSync(mount);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mount], { stdio: 'ignore' });
    mounted = true;
  } catch {
    console.log('full-disk test skipped: this machine does not allow mounting a small tmpfs');
  }
});
afterAll(() => {
  if (mounted) execFileSync('umount', [mount]);
  rmSync(dir, { recursive: true, force: true });
});

/** Fills the disk to the last byte with a file of its own. */
function fill(at: string): string {
  const filler = path.join(at, 'filler');
  const chunk = Buffer.alloc(64 * 1024, 1);
  let size = chunk.length;
  writeFileSync(filler, '');
  for (;;) {
    try {
      writeFileSync(filler, chunk.subarray(0, size), { flag: 'a' });
    } catch {
      if (size === 1) return filler;
      size = Math.max(1, Math.floor(size / 2));
    }
  }
}

describe('a full disk', { timeout: 120_000 }, () => {
  it('GIVEN the disk fills up mid-session THEN the answer is reported not saved, nothing is half-written, and it goes through once there is room', async (t) => {
    if (!mounted) return t.skip();
    const file = path.join(mount, 'q.db');
    copyFileSync(inject('templateDb'), file);
    const c = new ConsoleDriver({
      DATABASE_URL: `file:${file}`,
      QUESTIONS_DIR: REAL_BANK,
      USER: 'ann',
      LOG_LEVEL: 'error',
    });
    c.type('/quiz');
    const first = await c.nextQuestion();
    if (first === null) throw new Error('no question');
    await c.answer(first);
    const second = await c.nextQuestion();
    if (second === null) throw new Error('no second question');
    const filler = fill(mount);
    await c.answer(second);
    const refusal = await c.until(/answer again\.\n/);
    expect(refusal).toMatch(/⚠️ That was not saved: the bot's disk is full \(error id [0-9A-F]{6}\)/);
    rmSync(filler);
    await c.answer(second);
    await c.until(/Why: /);
    expect(await c.end()).toBe(0);
    const db = new Database(file, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM "ReviewLog"').get()).toEqual({ n: 2 });
    expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
    db.close();
  });
});
