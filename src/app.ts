import { loadBank } from './bank/load.ts';
import type { Config } from './config.ts';
import { type CoreContext, indexBank } from './core/context.ts';
import { syncBank } from './core/sync-bank.ts';
import { type Database, type DatabaseTarget, ensureDataDirectory, openDatabaseAt } from './data/db.ts';
import { applyMigrations, applyMigrationsAt } from './data/migrations.ts';
import { retryBusy } from './data/retry.ts';
import { checkDatabaseFile, explainDatabaseFailure } from './data/startup.ts';
import { Store } from './data/store.ts';
import type { Question } from './domain/question.ts';
import type { Logger } from './logger.ts';

export type App = { ctx: CoreContext; close(): Promise<void> };

/**
 * The composition root's shared half: database (migrated), bank (validated, synced) and the
 * core context. The bank is checked before the database is touched, so an invalid bank stops
 * the start with its report and changes nothing.
 */
export async function createApp(config: Config, log: Logger, clock: () => number = Date.now): Promise<App> {
  const bank = loadBank(config.questionsDir);
  const { store, close, sync } = await openStore(config, bank.questions, log, clock);
  const counts = {
    questions: bank.questions.length,
    facts: bank.facts.length,
    comparisons: bank.comparisons.length,
  };
  log.info({ ...counts, ...sync }, 'question bank loaded');
  const ctx: CoreContext = {
    store,
    bank: indexBank(bank),
    clock,
    sessionSize: config.sessionSize,
    defaultTimezone: config.defaultTimezone,
  };
  return { ctx, close };
}

/**
 * The database, migrated and with the bank synced; any fault on the way (locked, read-only,
 * not a database, a full disk; on PostgreSQL an unreachable server, refused credentials, a
 * missing database or privileges) stops the start with one line. A busy database is waited
 * for, within DATABASE_BUSY_TIMEOUT_MS.
 */
async function openStore(config: Config, questions: Question[], log: Logger, clock: () => number) {
  const target = config.database;
  const budget = config.databaseBusyTimeoutMs;
  if (target.provider === 'sqlite') {
    ensureDataDirectory(target.path);
    checkDatabaseFile(target.path);
  }
  let db: Database | undefined;
  try {
    const applied = await retryBusy(() => applyMigrationsTo(target), budget);
    if (applied.length > 0) log.info({ applied }, 'applied database migrations');
    const opened = await retryBusy(() => openDatabaseAt(target, budget), budget);
    db = opened;
    const store = new Store(opened, { busyBudgetMs: budget });
    const sync = await syncBank(store, questions, new Date(clock()));
    let closed = false;
    const close = async () => {
      if (closed) return;
      closed = true;
      await store.drain();
      await opened.close();
    };
    return { store, close, sync };
  } catch (error) {
    await db?.close().catch(() => {});
    throw explainDatabaseFailure(target, error, budget);
  }
}

function applyMigrationsTo(target: DatabaseTarget): Promise<string[]> {
  return target.provider === 'sqlite' ? applyMigrations(target.path) : applyMigrationsAt(target.url);
}
