// Derives prisma/postgres/schema.prisma from prisma/schema.prisma (the one data model): the same
// models, with the PostgreSQL datasource and the client generated into src/data/generated-postgres.
// Run by `npm run db:generate` before `prisma generate`; also standalone:
//   npx tsx scripts/derive-postgres-schema.ts          (writes the file)
//   npx tsx scripts/derive-postgres-schema.ts --check  (exit 1 when the committed file is stale)
//   npx tsx scripts/derive-postgres-schema.ts --warn   (say so, change nothing: what postinstall
//                                                       runs, so CI's test still sees a stale file)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
export const SOURCE_SCHEMA = path.join(ROOT, 'prisma/schema.prisma');
export const POSTGRES_SCHEMA = path.join(ROOT, 'prisma/postgres/schema.prisma');

const HEADER = [
  '// GENERATED from prisma/schema.prisma by scripts/derive-postgres-schema.ts (npm run db:generate).',
  '// Do not edit: change prisma/schema.prisma and regenerate. Only the datasource provider and the',
  '// generator output differ. On PostgreSQL DateTime columns are TIMESTAMP(3), not epoch integers.',
  '',
];

/** Replaces exactly one match of `pattern` inside the named block, or explains what was expected. */
function replaceInBlock(schema: string, block: RegExp, pattern: RegExp, replacement: string): string {
  const found = schema.match(block);
  if (found?.index === undefined) throw new Error(`derive-postgres-schema: no ${block} block in the schema`);
  const body = found[0];
  if ((body.match(new RegExp(pattern.source, 'gm')) ?? []).length !== 1) {
    throw new Error(`derive-postgres-schema: expected one ${pattern} in ${block}`);
  }
  const changed = body.replace(pattern, replacement);
  return schema.slice(0, found.index) + changed + schema.slice(found.index + body.length);
}

/** The PostgreSQL schema for a SQLite schema's text; fails loudly when the shape is not the expected one. */
export function derivePostgresSchema(source: string): string {
  let schema = replaceInBlock(
    source,
    /^datasource db \{[^}]*\}/m,
    /^(\s*provider\s*=\s*)"sqlite"/m,
    '$1"postgresql"',
  );
  schema = replaceInBlock(
    schema,
    /^generator client \{[^}]*\}/m,
    /^(\s*output\s*=\s*)"\.\.\/src\/data\/generated"/m,
    '$1"../../src/data/generated-postgres"',
  );
  return HEADER.join('\n') + schema;
}

function readCurrent(): string {
  try {
    return readFileSync(POSTGRES_SCHEMA, 'utf8');
  } catch {
    return '';
  }
}

/** Whether the committed file is what prisma/schema.prisma derives to now. */
export function postgresSchemaIsCurrent(): boolean {
  return readCurrent() === derivePostgresSchema(readFileSync(SOURCE_SCHEMA, 'utf8'));
}

/** Writes the derived schema; returns whether the file changed. */
export function writePostgresSchema(): boolean {
  const derived = derivePostgresSchema(readFileSync(SOURCE_SCHEMA, 'utf8'));
  if (readCurrent() === derived) return false;
  mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  writeFileSync(POSTGRES_SCHEMA, derived);
  return true;
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === import.meta.filename) {
  const relative = path.relative(ROOT, POSTGRES_SCHEMA);
  const mode = process.argv[2];
  if (mode === '--check' || mode === '--warn') {
    if (postgresSchemaIsCurrent()) {
      if (mode === '--check') console.log(`${relative} is up to date.`);
    } else {
      console.error(`${relative} is out of date with prisma/schema.prisma: run npm run db:generate`);
      if (mode === '--check') process.exit(1);
    }
  } else {
    console.log(writePostgresSchema() ? `Wrote ${relative}.` : `${relative} is up to date.`);
  }
}
