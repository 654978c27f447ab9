import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { DatabaseError, describeCause } from './errors.ts';
import { PrismaClient } from './generated/client.ts';
import type { Queryable } from './sql.ts';

export { DatabaseError } from './errors.ts';

/** One open database: its client, how to run a write transaction on it, and how to close it. */
export type Database = {
  provider: 'sqlite' | 'postgresql';
  /**
   * Whether the caller must run one write transaction at a time: SQLite's single connection
   * holds one transaction; PostgreSQL's pool runs them side by side.
   */
  serialWrites: boolean;
  client: Queryable;
  /**
   * Runs `fn` in one transaction that commits as if no other writer had run meanwhile (SQLite:
   * it holds the write lock from its first statement; PostgreSQL: SERIALIZABLE, failing with a
   * retryable fault otherwise); rolled back if `fn` throws.
   */
  writeTransaction<T>(fn: (tx: Queryable) => Promise<T>, options?: TransactionOptions): Promise<T>;
  close(): Promise<void>;
};

export type TransactionOptions = {
  /** How long to wait for a pooled connection (PostgreSQL). */
  maxWaitMs?: number;
  /** How long the transaction may run before it is rolled back (PostgreSQL; 30 s by default). */
  timeoutMs?: number;
};

/** Where the data lives, as the configuration names it. */
export type DatabaseTarget =
  | { provider: 'sqlite'; path: string }
  | { provider: 'postgresql'; url: string; poolSize: number };

/**
 * Opens either provider; PostgreSQL's driver is loaded only when it is the one asked for.
 * `busyBudgetMs` bounds PostgreSQL's waits for locks (SQLite's are the store's own retries).
 */
export async function openDatabaseAt(target: DatabaseTarget, busyBudgetMs = 10_000): Promise<Database> {
  if (target.provider === 'sqlite') return openDatabase(target.path);
  const { openPostgresDatabase } = await import('./postgres/database.ts');
  return openPostgresDatabase(target.url, { poolSize: target.poolSize, lockTimeoutMs: busyBudgetMs });
}

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
    serialWrites: true,
    client: prisma,
    // BEGIN IMMEDIATE on the one connection, rather than Prisma's interactive transaction (which
    // begins DEFERRED): the write lock is taken before anything is read, and a busy database
    // fails at BEGIN, before anything happened. The store serialises writes in the process, so
    // no two transactions share the connection.
    async writeTransaction(fn) {
      await prisma.$executeRawUnsafe('BEGIN IMMEDIATE');
      try {
        const result = await fn(prisma);
        await prisma.$executeRawUnsafe('COMMIT');
        return result;
      } catch (error) {
        await prisma.$executeRawUnsafe('ROLLBACK').catch(() => {});
        throw error;
      }
    },
    close: () => prisma.$disconnect(),
  };
}
