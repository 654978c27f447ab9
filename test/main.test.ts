import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { FIXTURE_BANK } from './support/core.ts';
import { copyDatabase } from './support/postgres.ts';
import { BUNDLE, ROOT, runMain, START_FLAGS, unprivileged } from './support/process.ts';

/** `npm start` as a process: every failure that stops it is one line on stderr, exit code 1, no stack. */

const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-main-'));
// World-writable and readable so an unprivileged test user may use it too.
chmodSync(dir, 0o777);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A migrated database (copy of the test run's template) at a fresh path. */
function database(name: string): string {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(inject('templateDb'), file);
  return file;
}

function expectOneLine(r: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(r.code).toBe(1);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

const run = (env: Record<string, string>, user?: { uid: number; gid: number }) =>
  runMain({ LOG_LEVEL: 'silent', ...env }, '', user === undefined ? {} : { user });

describe('configuration and bank faults at start', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    [
      'a bad DATABASE_URL',
      { DATABASE_URL: 'mysql://localhost/quiz' },
      /^Configuration error: DATABASE_URL: expected a SQLite URL/,
    ],
    [
      'a DATABASE_URL with options the bot does not honour',
      { DATABASE_URL: `file:${path.join(dir, 'x.db')}?mode=ro` },
      /^Configuration error: DATABASE_URL: expected a SQLite URL of the form file:.*without \?options \(got/,
    ],
    [
      'SHARDS=0',
      { SHARDS: '0', DISCORD_TOKEN: 'x'.repeat(59) },
      /^Configuration error: SHARDS: expected auto or a whole number of shards, 1 or more \(got "0"\)$/,
    ],
    [
      'SHARD_IDS outside SHARD_COUNT',
      { SHARD_COUNT: '2', SHARD_IDS: '0,2', DISCORD_TOKEN: 'x'.repeat(59) },
      /^Configuration error: SHARD_IDS: shard ids run from 0 to 1 with SHARD_COUNT=2 \(got 2\)$/,
    ],
    [
      'SHARDS without a token',
      { SHARDS: '2' },
      /^Configuration error: SHARDS: sharding runs the Discord bot, so DISCORD_TOKEN must be set too$/,
    ],
    [
      'an unknown LOG_LEVEL',
      { LOG_LEVEL: 'chatty' },
      /^Configuration error: LOG_LEVEL: expected one of fatal, error/,
    ],
    [
      'an unwritable data directory',
      { DATABASE_URL: 'file:/etc/hostname/data/quizbot.db' },
      /^Database error: DATABASE_URL: cannot create the data directory \/etc\/hostname\/data \(E[A-Z]+\)$/,
    ],
    [
      'an invalid question bank',
      { QUESTIONS_DIR: path.join(dir, 'missing') },
      /^Cannot start: the question bank has 1 problem\(s\):$/,
    ],
  ];
  for (const [what, env, pattern] of cases) {
    it(`GIVEN ${what} THEN the process says why and exits 1`, async () => {
      const r = await runMain({ DATABASE_URL: `file:${path.join(dir, 'x.db')}`, ...env });
      expectOneLine(r, pattern);
    });
  }
});

describe('database faults at start', () => {
  it('GIVEN DATABASE_URL naming a folder THEN it says so', async () => {
    const folder = path.join(dir, 'folder.db');
    mkdirSync(folder);
    expectOneLine(
      await run({ DATABASE_URL: `file:${folder}` }),
      /^Database error: DATABASE_URL: .*folder\.db is a folder, not a database file/,
    );
  });

  it('GIVEN a file that is not a database THEN it says so and what to do', async () => {
    const file = path.join(dir, 'notes.db');
    writeFileSync(file, 'meeting notes, not a database\n'.repeat(50));
    expectOneLine(
      await run({ DATABASE_URL: `file:${file}` }),
      /^Database error: DATABASE_URL: .*notes\.db is not a SQLite database .*restore it from a backup/,
    );
  });

  it('GIVEN a damaged database (its first page overwritten) THEN it says so', async () => {
    const file = database('damaged.db');
    const raw = new Uint8Array(2000).fill(0xff);
    const fd = openSync(file, 'r+');
    writeSync(fd, raw, 0, raw.length, 100);
    closeSync(fd);
    expectOneLine(
      await run({ DATABASE_URL: `file:${file}` }),
      /^Database error: DATABASE_URL: .*damaged\.db is not a SQLite database/,
    );
  });

  it('GIVEN a database that fails to migrate THEN the migration error is one line', async () => {
    const file = path.join(dir, 'foreign.db');
    const db = new Database(file);
    db.exec('CREATE TABLE "Member" (x)');
    db.close();
    expectOneLine(
      await run({ DATABASE_URL: `file:${file}` }),
      /^Database error: migrations: cannot apply to .*foreign\.db: .*; restore the database from a backup/,
    );
  });

  it('GIVEN a database another program keeps locked past the wait THEN it says so after DATABASE_BUSY_TIMEOUT_MS', async () => {
    const file = database('locked/q.db');
    const holder = holdExclusive(file);
    try {
      await holder.ready;
      const started = Date.now();
      const r = await run({ DATABASE_URL: `file:${file}`, DATABASE_BUSY_TIMEOUT_MS: '1500' });
      expectOneLine(
        r,
        /^Database error: DATABASE_URL: .*q\.db is locked by another program \(still busy after 1\.5 s\)/,
      );
      expect(Date.now() - started).toBeGreaterThanOrEqual(1500);
    } finally {
      holder.child.kill();
    }
  });

  const user = unprivileged();
  // As root every file is writable: these need the unprivileged user (or a non-root run).
  const asUser = process.getuid?.() !== 0 || user !== undefined ? it : it.skip;
  asUser('GIVEN a read-only database file THEN it says so', async () => {
    const file = database('ro-file/q.db');
    chmodSync(path.dirname(file), 0o777);
    chmodSync(file, 0o444);
    expectOneLine(
      await run({ DATABASE_URL: `file:${file}` }, user),
      /^Database error: DATABASE_URL: .*q\.db is read-only/,
    );
  });

  asUser('GIVEN a database in a read-only folder THEN it says the folder needs write access', async () => {
    const file = database('ro-dir/q.db');
    chmodSync(file, 0o666);
    chmodSync(path.dirname(file), 0o555);
    expectOneLine(
      await run({ DATABASE_URL: `file:${file}` }, user),
      /^Database error: DATABASE_URL: the folder .*ro-dir is not writable/,
    );
  });

  describe('a full disk', () => {
    const mount = path.join(dir, 'small');
    let mounted = false;
    beforeAll(() => {
      mkdirSync(mount, { recursive: true });
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mount], { stdio: 'ignore' });
        mounted = true;
      } catch {
        console.log('full-disk start-up test skipped: this machine does not allow mounting a small tmpfs');
      }
    });
    afterAll(() => {
      if (mounted) execFileSync('umount', [mount]);
    });
    it('GIVEN a disk too small for the database THEN it says there is no space left', async (t) => {
      if (!mounted) return t.skip();
      expectOneLine(
        await run({ DATABASE_URL: `file:${path.join(mount, 'q.db')}` }),
        /^Database error: DATABASE_URL: no space left to write .*q\.db/,
      );
    });
  });
});

