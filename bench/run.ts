import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyDatabase } from '../src/data/copy.ts';
import type { DatabaseTarget } from '../src/data/db.ts';
import { applyMigrationsAt } from '../src/data/migrations.ts';
import { type BotRun, botLaunch, resetReminders, runBotProcess } from './bot.ts';
import { type ColdStart, measureColdStart } from './cold-start.ts';
import { fmtInt, NOW, OUT_DIR, ROOT } from './common.ts';
import { generateDatabase } from './generate.ts';
import {
  analyze,
  type BenchServer,
  benchServer,
  dropDatabase,
  freshDatabase,
  postgresSizes,
} from './postgres.ts';
import {
  details,
  findings,
  machine,
  machinePackageVersion,
  type PostgresRun,
  rows,
  type ScaleRun,
  table,
  tableSizes,
} from './report.ts';
import { type Iterations, MemberPool, measureScale, type ScaleMeasures } from './scale.ts';

/**
 * `npm run bench`: what members feel and what an operator pays for, in one table.
 *   (no flags)              1,000 and 10,000 members (1M and 10M review logs); writes bench/results.md
 *   --quick                 one small database, few iterations: a CI smoke run (under a minute)
 *   --members N             one database of N members (with --reviews-per-member R, default 1,000)
 *   --keep                  keep the generated databases in bench/out/
 *   --tick-ms MS            pause between reminder rounds in the fan-out (default 60,000: cron's minute)
 *   --db postgres           every measure also on PostgreSQL, beside SQLite, with the ratios: on a db:copy
 *                           of each generated database, on the server at POSTGRES_ADMIN_URL or a
 *                           throwaway one started from the local binaries (bench/postgres.ts)
 * Timings are reported, never asserted: this is not a test.
 */

type Options = {
  quick: boolean;
  members: number | undefined;
  reviewsPerMember: number;
  keep: boolean;
  tickMs: number;
  postgres: boolean;
};

function parseArgs(argv: string[]): Options {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(name);
    return i === -1 ? undefined : argv[i + 1];
  };
  const number = (name: string): number | undefined => {
    const v = value(name);
    if (v === undefined) return undefined;
    const n = Number(v.replaceAll('_', '').replaceAll(',', ''));
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} expects a positive whole number, got ${v}`);
    return n;
  };
  const quick = argv.includes('--quick');
  const db = value('--db') ?? 'sqlite';
  if (!['sqlite', 'postgres', 'postgresql'].includes(db))
    throw new Error(`--db expects sqlite or postgres, got ${db}`);
  return {
    postgres: db !== 'sqlite',
    quick,
    members: number('--members'),
    reviewsPerMember: number('--reviews-per-member') ?? (quick ? 100 : 1000),
    keep: argv.includes('--keep'),
    tickMs: number('--tick-ms') ?? 60_000,
  };
}

const FULL: Iterations = {
  answers: 2000,
  answerWarmup: 200,
  progress: 500,
  leaderboard: 200,
  selection: 200,
  bank: 20,
  claimRounds: 3,
};
const QUICK: Iterations = {
  answers: 300,
  answerWarmup: 50,
  progress: 100,
  leaderboard: 30,
  selection: 50,
  bank: 3,
  claimRounds: 1,
};

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const log = (line: string) => console.log(line);
  const scales = options.quick
    ? [options.members ?? 2000]
    : options.members !== undefined
      ? [options.members]
      : [1000, 10_000];
  const iterations = options.quick ? QUICK : FULL;
  mkdirSync(OUT_DIR, { recursive: true });
  const info = machine();
  const loadAtStart = os.loadavg()[0] ?? 0;
  log(
    `Benchmark (${options.quick ? 'quick' : 'full'}): ${scales.map(fmtInt).join(' and ')} members; now = ${new Date(NOW).toISOString()}`,
  );
  log(
    Object.entries(info)
      .map(([k, v]) => `${k}: ${v}`)
      .join(' · '),
  );

  const server = options.postgres ? await benchServer() : null;
  if (server !== null) {
    info.PostgreSQL = server.description;
    info.Prisma += `, adapter-pg ${machinePackageVersion('@prisma/adapter-pg')}, pg ${machinePackageVersion('pg')}`;
    log(`PostgreSQL: ${server.description}`);
  }
  const runs: ScaleRun[] = [];
  try {
    for (const [index, members] of scales.entries()) {
      runs.push(
        await runScale({ options, iterations, members, last: index === scales.length - 1, server, log }),
      );
    }
  } finally {
    server?.stop();
  }

  // Other work on the machine (other processes' CPU) shows in the tails: said beside the figures.
  info['Load average (1 min) at start / end'] = `${loadAtStart.toFixed(2)} / ${os.loadavg()[0]?.toFixed(2)}`;
  const all = rows(runs, options.quick);
  const elapsed = (Date.now() - started) / 1000;
  console.log(`\n${table(all)}\n`);
  console.log(`Finished in ${elapsed.toFixed(1)} s.`);

  const date = new Date().toISOString().replace('T', ' ').slice(0, 16);
  const command = `npm run bench${process.argv.slice(2).length > 0 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const md = [
    '# Benchmark results',
    '',
    `Run on ${date} UTC with \`${command}\` (${elapsed.toFixed(0)} s). Generated by bench/run.ts; see the README for how to run it.`,
    '',
    '## Machine',
    '',
    ...Object.entries(info).map(([k, v]) => `- ${k}: ${v}`),
    '',
    '## Results',
    '',
    table(all),
    '',
    findings(runs),
    '',
    METHOD,
    ...(options.postgres ? [METHOD_POSTGRES] : []),
    '',
    '## Details',
    '',
    details(runs),
  ].join('\n');
  const target =
    options.quick || options.members !== undefined
      ? path.join(OUT_DIR, `results-${options.quick ? 'quick' : `${options.members}`}.md`)
      : path.join(ROOT, 'bench/results.md');
  writeFileSync(target, `${md}\n`);
  console.log(`Written to ${path.relative(ROOT, target)}`);
}

