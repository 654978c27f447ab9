import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { derivePostgresSchema } from '../../../scripts/derive-postgres-schema.ts';
import { MIGRATIONS_DIR, PROJECT_ROOT, SCHEMA_PATH } from '../../../src/data/migrations.ts';
import { POSTGRES_MIGRATIONS_DIR, POSTGRES_SCHEMA_PATH } from '../../../src/data/postgres/migrations.ts';

const source = readFileSync(SCHEMA_PATH, 'utf8');

describe('one data model, two providers', () => {
  it('GIVEN prisma/schema.prisma THEN the committed prisma/postgres/schema.prisma is exactly what the script derives from it now', () => {
    // On failure: run `npm run db:generate` (it rewrites the derived file), never edit it by hand.
    expect(readFileSync(POSTGRES_SCHEMA_PATH, 'utf8')).toBe(derivePostgresSchema(source));
  });

  it('GIVEN the derived schema THEN only the datasource provider and the generator output differ, after its header', () => {
    const derived = derivePostgresSchema(source).split('\n');
    const original = source.split('\n');
    const body = derived.slice(derived.indexOf(original[0] ?? ''));
    expect(derived.indexOf(original[0] ?? '')).toBeGreaterThan(0);
    expect(body.length).toBe(original.length);
    const changed = original
      .map((line, i) => [line, body[i]])
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => `${a?.trim()} -> ${b?.trim()}`);
    expect(changed).toEqual([
      'output       = "../src/data/generated" -> output       = "../../src/data/generated-postgres"',
      'provider = "sqlite" -> provider = "postgresql"',
    ]);
  });

  it('GIVEN a source schema of another shape THEN deriving fails loudly instead of writing a wrong file', () => {
    expect(() => derivePostgresSchema(source.replace('provider = "sqlite"', 'provider = "mysql"'))).toThrow(
      /expected one/,
    );
    expect(() => derivePostgresSchema(source.replace('generator client {', 'generator js {'))).toThrow(
      /no .*generator client/,
    );
  });

  it("GIVEN the two migration folders THEN each is in Prisma's format with its own lockfile", () => {
    expect(path.relative(PROJECT_ROOT, POSTGRES_MIGRATIONS_DIR)).toBe(
      path.join('prisma', 'postgres', 'migrations'),
    );
    const lock = (dir: string) => readFileSync(path.join(dir, 'migration_lock.toml'), 'utf8');
    expect(lock(MIGRATIONS_DIR)).toMatch(/^provider = "sqlite"$/m);
    expect(lock(POSTGRES_MIGRATIONS_DIR)).toMatch(/^provider = "postgresql"$/m);
  });
});
