import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BotRun } from './bot.ts';
import type { ColdStart } from './cold-start.ts';
import { fmtBytes, fmtInt, fmtMs, ROOT } from './common.ts';
import type { GenerateResult } from './generate.ts';
import type { Summary } from './measure.ts';
import type { Pair, ScaleMeasures } from './scale.ts';

/** Turns the measurements into the one table (PASS/MISS against the issue's targets) and results.md. */

export type ScaleRun = {
  label: string;
  gen: GenerateResult;
  tables: { name: string; bytes: number }[];
  measures: ScaleMeasures;
  cold: ColdStart | null;
  /** Repeated runs of the bot scenario (peak RSS varies by 10-20% between runs). */
  bots: BotRun[];
  /** The DM round with two bot processes on the one database. */
  pair: BotRun | null;
  /** The same measures on PostgreSQL (`--db postgres`), on a db:copy of the generated database. */
  pg: PostgresRun | null;
};

export type PostgresRun = {
  copyMs: number;
  copyRows: number;
  bytes: number;
  tables: { name: string; bytes: number }[];
  measures: ScaleMeasures;
  cold: ColdStart | null;
  bots: BotRun[];
  pair: BotRun | null;
};

export type Row = {
  scale: string;
  what: string;
  app: string;
  raw: string;
  ratio: string;
  /** The app on PostgreSQL, and its figures divided by the app's on SQLite. */
  pg: string;
  pgRatio: string;
  target: string;
  result: 'PASS' | 'MISS' | '';
  pgResult: 'PASS' | 'MISS' | '';
};

const TARGETS = {
  answerP99: 10,
  answerRatio: 10,
  leaderboard: 20,
  selection: 200,
  fanout: 25_000,
  bank: 500,
  rss: 250 * 1024 * 1024,
};

const pp = (s: Summary) => `${fmtMs(s.p50)} / ${fmtMs(s.p99)}`;
const ratio = (p: Pair) => `${(p.app.p50 / p.raw.p50).toFixed(1)}x / ${(p.app.p99 / p.raw.p99).toFixed(1)}x`;
const verdict = (ok: boolean): Row['result'] => (ok ? 'PASS' : 'MISS');

/** The installed version of a package, or ?. */
export function machinePackageVersion(pkg: string): string {
  try {
    return (
      JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as {
        version: string;
      }
    ).version;
  } catch {
    return '?';
  }
}