type ScaleOptions = {
  options: Options;
  iterations: Iterations;
  members: number;
  last: boolean;
  server: BenchServer | null;
  log: (line: string) => void;
};

/** One scale: generate (and copy to PostgreSQL), measure each provider, then the processes at the last scale. */
async function runScale({
  options,
  iterations,
  members,
  last,
  server,
  log,
}: ScaleOptions): Promise<ScaleRun> {
  const file = path.join(OUT_DIR, `bench-${members}${options.quick ? '-quick' : ''}.db`);
  log(`\n== ${fmtInt(members)} members: generating ${file}`);
  const gen = await generateDatabase({ file, members, reviewsPerMember: options.reviewsPerMember, log });
  log(
    `  ${fmtInt(gen.rows)} rows (${fmtInt(gen.reviews)} review logs) in ${(gen.insertMs / 1000).toFixed(1)} s: ${fmtInt(gen.rowsPerSecond)} rows/s`,
  );
  const tables = tableSizes(file);
  const pgName = `bench_${members}`;
  const pgUrl = server === null ? null : await freshDatabase(server, pgName);
  let copy = { ms: 0, rows: 0 };
  if (pgUrl !== null) {
    log(`  copying into PostgreSQL (npm run db:copy)`);
    const copied = await copyDatabase(`file:${file}`, pgUrl);
    copy = { ms: copied.ms, rows: copied.rows };
    await analyze(pgUrl, (server as BenchServer).adminUrl);
    log(`  ${fmtInt(copied.rows)} rows in ${(copied.ms / 1000).toFixed(1)} s`);
  }
  const sqlite: DatabaseTarget = { provider: 'sqlite', path: file };
  const pool = new MemberPool(members);
  log('  -- SQLite');
  const measures = await measureScale({ target: sqlite, members, iterations, pool, log });
  const pgPool = new MemberPool(members);
  let pgMeasures: ScaleMeasures | null = null;
  if (pgUrl !== null) {
    log('  -- PostgreSQL');
    const target: DatabaseTarget = { provider: 'postgresql', url: pgUrl, poolSize: 10 };
    pgMeasures = await measureScale({ target, members, iterations, pool: pgPool, log });
  }
  const processes = last ? await measureProcesses(options, `file:${file}`, members, pool, log) : null;
  const pgProcesses =
    last && pgUrl !== null && server !== null
      ? await measureProcesses(options, pgUrl, members, pgPool, log, (i) => freshMigrated(server, i))
      : null;
  let pg: PostgresRun | null = null;
  if (pgUrl !== null && pgMeasures !== null) {
    const sizes = await postgresSizes(pgUrl);
    pg = {
      copyMs: copy.ms,
      copyRows: copy.rows,
      ...sizes,
      measures: pgMeasures,
      ...(pgProcesses ?? { cold: null, bots: [], pair: null }),
    };
  }
  if (!options.keep) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    if (server !== null) {
      await dropDatabase(server, pgName);
      for (let i = 0; i < 5; i++) await dropDatabase(server, `bench_first_start_${i}`);
    }
  }
  return {
    label: `${fmtInt(members)} members`,
    gen,
    tables,
    measures,
    ...(processes ?? { cold: null, bots: [], pair: null }),
    pg,
  };
}

async function freshMigrated(server: BenchServer, i: number): Promise<string> {
  const url = await freshDatabase(server, `bench_first_start_${i}`);
  await applyMigrationsAt(url);
  return url;
}

