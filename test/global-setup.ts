import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  createTemplateDatabase,
  postgresUnavailableReason,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from './support/postgres.ts';
import { provideTemplateDb } from './template-setup.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's throwaway PostgreSQL server, or null (then `postgresSkipReason` says why). */
    postgres: { adminUrl: string; url: string } | null;
    postgresSkipReason: string;
    /** A migrated PostgreSQL database that tests copy (CREATE DATABASE … TEMPLATE), as SQLite tests copy templateDb. */
    postgresTemplate: string;
  }
}

/**
 * One throwaway PostgreSQL server for the whole run, when the server binaries are here. CI
 * installs them, so there a missing server fails the run instead of skipping its tests.
 */
async function startPostgres(project: TestProject): Promise<ThrowawayPostgres | null> {
  const reason = postgresUnavailableReason();
  if (reason !== null) {
    if (process.env.CI) throw new Error(`CI needs PostgreSQL: ${reason}`);
    console.warn(`PostgreSQL tests are skipped: ${reason}`);
    project.provide('postgres', null);
    project.provide('postgresSkipReason', reason);
    project.provide('postgresTemplate', '');
    return null;
  }
  const server = await startThrowawayPostgres();
  try {
    project.provide('postgresTemplate', await createTemplateDatabase(server));
  } catch (error) {
    server.stop();
    throw error;
  }
  project.provide('postgres', { adminUrl: server.adminUrl, url: server.url });
  project.provide('postgresSkipReason', '');
  return server;
}

/** Migrates one template database per run; each test copies it instead of migrating again. */
export default async function setup(project: TestProject) {
  // The server starts while the template is migrated and the bundle built.
  const postgres = startPostgres(project);
  postgres.catch(() => {}); // handled below; this only keeps an early failure from going unhandled
  let server: ThrowawayPostgres | null;
  let removeTemplate = () => {};
  try {
    removeTemplate = await provideTemplateDb(project);
    // The process tests run what `npm start` runs: the esbuild bundle, built once per test run.
    execFileSync(process.execPath, ['scripts/build.mjs', 'dist/test/main.mjs'], {
      cwd: path.resolve(import.meta.dirname, '..'),
    });
    server = await postgres;
  } catch (error) {
    (await postgres.catch(() => null))?.stop();
    removeTemplate();
    throw error;
  }
  return () => {
    server?.stop();
    removeTemplate();
  };
}
