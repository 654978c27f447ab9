import { spawn } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
/** Built by test/global-setup.ts with scripts/build.mjs, the same way `npm start` builds it. */
export const BUNDLE = path.join(ROOT, 'dist/test/main.mjs');
/** The V8 flags `npm start` passes. */
export const START_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=2'];

export type RunResult = { code: number | null; stdout: string; stderr: string };

/** Runs what `npm start` runs (the bundle, same V8 flags) as a real process, with the given environment and stdin. */
export function runMain(env: Record<string, string>, stdin = '', timeoutMs = 60_000): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...START_FLAGS, BUNDLE], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LOG_LEVEL: 'warn', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
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
