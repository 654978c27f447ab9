import { fork } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadBank } from '../src/bank/load.ts';
import { indexBank } from '../src/core/context.ts';
import { syncBank } from '../src/core/sync-bank.ts';
import { targetOf } from '../src/data/copy.ts';
import { openDatabaseAt } from '../src/data/db.ts';
import { applyMigrations } from '../src/data/migrations.ts';
import { Store } from '../src/data/store.ts';
import { QUESTIONS_DIR } from './common.ts';
import { type Summary, summarize } from './measure.ts';
import { RawCore } from './raw.ts';

/**
 * Bank load + sync as a starting process pays it: each sample is a fresh process (cold JIT,
 * nothing cached), timing loadBank, opening the database and syncQuestions separately.
 * The same file is both the runner (`measureColdStart`) and the child (run directly).
 */

type ChildResult = { loadMs: number; openMs: number; syncMs: number; added: number };

export type ColdStart = {
  /** loadBank + syncQuestions on a database that has the bank already (a restart). */
  restart: { app: Summary; raw: Summary; appOpen: Summary; rawOpen: Summary; appLoad: Summary };
  /** The same on a freshly migrated database: the whole bank is inserted. */
  first: { app: Summary; raw: Summary };
  questions: number;
};

/** `url`: a DATABASE_URL (file:… for SQLite, postgresql://… for PostgreSQL). */
function child(mode: 'app' | 'raw', url: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const p = fork(import.meta.filename, [mode, url], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let result: ChildResult | undefined;
    p.on('message', (m: ChildResult) => {
      result = m;
    });
    p.on('error', reject);
    p.on('exit', (code) => {
      if (result !== undefined) resolve(result);
      else reject(new Error(`cold-start child (${mode}) exited with ${code}`));
    });
  });
}

/**
 * `url` is the benchmark's database; `freshUrl` makes a new, migrated, empty database of the
 * same provider (PostgreSQL only: SQLite's are copies of a migrated file here). Raw SQL (the
 * better-sqlite3 floor) is measured on SQLite only.
 */
export async function measureColdStart(
  url: string,
  runs: number,
  freshUrl?: (i: number) => Promise<string>,
): Promise<ColdStart> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'quizbot-bench-cold-'));
  const modes = freshUrl === undefined ? (['app', 'raw'] as const) : (['app'] as const);
  try {
    const empty = path.join(tmp, 'empty.db');
    if (freshUrl === undefined) await applyMigrations(empty);
    const restart = { app: [] as ChildResult[], raw: [] as ChildResult[] };
    const first = { app: [] as ChildResult[], raw: [] as ChildResult[] };
    for (let i = 0; i < runs; i++) {
      for (const mode of modes) restart[mode].push(await child(mode, url));
      for (const mode of modes) {
        const file = path.join(tmp, `first-${mode}-${i}.db`);
        if (freshUrl === undefined) copyFileSync(empty, file);
        const r = await child(mode, freshUrl === undefined ? `file:${file}` : await freshUrl(i));
        if (r.added === 0) throw new Error('first start added no question');
        first[mode].push(r);
      }
    }
    const loadSync = (xs: ChildResult[]) => summarize(xs.map((x) => x.loadMs + x.syncMs));
    return {
      restart: {
        app: loadSync(restart.app),
        raw: loadSync(restart.raw),
        appOpen: summarize(restart.app.map((x) => x.openMs)),
        rawOpen: summarize(restart.raw.map((x) => x.openMs)),
        appLoad: summarize(restart.app.map((x) => x.loadMs)),
      },
      first: { app: loadSync(first.app), raw: loadSync(first.raw) },
      questions: first.app[0]?.added ?? 0,
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function runChild(mode: string, url: string): Promise<void> {
  let t = performance.now();
  const bank = loadBank(QUESTIONS_DIR);
  const loadMs = performance.now() - t;
  const target = targetOf(url, process.cwd());
  if (mode === 'app') {
    t = performance.now();
    const db = await openDatabaseAt(target);
    const openMs = performance.now() - t;
    t = performance.now();
    const sync = await syncBank(new Store(db), bank.questions, new Date());
    const syncMs = performance.now() - t;
    await db.close();
    process.send?.({ loadMs, openMs, syncMs, added: sync.added } satisfies ChildResult);
  } else {
    t = performance.now();
    if (target.provider !== 'sqlite') throw new Error('raw SQL runs on SQLite only');
    const db = new Database(target.path);
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    const openMs = performance.now() - t;
    t = performance.now();
    const sync = new RawCore(db, indexBank(bank), Date.now).syncQuestions(bank.questions);
    const syncMs = performance.now() - t;
    db.close();
    process.send?.({ loadMs, openMs, syncMs, added: sync.added } satisfies ChildResult);
  }
}

const [, entry, mode, url] = process.argv;
if (
  entry !== undefined &&
  path.resolve(entry) === import.meta.filename &&
  mode !== undefined &&
  url !== undefined
) {
  await runChild(mode, url);
}