const server = inject('postgres');

describe.skipIf(server === null)(
  `PostgreSQL faults at start${server === null ? `: skipped, ${inject('postgresSkipReason')}` : ''}`,
  () => {
    // biome-ignore lint/style/noNonNullAssertion: the block is skipped when there is no server
    const admin = server!.adminUrl;
    const password = 'Main-test-pw-7';
    const role = 'nopriv_main';
    let port: string;
    let migrated: { url: string; drop(): Promise<void> };
    const sql = async (text: string) => {
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(text);
      } finally {
        await client.end();
      }
    };
    beforeAll(async () => {
      port = new URL(admin).port;
      await sql(`CREATE ROLE ${role} LOGIN PASSWORD '${password}'`);
      await sql('CREATE DATABASE main_not_theirs');
      // biome-ignore lint/style/noNonNullAssertion: the block is skipped when there is no server
      migrated = await copyDatabase(server!, inject('postgresTemplate'));
    });
    afterAll(async () => {
      await migrated.drop();
      await sql('DROP DATABASE IF EXISTS main_not_theirs');
      await sql(`DROP ROLE IF EXISTS ${role}`);
    });

    const as = (user: string, secret: string, at: () => string, db: string) =>
      `postgresql://${user}:${secret}@${at()}/${db}`;
    const here = () => `127.0.0.1:${port}`;
    const cases: [string, () => string, RegExp][] = [
      [
        'an unreachable server',
        () => as(role, password, () => '127.0.0.1:1', 'quizbot'),
        /^Database error: DATABASE_URL: cannot reach the PostgreSQL server at 127\.0\.0\.1:1\/quizbot: start it, or correct the host and port in DATABASE_URL/,
      ],
      [
        'a wrong password',
        () => as(role, `wrong-${password}`, here, 'quizbot'),
        /^Database error: DATABASE_URL: the PostgreSQL server at 127\.0\.0\.1:\d+\/quizbot refused user "nopriv_main": correct the user and password in DATABASE_URL/,
      ],
      [
        'a database that does not exist',
        () => as(role, password, here, 'nowhere'),
        /^Database error: DATABASE_URL: the database "nowhere" does not exist on 127\.0\.0\.1:\d+: create it/,
      ],
      [
        'an empty database the user may not create tables in',
        () => as(role, password, here, 'main_not_theirs'),
        /^Database error: DATABASE_URL: user "nopriv_main" lacks privileges on 127\.0\.0\.1:\d+\/main_not_theirs: make it the database's owner/,
      ],
      [
        "another role's migrated database",
        () => as(role, password, here, new URL(migrated.url).pathname.slice(1)),
        /^Database error: DATABASE_URL: user "nopriv_main" lacks privileges on 127\.0\.0\.1:\d+\/t_\w+: make it the database's owner/,
      ],
    ];
    for (const [what, url, pattern] of cases) {
      it(`GIVEN ${what} THEN the process says so in one line without the password and exits 1`, async () => {
        const r = await run({ DATABASE_URL: url() });
        expectOneLine(r, pattern);
        expect(r.stderr).not.toContain(password);
      });
    }

    it('GIVEN a malformed PostgreSQL URL THEN the configuration error names DATABASE_URL and hides the password', async () => {
      const r = await run({ DATABASE_URL: `postgresql://${role}:${password}@db:port/quizbot` });
      expectOneLine(
        r,
        /^Configuration error: DATABASE_URL: expected a PostgreSQL URL of the form postgresql:\/\//,
      );
      expect(r.stderr).not.toContain(password);
    });
  },
);

