import { z } from 'zod';
import { PERIODS } from '../core/leaderboard.ts';

/**
 * Every command as data, shared by the Discord bot (converted to application-command JSON in
 * src/discord/commands.ts) and the console (parsed from typed text). Each command's `schema`
 * turns raw option values into the typed options its handler receives, with the same messages
 * in both transports.
 */

export type AutocompleteSource = 'topic' | 'service' | 'comparison' | 'timezone';

export type OptionDef = {
  name: string;
  description: string;
  type: 'string' | 'integer' | 'boolean' | 'channel';
  required?: boolean;
  autocomplete?: AutocompleteSource;
  choices?: { name: string; value: string }[];
  min?: number;
  max?: number;
  maxLength?: number;
};

export type CommandDef<S extends z.ZodType = z.ZodType> = {
  name: string;
  description: string;
  options: OptionDef[];
  /** Subcommand name, when the command's only options sit under one subcommand. */
  subcommand?: { name: string; description: string };
  schema: S;
  /** Where it runs on Discord: servers only, or servers and the bot's DMs. */
  contexts: 'guild' | 'guild-and-dm';
  /** Discord permission a member needs by default (checked again in the handler). */
  requires?: 'ManageGuild';
  /** Console-only commands are not registered with Discord. */
  consoleOnly?: boolean;
  /** One line for /help. */
  usage: string;
};

const topic = z.string().trim().min(1).max(100).optional();

export const commands = {
  quiz: {
    name: 'quiz',
    description: 'Start or resume your spaced-repetition review',
    options: [
      {
        name: 'topic',
        description: 'Only questions from this topic',
        type: 'string',
        autocomplete: 'topic',
        maxLength: 100,
      },
    ],
    schema: z.object({ topic }),
    contexts: 'guild-and-dm',
    usage: '/quiz [topic] — review due cards, then new ones',
  },
  fact: {
    name: 'fact',
    description: "Look up an AWS database service's key facts",
    options: [
      {
        name: 'service',
        description: 'Service, e.g. DynamoDB',
        type: 'string',
        required: true,
        autocomplete: 'service',
        maxLength: 100,
      },
      {
        name: 'topic',
        description: 'Only facts from this topic',
        type: 'string',
        autocomplete: 'topic',
        maxLength: 100,
      },
    ],
    schema: z.object({ service: z.string().trim().min(1, 'name a service, e.g. DynamoDB').max(100), topic }),
    contexts: 'guild-and-dm',
    usage: '/fact <service> [topic] — key facts, e.g. /fact dynamodb',
  },
  compare: {
    name: 'compare',
    description: 'Show a comparison table, e.g. Multi-AZ vs read replicas',
    options: [
      {
        name: 'comparison',
        description: 'Which comparison',
        type: 'string',
        required: true,
        autocomplete: 'comparison',
        maxLength: 100,
      },
    ],
    schema: z.object({
      comparison: z.string().trim().min(1, 'name a comparison, e.g. redis-vs-memcached').max(100),
    }),
    contexts: 'guild-and-dm',
    usage: '/compare <comparison> — a side-by-side table, e.g. /compare gsi-vs-lsi',
  },
  leaderboard: {
    name: 'leaderboard',
    description: "This server's study leaderboard",
    options: [
      {
        name: 'period',
        description: 'Which period (default: this week)',
        type: 'string',
        choices: PERIODS.map((p) => ({ name: p.label, value: p.id })),
      },
    ],
    schema: z.object({
      period: z
        .enum(['week', 'month', 'all'], { message: 'period is one of week, month, all' })
        .default('week'),
    }),
    contexts: 'guild',
    usage: '/leaderboard [week|month|all] — who studied most',
  },
  stats: {
    name: 'stats',
    description: 'Your progress: streak, due cards, accuracy, mastery per topic',
    options: [],
    schema: z.object({}),
    contexts: 'guild-and-dm',
    usage: '/stats — your progress',
  },
  settings: {
    name: 'settings',
    description: 'Your timezone, daily reminder and new cards per day',
    options: [
      {
        name: 'timezone',
        description: 'IANA timezone, e.g. Europe/Berlin',
        type: 'string',
        autocomplete: 'timezone',
        maxLength: 64,
      },
      {
        name: 'reminder_time',
        description: 'Daily quiz DM time, 24-hour HH:MM',
        type: 'string',
        maxLength: 5,
      },
      { name: 'reminders', description: 'Daily quiz DMs on or off', type: 'boolean' },
      { name: 'new_per_day', description: 'New cards per day (0-50)', type: 'integer', min: 0, max: 50 },
    ],
    schema: z.object({
      timezone: z.string().trim().min(1).max(64).optional(),
      reminder_time: z.string().trim().min(1).max(5).optional(),
      reminders: z.boolean({ message: 'reminders is on or off' }).optional(),
      new_per_day: z
        .number({ message: 'new_per_day is a whole number from 0 to 50' })
        .int('new_per_day is a whole number from 0 to 50')
        .min(0, 'new_per_day is a whole number from 0 to 50')
        .max(50, 'new_per_day is a whole number from 0 to 50')
        .optional(),
    }),
    contexts: 'guild-and-dm',
    usage: '/settings [timezone] [reminder_time] [reminders] [new_per_day] — show or change',
  },
  group: {
    name: 'group',
    description: 'Server settings for the study group',
    subcommand: { name: 'leaderboard-channel', description: 'Where the weekly leaderboard is posted' },
    options: [{ name: 'channel', description: 'A text channel', type: 'channel', required: true }],
    schema: z.object({
      channel: z.string().regex(/^\d{17,20}$/, 'channel must be a channel of this server'),
    }),
    contexts: 'guild',
    requires: 'ManageGuild',
    usage: '/group leaderboard-channel #channel — (Manage Server) weekly board channel',
  },
  'forget-me': {
    name: 'forget-me',
    description: 'Delete all your progress and settings',
    options: [],
    schema: z.object({}),
    contexts: 'guild-and-dm',
    usage: '/forget-me — delete everything stored about you (asks first)',
  },
} satisfies Record<string, CommandDef>;

