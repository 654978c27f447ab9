// Bundles the bot (our TypeScript only; packages stay in node_modules) into dist/main.mjs, so
// `npm start` runs plain JavaScript: without the TypeScript loader's extra thread and isolate the
// process needs ~40 MB less memory (bench/results.md). Takes well under a second.
// Usage: node scripts/build.mjs [outfile] [entry]   (the tests and the benchmark build their own copies)
import { build } from 'esbuild';

await build({
  entryPoints: [process.argv[3] ?? 'src/main.ts'],
  outfile: process.argv[2] ?? 'dist/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
