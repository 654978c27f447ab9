import { defineConfig } from 'vitest/config';

/**
 * The tests that `npm run test:mutation` (Stryker, stryker.config.mjs) runs against each mutant
 * of src/domain and src/core: the fast in-process ones, on SQLite only. Its global setup migrates
 * the SQLite template and nothing else: no esbuild bundle, no PostgreSQL server.
 */
export default defineConfig({
  test: {
    include: ['test/domain/**/*.test.ts', 'test/core/**/*.test.ts'],
    globalSetup: ['test/template-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