export type CommandName = keyof typeof commands;
export type OptionsOf<N extends CommandName> = z.output<(typeof commands)[N]['schema']>;

export function commandList(): CommandDef[] {
  return Object.values(commands);
}

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(commands, name);
}

export type ParsedOptions<N extends CommandName> =
  | { ok: true; options: OptionsOf<N> }
  | { ok: false; message: string };

/** Validates raw option values with the command's schema; the message names the option. */
export function parseOptions<N extends CommandName>(name: N, raw: Record<string, unknown>): ParsedOptions<N> {
  const def: CommandDef = commands[name];
  const known = new Set(def.options.map((o) => o.name));
  const unknown = Object.keys(raw).filter((k) => !known.has(k));
  if (unknown.length > 0) {
    const list = def.options.map((o) => o.name).join(', ') || 'none';
    return { ok: false, message: `/${name} has no option "${unknown[0]}" (options: ${list}).` };
  }
  const missing = def.options.find(
    (o) => o.required === true && (raw[o.name] === undefined || raw[o.name] === ''),
  );
  if (missing !== undefined) {
    return {
      ok: false,
      message: `/${name}: ${missing.name} is required (${missing.description}). Usage: ${def.usage}`,
    };
  }
  const result = def.schema.safeParse(raw);
  if (result.success) return { ok: true, options: result.data as OptionsOf<N> };
  const issue = result.error.issues[0];
  const option = String(issue?.path[0] ?? '');
  const message = issue?.message ?? 'invalid option';
  return {
    ok: false,
    message: `/${name}: ${message.startsWith(option) || option === '' ? message : `${option}: ${message}`}. Usage: ${def.usage}`,
  };
}
