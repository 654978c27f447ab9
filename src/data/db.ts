import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient } from './generated/client.ts';

export type Db = PrismaClient;

/** One adapter option for the whole project: DateTime columns hold unix-epoch milliseconds. */
export function createAdapter(databasePath: string): PrismaBetterSqlite3 {
  return new PrismaBetterSqlite3({ url: `file:${databasePath}` }, { timestampFormat: 'unixepoch-ms' });
}

export class DatabaseError extends Error {
  override name = 'DatabaseError';
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
 * Opens the Prisma client on one better-sqlite3 connection with WAL, synchronous=NORMAL and a
 * busy timeout; those pragmas stick because the client keeps that single connection.
 */
export async function openDatabase(databasePath: string): Promise<Db> {
  const prisma = new PrismaClient({ adapter: createAdapter(databasePath) });
  try {
    await prisma.$executeRawUnsafe('PRAGMA busy_timeout = 5000');
    await prisma.$queryRawUnsafe('PRAGMA journal_mode = WAL');
    await prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL');
    await prisma.$executeRawUnsafe('PRAGMA foreign_keys = ON');
  } catch (error) {
    await prisma.$disconnect().catch(() => {});
    throw new DatabaseError(`DATABASE_URL: cannot open ${databasePath} (${describe(error)})`);
  }
  return prisma;
}

export function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((l) => l.trim() !== '') ?? 'unknown error';
}
