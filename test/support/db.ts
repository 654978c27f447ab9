import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { inject } from 'vitest';
import { createAdapter, type Database, openDatabase } from '../../src/data/db.ts';
import { PrismaClient } from '../../src/data/generated/client.ts';
import { PrismaClient as PostgresClient } from '../../src/data/generated-postgres/client.ts';
import { openPostgresDatabase } from '../../src/data/postgres/database.ts';
import { Store, type StoreOptions } from '../../src/data/store.ts';
import { copyDatabase } from './postgres.ts';

export type Provider = 'sqlite' | 'postgresql';

export type TestDb = {
  provider: Provider;
  /** The SQLite file ('' on PostgreSQL). */
  path: string;
  /** DATABASE_URL of this database: file:… or postgresql://… */
  url: string;
  dir: string;
  store: Store;
  /**
   * A second, independent client for the test's own assertions (and set-up writes). Typed as
   * the SQLite client: both generated clients have the same model API.
   */
  prisma: PrismaClient;
  /** Another connection (pool) to the same database, as a second process would have. */
  open(): Promise<Database>;
  close(): Promise<void>;
};

/** A Prisma client on an existing database file, for a test to look at what was stored. */
export function inspectDatabase(file: string): PrismaClient {
  return new PrismaClient({ adapter: createAdapter(file) });
}

/** A Prisma client on a PostgreSQL database, with the SQLite client's type (the same model API). */
export function inspectPostgres(url: string): PrismaClient {
  return new PostgresClient({
    adapter: new PrismaPg({ connectionString: url, max: 2 }),
  }) as unknown as PrismaClient;
}

/**
 * A fresh, migrated database removed on close: on SQLite a copy of the run's template file, on
 * PostgreSQL a copy of the run's template database on the throwaway server.
 */
export async function createTestDb(
  provider: Provider = 'sqlite',
  options: StoreOptions = {},
): Promise<TestDb> {
  return provider === 'sqlite' ? createSqliteDb(options) : createPostgresDb(options);
}

async function createSqliteDb(options: StoreOptions): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-test-'));
  const file = path.join(dir, 'quizbot.db');
  copyFileSync(inject('templateDb'), file);
  const db = await openDatabase(file);
  const store = new Store(db, options);
  const prisma = inspectDatabase(file);
  return {
    provider: 'sqlite',
    path: file,
    url: `file:${file}`,
    dir,
    store,
    prisma,
    open: () => openDatabase(file),
    async close() {
      await store.drain();
      await db.close();
      await prisma.$disconnect();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function createPostgresDb(options: StoreOptions): Promise<TestDb> {
  const server = inject('postgres');
  if (server === null) throw new Error(`no PostgreSQL for this run: ${inject('postgresSkipReason')}`);
  const copy = await copyDatabase(server, inject('postgresTemplate'));
  const open = () =>
    openPostgresDatabase(copy.url, { poolSize: 10, lockTimeoutMs: options.busyBudgetMs ?? 10_000 });
  const db = await open();
  const store = new Store(db, options);
  const prisma = inspectPostgres(copy.url);
  const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-test-'));
  return {
    provider: 'postgresql',
    path: '',
    url: copy.url,
    dir,
    store,
    prisma,
    open,
    async close() {
      await store.drain();
      await db.close();
      await prisma.$disconnect();
      await copy.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
