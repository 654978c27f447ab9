import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type {
  APIActionRowComponent,
  APIComponentInMessageActionRow,
  APIEmbed,
  APIInteraction,
  APIMessage,
} from 'discord.js';
import { inject } from 'vitest';
import { type App, createApp } from '../../src/app.ts';
import { type Config, parseConfig } from '../../src/config.ts';
import type { PrismaClient } from '../../src/data/generated/client.ts';
import { type Bot, type BotOptions, startBot } from '../../src/discord/bot.ts';
import { createLogger, type Logger } from '../../src/logger.ts';
import { FIXTURE_BANK, TestClock } from '../support/core.ts';
import { inspectDatabase } from '../support/db.ts';
import {
  type DiscordDouble,
  type GuildContext,
  type GuildSpec,
  type InteractionResponse,
  startDiscordDouble,
  type UserSpec,
} from '../support/discord-double.ts';

/**
 * One real bot (createApp + startBot) against the Discord double, on a fresh copy of the
 * migrated template database, with a fixed clock and a captured debug log.
 */

export const TOKEN = 'test-bot-token-0123456789.abcdefgh.ijklmnop';

export const GUILD = {
  id: '1184000000000000100',
  name: 'Study Group',
  channel: '1184000000000000101',
  boardChannel: '1184000000000000102',
};
export const OTHER_GUILD = {
  id: '1184000000000000300',
  name: 'Other Server',
  channel: '1184000000000000301',
};

export const ALICE: UserSpec = { id: '1184000000000000200', username: 'alice', globalName: 'Alice' };
export const BOB: UserSpec = { id: '1184000000000000201', username: 'bob', globalName: 'Bob' };

/** Monday 10 March 2025, 08:00 UTC. */
export const MONDAY_8AM = Date.UTC(2025, 2, 10, 8, 0, 0);

/** Manage Server and the usual member permissions, as a bitfield string. */
export const ADMIN_PERMISSIONS = (0x20n | 0x400n | 0x800n | 0x4000n | 0x8000n | 0x80000000n).toString();

export type LogLine = Record<string, unknown> & { level: number; msg: string };

export class LogCapture {
  readonly lines: LogLine[] = [];
  readonly raw: string[] = [];
  private readonly waiters = new Set<() => void>();

  write(line: string): void {
    this.raw.push(line);
    try {
      this.lines.push(JSON.parse(line) as LogLine);
    } catch {
      // not JSON: kept in raw only
    }
    for (const wake of [...this.waiters]) wake();
  }

  waitFor(predicate: (line: LogLine) => boolean, timeoutMs = 10_000): Promise<LogLine> {
    const found = this.lines.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const wake = () => {
        const hit = this.lines.find(predicate);
        if (hit) {
          clearTimeout(timer);
          this.waiters.delete(wake);
          resolve(hit);
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        const tail = this.lines
          .slice(-10)
          .map((l) => l.msg)
          .join(' | ');
        reject(new Error(`no matching log line within ${timeoutMs} ms; last: ${tail}`));
      }, timeoutMs);
      this.waiters.add(wake);
    });
  }
}

export type HarnessOptions = {
  bank?: 'fixture' | 'real';
  now?: number;
  env?: Record<string, string>;
  bot?: BotOptions;
  guilds?: GuildSpec[];
  /** Reuse a double (e.g. shared by a file); otherwise one is started and closed with the harness. */
  discord?: DiscordDouble;
};

export type Harness = {
  discord: DiscordDouble;
  app: App;
  /** A second connection to the bot's database, for assertions. */
  db: PrismaClient;
  bot: Bot;
  config: Config;
  clock: TestClock;
  log: Logger;
  logs: LogCapture;
  /** Dispatches an interaction and resolves, once the bot has finished with it, to every response. */
  interact(payload: APIInteraction): Promise<InteractionResponse[]>;
  /** Stops the bot and closes the app, then starts both again on the same database file. */
  restart(): Promise<void>;
  close(): Promise<void>;
};

