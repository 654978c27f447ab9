import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { findCommand } from '../../src/commands/registry.ts';
import type { Command } from '../../src/commands/types.ts';
import { rawOptions, tokenize } from '../../src/console/words.ts';
import { say, translator } from '../../src/i18n/index.ts';
import { ConsoleDriver } from '../support/console-driver.ts';
import { FIXTURE_BANK } from '../support/core.ts';
import { createEmptyDatabase } from '../support/postgres.ts';
import { runMain, unprivileged } from '../support/process.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-console-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('console option parsing', () => {
  it('GIVEN typed words THEN they map to the same options the Discord command has', () => {
    expect(tokenize('/fact "Amazon RDS" backups')).toEqual(['/fact', 'Amazon RDS', 'backups']);
    const command = (name: string) => findCommand(name) as Command;
    expect(rawOptions(command('fact'), ['aurora', 'global', 'database'])).toEqual({
      raw: { service: 'aurora', topic: 'global database' },
    });
    expect(
      rawOptions(command('settings'), ['timezone:Asia/Seoul', 'reminders=off', 'new_per_day:15']),
    ).toEqual({
      raw: { timezone: 'Asia/Seoul', reminders: false, new_per_day: 15 },
    });
    const extra = rawOptions(command('stats'), ['extra']);
    expect('error' in extra ? say(translator('en'), extra.error) : '').toMatch(/takes no more words/);
  });
});

describe('the console through a pipe', () => {
  it('GIVEN a whole session typed in THEN it is answered, logged, reflected in /stats and /leaderboard, and end of input exits 0', async () => {
    const db = path.join(dir, 'pipe.db');
    const c = new ConsoleDriver({ DATABASE_URL: `file:${db}`, USER: 'ann' });
    await c.until(/AWS database study bot — local console\.\n/);
    c.type('/quiz');
    await c.until(/0 due, 10 new\.\n/);
    expect(await c.answerSession()).toBe(10);
    for (const line of [
      '/stats',
      '/leaderboard',
      '/quz',
      '/settings new_per_day:99',
      '/fact',
      '/compare nope-nothing',
    ]) {
      c.type(line);
    }
    expect(await c.end()).toBe(0);
    expect(c.stderr).toBe('');
    const out = c.stdout;
    expect(out.match(/✔ Correct/g)).toHaveLength(10);
    expect(out).toContain('Session done: 10/10 right.');
    expect(out).toMatch(/Seen 10\/10 · learned 0 · due today 0/);
    expect(out).toMatch(/Picture: .*progress-console_ann\.png/);
    expect(out).toMatch(/1\. ann\s+\d+ pts · 10 reviews · 100% · streak 1/);
    expect(out).toContain('Unknown command /quz. Did you mean /quiz?');
    expect(out).toContain('/settings: new_per_day is a whole number from 0 to 50.');
    expect(out).toContain(
      '/fact: service is required (Service, e.g. DynamoDB). Usage: /fact <service> [topic]',
    );
    expect(out).toMatch(/No comparison matches "nope-nothing"\. Try: a-vs-b/);
    const sqlite = new Database(db, { readonly: true });
    expect(sqlite.prepare('SELECT COUNT(*) AS n FROM ReviewLog').get()).toEqual({ n: 10 });
    sqlite.close();
  });

  it('GIVEN two local members THEN /as switches member and the group board shows both', async () => {
    const db = path.join(dir, 'group.db');
    const c = new ConsoleDriver({ DATABASE_URL: `file:${db}`, USER: 'ann' });
    c.type('/quiz');
    await c.answerSession();
    c.type('/as bob');
    c.type('/quiz');
    await c.until(/Answer with a number or a letter\.\n/);
    c.type('B');
    c.type('/group');
    expect(await c.end()).toBe(0);
    expect(c.stdout).toContain('You are now "bob".');
    expect(c.stdout).toMatch(/1\. ann .*\n\s+2\. bob /);
  });

  it('GIVEN a piped session (no terminal) THEN lines are read as they come and end of input exits 0', async () => {
    const db = path.join(dir, 'piped.db');
    const r = await runMain(
      { DATABASE_URL: `file:${db}`, QUESTIONS_DIR: FIXTURE_BANK, USER: 'ann' },
      '/quiz\nB\n/stats\n',
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/✔ Correct|✘ Not quite/);
    expect(r.stdout).toContain('Progress for ann');
  });
});

