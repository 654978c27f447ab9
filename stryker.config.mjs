// Mutation testing of the domain and the core: `npm run test:mutation` (not part of CI).
// Each mutant of src/domain and src/core is run against the fast in-process tests that cover
// it (vitest.mutation.config.ts: SQLite only, no bundle, no PostgreSQL server). Incremental:
// a re-run reuses reports/mutation/incremental.json and runs only the mutants whose code or
// covering tests changed; `npm run test:mutation -- --force` runs every mutant again.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: ['src/domain/**/*.ts', 'src/core/**/*.ts'],
  // Copied into each sandbox: the project less what the run never reads.
  ignorePatterns: ['/dist', '/data', '/bench/out', '/.ci/out', '/coverage', '/reports', '/docs'],
  coverageAnalysis: 'perTest',
  // Two cores here; each worker is one vitest instance running its tests in one thread.
  concurrency: 2,
  incremental: true,
  incrementalFile: 'reports/mutation/incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 80, low: 70, break: null },
  tempDirName: '.stryker-tmp',
};
