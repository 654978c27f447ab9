import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chownSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server for tests, CI and `npm run db:migration`: a fresh cluster in a
 * temporary folder, listening on a free 127.0.0.1 port, with a superuser (the admin URL) and an
 * application role `quizbot` (LOGIN CREATEDB, owner of the database `quizbot`). Passwords are
 * random; TCP connections need them (scram-sha-256). Tuned for speed, not durability
 * (fsync off): never keep data in it. initdb and postgres refuse to run as root, so as root the
 * server runs as the `postgres` system user, created when missing.
 */
export type ThrowawayPostgres = {
  /** The superuser on the `postgres` database. */
  adminUrl: string;
  /** The application role on its own database `quizbot`. */
  url: string;
  port: number;
  /** Milliseconds from initdb to accepting connections with the role and database created. */
  startMs: number;
  stop(): void;
};

const SERVER_USER = 'postgres';
const APP_ROLE = 'quizbot';

/** The folder with initdb, pg_ctl and postgres: from PATH, else Debian's newest /usr/lib/postgresql/N/bin. */
export function findPostgresBinaries(): string | null {
  const has = (dir: string) => ['initdb', 'pg_ctl', 'postgres'].every((b) => existsSync(path.join(dir, b)));
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir !== '' && has(dir)) return dir;
  }
  const debian = '/usr/lib/postgresql';
  if (!existsSync(debian)) return null;
  const versions = readdirSync(debian)
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  for (const v of versions) {
    const dir = path.join(debian, v, 'bin');
    if (has(dir)) return dir;
  }
  return null;
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export function postgresUnavailableReason(): string | null {
  if (findPostgresBinaries() !== null) return null;
  return 'no PostgreSQL server binaries (initdb, pg_ctl, postgres) on PATH or in /usr/lib/postgresql/*/bin; install them with: apt-get install -y --no-install-recommends postgresql';
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** The unprivileged user the server runs as when we are root (created when missing). */
function serverUser(): { name: string; uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, SERVER_USER], { encoding: 'utf8' });
  if (id('-u').status !== 0) {
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER], {
      stdio: 'ignore',
    });
  }
  return { name: SERVER_USER, uid: Number(id('-u').stdout.trim()), gid: Number(id('-g').stdout.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address !== null) resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

type Runner = (bin: string, args: string[]) => void;

function runner(binDir: string, user: string | null): Runner {
  return (bin, args) => {
    const command = path.join(binDir, bin);
    const [file, argv] = user === null ? [command, args] : ['runuser', ['-u', user, '--', command, ...args]];
    const out = spawnSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (out.status !== 0) {
      throw new Error(`${bin} failed (${out.status ?? out.signal}): ${(out.stderr || out.stdout).trim()}`);
    }
  };
}

/** Tuned for tests: fast, not durable. */
export const TEST_SETTINGS =
  '-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=32MB';

function startServer(run: Runner, dir: string, port: number, settings: string): void {
  const data = path.join(dir, 'data');
  const options = [
    '-c listen_addresses=127.0.0.1',
    `-p ${port}`,
    `-c unix_socket_directories=${dir}`,
    settings,
    '-c max_connections=200',
  ].join(' ');
  run('pg_ctl', ['start', '-D', data, '-w', '-t', '30', '-l', path.join(dir, 'server.log'), '-o', options]);
}

async function createAppRole(adminUrl: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE ROLE ${APP_ROLE} LOGIN CREATEDB PASSWORD '${password}'`);
    await client.query(`CREATE DATABASE ${APP_ROLE} OWNER ${APP_ROLE}`);
  } finally {
    await client.end();
  }
}

const running = new Set<() => void>();
process.once('exit', () => {
  for (const stop of running) stop();
});

/**
 * Starts a fresh server; throws (after cleaning up) when it cannot. `settings`: server options
 * (`-c name=value ...`), TEST_SETTINGS unless given (the benchmark asks for durable ones).
 */
export async function startThrowawayPostgres(settings = TEST_SETTINGS): Promise<ThrowawayPostgres> {
  const started = Date.now();
  const binDir = findPostgresBinaries();
  if (binDir === null) throw new Error(postgresUnavailableReason() ?? 'no PostgreSQL binaries');
  const user = isRoot() ? serverUser() : null;
  const run = runner(binDir, user?.name ?? null);
  const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-pg-'));
  const adminPassword = randomBytes(12).toString('hex');
  const appPassword = randomBytes(12).toString('hex');
  const pwfile = path.join(dir, 'pwfile');
  writeFileSync(pwfile, `${adminPassword}\n`, { mode: 0o600 });
  if (user !== null) for (const p of [dir, pwfile]) chownSync(p, user.uid, user.gid);
  let serverStarted = false;
  const stop = () => {
    running.delete(stop);
    if (serverStarted) {
      serverStarted = false;
      try {
        run('pg_ctl', ['stop', '-D', path.join(dir, 'data'), '-m', 'immediate', '-w']);
      } catch {}
    }
    rmSync(dir, { recursive: true, force: true });
  };
  running.add(stop);
  try {
    run('initdb', [
      ...['-D', path.join(dir, 'data'), '-U', 'postgres', `--pwfile=${pwfile}`],
      ...['--auth-host=scram-sha-256', '--auth-local=trust', '-E', 'UTF8', '--no-locale', '--no-sync'],
    ]);
    const port = await startWithFreePort(run, dir, settings, () => {
      serverStarted = true;
    });
    const adminUrl = `postgresql://postgres:${adminPassword}@127.0.0.1:${port}/postgres`;
    await createAppRole(adminUrl, appPassword);
    const url = `postgresql://${APP_ROLE}:${appPassword}@127.0.0.1:${port}/${APP_ROLE}`;
    return { adminUrl, url, port, startMs: Date.now() - started, stop };
  } catch (error) {
    const log = path.join(dir, 'server.log');
    const tail = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').slice(-5).join(' | ') : '';
    stop();
    throw new Error(
      `throwaway PostgreSQL did not start: ${(error as Error).message}${tail ? ` (${tail})` : ''}`,
    );
  }
}