/** Fresh processes: bank load + sync at start, and the bot as npm start runs it (repeated: RSS varies). */
async function measureProcesses(
  options: Options,
  url: string,
  members: number,
  pool: MemberPool,
  log: (line: string) => void,
  freshUrl?: (i: number) => Promise<string>,
): Promise<{ cold: ColdStart; bots: BotRun[]; pair: BotRun }> {
  log(`  bank load + sync in fresh processes (${url.startsWith('file:') ? 'SQLite' : 'PostgreSQL'})`);
  const cold = await measureColdStart(url, options.quick ? 1 : 5, freshUrl);
  const launch = await botLaunch();
  const repeats = options.quick ? 1 : 3;
  const bots: BotRun[] = [];
  for (let k = 0; k < repeats; k++) {
    log(`  bot process ${k + 1}/${repeats} as npm start runs it (${launch.description})`);
    if (k > 0) await resetReminders(url, members);
    bots.push(
      await runBotProcess({
        databaseUrl: url,
        members,
        interactiveMembers: Array.from({ length: options.quick ? 10 : 100 }, () => pool.take()),
        answersPerMember: 3,
        tickMs: options.tickMs,
        launch,
        log,
      }),
    );
  }
  log('  two bot processes on the one database: the DM round (one sends, holding the lease)');
  await resetReminders(url, members);
  const pair = await runBotProcess({
    databaseUrl: url,
    members,
    interactiveMembers: [],
    answersPerMember: 0,
    tickMs: options.tickMs,
    launch,
    log,
    processes: 2,
  });
  return { cold, bots, pair };
}

const METHOD = `## Method

- Data: bench/generate.ts builds each database with the real schema (\`applyMigrations\`), the real bank
  (\`loadBank('questions')\` + \`Store.syncQuestions\`), then raw prepared inserts in one transaction: members
  (5 timezones; every 10th member in the 09:00 UTC reminder crowd), groups of 1,000 (the first is the "bench"
  guild), cards and review logs following SM-2 (\`review()\`, \`dueInstant\`/\`studyDay\`; up to 10 new cards a
  day in curriculum order, at most 80 reviews a day, 20 % of members idle for up to 60 days), daily stats
  (reviews, correct, \`reviewPoints\` + streak bonus, new cards, cleared), one finished session per study day.
  DateTimes are epoch-ms integers, as the app's adapter writes them.
- Clock: fixed at Thursday 2025-06-05 09:00:30 UTC, just after the history (each member's history ends on their
  previous study day); answers advance it by 1-8 s of "thinking".
- App: the core use cases (\`src/core/*.ts\`) with a CoreContext wired as in src/app.ts (Prisma 7 over the
  better-sqlite3 adapter). Raw: bench/raw.ts, the same operations as hand-written prepared better-sqlite3
  statements on a second connection to the same file (WAL, synchronous=NORMAL, as the app). The runner checks
  both give the same leaderboard, progress and reminder selection before timing them.
- Sessions: each fresh member (not used before, with cards due) starts a session and answers every question
  (80 % right); app and raw sessions alternate. Warm-up samples are discarded.
- Bot: bench/bot-child.ts runs createApp + startBot in a separate process, started the way \`npm start\` starts
  the bot (an esbuild bundle on plain node with the start script's node flags, or tsx if the script uses it),
  against the Discord double (test/support/discord-double.ts) running in the runner; members use /quiz, answer buttons, /stats and
  /leaderboard through the gateway, then reminder rounds are started as cron would (one per minute).
  Requests/s are counted from the double's recorded calls in fixed 1-second windows (as a global limiter
  counts them; the busiest sliding second is in the details); the double itself does not rate-limit,
  the bot's DM sender paces itself to 45 requests/s (src/scheduler/limit.ts). A last run starts two bot
  processes on the same database for the DM round. Peak RSS is that process's VmHWM (/proc/self/status; finding 8 says why not
  \`process.resourceUsage().maxRSS\`).
- p50/p99 are nearest-rank percentiles in milliseconds; "App/raw" divides the app's figure by raw SQL's.`;

const METHOD_POSTGRES = `- PostgreSQL (\`--db postgres\`): each generated SQLite database is copied into a fresh PostgreSQL
  database with \`npm run db:copy\` (then VACUUM ANALYZE and a checkpoint), and every measure runs again there
  through the same use cases (Prisma 7 over @prisma/adapter-pg, a pool of 10, writes as SERIALIZABLE transactions),
  with fresh members of the copy; there is no raw-SQL floor for PostgreSQL, so "PostgreSQL/SQLite" divides its
  figures by the SQLite app's. The server runs on the same machine as the benchmark (its description is under
  Machine); the bot process and the cold starts get DATABASE_URL=postgresql://…`;

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
