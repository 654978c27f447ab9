import type { Database, TransactionOptions } from '../db.ts';
import type { Queryable } from '../sql.ts';
import { loadPostgresDriver } from './driver.ts';
import { explainPostgresFailure } from './errors.ts';
import { statementNamer } from './statements.ts';

export type PostgresOptions = {
  /** Connections the pool may open (DATABASE_POOL_SIZE). */
  poolSize: number;
  /** How long a statement may wait for another transaction's lock (DATABASE_BUSY_TIMEOUT_MS). */
  lockTimeoutMs?: number;
};

/** Longest a write transaction may run before PostgreSQL rolls it back (a stuck one frees its connection). */
const TRANSACTION_TIMEOUT_MS = 30_000;

/**
 * PostgreSQL through @prisma/adapter-pg with a connection pool. Writes are not serialised in the
 * process: each runs as its own SERIALIZABLE transaction, so concurrent writes (in this process
 * or another) behave as if they had run one after the other, or one of them fails with a
 * serialization failure (40001) or deadlock (40P01) and is rolled back whole; the store runs it
 * again from the start. That keeps the use cases' read-then-write logic, written for SQLite's
 * single writer, correct without row locks scattered through them.
 */
export async function openPostgresDatabase(url: string, options: PostgresOptions): Promise<Database> {
  const [{ PrismaPg, connectTimeoutMs }, { PrismaClient }] = await Promise.all([
    loadPostgresDriver(),
    import('../generated-postgres/client.ts'),
  ]);
  const adapter = new PrismaPg(
    {
      connectionString: url,
      max: options.poolSize,
      connectionTimeoutMillis: connectTimeoutMs,
      // A write blocked by another's lock (a long transaction, a migration, a manual LOCK
      // TABLE) fails within the busy budget as a busy fault, as on SQLite, instead of hanging.
      // Options in the URL win over this one.
      options: `-c lock_timeout=${Math.max(1, options.lockTimeoutMs ?? 10_000)}`,
    },
    // The adapter hands the name to pg, for which undefined means an unnamed statement.
    { statementNameGenerator: statementNamer() as (query: { sql: string; args: unknown[] }) => string },
  );
  const prisma = new PrismaClient({ adapter });
  try {
    await prisma.$queryRawUnsafe('SELECT 1');
  } catch (error) {
    await prisma.$disconnect().catch(() => {});
    throw explainPostgresFailure(url, error);
  }
  return {
    provider: 'postgresql',
    serialWrites: false,
    client: prisma,
    writeTransaction<T>(fn: (tx: Queryable) => Promise<T>, options: TransactionOptions = {}) {
      return prisma.$transaction((tx) => fn(tx), {
        isolationLevel: 'Serializable',
        // Waiting for a free connection of the pool counts against the caller's busy budget.
        maxWait: Math.max(100, options.maxWaitMs ?? TRANSACTION_TIMEOUT_MS),
        timeout: options.timeoutMs ?? TRANSACTION_TIMEOUT_MS,
      });
    },
    close: () => prisma.$disconnect(),
  };
}