export function machine(): Record<string, string> {
  let cpu = 'unknown';
  try {
    cpu =
      readFileSync('/proc/cpuinfo', 'utf8')
        .split('\n')
        .find((l) => l.startsWith('model name'))
        ?.split(':')[1]
        ?.trim() ?? cpu;
  } catch {
    // not Linux
  }
  const db = new Database(':memory:');
  const sqlite = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  db.close();
  const version = machinePackageVersion;
  return {
    CPUs: `${os.availableParallelism()} (nproc)`,
    'CPU model': cpu,
    Memory: `${(os.totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    Node: process.version,
    OS: `${os.type()} ${os.release()}`,
    SQLite: sqlite,
    Prisma: `@prisma/client ${version('@prisma/client')}, adapter-better-sqlite3 ${version('@prisma/adapter-better-sqlite3')}`,
    'better-sqlite3': version('better-sqlite3'),
    'discord.js': version('discord.js'),
  };
}

/** What the bot scenario shows, from repeated runs: start, fan-out, peak RSS. */
function botFigures(bots: BotRun[]) {
  const n = bots.length;
  const range = (xs: number[], fmt: (x: number) => string) =>
    n > 1 ? ` (${fmt(Math.min(...xs))} to ${fmt(Math.max(...xs))})` : '';
  const durations = bots.map((b) => b.fanout.durationMs);
  const f = medianBy(bots, (b) => b.fanout.durationMs).fanout;
  const maxWindow = Math.max(...bots.map((b) => b.fanout.maxPerFixedWindow));
  const sent = bots.reduce((a, b) => a + b.fanout.sent, 0);
  const requestsPerDm = bots.reduce((a, b) => a + b.fanout.requests, 0) / Math.max(1, sent);
  const sentAll = bots.every((b) => b.fanout.sent >= b.fanout.expected);
  const peaks = bots.map((b) => b.maxRssBytes);
  return {
    fanout: f,
    start: `${fmtMs(median(bots.map((b) => b.createAppMs)))} / ${fmtMs(median(bots.map((b) => b.startBotMs)))}`,
    fanoutText: `${fmtMs(f.durationMs)}${range(durations, fmtMs)}; ${requestsPerDm.toFixed(2)} req/DM; max ${maxWindow} req/s`,
    fanoutOk: sentAll && f.durationMs <= TARGETS.fanout && maxWindow <= 50 && f.sent >= 1000,
    peak: median(peaks),
    rssText: `${fmtBytes(median(peaks))}${range(peaks, fmtBytes)}; after start ${fmtBytes(median(bots.map((b) => b.rssAtReadyBytes)))}`,
  };
}

const pgRatio = (pg: Summary, app: Summary) =>
  `${(pg.p50 / app.p50).toFixed(1)}x / ${(pg.p99 / app.p99).toFixed(1)}x`;

export function rows(runs: ScaleRun[], quick: boolean): Row[] {
  const out: Row[] = [];
  const largest = runs.reduce<ScaleRun | undefined>(
    (a, b) => (a === undefined || b.gen.members > a.gen.members ? b : a),
    undefined,
  );
  for (const run of runs) {
    const m = run.measures;
    const p = run.pg?.measures ?? null;
    const scale = run.label;
    // Targets named "at 10,000 members" are judged on the 10k run (or on the only run in quick mode).
    const judge10k = run.gen.members >= 10_000 || (quick && run === largest);
    const blank = { raw: '', ratio: '', pg: '', pgRatio: '', target: '', result: '', pgResult: '' } as const;
    const add = (row: Partial<Omit<Row, 'scale'>> & { what: string; app: string }) =>
      out.push({ scale, ...blank, ...row });
    /** A measure of both providers; `ok` judges a summary against the target (null: no target). */
    const measure = (
      what: string,
      pick: (x: ScaleMeasures) => Pair,
      target = '',
      ok: ((s: Summary, raw: Summary | null) => boolean) | null = null,
    ) => {
      const pair = pick(m);
      const pg = p === null ? null : pick(p).app;
      add({
        what,
        app: pp(pair.app),
        raw: pp(pair.raw),
        ratio: ratio(pair),
        pg: pg === null ? '' : pp(pg),
        pgRatio: pg === null ? '' : pgRatio(pg, pair.app),
        target,
        result: ok === null ? '' : verdict(ok(pair.app, pair.raw)),
        pgResult: ok === null || pg === null ? '' : verdict(ok(pg, null)),
      });
    };
    // PostgreSQL has no raw-SQL floor here: its answer is judged on p99 alone.
    const answerOk = (s: Summary, raw: Summary | null) =>
      s.p99 < TARGETS.answerP99 && (raw === null || s.p50 / raw.p50 <= TARGETS.answerRatio);
    measure(
      'answer a question + get the next one (answerQuestion)',
      (x) => x.answer,
      judge10k ? 'p99 < 10 ms, p50 within 10x of raw (SQLite)' : '(judged at 10k members)',
      judge10k ? answerOk : null,
    );
    measure('start a session (startSession)', (x) => x.start);
    measure("a member's progress (getProgress)", (x) => x.progress);
    measure(
      `weekly leaderboard, 1,000-member group (${fmtInt(m.leaderboard.entries)} ranked)`,
      (x) => x.leaderboard,
      'p99 < 20 ms',
      (s) => s.p99 < TARGETS.leaderboard,
    );
    measure(
      `reminder selection among ${fmtInt(run.gen.members)} (membersWithReminderDue, ${m.selection.selected} returned)`,
      (x) => x.selection,
      judge10k ? 'p99 < 200 ms' : '(judged at 10k members)',
      judge10k ? (s) => s.p99 < TARGETS.selection : null,
    );
    measure(
      `reminder claim round: select + claim + session (claimDueReminders, ${fmtInt(m.claim.claimed)} members)`,
      (x) => x.claim,
    );
    measure('bank load + sync, warm process (loadBank + syncQuestions)', (x) => x.bankWarm);
    const cold = run.cold;
    const pgCold = run.pg?.cold ?? null;
    if (cold !== null) {
      const coldRow = (what: string, pick: (c: ColdStart) => Pair) => {
        const pair = pick(cold);
        const pg = pgCold === null ? null : pick(pgCold).app;
        add({
          what,
          app: pp(pair.app),
          raw: pp(pair.raw),
          ratio: ratio(pair),
          pg: pg === null ? '' : pp(pg),
          pgRatio: pg === null ? '' : pgRatio(pg, pair.app),
          target: 'p99 < 500 ms',
          result: verdict(pair.app.p99 < TARGETS.bank),
          pgResult: pg === null ? '' : verdict(pg.p99 < TARGETS.bank),
        });
      };
      coldRow(
        'bank load + sync at start, fresh process, bank already synced (loadBank + syncQuestions)',
        (c) => c.restart,
      );
      coldRow(
        `bank load + sync at first start, fresh process (${fmtInt(cold.questions)} questions inserted)`,
        (c) => c.first,
      );
    }
    const pgRun = run.pg;
    add({
      what: `generate: ${fmtInt(run.gen.rows)} rows (${fmtInt(run.gen.reviews)} review logs), one transaction${pgRun === null ? '' : '; PostgreSQL: npm run db:copy of that SQLite file'}`,
      app: '',
      raw: `${fmtMs(run.gen.insertMs)}, ${fmtInt(run.gen.rowsPerSecond)} rows/s`,
      pg:
        pgRun === null
          ? ''
          : `${fmtMs(pgRun.copyMs)}, ${fmtInt(pgRun.copyRows / (pgRun.copyMs / 1000))} rows/s`,
    });
    const perMillion = (bytes: number) => fmtBytes((bytes / run.gen.reviews) * 1e6);
    const logBytes = (tables: { name: string; bytes: number }[]) =>
      tables.filter((t) => /^ReviewLog/.test(t.name)).reduce((a, t) => a + t.bytes, 0);
    add({
      what: 'database size per 1M reviews: whole database (ReviewLog and its indexes)',
      app: `${perMillion(run.gen.bytes)} (${perMillion(logBytes(run.tables))})`,
      pg: pgRun === null ? '' : `${perMillion(pgRun.bytes)} (${perMillion(logBytes(pgRun.tables))})`,
    });
    if (run.bots.length > 0) {
      const b = botFigures(run.bots);
      const pb = pgRun === null || pgRun.bots.length === 0 ? null : botFigures(pgRun.bots);
      const of = run.bots.length > 1 ? `, median of ${run.bots.length} runs` : '';
      add({
        what: `bot process start: createApp (migrations check, bank, open, sync) / Discord login${of}`,
        app: b.start,
        pg: pb?.start ?? '',
      });
      const f = b.fanout;
      const judged = f.expected >= 1000;
      add({
        what: `reminder fan-out: ${fmtInt(f.expected)} DMs due, sent by the bot in ${f.rounds.length} round(s)${f.rounds.length > 1 ? ', one per minute as cron runs them' : ''}${of}`,
        app: b.fanoutText,
        pg: pb?.fanoutText ?? '',
        target: judged ? '1,000 DMs <= 25 s, <= 50 req/s' : '(judged with 1,000 DMs)',
        result: judged ? verdict(b.fanoutOk) : '',
        pgResult: judged && pb !== null ? verdict(pb.fanoutOk) : '',
      });
      if (run.pair !== null) {
        const two = botFigures([run.pair]);
        const pgTwo = pgRun?.pair == null ? null : botFigures([pgRun.pair]);
        const judgedTwo = run.pair.fanout.expected >= 1000;
        add({
          what: `reminder fan-out with two bot processes on the one database: ${fmtInt(run.pair.fanout.expected)} DMs due, sent by the process holding the DM sender lease`,
          app: two.fanoutText,
          pg: pgTwo?.fanoutText ?? '',
          target: judgedTwo ? '1,000 DMs <= 25 s, <= 50 req/s' : '(judged with 1,000 DMs)',
          result: judgedTwo ? verdict(two.fanoutOk) : '',
          pgResult: judgedTwo && pgTwo !== null ? verdict(pgTwo.fanoutOk) : '',
        });
      }
      add({
        what: `peak RSS of the bot process, ${fmtInt(run.gen.members)} members (${run.bots[0]?.launch ?? ''})${of}`,
        app: b.rssText,
        pg: pb?.rssText ?? '',
        target: judge10k ? '< 250 MB' : '(judged at 10k members)',
        result: judge10k ? verdict(b.peak < TARGETS.rss) : '',
        pgResult: judge10k && pb !== null ? verdict(pb.peak < TARGETS.rss) : '',
      });
    }
  }
  return out;
}

/** Which build of Prisma's query compiler the generated client loads: "fast" or "small". */
function prismaCompilerBuild(): string {
  try {
    const text = readFileSync(path.join(ROOT, 'src/data/generated/internal/class.ts'), 'utf8');
    return /query_compiler_small_bg/.test(text)
      ? 'small'
      : /query_compiler_fast_bg/.test(text)
        ? 'fast'
        : '?';
  } catch {
    return '?';
  }
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
}

/** The element whose key is the median (the lower one for an even count). */
function medianBy<T>(xs: T[], key: (x: T) => number): T {
  const sorted = [...xs].sort((a, b) => key(a) - key(b));
  const picked = sorted[Math.floor((sorted.length - 1) / 2)];
  if (picked === undefined) throw new Error('medianBy of nothing');
  return picked;
}

export function table(all: Row[]): string {
  const withPg = all.some((r) => r.pg !== '');
  const head = [
    'Scale',
    'Measure',
    `${withPg ? 'SQLite: app' : 'App'} (Prisma) p50 / p99`,
    'Raw SQL p50 / p99',
    'App/raw p50 / p99',
    ...(withPg ? ['PostgreSQL: app (Prisma) p50 / p99', 'PostgreSQL/SQLite p50 / p99'] : []),
    'Target',
    ...(withPg ? ['SQLite', 'PostgreSQL'] : ['Result']),
  ];
  const cells = (r: Row) => [
    r.scale,
    r.what,
    r.app,
    r.raw,
    r.ratio,
    ...(withPg ? [r.pg, r.pgRatio] : []),
    r.target,
    r.result,
    ...(withPg ? [r.pgResult] : []),
  ];
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...all.map((r) => `| ${cells(r).join(' | ')} |`),
  ];
  return lines.join('\n');
}

export function details(runs: ScaleRun[]): string {
  const parts: string[] = [];
  for (const run of runs) {
    const g = run.gen;
    parts.push(`### ${run.label}`);
    parts.push(
      `Generated: ${fmtInt(g.members)} members in ${g.groups} group(s) of 1,000, ${fmtInt(g.cards)} cards, ` +
        `${fmtInt(g.reviews)} review logs, ${fmtInt(g.dailyStats)} daily stats, ${fmtInt(g.sessions)} finished sessions; ` +
        `${fmtInt(g.reminderDue)} members due for a reminder at the benchmark's "now". ` +
        `Insert ${fmtMs(g.insertMs)} (${fmtInt(g.rowsPerSecond)} rows/s, one transaction), total with migrations and bank sync ${fmtMs(g.totalMs)}; ` +
        `file ${fmtBytes(g.bytes)}.`,
    );
    const big = run.tables.slice(0, 8).map((t) => `${t.name} ${fmtBytes(t.bytes)}`);
    parts.push(`Largest tables and indexes: ${big.join(', ')}.`);
    const m = run.measures;
    parts.push(
      `Samples: answer ${m.answer.app.n}/${m.answer.raw.n}, start ${m.start.app.n}/${m.start.raw.n}, progress ${m.progress.app.n}, leaderboard ${m.leaderboard.app.n}, selection ${m.selection.app.n}, claim rounds ${m.claim.app.n}, bank ${m.bankWarm.app.n} (app/raw). ` +
        `Means: answer ${fmtMs(m.answer.app.mean)} vs ${fmtMs(m.answer.raw.mean)}, max ${fmtMs(m.answer.app.max)} vs ${fmtMs(m.answer.raw.max)}. ` +
        `loadBank alone (warm): ${pp(m.bankLoadOnly)}.`,
    );
    parts.push('Query plans (EXPLAIN QUERY PLAN):');
    for (const [name, plan] of Object.entries(m.plans)) parts.push(`- ${name}: ${plan.join('; ')}`);
    if (run.cold !== null) {
      const c = run.cold.restart;
      parts.push(
        `Fresh-process start (n=${c.app.n} each): loadBank ${pp(c.appLoad)} of the app's load + sync; ` +
          `opening the database (not in the figure): Prisma openDatabase ${pp(c.appOpen)}, better-sqlite3 ${pp(c.rawOpen)}.`,
      );
    }
    parts.push(...botDetails(run.bots));
    if (run.pg !== null) parts.push(...postgresDetails(run.pg));
    parts.push('');
  }
  return parts.join('\n\n');
}

