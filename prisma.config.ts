import { fileURLToPath } from 'node:url';
import { defineConfig } from 'prisma/config';

// The CLI insists on its native schema-engine binary before `generate` and tries to download
// it when missing, which fails offline. `generate` never runs that binary, so any existing file
// satisfies the check. Migrations go through the WASM engine instead (src/data/migrations.ts).
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'file:./data/quizbot.db' },
});