/** Another process may take the port between the probe and the start: try a few. */
async function startWithFreePort(
  run: Runner,
  dir: string,
  settings: string,
  onStarted: () => void,
): Promise<number> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      startServer(run, dir, port, settings);
      onStarted();
      return port;
    } catch (error) {
      last = error;
    }
  }
  throw last;
}

/** A URL for another database on the same server, as the same user. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Creates a fresh, empty database owned by the application role; returns its URL as that role. */
export async function createEmptyDatabase(server: { adminUrl: string; url: string }): Promise<string> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name} OWNER ${APP_ROLE}`);
  } finally {
    await client.end();
  }
  return withDatabase(server.url, name);
}

/** The migrated database that `copyDatabase` copies: the application role owns it, nobody connects to it. */
export async function createTemplateDatabase(server: { adminUrl: string; url: string }): Promise<string> {
  const name = 'quizbot_template';
  await adminQuery(server.adminUrl, `CREATE DATABASE ${name} OWNER ${APP_ROLE}`);
  // Loaded here, not at the top: scripts that only start a server need none of the app.
  const { applyMigrationsAt } = await import('../../src/data/migrations.ts');
  await applyMigrationsAt(withDatabase(server.url, name));
  // A template must have no connections while it is copied; refuse them from now on.
  await adminQuery(server.adminUrl, `ALTER DATABASE ${name} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  return name;
}

/**
 * A fresh database copied from the migrated template (about 0.1 s with the throwaway server's
 * settings); returns its URL as the application role and how to drop it.
 */
export async function copyDatabase(
  server: { adminUrl: string; url: string },
  template: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(
    server.adminUrl,
    `CREATE DATABASE ${name} TEMPLATE ${template} OWNER ${APP_ROLE} STRATEGY FILE_COPY`,
  );
  return {
    url: withDatabase(server.url, name),
    drop: () => adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
