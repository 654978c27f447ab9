import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { DatabaseError, describeCause } from './errors.ts';
import { PrismaClient } from './generated/client.ts';
import { type Queryable, sql } from './sql.ts';

export { DatabaseError } from './errors.ts';

/** One open database: its client, how to run a transaction on it, and how to close it. */
export type Database = {
  provider: 'sqlite';
  client: Queryable;
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** First statement of every write transaction: takes the write lock before anything is read. */
  takeWriteLock(tx: Queryable): Promise<void>;
  close(): Promise<void>;
};

/** One adapter option for the whole project: DateTime columns hold unix-epoch milliseconds. */
export function createAdapter(databasePath: string): PrismaBetterSqlite3 {
  return new PrismaBetterSqlite3({ url: `file:${databasePath}` }, { timestampFormat: 'unixepoch-ms' });
}

/** Creates the data directory, or explains in one line why it cannot. */
export function ensureDataDirectory(databasePath: string): void {
  const dir = path.dirname(databasePath);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new DatabaseError(`DATABASE_URL: cannot create the data directory ${dir} (${code})`);
  }
}

/**
 * Opens SQLite through Prisma on one better-sqlite3 connection with WAL, synchronous=NORMAL and
 * a short busy timeout (the store waits for other processes' locks itself, without blocking the
 * event loop); the pragmas stick because the client keeps that single connection.
 */
export async function openDatabase(databasePath: string): Promise<Database> {
  const prisma = new PrismaClient({ adapter: createAdapter(databasePath) });
  try {
    await prisma.$executeRawUnsafe('PRAGMA busy_timeout = 50');
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  } catch (error) {
    await prisma.$disconnect().catch(() => {});
    throw new DatabaseError(`DATABASE_URL: cannot open ${databasePath} (${describeCause(error)})`);
  }
  return {
    provider: 'sqlite',
    client: prisma,
    transaction: (fn) => prisma.$transaction((tx) => fn(tx), { timeout: 20_000, maxWait: 20_000 }),
    // A no-op write: SQLite takes the write lock for it (as BEGIN IMMEDIATE would), while the
    // transaction has read nothing yet, so the wait for another writer is a plain SQLITE_BUSY.
    takeWriteLock: async (tx) => {
      await tx.$executeRaw(sql`UPDATE "_prisma_migrations" SET "id" = "id" WHERE 0`);
    },
    close: () => prisma.$disconnect(),
  };
}
