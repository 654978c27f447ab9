import { existsSync } from 'node:fs';
import type { SqlDriverAdapter, SqlQuery } from '@prisma/driver-adapter-utils';
import Database from 'better-sqlite3';
import { createAdapter } from '../db.ts';
import { type EngineAdapterFactory, type MigrationList, notApplied } from './engine.ts';

/** Names of migrations in the list that the SQLite database has not finished applying. */
export function pendingSqliteMigrations(databasePath: string, list: MigrationList): string[] {
  if (!existsSync(databasePath)) return notApplied(list, []);
  // A short busy wait: the caller retries a locked database without blocking the event loop.
  const db = new Database(databasePath, { readonly: true, fileMustExist: true, timeout: 50 });
  try {
    const table = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'")
      .get();
    if (table === undefined) return notApplied(list, []);
    const rows = db
      .prepare(
        'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
      )
      .all() as { migration_name: string }[];
    return notApplied(
      list,
      rows.map((r) => r.migration_name),
    );
  } finally {
    db.close();
  }
}

const MULTI_STATEMENT = /more than one statement/i;

function describeDeep(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return `${error.message} ${cause === undefined ? '' : describeDeep(cause)}`;
  }
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

/**
 * Wraps the better-sqlite3 adapter factory for the engine: it remembers every connection so
 * they can all be closed afterwards (the engine sets locking_mode=EXCLUSIVE and never closes
 * them), and it runs multi-statement migration scripts with executeScript, since
 * better-sqlite3 refuses several statements in one prepared query.
 */
export class SqliteEngineAdapterFactory implements EngineAdapterFactory {
  readonly provider = 'sqlite' as const;
  readonly adapterName: string;
  private readonly opened: SqlDriverAdapter[] = [];
  private readonly inner: ReturnType<typeof createAdapter>;

  constructor(databasePath: string) {
    this.inner = createAdapter(databasePath);
    this.adapterName = this.inner.adapterName;
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.track(await this.inner.connect());
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    return this.track(await this.inner.connectToShadowDb());
  }

  async disposeAll(): Promise<void> {
    for (const adapter of this.opened.splice(0)) await adapter.dispose().catch(() => {});
  }

  private track(adapter: SqlDriverAdapter): SqlDriverAdapter {
    this.opened.push(adapter);
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query: SqlQuery) => {
      try {
        return await executeRaw(query);
      } catch (error) {
        if (query.args.length > 0 || !MULTI_STATEMENT.test(describeDeep(error))) throw error;
        await adapter.executeScript(query.sql);
        return 0;
      }
    };
    return adapter;
  }
}
