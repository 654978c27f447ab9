import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function problems(env: Record<string, string>): string[] {
  try {
    parseConfig(env, '/srv/bot');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('GIVEN a token THEN the bot logs JSON at info, unless LOG_LEVEL and LOG_FORMAT say otherwise', () => {
    const token = 'MTA5ODc2NTQzMjEwOTg3NjU0.GxYz12.abcdefghijklmnopqrstuvwxyz0123';
    expect(parseConfig({ DISCORD_TOKEN: token })).toMatchObject({ logLevel: 'info', logFormat: 'json' });
    expect(parseConfig({ DISCORD_TOKEN: token, LOG_FORMAT: 'pretty', LOG_LEVEL: 'debug' })).toMatchObject({
      logLevel: 'debug',
      logFormat: 'pretty',
    });
    expect(problems({ LOG_FORMAT: 'xml' })).toEqual([
      'LOG_FORMAT: expected one of auto, json, pretty (got "xml")',
    ]);
  });

  it('GIVEN no variables THEN defaults apply and the database lives in ./data', () => {
    const c = parseConfig({}, '/srv/bot');
    expect(c).toMatchObject({
      discordToken: undefined,
      databasePath: '/srv/bot/data/quizbot.db',
      // No token: the console, whose chat shares the screen with the log.
      logLevel: 'warn',
      logFormat: 'pretty',
      reminderCron: '* * * * *',
      leaderboardCron: '0 9 * * 1',
      sessionSize: 10,
      defaultTimezone: 'UTC',
    });
  });

  it('GIVEN several bad values THEN each problem names its variable and what is expected', () => {
    expect(
      problems({
        DATABASE_URL: 'mysql://db',
        LOG_LEVEL: 'loud',
        REMINDER_CRON: 'often',
        DEFAULT_TIMEZONE: 'Mars/Base',
        SESSION_SIZE: '0',
      }),
    ).toEqual([
      'DATABASE_URL: expected a SQLite URL of the form file:./path/to/quizbot.db, without ?options, or a PostgreSQL URL postgresql://user:password@host:5432/database (got "mysql://db")',
      'LOG_LEVEL: expected one of fatal, error, warn, info, debug, trace, silent (got "loud")',
      'REMINDER_CRON: expected a cron expression such as "* * * * *" (minute hour day month weekday) (got "often")',
      'SESSION_SIZE: expected a whole number from 1 to 50 (got "0")',
      'DEFAULT_TIMEZONE: expected an IANA timezone name such as Europe/Berlin or Asia/Seoul (got "Mars/Base")',
    ]);
  });

  it('GIVEN a postgresql:// or postgres:// DATABASE_URL THEN the bot runs on that server with a pool of DATABASE_POOL_SIZE (10 by default)', () => {
    const url = 'postgresql://bot:pw@db.example:5432/quiz?sslmode=verify-full';
    expect(parseConfig({ DATABASE_URL: url }, '/srv/bot')).toMatchObject({
      database: { provider: 'postgresql', url, poolSize: 10 },
      databasePath: '',
    });
    expect(
      parseConfig({ DATABASE_URL: 'postgres://bot@localhost/quiz', DATABASE_POOL_SIZE: '25' }).database,
    ).toEqual({ provider: 'postgresql', url: 'postgres://bot@localhost/quiz', poolSize: 25 });
    expect(parseConfig({}, '/srv/bot').database).toEqual({
      provider: 'sqlite',
      path: '/srv/bot/data/quizbot.db',
    });
  });

  it('GIVEN a PostgreSQL URL the bot cannot use THEN the one problem names DATABASE_URL and hides the password', () => {
    expect(problems({ DATABASE_URL: 'postgresql:///quiz' })).toEqual([
      'DATABASE_URL: expected a PostgreSQL URL with a server, of the form postgresql://user:password@host:5432/database (got "postgresql:///quiz")',
    ]);
    expect(
      problems({ DATABASE_URL: 'postgresql://bot:s3cret@db:5432/quiz?schema=quiz&sslmode=require' }),
    ).toEqual([
      'DATABASE_URL: expected a PostgreSQL URL without ?schema (not options of the pg driver; the tables live in the database\'s public schema) (got "postgresql://bot:***@db:5432/quiz?schema=quiz&sslmode=require")',
    ]);
    expect(problems({ DATABASE_URL: 'postgresql://bot:s3cret@db:port/quiz' })).toEqual([
      'DATABASE_URL: expected a PostgreSQL URL of the form postgresql://user:password@host:5432/database (got "postgresql://bot:***@db:port/quiz")',
    ]);
    expect(problems({ DATABASE_POOL_SIZE: '0' })).toEqual([
      'DATABASE_POOL_SIZE: expected a whole number of connections from 1 to 100 (got "0")',
    ]);
  });

  it('GIVEN a malformed token THEN the problem is reported without echoing the token', () => {
    const [p] = problems({ DISCORD_TOKEN: 'short secret' });
    expect(p).toMatch(/^DISCORD_TOKEN: expected a bot token/);
    expect(p).not.toContain('short secret');
  });

  it('GIVEN a token THEN no log line can contain it, whatever field it hides in', () => {
    const token = 'MTA5ODc2NTQzMjEwOTg3NjU0.GxYz12.abcdefghijklmnopqrstuvwxyz0123';
    const lines: string[] = [];
    const log = createLogger('info', [token], { write: (l) => lines.push(l) });
    log.info({ token, nested: { url: `https://x/${token}` } }, `login with ${token}`);
    log.error({ err: new Error(`401 for ${token}`) }, 'failed');
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l).not.toContain(token);
  });
});