const server = inject('postgres');

describe.skipIf(server === null)(
  `the console on PostgreSQL${server === null ? `: skipped, ${inject('postgresSkipReason')}` : ''}`,
  () => {
    it('GIVEN DATABASE_URL=postgresql://… on an empty database THEN it is migrated, a whole session is answered and stored there, and a restart finds it', async () => {
      // biome-ignore lint/style/noNonNullAssertion: the block is skipped when there is no server
      const url = await createEmptyDatabase(server!);
      const env = { DATABASE_URL: url, DATABASE_POOL_SIZE: '4', USER: 'ann' };
      const c = new ConsoleDriver(env);
      await c.until(/AWS database study bot — local console\.\n/);
      c.type('/quiz');
      await c.until(/0 due, 10 new\.\n/);
      expect(await c.answerSession()).toBe(10);
      c.type('/leaderboard');
      expect(await c.end()).toBe(0);
      expect(c.stderr).toBe('');
      expect(c.stdout.match(/✔ Correct/g)).toHaveLength(10);
      expect(c.stdout).toContain('Session done: 10/10 right.');
      expect(c.stdout).toMatch(/1\. ann\s+\d+ pts · 10 reviews · 100% · streak 1/);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const counts = await client.query<{ reviews: number; cards: number; open: number }>(
          `SELECT (SELECT count(*)::int FROM "ReviewLog") AS reviews, (SELECT count(*)::int FROM "Card") AS cards,
                  (SELECT count(*)::int FROM "StudySession" WHERE "finishedAt" IS NULL) AS open`,
        );
        expect(counts.rows[0]).toEqual({ reviews: 10, cards: 10, open: 0 });
      } finally {
        await client.end();
      }
      const again = await runMain({ ...env, QUESTIONS_DIR: FIXTURE_BANK }, '/stats\n/quiz\n');
      expect(again.code).toBe(0);
      expect(again.stderr).toBe('');
      expect(again.stdout).toMatch(/Seen 10\/10 · learned 0 · due today 0/);
      expect(again.stdout).toMatch(/Nothing due right now\.\nYour next card is due tomorrow/);
    });
  },
);

describe('a data folder the bot cannot write', () => {
  const user = unprivileged();
  it('GIVEN /stats where the picture cannot be saved THEN the progress still shows as text, with the reason', async (t) => {
    if (user === undefined) return t.skip();
    const home = mkdtempSync(path.join(tmpdir(), 'quizbot-ro-'));
    chmodSync(home, 0o777);
    const r = await runMain(
      { DATABASE_URL: `file:${path.join(home, 'q.db')}`, QUESTIONS_DIR: FIXTURE_BANK, USER: 'ann' },
      '/quiz\n/stats\n',
      { user },
    );
    rmSync(home, { recursive: true, force: true });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Progress for ann');
    expect(r.stdout).toMatch(/\(The progress picture could not be saved: E[A-Z]+\.\)/);
  });
});

describe('the console in the terminal’s language', () => {
  it('GIVEN LANG=ko_KR.UTF-8 THEN a whole quiz runs with Korean interface text, and /settings language switches it', async () => {
    const db = path.join(dir, 'ko.db');
    const c = new ConsoleDriver({ DATABASE_URL: `file:${db}`, USER: 'minsu', LANG: 'ko_KR.UTF-8' });
    const ko = c.t;
    await c.until(new RegExp(c.text('console.banner')));
    c.type('/quiz');
    expect(await c.answerSession()).toBe(10);
    c.type('/settings language:en');
    c.type('/stats');
    expect(await c.end()).toBe(0);
    const [korean = '', english = ''] = c.stdout.split('Saved. Your settings:');
    expect(korean).toContain(ko('console.you-are', { name: 'minsu', group: ko('console.group-name') }));
    expect(korean).toContain(ko('console.summary', { correct: 10, answered: 10 }));
    expect(korean).toContain(ko('console.correct-quick'));
    expect(korean).toContain(ko('console.why', { explanation: '' }).trim());
    // No English interface text before the switch: only the (English) questions themselves.
    for (const word of ['Correct', 'Why:', 'Next review', 'Session done', 'Answer with a number'])
      expect(korean).not.toContain(word);
    expect(english).toContain('Progress for minsu');
  });
});