describe('the PostgreSQL driver is loaded only for PostgreSQL', () => {
  const loads = path.join(ROOT, 'test/fixtures/loads/register.mjs');
  const start = (url: string) =>
    spawnSync(process.execPath, [...START_FLAGS, '--import', loads, BUNDLE], {
      cwd: ROOT,
      input: '/stats\n',
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        LOG_LEVEL: 'silent',
        DATABASE_URL: url,
        QUESTIONS_DIR: FIXTURE_BANK,
      },
    });

  it('GIVEN a SQLite DATABASE_URL THEN a whole start and a command never load pg or its Prisma adapter', () => {
    const r = start(`file:${path.join(dir, 'no-pg.db')}`);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Progress for');
    expect(r.stderr).not.toMatch(/loaded/);
  });

  it.skipIf(server === null)(
    'GIVEN a PostgreSQL DATABASE_URL THEN it loads them (the probe sees loads)',
    async () => {
      // biome-ignore lint/style/noNonNullAssertion: skipped when there is no server
      const db = await copyDatabase(server!, inject('postgresTemplate'));
      const r = start(db.url);
      await db.drop();
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/loaded pg\n/);
      expect(r.stderr).toMatch(/loaded @prisma\/adapter-pg\n/);
    },
  );
});

/** A second process holding an exclusive lock on the database until killed. */
function holdExclusive(file: string): { child: ChildProcess; ready: Promise<void> } {
  const script = `
    const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.prepare('UPDATE "Member" SET "displayName" = "displayName"').run();
    process.stdout.write('locked\\n');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const ready = new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  return { child, ready };
}
