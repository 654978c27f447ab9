import path from 'node:path';
import { validate as validateCron } from 'node-cron';
import { z } from 'zod';
import type { DatabaseTarget } from './data/db.ts';
import { type ShardPlan, shardPlan } from './sharding/plan.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;

const cron = (fallback: string) =>
  z
    .string()
    .trim()
    .default(fallback)
    .refine((v) => validateCron(v), 'a cron expression such as "* * * * *" (minute hour day month weekday)');

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v === '' ? undefined : v));

const snowflake = optionalString.refine((v) => v === undefined || /^\d{17,20}$/.test(v), {
  message: 'a Discord server id (17-20 digits)',
});

const EnvSchema = z.object({
  DISCORD_TOKEN: optionalString.refine((v) => v === undefined || /^[\w.-]{20,}$/.test(v), {
    message: 'a bot token from the Discord developer portal (Bot > Reset Token)',
  }),
  DISCORD_API_URL: optionalString.refine(
    (v) => v === undefined || /^https?:\/\/[^\s]+\/api$/.test(v),
    'an http(s) URL ending in /api, e.g. http://127.0.0.1:3000/api',
  ),
  DISCORD_GUILD_ID: snowflake,
  DATABASE_URL: z
    .string()
    .trim()
    .default('file:./data/quizbot.db')
    .superRefine((v, ctx) => {
      const problem = databaseUrlProblem(v);
      if (problem !== null) ctx.addIssue({ code: 'custom', message: problem });
    }),
  DATABASE_POOL_SIZE: z.coerce
    .number({ message: 'a whole number of connections from 1 to 100' })
    .int('a whole number of connections from 1 to 100')
    .min(1, 'a whole number of connections from 1 to 100')
    .max(100, 'a whole number of connections from 1 to 100')
    .default(10),
  DATABASE_BUSY_TIMEOUT_MS: z.coerce
    .number({ message: 'a whole number of milliseconds from 0 to 600000' })
    .int('a whole number of milliseconds from 0 to 600000')
    .min(0, 'a whole number of milliseconds from 0 to 600000')
    .max(600_000, 'a whole number of milliseconds from 0 to 600000')
    .default(10_000),
  LOG_LEVEL: z.enum(LOG_LEVELS, { message: `one of ${LOG_LEVELS.join(', ')}` }).optional(),
  LOG_FORMAT: z.enum(LOG_FORMATS, { message: `one of ${LOG_FORMATS.join(', ')}` }).default('auto'),
  QUESTIONS_DIR: z.string().trim().min(1).default('questions'),
  REMINDER_CRON: cron('* * * * *'),
  LEADERBOARD_CRON: cron('0 9 * * 1'),
  SESSION_SIZE: z.coerce
    .number({ message: 'a whole number from 1 to 50' })
    .int('a whole number from 1 to 50')
    .min(1, 'a whole number from 1 to 50')
    .max(50, 'a whole number from 1 to 50')
    .default(10),
  DEFAULT_TIMEZONE: z
    .string()
    .trim()
    .default('UTC')
    .refine(isValidTimeZone, 'an IANA timezone name such as Europe/Berlin or Asia/Seoul'),
});

const SQLITE_SHAPE = 'a SQLite URL of the form file:./path/to/quizbot.db, without ?options';
const POSTGRES_SHAPE = 'postgresql://user:password@host:5432/database';

/** Query options the pg driver honours; any other would be silently ignored, so it is refused. */
const POSTGRES_OPTIONS = new Set([
  'sslmode',
  'ssl',
  'sslcert',
  'sslkey',
  'sslrootcert',
  'sslnegotiation',
  'uselibpqcompat',
  'application_name',
  'fallback_application_name',
  'options',
  'client_encoding',
  'statement_timeout',
  'lock_timeout',
  'idle_in_transaction_session_timeout',
  'query_timeout',
  'host',
  'port',
]);