/** The bot scenario's paragraphs: interactions end to end, RSS, and each fan-out. */
function botDetails(bots: BotRun[]): string[] {
  const parts: string[] = [];
  const b = bots.length === 0 ? null : medianBy(bots, (x) => x.maxRssBytes);
  if (b !== null) {
    parts.push(
      `Bot process (${b.launch}), ${bots.length} run(s), each with its own members. ` +
        'End to end through the Discord double (dispatch to final response, discord.js pacing included), ' +
        'in the median run: ' +
        Object.entries(b.interactions)
          .map(([k, x]) => `${k} ${pp(x)} (n=${x.n})`)
          .join(', ') +
        '. Peak RSS (VmHWM) after start / after the interactions / after the fan-out, per run: ' +
        bots
          .map(
            (x) =>
              `${fmtBytes(x.rssAtReadyBytes)} / ${fmtBytes(x.peakAfterInteractionsBytes)} / ${fmtBytes(x.peakAfterFanoutBytes)}`,
          )
          .join('; ') +
        '.',
    );
    for (const [k, x] of bots.entries()) {
      const f = x.fanout;
      parts.push(
        `Fan-out, run ${k + 1}: ${f.rounds
          .map(
            (r, i) =>
              `round ${i + 1} claimed ${fmtInt(r.claimed)}, sent ${fmtInt(r.sent)}, not sent ${r.failed + r.retry + r.dmsClosed}, took ${fmtMs(r.endedAt - r.startedAt)}`,
          )
          .join('; ')}${f.rounds.length > 1 ? `; rounds started ${f.tickMs / 1000} s apart` : ''}. ` +
          `Requests ${fmtInt(f.requests)} (DM channel opens ${f.dmOpens}), statuses ${JSON.stringify(f.statuses)}, ` +
          `at most ${f.maxPerFixedWindow} requests per 1 s window (fixed windows as a global limiter counts them; ` +
          `${f.maxPerSecond} in the busiest sliding second), ${(f.requests / Math.max(0.001, f.durationMs / 1000)).toFixed(1)} ` +
          `requests/s on average; discord.js global-limit waits logged: ${x.rateLimitWarnings}.`,
      );
    }
  }
  return parts;
}

