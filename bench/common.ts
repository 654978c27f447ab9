import path from 'node:path';
import { random32 } from '../src/domain/option-order.ts';

/** Shared constants and small helpers of the benchmark (bench/run.ts is the entry point). */

export const ROOT = path.resolve(import.meta.dirname, '..');
export const OUT_DIR = path.join(ROOT, 'bench/out');
export const QUESTIONS_DIR = path.join(ROOT, 'questions');

/**
 * The benchmark's fixed "now": Thursday 5 June 2025, 09:00:30 UTC. The generated history ends
 * on each member's previous study day, so the week's leaderboard has Monday to Wednesday, and
 * the 09:00 UTC reminder crowd is due.
 */
export const NOW = Date.UTC(2025, 5, 5, 9, 0, 30);

/** Members are grouped 1,000 per Discord server; the first one is the "bench" guild. */
export const GROUP_SIZE = 1_000;
export const BENCH_GUILD_ID = '1300000000000000000';
export function groupId(index: number): string {
  return (1_300_000_000_000_000_000n + BigInt(index)).toString();
}
export function groupName(index: number): string {
  return index === 0 ? 'bench' : `bench-${index + 1}`;
}

/** Discord-like user ids (19-digit snowflakes) so the Discord double accepts them. */
export function memberId(index: number): string {
  return (1_310_000_000_000_000_000n + BigInt(index)).toString();
}
export function dmChannelFor(index: number): string {
  return (1_320_000_000_000_000_000n + BigInt(index)).toString();
}

/** Every 10th member is in the 09:00 UTC crowd: due for a reminder at NOW. */
export function isReminderCrowd(index: number): boolean {
  return index % 10 === 0;
}

export const BOT_TOKEN = 'bench-bot-token-0123456789.abcdefgh.ijklmnop';

/** A settable clock for the core context. */
export class BenchClock {
  constructor(public now: number) {}
  readonly read = (): number => this.now;
}

/** A small, fast, reproducible generator (the one that shuffles options: mulberry32). */
export const rng = random32;

export function fmtInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fmtMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtBytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return mb >= 1024 ? `${(mb / 1024).toFixed(2)} GB` : `${mb.toFixed(1)} MB`;
}
