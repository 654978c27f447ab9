import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { createAdapter, openDatabase } from '../../src/data/db.ts';
import { PrismaClient } from '../../src/data/generated/client.ts';
import { Store } from '../../src/data/store.ts';

export type TestDb = {
  path: string;
  dir: string;
  store: Store;
  /** A second, independent connection for the test's own assertions (and set-up writes). */
  prisma: PrismaClient;
  close(): Promise<void>;
};

/** A Prisma client on an existing database file, for a test to look at what was stored. */
export function inspectDatabase(file: string): PrismaClient {
  return new PrismaClient({ adapter: createAdapter(file) });
}

/** A fresh, migrated SQLite file (a copy of the run's template), removed on close. */
export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-test-'));
  const file = path.join(dir, 'quizbot.db');
  copyFileSync(inject('templateDb'), file);
  const db = await openDatabase(file);
  const store = new Store(db);
  const prisma = inspectDatabase(file);
  return {
    path: file,
    dir,
    store,
    prisma,
    async close() {
      await store.drain();
      await db.close();
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