/** The PostgreSQL run of a scale: the copy, sizes, write retries, plans, start and the bot. */
function postgresDetails(pg: PostgresRun): string[] {
  const m = pg.measures;
  const big = pg.tables.slice(0, 8).map((t) => `${t.name} ${fmtBytes(t.bytes)}`);
  const parts = [
    '#### On PostgreSQL',
    `Copied by \`npm run db:copy\` from the generated SQLite file: ${fmtInt(pg.copyRows)} rows in ${fmtMs(pg.copyMs)} ` +
      `(${fmtInt(pg.copyRows / (pg.copyMs / 1000))} rows/s, one transaction), then VACUUM ANALYZE and a checkpoint; ` +
      `database ${fmtBytes(pg.bytes)}. Largest tables and indexes: ${big.join(', ')}.`,
    `Samples: answer ${m.answer.app.n}, start ${m.start.app.n}, progress ${m.progress.app.n}, leaderboard ${m.leaderboard.app.n}. ` +
      `Means: answer ${fmtMs(m.answer.app.mean)}, max ${fmtMs(m.answer.app.max)}. ` +
      `Writes ${fmtInt(m.writes.writes)}, retried after a serialization conflict ${fmtInt(m.writes.retries)}, failed ${m.writes.failed}.`,
    'Query plans (EXPLAIN):',
    ...Object.entries(m.plans).map(([name, plan]) => `- ${name}: ${plan.join('; ')}`),
  ];
  if (pg.cold !== null) {
    const c = pg.cold.restart;
    parts.push(
      `Fresh-process start (n=${c.app.n}): loadBank ${pp(c.appLoad)} of the app's load + sync; opening the database (pool, first connection; not in the figure) ${pp(c.appOpen)}.`,
    );
  }
  parts.push(...botDetails(pg.bots));
  return parts;
}

