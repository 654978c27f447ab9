// npm run db:migration -- <name>: writes the migration for the difference between the existing
// migrations and the data model, for both providers at once and offline, with the same folder
// name <timestamp>_<name>:
//   prisma/migrations/<folder>/migration.sql            (SQLite, from prisma/schema.prisma)
//   prisma/postgres/migrations/<folder>/migration.sql   (PostgreSQL, from the derived schema)
// The PostgreSQL diff replays the migrations in a shadow database, so it needs a server: the one
// at POSTGRES_ADMIN_URL when set (its user must be allowed to create databases; only a temporary
// shadow database is created there and dropped), else a throwaway server started from the local
// PostgreSQL binaries (initdb, pg_ctl) and stopped at the end. DATABASE_URL is never used here.
import { loadDotEnv } from '../src/config.ts';
import { createMigration } from '../src/data/migrations.ts';
import { createPostgresMigration } from '../src/data/postgres/migrations.ts';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../test/support/postgres.ts';
import { writePostgresSchema } from './derive-postgres-schema.ts';

type Created = { folder: string; sql: string } | null;

function report(provider: string, created: Created): void {
  if (created === null) console.log(`${provider}: no schema changes, no migration written.`);
  else console.log(`${provider}: created ${created.folder}/migration.sql:\n\n${created.sql}\n`);
}

async function postgresServer(): Promise<{ url: string; setting: string; server?: ThrowawayPostgres }> {
  const admin = process.env.POSTGRES_ADMIN_URL?.trim();
  if (admin) return { url: admin, setting: 'POSTGRES_ADMIN_URL' };
  try {
    const server = await startThrowawayPostgres();
    return { url: server.adminUrl, setting: 'the throwaway PostgreSQL server', server };
  } catch (error) {
    throw new Error(
      `PostgreSQL migration: ${(error as Error).message}. Install the server binaries, or set POSTGRES_ADMIN_URL to a server whose user may create databases.`,
    );
  }
}

const name = process.argv.slice(2).join('_');
if (name.trim() === '') {
  console.error('usage: npm run db:migration -- <name>   (e.g. add_member_locale)');
  process.exit(2);
}
let server: ThrowawayPostgres | undefined;
try {
  loadDotEnv();
  if (writePostgresSchema()) console.log('Updated prisma/postgres/schema.prisma from prisma/schema.prisma.');
  const now = new Date();
  report('SQLite', await createMigration(name, now));
  const postgres = await postgresServer();
  server = postgres.server;
  report('PostgreSQL', await createPostgresMigration(name, now, postgres.url, { setting: postgres.setting }));
  console.log('Migrations are applied at the next start (or now with: npm run db:migrate).');
  console.log('Regenerate the clients with: npm run db:generate');
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
} finally {
  server?.stop();
}