export function defaultGuilds(): GuildSpec[] {
  return [
    {
      id: GUILD.id,
      name: GUILD.name,
      channels: [
        { id: GUILD.channel, name: 'general' },
        { id: GUILD.boardChannel, name: 'leaderboard' },
      ],
    },
    { id: OTHER_GUILD.id, name: OTHER_GUILD.name, channels: [{ id: OTHER_GUILD.channel, name: 'general' }] },
  ];
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const ownDouble = options.discord === undefined;
  const discord =
    options.discord ??
    (await startDiscordDouble({ guilds: options.guilds ?? defaultGuilds(), token: TOKEN }));
  const dir = mkdtempSync(path.join(tmpdir(), 'quizbot-discord-'));
  const dbFile = path.join(dir, 'quizbot.db');
  copyFileSync(inject('templateDb'), dbFile);
  const config = parseConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_API_URL: discord.apiUrl,
    DATABASE_URL: `file:${dbFile}`,
    QUESTIONS_DIR:
      options.bank === 'real' ? path.resolve(import.meta.dirname, '../../questions') : FIXTURE_BANK,
    LOG_LEVEL: 'debug',
    // Far-off schedules by default: tests run rounds by hand unless they set these.
    REMINDER_CRON: '0 0 1 1 *',
    LEADERBOARD_CRON: '0 0 1 1 *',
    ...options.env,
  });
  const clock = new TestClock(options.now ?? MONDAY_8AM);
  const logs = new LogCapture();
  const log = createLogger('debug', [TOKEN], logs);
  let app = await createApp(config, log, clock.read);
  let bot = await startBot(app, config, log, options.bot);
  const db = inspectDatabase(dbFile);
  let closed = false;

  const harness: Harness = {
    discord,
    get app() {
      return app;
    },
    get bot() {
      return bot;
    },
    db,
    config,
    clock,
    log,
    logs,
    async interact(payload) {
      const { id } = discord.dispatchInteraction(payload);
      await logs.waitFor(
        (l) =>
          (l.msg === 'interaction handled' || l.msg === 'autocomplete answered') && l.interactionId === id,
      );
      return discord.interactionResponses(id);
    },
    async restart() {
      await bot.stop();
      await app.close();
      app = await createApp(config, log, clock.read);
      bot = await startBot(app, config, log, options.bot);
    },
    async close() {
      if (closed) return;
      closed = true;
      await bot.stop();
      await app.close();
      await db.$disconnect();
      if (ownDouble) await discord.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return harness;
}

// ---------------------------------------------------------------------------------------------
// Reading what the bot sent

export type SentMessage = {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
  flags?: number;
};

export type SentButton = { customId: string; label: string; style: number; disabled: boolean };

export function asMessage(payload: Record<string, unknown>): SentMessage {
  return payload as SentMessage;
}

export function buttonsOf(message: SentMessage | Partial<APIMessage>): SentButton[] {
  const out: SentButton[] = [];
  for (const row of message.components ?? []) {
    if (!('components' in row)) continue;
    for (const c of row.components) {
      if (c.type === 2 && 'custom_id' in c) {
        out.push({
          customId: c.custom_id,
          label: c.label ?? '',
          style: c.style,
          disabled: c.disabled === true,
        });
      }
    }
  }
  return out;
}

export function button(message: SentMessage, label: string | RegExp): SentButton {
  const found = buttonsOf(message).find((b) =>
    typeof label === 'string' ? b.label === label : label.test(b.label),
  );
  if (!found) {
    const labels = buttonsOf(message).map((b) => b.label);
    throw new Error(`no button ${String(label)} among [${labels.join(', ')}]`);
  }
  return found;
}

export function embedText(message: SentMessage): string {
  return (message.embeds ?? [])
    .map((e) =>
      [
        e.author?.name,
        e.title,
        e.description,
        ...(e.fields ?? []).flatMap((f) => [f.name, f.value]),
        e.footer?.text,
      ]
        .filter((x) => x !== undefined)
        .join('\n'),
    )
    .join('\n');
}

/** The first response that carries a message (a reply, an update, or an edit after a defer). */
export function firstMessage(responses: InteractionResponse[]): InteractionResponse {
  const found = responses.find(
    (r) => (r.kind === 'callback' && (r.callbackType === 4 || r.callbackType === 7)) || r.kind === 'edit',
  );
  if (!found)
    throw new Error(`no message among ${responses.map((r) => `${r.kind}:${r.callbackType}`).join(', ')}`);
  return found;
}

export function inGuild(permissions?: string): GuildContext {
  return permissions === undefined ? { id: GUILD.id } : { id: GUILD.id, permissions };
}
