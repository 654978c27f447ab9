// npm run db:migrate: applies pending migrations to DATABASE_URL (the bot also does this at start).
import { ConfigError, loadDotEnv, parseConfig } from '../src/config.ts';
import { ensureDataDirectory } from '../src/data/db.ts';
import { applyMigrations } from '../src/data/migrations.ts';

try {
  loadDotEnv();
  const config = parseConfig(process.env);
  ensureDataDirectory(config.databasePath);
  const applied = await applyMigrations(config.databasePath);
  console.log(applied.length === 0 ? 'Database is up to date.' : `Applied: ${applied.join(', ')}`);
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
