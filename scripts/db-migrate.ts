// npm run db:migrate: applies pending migrations to DATABASE_URL (the bot also does this at start):
// a file: URL gets prisma/migrations (SQLite), a postgresql:// URL prisma/postgres/migrations.
import { ConfigError, loadDotEnv, parseConfig } from '../src/config.ts';
import { ensureDataDirectory } from '../src/data/db.ts';
import {
  applyMigrations,
  applyMigrationsAt,
  describePostgresServer,
  isPostgresUrl,
} from '../src/data/migrations.ts';

async function migrate(): Promise<{ applied: string[]; where: string }> {
  const url = process.env.DATABASE_URL?.trim() ?? '';
  if (isPostgresUrl(url))
    return { applied: await applyMigrationsAt(url), where: describePostgresServer(url) };
  const config = parseConfig(process.env);
  ensureDataDirectory(config.databasePath);
  return { applied: await applyMigrations(config.databasePath), where: config.databasePath };
}

try {
  loadDotEnv();
  const { applied, where } = await migrate();
  console.log(
    applied.length === 0 ? `${where} is up to date.` : `Applied to ${where}: ${applied.join(', ')}`,
  );
} catch (error) {
  console.error(error instanceof ConfigError || error instanceof Error ? error.message : String(error));
  process.exit(1);
}
