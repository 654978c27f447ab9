import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';

/** A second process that takes the database's write lock for `ms`, as a backup or a sqlite3 shell might. */
export function holdLock(
  file: string,
  begin: string,
  ms: number,
): { child: ChildProcess; locked: Promise<void>; done: Promise<void> } {
  const script = `
    const Database = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
    const db = new Database(${JSON.stringify(file)});
    db.exec(${JSON.stringify(begin)});
    db.prepare('UPDATE "Member" SET "displayName" = "displayName"').run();
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const locked = new Promise<void>((resolve) => child.stdout?.once('data', () => resolve()));
  const done = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return { child, locked, done };
}
