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
  bot: BotRun | null;
};

export type Row = {
  scale: string;
  what: string;
  app: string;
  raw: string;
  ratio: string;
  target: string;
  result: 'PASS' | 'MISS' | '';
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
  const version = (pkg: string) => {
    try {
      return (
        JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    } catch {
      return '?';
    }
  };
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

export function rows(runs: ScaleRun[], quick: boolean): Row[] {
  const out: Row[] = [];
  const largest = runs.reduce<ScaleRun | undefined>(
    (a, b) => (a === undefined || b.gen.members > a.gen.members ? b : a),
    undefined,
  );
  for (const run of runs) {
    const m = run.measures;
    const scale = run.label;
    const isLargest = run === largest;
    const big = run.gen.members >= 10_000;
    // Targets named "at 10,000 members" are judged on the 10k run (or on the only run in quick mode).
    const judge10k = big || (quick && isLargest);
    const add = (row: Omit<Row, 'scale'>) => out.push({ scale, ...row });
    add({
      what: 'answer a question + get the next one (answerQuestion)',
      app: pp(m.answer.app),
      raw: pp(m.answer.raw),
      ratio: ratio(m.answer),
      target: judge10k ? 'p99 < 10 ms and p50 within 10x of raw' : '(judged at 10k members)',
      result: judge10k
        ? verdict(
            m.answer.app.p99 < TARGETS.answerP99 &&
              m.answer.app.p50 / m.answer.raw.p50 <= TARGETS.answerRatio,
          )
        : '',
    });
    add({
      what: 'start a session (startSession)',
      app: pp(m.start.app),
      raw: pp(m.start.raw),
      ratio: ratio(m.start),
      target: '',
      result: '',
    });
    add({
      what: "a member's progress (getProgress)",
      app: pp(m.progress.app),
      raw: pp(m.progress.raw),
      ratio: ratio(m.progress),
      target: '',
      result: '',
    });
    add({
      what: `weekly leaderboard, 1,000-member group (${fmtInt(m.leaderboard.entries)} ranked)`,
      app: pp(m.leaderboard.app),
      raw: pp(m.leaderboard.raw),
      ratio: ratio(m.leaderboard),
      target: 'p99 < 20 ms',
      result: verdict(m.leaderboard.app.p99 < TARGETS.leaderboard),
    });
    add({
      what: `reminder selection among ${fmtInt(run.gen.members)} (membersWithReminderDue, ${m.selection.selected} due)`,
      app: pp(m.selection.app),
      raw: pp(m.selection.raw),
      ratio: ratio(m.selection),
      target: judge10k ? 'p99 < 200 ms' : '(judged at 10k members)',
      result: judge10k ? verdict(m.selection.app.p99 < TARGETS.selection) : '',
    });
    add({
      what: `reminder claim round: select + claim + session (claimDueReminders, ${m.claim.claimed} members)`,
      app: pp(m.claim.app),
      raw: pp(m.claim.raw),
      ratio: ratio(m.claim),
      target: '',
      result: '',
    });
    add({
      what: 'bank load + sync, warm process (loadBank + syncQuestions)',
      app: pp(m.bankWarm.app),
      raw: pp(m.bankWarm.raw),
      ratio: ratio(m.bankWarm),
      target: '',
      result: '',
    });
    const cold = run.cold;
    if (cold !== null) {
      add({
        what: 'bank load + sync at start, fresh process, bank already synced (loadBank + syncQuestions)',
        app: pp(cold.restart.app),
        raw: pp(cold.restart.raw),
        ratio: ratio(cold.restart),
        target: '< 500 ms',
        result: verdict(cold.restart.app.p99 < TARGETS.bank),
      });
      add({
        what: `bank load + sync at first start, fresh process (${fmtInt(514)} questions inserted)`,
        app: pp(cold.first.app),
        raw: pp(cold.first.raw),
        ratio: ratio(cold.first),
        target: '< 500 ms',
        result: verdict(cold.first.app.p99 < TARGETS.bank),
      });
    }
    add({
      what: `generate: ${fmtInt(run.gen.rows)} rows (${fmtInt(run.gen.reviews)} review logs)`,
      app: '',
      raw: `${fmtMs(run.gen.insertMs)}, ${fmtInt(run.gen.rowsPerSecond)} rows/s`,
      ratio: '',
      target: '',
      result: '',
    });
    const logBytes = run.tables
      .filter((t) => t.name.startsWith('ReviewLog'))
      .reduce((s, t) => s + t.bytes, 0);
    add({
      what: 'database size per 1M reviews (whole file; ReviewLog + its indexes)',
      app: `${fmtBytes((run.gen.bytes / run.gen.reviews) * 1e6)} (${fmtBytes((logBytes / run.gen.reviews) * 1e6)})`,
      raw: '',
      ratio: '',
      target: '',
      result: '',
    });
    const bot = run.bot;
    if (bot !== null) {
      const f = bot.fanout;
      add({
        what: 'bot process start: createApp (migrations check, bank, open, sync) / Discord login',
        app: `${fmtMs(bot.createAppMs)} / ${fmtMs(bot.startBotMs)}`,
        raw: '',
        ratio: '',
        target: '',
        result: '',
      });
      add({
        what: `reminder fan-out: ${fmtInt(f.sent)} of ${fmtInt(f.expected)} DMs by the bot, ${f.rounds.length} round(s) ${f.tickMs / 1000} s apart`,
        app: `${fmtMs(f.durationMs)}; ${(f.requests / Math.max(1, f.sent)).toFixed(2)} req/DM; max ${f.maxPerSecond} req/s`,
        raw: '',
        ratio: '',
        target: f.expected >= 1000 ? '1,000 DMs in <= 25 s at <= 50 req/s' : '(judged with 1,000 DMs)',
        result:
          f.expected >= 1000
            ? verdict(f.sent >= 1000 && f.durationMs <= TARGETS.fanout && f.maxPerSecond <= 50)
            : '',
      });
      add({
        what: `peak RSS of the bot process (${fmtInt(run.gen.members)} members)`,
        app: `${fmtBytes(bot.maxRssBytes)} (after start: ${fmtBytes(bot.rssAtReadyBytes)})`,
        raw: '',
        ratio: '',
        target: judge10k ? '< 250 MB' : '(judged at 10k members)',
        result: judge10k ? verdict(bot.maxRssBytes < TARGETS.rss) : '',
      });
    }
  }
  return out;
}

export function table(all: Row[]): string {
  const head = [
    'Scale',
    'Measure',
    'App (Prisma) p50 / p99',
    'Raw SQL p50 / p99',
    'App/raw p50 / p99',
    'Target',
    'Result',
  ];
  const lines = [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...all.map((r) => `| ${[r.scale, r.what, r.app, r.raw, r.ratio, r.target, r.result].join(' | ')} |`),
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
    if (run.bot !== null) {
      const b = run.bot;
      parts.push(
        `Bot process, end to end through the Discord double (dispatch to response, discord.js pacing included): ` +
          Object.entries(b.interactions)
            .map(([k, s]) => `${k} ${pp(s)} (n=${s.n})`)
            .join(', ') +
          '.',
      );
      const f = b.fanout;
      parts.push(
        `Fan-out rounds: ${f.rounds
          .map(
            (r, i) =>
              `#${i + 1} claimed ${r.claimed}, sent ${r.sent}, failed ${r.failed + r.retry}, ${fmtMs(r.endedAt - r.startedAt)}`,
          )
          .join(
            '; ',
          )}. Requests ${fmtInt(f.requests)} (DM channel opens ${f.dmOpens}), statuses ${JSON.stringify(f.statuses)}, ` +
          `max ${f.maxPerSecond} requests in any 1 s window; discord.js "rate limit" waits logged: ${b.rateLimitWarnings}.`,
      );
    }
    parts.push('');
  }
  return parts.join('\n\n');
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