export function tableSizes(file: string): { name: string; bytes: number }[] {
  const db = new Database(file, { readonly: true });
  try {
    return db
      .prepare('SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC')
      .all() as {
      name: string;
      bytes: number;
    }[];
  } finally {
    db.close();
  }
}

/**
 * What the run shows, target by target: for each miss its cause (measured here or in the
 * details) and the proposed change, with the prototype's figure from the same run when there
 * is one.
 */
export function findings(runs: ScaleRun[]): string {
  const big = runs.reduce<ScaleRun | undefined>(
    (a, b) => (a === undefined || b.gen.members > a.gen.members ? b : a),
    undefined,
  );
  if (big === undefined) return '';
  const m = big.measures;
  const out: string[] = ['## Findings', ''];
  const at = `at ${fmtInt(big.gen.members)} members`;

  const a = m.answer;
  const ratioNow = a.app.p50 / a.raw.p50;
  const answerOk = a.app.p99 < TARGETS.answerP99 && ratioNow <= TARGETS.answerRatio;
  out.push(
    `1. **Answer + next question ${answerOk ? 'meets' : 'misses'} its target ${at}**: p99 ${fmtMs(a.app.p99)} ` +
      `(target 10 ms), p50 ${fmtMs(a.app.p50)} = ${ratioNow.toFixed(1)}x raw SQL's ${fmtMs(a.raw.p50)} (target 10x). ` +
      'Every statement is an index lookup (plans in the details); what separates the app from raw SQL is ' +
      "Prisma's cost per statement: on this machine a model query (`findUnique`) costs about 180 us, constant " +
      'SQL through `$queryRawUnsafe` about 50 us, a prepared better-sqlite3 statement about 25 us, and an ' +
      'interactive transaction about 75 us. The tail is shared with raw SQL (WAL checkpoints, GC pauses).',
  );

  const l = m.leaderboard;
  out.push(
    `2. **Weekly leaderboard** ${pp(l.app)} (target p99 20 ms) reads the per-day aggregates (DailyStat) for ` +
      `the group's members in one query, never the review log, so it does not grow with history (a GROUP BY ` +
      'over 1M logs takes 0.6-0.9 s).',
  );

  out.push(
    `3. **Reminder selection** ${pp(m.selection.app)} among ${fmtInt(big.gen.members)} members is one range ` +
      'scan of `Member_nextReminderAt_idx`. The whole claim (delivery row, next reminder, the session the DM ' +
      `opens) takes ${fmtMs(m.claim.app.p50)} for ${fmtInt(m.claim.claimed)} members, ` +
      `${fmtMs(m.claim.app.p50 / Math.max(1, m.claim.claimed))} a member.`,
  );

  const bot = big.bots.length === 0 ? null : medianBy(big.bots, (x) => x.maxRssBytes);
  if (bot !== null) {
    const f = medianBy(big.bots, (x) => x.fanout.durationMs).fanout;
    const peaks = big.bots.map((x) => x.maxRssBytes);
    const spread =
      big.bots.length > 1
        ? `, median of ${big.bots.length} runs (${fmtBytes(Math.min(...peaks))} to ${fmtBytes(Math.max(...peaks))})`
        : '';
    out.push(
      `4. **Reminder fan-out**: ${fmtInt(f.sent)} DMs in ${fmtMs(f.durationMs)} over ${f.rounds.length} round(s) ` +
        '(target 25 s). The sender paces itself to 45 requests in any second (each request counted from when it ' +
        'is sent until a second after its response, so what Discord sees stays under its global 50/s), and a DM ' +
        'is one request when the DM channel id is stored, so 1,000 DMs need about 22 s; the next five ' +
        'reminders are claimed while five are sent, so claiming adds no time. With two bot processes on the ' +
        'database, one holds the DM sender lease and sends; the other finds it held.',
    );
    const rssOk = median(peaks) < TARGETS.rss;
    const compiler = prismaCompilerBuild();
    out.push(
      `5. **Peak RSS of the bot process**: ${fmtBytes(median(peaks))}${spread}, target 250 MB; ` +
        `${fmtBytes(median(big.bots.map((x) => x.rssAtReadyBytes)))} right after start, running as \`npm start\` ` +
        `runs it (${bot.launch}). ` +
        'The JavaScript heap holds 45-50 MB after a full GC; the rest is mostly fixed cost: Node itself ~40 MB, ' +
        `discord.js ~30 MB, Prisma's query compiler (WASM, "${compiler}" build: ` +
        `${compiler === 'small' ? '~15 MB' : '~25 MB'}), @napi-rs/canvas ~15 MB plus native memory while it ` +
        'renders /stats' +
        (bot.launch.includes('tsx') ? ', the tsx loader (a second V8 isolate) ~35-45 MB.' : '.') +
        (bot.launch.includes('--max-old-space-size')
          ? ''
          : " With default flags V8 sizes its heap from the machine's memory and lets garbage reach 150-180 MB " +
            'before collecting: `--max-old-space-size=128 --max-semi-space-size=2` keeps it near the live size.') +
        (compiler === 'fast'
          ? (rssOk ? ' The margin is small and varies between runs.' : '') +
            ' Proposed: `compilerBuild = "small"` in the Prisma generator (prisma/schema.prisma). Measured with ' +
            'the client regenerated that way, same scenario on a 10,000-member database, 4 runs each: peak ' +
            '187-189 MB against 228-245 MB with the "fast" build, and no measurable change in the latency of ' +
            'answer, start, progress, leaderboard or claim (quick runs side by side).'
          : ''),
    );
  }
  const cold = big.cold;
  if (cold !== null) {
    out.push(
      `6. **Bank load + sync at start** in a fresh process: ${pp(cold.restart.app)} on a restart, ` +
        `${pp(cold.first.app)} on the first start (${cold.questions} questions inserted; raw ${pp(cold.first.raw)}). ` +
        `Most of it is \`loadBank\` (${pp(cold.restart.appLoad)} cold: YAML parsing and validation).`,
    );
  }
  const logBytes = big.tables.filter((t) => t.name.startsWith('ReviewLog')).reduce((s, t) => s + t.bytes, 0);
  const qIdx = big.tables.find((t) => t.name === 'ReviewLog_questionId_idx')?.bytes ?? 0;
  out.push(
    `7. **Database size**: ${fmtBytes((big.gen.bytes / big.gen.reviews) * 1e6)} per 1M reviews, ` +
      `${Math.round((logBytes / big.gen.bytes) * 100)} % of it the review log and its three indexes. ` +
      `\`ReviewLog_questionId_idx\` (${fmtBytes((qIdx / big.gen.reviews) * 1e6)} per 1M reviews) serves no query ` +
      'of the app today (questions are retired, never deleted); dropping it would save that much and some ' +
      'insert time, unless per-question analysis is planned.',
  );
  out.push(
    "8. **Measuring RSS**: `process.resourceUsage().maxRSS` in a forked child reports the parent's peak " +
      '(Linux keeps the high-water mark across fork + exec; the runner peaks above 1 GB while generating), so ' +
      "the figures above are the bot process's own VmHWM from /proc/self/status.",
  );
  if (big.pg !== null) out.push(postgresFinding(big, big.pg));
  out.push('', HISTORY);
  return out.join('\n');
}

