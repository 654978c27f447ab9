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
  return () => rmSync(dir, { recursive: true, force: true });
}
