import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../src/data/migrations.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDb: string;
  }
}

/** Migrates one template database per run; each test copies it instead of migrating again. */
export default async function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-template-'));
  const file = path.join(dir, 'template.db');
  await applyMigrations(file);
  project.provide('templateDb', file);
  // The process tests run what `npm start` runs: the esbuild bundle, built once per test run.
  execFileSync(process.execPath, ['scripts/build.mjs', 'dist/test/main.mjs'], {
    cwd: path.resolve(import.meta.dirname, '..'),
  });
  return () => rmSync(dir, { recursive: true, force: true });
}