/** What the PostgreSQL run shows at the largest scale, against the same targets. */
function postgresFinding(run: ScaleRun, pg: PostgresRun): string {
  const a = pg.measures.answer.app;
  const l = pg.measures.leaderboard.app;
  const sqlite = run.measures.answer.app;
  const met = (ok: boolean) => (ok ? 'meets' : 'misses');
  return (
    `9. **PostgreSQL** (same data, copied by \`npm run db:copy\`; same use cases and SQL) at ${fmtInt(run.gen.members)} members: ` +
    `answer + next question ${pp(a)} (${met(a.p99 < TARGETS.answerP99)} p99 < 10 ms; ${(a.p50 / sqlite.p50).toFixed(1)}x SQLite's p50), ` +
    `weekly leaderboard ${pp(l)} (${met(l.p99 < TARGETS.leaderboard)} p99 < 20 ms). ` +
    'Every statement is a round trip to the server through Prisma and the pg adapter (about 0.25 ms here, against ' +
    '0.05 ms for SQLite in the process), and an answer makes about a dozen inside one SERIALIZABLE transaction ' +
    '(BEGIN and SET TRANSACTION, the session, member, card, review log, day totals and session again, COMMIT); ' +
    'statements are prepared once per connection. ' +
    `Writes retried after a serialization conflict: ${fmtInt(pg.measures.writes.retries)} of ${fmtInt(pg.measures.writes.writes)} ` +
    '(one member at a time here; races are in test/data/concurrent-writes.test.ts). ' +
    `The copy took ${fmtMs(pg.copyMs)} (${fmtInt(pg.copyRows / (pg.copyMs / 1000))} rows/s); the database is ` +
    `${fmtBytes((pg.bytes / run.gen.reviews) * 1e6)} per 1M reviews against SQLite's ${fmtBytes((run.gen.bytes / run.gen.reviews) * 1e6)}.`
  );
}