/** What is wrong with a DATABASE_URL, or null when it names a SQLite file or a PostgreSQL server. */
function databaseUrlProblem(url: string): string | null {
  if (/^file:/.test(url)) return /^file:[^?#]+$/.test(url) ? null : SQLITE_SHAPE;
  if (!/^postgres(ql)?:\/\//i.test(url)) return `${SQLITE_SHAPE}, or a PostgreSQL URL ${POSTGRES_SHAPE}`;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `a PostgreSQL URL of the form ${POSTGRES_SHAPE}`;
  }
  if (parsed.hostname === '' && !parsed.searchParams.has('host'))
    return `a PostgreSQL URL with a server, of the form ${POSTGRES_SHAPE}`;
  const unknown = [...parsed.searchParams.keys()].filter((k) => !POSTGRES_OPTIONS.has(k));
  if (unknown.length > 0)
    return `a PostgreSQL URL without ?${unknown.join(', ')} (not options of the pg driver; the tables live in the database's public schema)`;
  return null;
}

/** The value as it may be shown: a URL's password blanked out. */
function shown(name: string, value: string): string {
  return name === 'DATABASE_URL' ? value.replace(/^([a-z]+:\/\/[^:@/\s]*):[^@\s]*@/i, '$1:***@') : value;
}

export type Config = {
  /** The terminal's language (LC_ALL, LC_MESSAGES or LANG), for the console's auto language. */
  terminalLanguage: string | undefined;
  /** The console's local member name (USER). */
  consoleUser: string;
  discordToken: string | undefined;
  discordApiUrl: string | undefined;
  discordGuildId: string | undefined;
  /** Absolute path of the SQLite file; empty on PostgreSQL. */
  databasePath: string;
  /** The database: the SQLite file, or the PostgreSQL server with its pool size (DATABASE_POOL_SIZE). */
  database: DatabaseTarget;
  /** How long a write (or the start) waits for another process's lock before it gives up. */
  databaseBusyTimeoutMs: number;
  /** Defaults to info for the bot, warn in the console (the chat is on the same screen). */
  logLevel: (typeof LOG_LEVELS)[number];
  /** json for the bot as a service, readable lines in the console (auto picks by mode). */
  logFormat: 'json' | 'pretty';
  questionsDir: string;
  reminderCron: string;
  leaderboardCron: string;
  sessionSize: number;
  defaultTimezone: string;
  /** One process, a sharding manager, or one shard a manager spawned (src/sharding/plan.ts). */
  sharding: ShardPlan;
};

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Parses the environment once; every problem is reported, each naming its variable. */
export function parseConfig(env: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
  const result = EnvSchema.safeParse(env);
  const sharding = shardPlan(env);
  const problems = [
    ...(result.success
      ? []
      : result.error.issues.map((issue) => {
          const name = String(issue.path[0] ?? 'environment');
          const got = env[name];
          const echo = name === 'DISCORD_TOKEN' || got === undefined ? '' : ` (got "${shown(name, got)}")`;
          return `${name}: expected ${issue.message}${echo}`;
        })),
    ...(Array.isArray(sharding) ? sharding : []),
    ...(!Array.isArray(sharding) && sharding.kind !== 'single' && !env.DISCORD_TOKEN?.trim()
      ? [
          `${env.SHARDS?.trim() ? 'SHARDS' : 'SHARD_COUNT'}: sharding runs the Discord bot, so DISCORD_TOKEN must be set too`,
        ]
      : []),
  ];
  if (problems.length > 0 || !result.success || Array.isArray(sharding)) throw new ConfigError(problems);
  const e = result.data;
  const database: DatabaseTarget = /^file:/.test(e.DATABASE_URL)
    ? { provider: 'sqlite', path: path.resolve(cwd, e.DATABASE_URL.slice('file:'.length)) }
    : { provider: 'postgresql', url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE };
  return {
    terminalLanguage: firstSet(env.LC_ALL, env.LC_MESSAGES, env.LANG),
    consoleUser: firstSet(env.USER, env.USERNAME) ?? 'me',
    discordToken: e.DISCORD_TOKEN,
    discordApiUrl: e.DISCORD_API_URL,
    discordGuildId: e.DISCORD_GUILD_ID,
    databasePath: database.provider === 'sqlite' ? database.path : '',
    database,
    databaseBusyTimeoutMs: e.DATABASE_BUSY_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL ?? (e.DISCORD_TOKEN === undefined ? 'warn' : 'info'),
    logFormat: e.LOG_FORMAT === 'auto' ? (e.DISCORD_TOKEN === undefined ? 'pretty' : 'json') : e.LOG_FORMAT,
    questionsDir: path.resolve(cwd, e.QUESTIONS_DIR),
    reminderCron: e.REMINDER_CRON,
    leaderboardCron: e.LEADERBOARD_CRON,
    sessionSize: e.SESSION_SIZE,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    sharding,
  };
}

function firstSet(...values: (string | undefined)[]): string | undefined {
  return values.find((v) => v !== undefined && v.trim() !== '' && v !== 'C' && v !== 'POSIX');
}

/** Reads `.env` when present; variables already set in the environment win. */
export function loadDotEnv(file = '.env'): void {
  try {
    process.loadEnvFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
