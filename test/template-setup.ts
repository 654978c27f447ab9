import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../src/data/migrations.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated SQLite file; each test copies it (test/support/db.ts) instead of migrating. */
    templateDb: string;
  }
}

/**
 * Migrates one SQLite template database for the run and provides its path as `templateDb`.
 * Returns the teardown that removes it. Shared by the full suite's global setup and the
 * mutation run's (vitest.mutation.config.ts), which needs nothing else.
 */
export async function provideTemplateDb(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-template-'));
  try {
    const file = path.join(dir, 'template.db');
    await applyMigrations(file);
    project.provide('templateDb', file);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return () => rmSync(dir, { recursive: true, force: true });
}

/**
 * The light global setup: only the SQLite template (no bundle, no PostgreSQL server); the tests
 * that run on both providers skip their PostgreSQL block, saying why.
 */
export default async function setup(project: TestProject) {
  project.provide('postgres', null);
  project.provide('postgresSkipReason', 'the mutation run uses SQLite only');
  project.provide('postgresTemplate', '');
  return provideTemplateDb(project);
}