/** The changes made to src/ from this benchmark's findings, with the full runs before and after. */
const HISTORY = `## Changes made from these findings

Measured by full runs on this machine just before and just after each change (10,000 members).

| Change | Before | After |
|---|---|---|
| Reminders: \`claimDueReminders\` claims every due member in one round (batches of 500 until none left) | 1,000 DMs in 71.2 s (two rounds a minute apart) | 22.7 s (one round) |
| Leaderboard: streak fields from the totals query (no \`member.findMany\` of ~800 ids), study day once per timezone | 13.7 ms / 22.3 ms | 3.6 ms / 13.2 ms |
| Store: study hot path (session, card, review log, daily stats) as constant SQL through \`$queryRawUnsafe\` | answer 1.60 ms / 7.51 ms, 12.0x raw | 1.02 ms / 7.42 ms, 7.1x raw |
| Store: first-start bank inserts as multi-row INSERTs instead of \`createMany\` | first start 473 ms / 527 ms | 275 ms / 287 ms |
| \`npm start\`: \`node --max-old-space-size=128 --max-semi-space-size=2\` | peak RSS 418 MB | 278 MB |
| \`npm start\`: an esbuild bundle on plain node instead of TypeScript through tsx | peak RSS 276-283 MB | 239-242 MB (the bench's own bundle of the bot) |
| Prisma generator: \`compilerBuild = "small"\` (the query compiler's smaller WASM) | peak RSS 228-245 MB (4 runs) | 187-189 MB (4 runs); latencies unchanged |`;
