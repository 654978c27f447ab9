// npm run db:migration -- <name>: writes prisma/migrations/<timestamp>_<name>/migration.sql for
// the difference between the existing migrations and prisma/schema.prisma, offline.
import { createMigration } from '../src/data/migrations.ts';

const name = process.argv.slice(2).join('_');
if (name.trim() === '') {
  console.error('usage: npm run db:migration -- <name>   (e.g. add_member_locale)');
  process.exit(2);
}
try {
  const created = await createMigration(name, new Date());
  if (created === null) {
    console.log('No schema changes: prisma/schema.prisma already matches the migrations.');
  } else {
    console.log(`Created ${created.folder}/migration.sql:\n\n${created.sql}\n`);
    console.log('It is applied automatically at the next start (or now with: npm run db:migrate).');
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
