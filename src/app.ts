import { loadBank } from './bank/load.ts';
import type { Config } from './config.ts';
import { type CoreContext, indexBank } from './core/context.ts';
import { syncBank } from './core/sync-bank.ts';
import { ensureDataDirectory, openDatabase } from './data/db.ts';
import { applyMigrations } from './data/migrations.ts';
import { Store } from './data/store.ts';
import type { Logger } from './logger.ts';

export type App = { ctx: CoreContext; close(): Promise<void> };

/**
 * The composition root's shared half: database (migrated), bank (validated, synced) and the
 * core context. The bank is checked before the database is touched, so an invalid bank stops
 * the start with its report and changes nothing.
 */
export async function createApp(config: Config, log: Logger, clock: () => number = Date.now): Promise<App> {
  const bank = loadBank(config.questionsDir);
  ensureDataDirectory(config.databasePath);
  const applied = await applyMigrations(config.databasePath);
  if (applied.length > 0) log.info({ applied }, 'applied database migrations');
  const db = await openDatabase(config.databasePath);
  const store = new Store(db);
  const sync = await syncBank(store, bank.questions, new Date(clock()));
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
  let closed = false;
  return {
    ctx,
    async close() {
      if (closed) return;
      closed = true;
      await store.drain();
      await db.close();
    },
  };
}
