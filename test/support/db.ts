import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { openDatabase } from '../../src/data/db.ts';
import { Store } from '../../src/data/store.ts';

export type TestDb = { path: string; dir: string; store: Store; close(): Promise<void> };

/** A fresh, migrated SQLite file (a copy of the run's template), removed on close. */
export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-test-'));
  const file = path.join(dir, 'quizbot.db');
  copyFileSync(inject('templateDb'), file);
  const db = await openDatabase(file);
  const store = new Store(db);
  return {
    path: file,
    dir,
    store,
    async close() {
      await store.drain();
      await db.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
