import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Built by test/global-setup.ts with scripts/build.mjs, the same way `npm start` builds it. */
export const BUNDLE = path.join(ROOT, 'dist/test/main.mjs');
/** The V8 flags `npm start` passes. */
export const START_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=2'];

export type RunResult = { code: number | null; stdout: string; stderr: string };

/**
 * The uid and gid of an unprivileged user when the tests run as root (where file permissions
 * do not apply), so read-only files are read-only to the bot; undefined otherwise.
 */
export function unprivileged(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const user = { uid: 65534, gid: 65534 };
  // The project may sit where that user cannot read it (a private temp folder): then there is
  // no unprivileged run to be had, and the tests that need one say so and skip.
  const probe = spawnSync(
    process.execPath,
    ['-e', `require('fs').accessSync(${JSON.stringify(BUNDLE)})`],
    user,
  );
  if (probe.status !== 0) {
    console.log(`unprivileged runs skipped: user ${user.uid} cannot read ${BUNDLE}`);
    return undefined;
  }
  return user;
}

export type RunOptions = { timeoutMs?: number; user?: { uid: number; gid: number } };

/** Runs what `npm start` runs (the bundle, same V8 flags) as a real process, with the given environment and stdin. */
export function runMain(
  env: Record<string, string>,
  stdin = '',
  options: RunOptions | number = {},
): Promise<RunResult> {
  const { timeoutMs = 60_000, user } = typeof options === 'number' ? { timeoutMs: options } : options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...START_FLAGS, BUNDLE], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(user === undefined ? {} : user),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`main did not exit within ${timeoutMs} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(stdin);
  });
}
