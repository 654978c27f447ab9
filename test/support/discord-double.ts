/**
 * A loopback stand-in for Discord: REST v10 over HTTP and the gateway over WebSocket on one
 * 127.0.0.1 port, so a real discord.js Client can be exercised with no network.
 *
 * Usage: `const discord = await startDiscordDouble(); new Client({ ..., rest: { api: discord.apiUrl } })`.
 * Destroy every Client before `close()`: a client whose socket is cut tries to reconnect.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  type APIApplicationCommandAutocompleteInteraction,
  type APIApplicationCommandInteractionDataOption,
  type APIAttachment,
  type APIChannel,
  type APIChatInputApplicationCommandInteraction,
  type APIGuildMember,
  type APIInteraction,
  type APIInteractionDataResolvedChannel,
  type APIInteractionGuildMember,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitInteraction,
  type APIUser,
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ChannelType,
  ComponentType,
  type GuildMemberFlags,
  InteractionContextType,
  InteractionType,
  Locale,
  MessageType,
  PermissionFlagsBits,
} from 'discord.js';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';

// ---------------------------------------------------------------------------------------------
// Public types
// ---------------------------------------------------------------------------------------------

export interface RecordedFile {
  /** The multipart field, e.g. `files[0]`. */
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedCall {
  method: string;
  /** Path without the `/api` or `/api/v10` prefix, e.g. `/channels/123/messages`. */
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, or the parsed `payload_json` part of a multipart body; null when empty. */
  body: unknown;
  files: RecordedFile[];
  /** The status the double answered with (an injected failure's status when one matched). */
  status: number;
  at: number;
}

export interface FailureMatcher {
  /** Case-insensitive; any method when omitted. */
  method?: string;
  /** Tested against `RecordedCall.path`. */
  pathPattern: RegExp;
}

export interface InjectedResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface GuildSpec {
  id: string;
  name: string;
  /** Text channels sent in GUILD_CREATE; a `general` channel is made when omitted. */
  channels?: { id: string; name: string }[];
}

export interface DiscordDoubleOptions {
  guilds?: GuildSpec[];
  /** When set, REST calls needing bot auth and IDENTIFY must carry this token (else 401 / close 4004). */
  token?: string;
  heartbeatIntervalMs?: number;
  /**
   * Discord forgets an interaction 3 s after it is sent; set this to make late callbacks fail with
   * 10062 Unknown interaction. Off by default so a slow CI machine does not make tests flaky.
   */
  interactionDeadlineMs?: number;
  /** The shard count GET /gateway/bot recommends (1 unless set). */
  shards?: number;
}

/** The most calls the double received within any one (sliding) second. */
export function busiestSecond(calls: readonly { at: number }[]): number {
  const times = calls.map((c) => c.at).sort((a, b) => a - b);
  let most = 0;
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while ((times[hi] as number) - (times[lo] as number) >= 1_000) lo++;
    most = Math.max(most, hi - lo + 1);
  }
  return most;
}

/** Which shard a guild's events go to, as Discord computes it; DMs go to shard 0. */
export function shardOf(guildId: string | undefined, shardCount: number): number {
  if (guildId === undefined || shardCount <= 1) return 0;
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

export interface UserSpec {
  id: string;
  username?: string;
  globalName?: string | null;
}

export interface GuildContext {
  id: string;
  /** The invoking member's permissions as a decimal bitfield string. */
  permissions?: string;
  roles?: string[];
}

export type SlashOptionValue =
  | string
  | number
  | boolean
  | { kind: 'string' | 'integer' | 'number' | 'boolean'; value: string | number | boolean }
  | { kind: 'channel'; id: string; name?: string; channelType?: ChannelType };

interface InteractionBase {
  user: UserSpec;
  /** Omit for a DM with the bot. */
  guild?: GuildContext;
  channelId?: string;
  locale?: Locale;
  /** The server's preferred locale (guild interactions). */
  guildLocale?: Locale;
  /**
   * How the app reached this interaction: installed to the server (the default in servers), or
   * by the member to their own account ("user install"; then a server has not added the bot).
   */
  install?: 'guild' | 'user';
  /** A DM or group DM between other people (not the bot's own DM): a user install only. */
  privateChannel?: boolean;
}

export interface SlashCommandSpec extends InteractionBase {
  name: string;
  options?: Record<string, SlashOptionValue>;
  subcommand?: string;
  subcommandGroup?: string;
}

export interface AutocompleteSpec extends SlashCommandSpec {
  /** Name of the option the user is typing in; its value is sent as typed (a string). */
  focused: string;
}

export interface ButtonClickSpec extends InteractionBase {
  customId: string;
  /** The message the button sits on; defaults to a bot message carrying just this button. */
  message?: Partial<APIMessage>;
}

export interface ModalSubmitSpec extends InteractionBase {
  customId: string;
  fields: Record<string, string>;
  /** Present when the modal was opened from a component on this message. */
  message?: Partial<APIMessage>;
}

export type InteractionResponseKind = 'callback' | 'followup' | 'edit' | 'delete' | 'fetch';

export interface InteractionResponse {
  kind: InteractionResponseKind;
  /** The callback's `type` (4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete, 9 modal). */
  callbackType: number | null;
  /** For edits, deletes and fetches: the message id in the path (`@original` kept as is). */
  messageId: string | null;
  /** The message (or choices / modal) data: a callback's `data`, or a webhook call's body. */
  payload: Record<string, unknown>;
  files: RecordedFile[];
  call: RecordedCall;
}

export interface DispatchedInteraction {
  id: string;
  token: string;
}

export interface DiscordDouble {
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly applicationId: string;
  readonly botUserId: string;
  readonly calls: readonly RecordedCall[];
  /** Calls that hit no route (answered 404). */
  readonly unknownCalls: readonly RecordedCall[];
  /** IDENTIFY payloads received, in order. */
  readonly identifies: readonly { token: string; intents: number; shard: [number, number] }[];
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  failNext(matcher: FailureMatcher, response: InjectedResponse, times?: number): void;
  /** Resolves once a client is identified and connected (now or later). */
  ready(): Promise<void>;
  connectedClients(): number;
  /** Shard ids with a live session, sorted. */
  connectedShards(): number[];
  /** Closes every gateway socket with `code`; a code other than 1000 makes discord.js resume. */
  dropConnections(code?: number): void;
  dispatchInteraction(payload: APIInteraction): DispatchedInteraction;
  slashCommand(spec: SlashCommandSpec): APIChatInputApplicationCommandInteraction;
  autocomplete(spec: AutocompleteSpec): APIApplicationCommandAutocompleteInteraction;
  buttonClick(spec: ButtonClickSpec): APIMessageComponentButtonInteraction;
  modalSubmit(spec: ModalSubmitSpec): APIModalSubmitInteraction;
  interactionResponses(interactionId: string): InteractionResponse[];
  waitForResponse(
    interactionId: string,
    predicate?: (response: InteractionResponse) => boolean,
    timeoutMs?: number,
  ): Promise<InteractionResponse>;
  /** A message the bot created or edited, as the double last returned it. */
  getMessage(messageId: string): APIMessage | undefined;
  /** The DM channel id the double hands out for this user. */
  dmChannelId(userId: string): string;
  close(): Promise<void>;
}

// ---------------------------------------------------------------------------------------------
// Canned responses
// ---------------------------------------------------------------------------------------------

/** A per-route 429 that discord.js waits out and retries by itself. */
export function rateLimitedResponse(retryAfterSeconds = 0.2, global = false): InjectedResponse {
  const headers: Record<string, string> = {
    'retry-after': String(retryAfterSeconds),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset-after': String(retryAfterSeconds),
    'x-ratelimit-bucket': 'double-bucket',
    'x-ratelimit-scope': global ? 'global' : 'user',
  };
  if (global) headers['x-ratelimit-global'] = 'true';
  return {
    status: 429,
    body: { message: 'You are being rate limited.', retry_after: retryAfterSeconds, global },
    headers,
  };
}

/** What Discord answers a DM to a user who closed DMs or shares no server with the bot. */
export function cannotMessageUserResponse(): InjectedResponse {
  return { status: 403, body: { message: 'Cannot send messages to this user', code: 50007 } };
}

// ---------------------------------------------------------------------------------------------
// Ids and small builders
// ---------------------------------------------------------------------------------------------

const DISCORD_EPOCH = 1420070400000n;
let snowflakeCounter = 0n;

/** Real-looking snowflakes (timestamp-based, 19 digits), unique within the process. */
export function nextSnowflake(): string {
  snowflakeCounter = (snowflakeCounter + 1n) & 0x3fffffn;
  return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | snowflakeCounter).toString();
}

const APPLICATION_ID = '1184000000000000001';
const DEFAULT_PERMISSIONS = (
  PermissionFlagsBits.ViewChannel |
  PermissionFlagsBits.SendMessages |
  PermissionFlagsBits.SendMessagesInThreads |
  PermissionFlagsBits.EmbedLinks |
  PermissionFlagsBits.AttachFiles |
  PermissionFlagsBits.ReadMessageHistory |
  PermissionFlagsBits.AddReactions |
  PermissionFlagsBits.UseApplicationCommands
).toString();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function discordError(status: number, code: number, message: string): InjectedResponse {
  return { status, body: { message, code } };
}

interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface InteractionRecord {
  id: string;
  token: string;
  type: InteractionType;
  channelId: string;
  dispatchedAt: number;
  acknowledged: boolean;
  /** Message id of the original response once there is one. */
  originalMessageId: string | null;
  /** For components and modals from a message: the message an update (type 7) edits. */
  sourceMessageId: string | null;
  messageIds: Set<string>;
}

interface GatewayConnection {
  socket: WebSocket;
  sessionId: string | null;
  seq: number;
  /** [shard id, shard count] from IDENTIFY; [0, 1] when the client did not shard. */
  shard: [number, number];
}

interface Waiter {
  predicate: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

// ---------------------------------------------------------------------------------------------
// The double
// ---------------------------------------------------------------------------------------------

export async function startDiscordDouble(options: DiscordDoubleOptions = {}): Promise<DiscordDouble> {
  const double = new DiscordDoubleImpl(options);
  await double.listen();
  return double;
}

type Handler = (call: RecordedCall, params: string[]) => Reply;

interface Route {
  method: string;
  pattern: RegExp;
  /** Routes Discord serves without the bot token (interaction tokens authorise them). */
  tokenless?: boolean;
  handle: Handler;
}

class DiscordDoubleImpl implements DiscordDouble {
  readonly applicationId = APPLICATION_ID;
  // Discord gives a bot user the same id as its application.
  readonly botUserId = APPLICATION_ID;
  readonly calls: RecordedCall[] = [];
  readonly unknownCalls: RecordedCall[] = [];
  readonly identifies: { token: string; intents: number; shard: [number, number] }[] = [];

  private readonly server = createServer((req, res) => {
    void this.onRequest(req, res);
  });
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<Duplex>();
  private readonly connections = new Set<GatewayConnection>();
  /** Sessions outlive their socket so a dropped client can RESUME. */
  private readonly sessions = new Map<string, { seq: number; shard: [number, number] }>();
  private readonly waiters = new Set<Waiter>();
  private readonly readyListeners: (() => void)[] = [];
  private readonly failures: { matcher: FailureMatcher; response: InjectedResponse; remaining: number }[] =
    [];
  private readonly interactionsByToken = new Map<string, InteractionRecord>();
  private readonly messages = new Map<string, APIMessage>();
  private readonly channels = new Map<string, APIChannel>();
  private readonly dmChannels = new Map<string, string>();
  private readonly users = new Map<string, APIUser>();
  private readonly members = new Map<string, { roles: string[]; joinedAt: string }>();
  private readonly commands = new Map<string, { id: string; body: Record<string, unknown> }[]>();
  private readonly commandIds = new Map<string, string>();
  private readonly guilds: GuildSpec[];
  private readonly routes: Route[];
  private port = 0;
  private closed = false;
  private readonly botUser: APIUser;

  constructor(private readonly options: DiscordDoubleOptions) {
    this.guilds = (options.guilds ?? []).map((guild) => ({
      ...guild,
      channels: guild.channels ?? [{ id: nextSnowflake(), name: 'general' }],
    }));
    this.botUser = {
      id: this.botUserId,
      username: 'QuizBot',
      global_name: null,
      discriminator: '0',
      avatar: null,
      bot: true,
    };
    this.users.set(this.botUser.id, this.botUser);
    for (const guild of this.guilds) {
      for (const channel of guild.channels ?? []) {
        this.channels.set(channel.id, this.guildTextChannel(channel.id, channel.name, guild.id));
      }
    }
    this.routes = this.buildRoutes();
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    this.server.on('upgrade', (req, socket, head) => {
      this.wss.handleUpgrade(req, socket, head, (ws) => this.onGatewayConnection(ws));
    });
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('Discord double closed while waiting for a call'));
    }
    this.waiters.clear();
    for (const connection of this.connections) connection.socket.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    // undici keeps sockets alive; without this server.close() waits for them to idle out.
    this.server.closeAllConnections();
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ------------------------------------------------------------------ recording and waiting

  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const existing = this.calls.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(
            new Error(`No matching Discord REST call within ${timeoutMs} ms. ${this.describeRecentCalls()}`),
          );
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  private describeRecentCalls(): string {
    if (this.calls.length === 0) return 'No calls were recorded.';
    const recent = this.calls.slice(-15).map((call) => {
      const body = call.body === null ? '' : ` ${JSON.stringify(call.body).slice(0, 200)}`;
      return `  ${call.method} ${call.path} -> ${call.status}${body}`;
    });
    return `Last ${recent.length} of ${this.calls.length} calls:\n${recent.join('\n')}`;
  }

  private record(call: RecordedCall): void {
    this.calls.push(call);
    for (const waiter of this.waiters) {
      if (waiter.predicate(call)) {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        waiter.resolve(call);
      }
    }
  }

  failNext(matcher: FailureMatcher, response: InjectedResponse, times = 1): void {
    this.failures.push({ matcher, response, remaining: times });
  }

  private takeFailure(method: string, path: string): InjectedResponse | null {
    const failure = this.failures.find(
      ({ matcher, remaining }) =>
        remaining > 0 &&
        (matcher.method === undefined || matcher.method.toUpperCase() === method) &&
        matcher.pathPattern.test(path),
    );
    if (!failure) return null;
    failure.remaining -= 1;
    return failure.response;
  }

  // ------------------------------------------------------------------ HTTP

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const method = (req.method ?? 'GET').toUpperCase();
      const path = url.pathname
        .replace(/^\/api(\/v\d+)?/, '')
        .split('/')
        .map((segment) => decodeURIComponent(segment))
        .join('/');
      const query = Object.fromEntries(url.searchParams.entries());
      const { body, files } = await readBody(req);
      const call: RecordedCall = { method, path, query, body, files, status: 0, at: Date.now() };

      const reply = this.takeFailure(method, path) ?? this.route(call, req);
      call.status = reply.status;
      this.record(call);
      send(res, reply);
    } catch (error) {
      send(res, { status: 500, body: { message: `Discord double failed: ${String(error)}`, code: 0 } });
    }
  }

  private route(call: RecordedCall, req: IncomingMessage): Reply {
    for (const route of this.routes) {
      if (route.method !== call.method) continue;
      const match = route.pattern.exec(call.path);
      if (!match) continue;
      if (!route.tokenless && !this.authorized(req)) return discordError(401, 0, '401: Unauthorized');
      return route.handle(call, match.slice(1));
    }
    this.unknownCalls.push(call);
    return discordError(404, 0, '404: Not Found');
  }

  private authorized(req: IncomingMessage): boolean {
    if (this.options.token === undefined) return true;
    return req.headers.authorization === `Bot ${this.options.token}`;
  }

  private buildRoutes(): Route[] {
    const id = '(\\d+)';
    const token = '([^/]+)';
    const r = (method: string, pattern: string, handle: Handler, tokenless = false): Route => ({
      method,
      pattern: new RegExp(`^${pattern}$`),
      handle,
      tokenless,
    });
    return [
      r('GET', '/gateway/bot', () => ({
        status: 200,
        body: {
          url: this.gatewayUrl,
          shards: this.options.shards ?? 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      })),
      r('GET', '/gateway', () => ({ status: 200, body: { url: this.gatewayUrl } }), true),
      r('GET', '/users/@me', () => ({ status: 200, body: this.botUser })),
      r('GET', '/applications/@me', () => ({ status: 200, body: this.application() })),
      r('GET', `/users/${id}`, (_call, [userId = '']) => {
        const user = this.users.get(userId);
        return user ? { status: 200, body: user } : discordError(404, 10013, 'Unknown User');
      }),
      r('POST', '/users/@me/channels', (call) => this.createDm(call)),
      r('GET', `/channels/${id}`, (_call, [channelId = '']) => {
        const channel = this.channelFor(channelId);
        return channel ? { status: 200, body: channel } : discordError(404, 10003, 'Unknown Channel');
      }),
      r('POST', `/channels/${id}/messages`, (call, [channelId = '']) => ({
        status: 200,
        body: this.storeMessage(this.newMessage(channelId, call)),
      })),
      r('PATCH', `/channels/${id}/messages/${id}`, (call, [, messageId = '']) =>
        this.editMessage(messageId, call),
      ),
      r('GET', `/channels/${id}/messages/${id}`, (_call, [, messageId = '']) => {
        const message = this.messages.get(messageId);
        return message ? { status: 200, body: message } : discordError(404, 10008, 'Unknown Message');
      }),
      r('DELETE', `/channels/${id}/messages/${id}`, (_call, [, messageId = '']) =>
        this.messages.delete(messageId) ? { status: 204 } : discordError(404, 10008, 'Unknown Message'),
      ),
      r(
        'POST',
        `/interactions/${id}/${token}/callback`,
        (call, [interactionId = '', tok = '']) => this.interactionCallback(call, interactionId, tok),
        true,
      ),
      r('POST', `/webhooks/${id}/${token}`, (call, [, tok = '']) => this.followUp(call, tok), true),
      r(
        'GET',
        `/webhooks/${id}/${token}/messages/(@original|\\d+)`,
        (_call, [, tok = '', mid = '']) => this.webhookMessage(tok, mid, (message) => message),
        true,
      ),
      r(
        'PATCH',
        `/webhooks/${id}/${token}/messages/(@original|\\d+)`,
        (call, [, tok = '', mid = '']) =>
          this.webhookMessage(tok, mid, (message) => this.applyEdit(message, call)),
        true,
      ),
      r(
        'DELETE',
        `/webhooks/${id}/${token}/messages/(@original|\\d+)`,
        (_call, [, tok = '', mid = '']) => {
          const reply = this.webhookMessage(tok, mid, (message) => message);
          if (reply.status !== 200 || !isRecord(reply.body)) return reply;
          this.messages.delete(String(reply.body.id));
          return { status: 204 };
        },
        true,
      ),
      r('PUT', `/applications/${id}/commands`, (call) => this.putCommands('global', call)),
      r('GET', `/applications/${id}/commands`, () => this.getCommands('global')),
      r('PUT', `/applications/${id}/guilds/${id}/commands`, (call, [, guildId = '']) =>
        this.putCommands(guildId, call),
      ),
      r('GET', `/applications/${id}/guilds/${id}/commands`, (_call, [, guildId = '']) =>
        this.getCommands(guildId),
      ),
      r('GET', `/guilds/${id}`, (_call, [guildId = '']) => {
        const guild = this.guilds.find((g) => g.id === guildId);
        return guild
          ? { status: 200, body: this.guildObject(guild) }
          : discordError(404, 10004, 'Unknown Guild');
      }),
      r('GET', `/guilds/${id}/members/${id}`, (_call, [guildId = '', userId = '']) => {
        if (!this.guilds.some((g) => g.id === guildId)) return discordError(404, 10004, 'Unknown Guild');
        const member = this.memberObject(guildId, userId);
        return member ? { status: 200, body: member } : discordError(404, 10007, 'Unknown Member');
      }),
    ];
  }

  // ------------------------------------------------------------------ REST handlers

  private application(): Record<string, unknown> {
    return {
      id: this.applicationId,
      name: 'QuizBot',
      icon: null,
      description: 'A quiz bot under test',
      bot_public: true,
      bot_require_code_grant: false,
      verify_key: '0'.repeat(64),
      flags: 0,
      team: null,
      owner: {
        id: '1184000000000000002',
        username: 'owner',
        global_name: null,
        discriminator: '0',
        avatar: null,
      },
      summary: '',
      bot: this.botUser,
    };
  }

  private createDm(call: RecordedCall): Reply {
    const recipientId = isRecord(call.body) ? String(call.body.recipient_id ?? '') : '';
    if (!/^\d+$/.test(recipientId)) {
      return { status: 400, body: { message: 'Invalid Form Body', code: 50035 } };
    }
    return { status: 200, body: this.channelFor(this.dmChannelId(recipientId)) };
  }

  dmChannelId(userId: string): string {
    let channelId = this.dmChannels.get(userId);
    if (!channelId) {
      channelId = nextSnowflake();
      this.dmChannels.set(userId, channelId);
      this.channels.set(channelId, {
        id: channelId,
        type: ChannelType.DM,
        name: null,
        last_message_id: null,
        recipients: [this.userObject(userId)],
      });
    }
    return channelId;
  }

  private channelFor(channelId: string): APIChannel | undefined {
    const known = this.channels.get(channelId);
    if (known) return known;
    const firstGuild = this.guilds[0];
    // A channel the bot was told about by config but the double was not: treat it as a text channel
    // of the first guild so fetching it still works.
    if (!firstGuild) return undefined;
    const channel = this.guildTextChannel(channelId, `channel-${channelId.slice(-4)}`, firstGuild.id);
    this.channels.set(channelId, channel);
    return channel;
  }

  private guildTextChannel(id: string, name: string, guildId: string): APIChannel {
    return {
      id,
      type: ChannelType.GuildText,
      guild_id: guildId,
      name,
      position: 0,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      topic: null,
      last_message_id: null,
      rate_limit_per_user: 0,
    };
  }

  private userObject(userId: string): APIUser {
    return (
      this.users.get(userId) ?? {
        id: userId,
        username: `user${userId.slice(-4)}`,
        global_name: null,
        discriminator: '0',
        avatar: null,
      }
    );
  }

  private registerUser(spec: UserSpec): APIUser {
    const user: APIUser = {
      id: spec.id,
      username: spec.username ?? `user${spec.id.slice(-4)}`,
      global_name: spec.globalName === undefined ? (spec.username ?? null) : spec.globalName,
      discriminator: '0',
      avatar: null,
    };
    this.users.set(user.id, user);
    return user;
  }

  private memberObject(guildId: string, userId: string): APIGuildMember | undefined {
    const user = this.users.get(userId);
    if (!user) return undefined;
    const membership = this.members.get(`${guildId}:${userId}`);
    return {
      user,
      nick: null,
      avatar: null,
      banner: null,
      roles: membership?.roles ?? [],
      joined_at: membership?.joinedAt ?? new Date(0).toISOString(),
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
    };
  }

  private newMessage(channelId: string, call: RecordedCall, extra: Partial<APIMessage> = {}): APIMessage {
    const body = isRecord(call.body) ? call.body : {};
    const message: APIMessage = {
      id: nextSnowflake(),
      channel_id: channelId,
      author: this.botUser,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: MessageType.Default,
      components: [],
      ...extra,
    };
    return this.mergeBody(message, body, call.files);
  }

  /** Copies the message fields Discord echoes back from a create/edit body. */
  private mergeBody(message: APIMessage, body: Record<string, unknown>, files: RecordedFile[]): APIMessage {
    const merged: Record<string, unknown> = { ...message };
    for (const key of ['content', 'embeds', 'components', 'flags', 'tts', 'poll'] as const) {
      if (body[key] !== undefined) merged[key] = body[key];
    }
    if (body.attachments !== undefined || files.length > 0) {
      merged.attachments = this.attachmentsFor(body, files, message.channel_id);
    }
    return merged as unknown as APIMessage;
  }

  private attachmentsFor(
    body: Record<string, unknown>,
    files: RecordedFile[],
    channelId: string,
  ): APIAttachment[] {
    const described = Array.isArray(body.attachments) ? body.attachments.filter(isRecord) : [];
    return files.map((file, index) => {
      const description = described.find((a) => String(a.id) === String(index));
      const id = nextSnowflake();
      const url = `https://cdn.discordapp.com/attachments/${channelId}/${id}/${file.name}`;
      const attachment: APIAttachment = {
        id,
        filename: file.name,
        size: file.data.length,
        url,
        proxy_url: url,
        content_type: file.contentType,
      };
      if (typeof description?.description === 'string') attachment.description = description.description;
      return attachment;
    });
  }

  private storeMessage(message: APIMessage): APIMessage {
    this.messages.set(message.id, message);
    return message;
  }

  private applyEdit(message: APIMessage, call: RecordedCall): APIMessage {
    const body = isRecord(call.body) ? call.body : {};
    const edited = this.mergeBody(message, body, call.files);
    edited.edited_timestamp = new Date().toISOString();
    // A deferred reply stops "thinking" once it is edited.
    if (edited.flags !== undefined) edited.flags &= ~(1 << 7);
    return this.storeMessage(edited);
  }

  private editMessage(messageId: string, call: RecordedCall): Reply {
    const message = this.messages.get(messageId);
    if (!message) return discordError(404, 10008, 'Unknown Message');
    return { status: 200, body: this.applyEdit(message, call) };
  }

  private interactionCallback(call: RecordedCall, interactionId: string, token: string): Reply {
    const interaction = this.interactionsByToken.get(token);
    if (!interaction || interaction.id !== interactionId || this.pastDeadline(interaction)) {
      return discordError(404, 10062, 'Unknown interaction');
    }
    if (interaction.acknowledged) {
      return discordError(400, 40060, 'Interaction has already been acknowledged.');
    }
    const body = isRecord(call.body) ? call.body : {};
    const type = typeof body.type === 'number' ? body.type : 0;
    const data = isRecord(body.data) ? body.data : {};
    interaction.acknowledged = true;

    let message: APIMessage | undefined;
    if (type === 4 || type === 5) {
      const loading = type === 5 ? 1 << 7 : 0;
      const flags = (typeof data.flags === 'number' ? data.flags : 0) | loading;
      message = this.storeMessage(
        this.newMessage(
          interaction.channelId,
          { ...call, body: { ...data, flags } },
          {
            webhook_id: this.applicationId,
            application_id: this.applicationId,
            type: MessageType.ChatInputCommand,
          },
        ),
      );
      interaction.originalMessageId = message.id;
      interaction.messageIds.add(message.id);
    } else if ((type === 6 || type === 7) && interaction.sourceMessageId) {
      interaction.originalMessageId = interaction.sourceMessageId;
      interaction.messageIds.add(interaction.sourceMessageId);
      const source = this.messages.get(interaction.sourceMessageId);
      if (source && type === 7) message = this.applyEdit(source, { ...call, body: data });
    }

    if (call.query.with_response !== 'true') return { status: 204 };
    const ephemeral = message ? ((message.flags ?? 0) & 64) !== 0 : undefined;
    return {
      status: 200,
      body: {
        interaction: {
          id: interaction.id,
          type: interaction.type,
          ...(message
            ? {
                response_message_id: message.id,
                response_message_loading: type === 5,
                response_message_ephemeral: ephemeral,
              }
            : {}),
        },
        resource: { type, ...(message && (type === 4 || type === 7) ? { message } : {}) },
      },
    };
  }

  private pastDeadline(interaction: InteractionRecord): boolean {
    const deadline = this.options.interactionDeadlineMs;
    return (
      deadline !== undefined && !interaction.acknowledged && Date.now() - interaction.dispatchedAt > deadline
    );
  }

  private followUp(call: RecordedCall, token: string): Reply {
    const interaction = this.interactionsByToken.get(token);
    if (!interaction) return discordError(404, 10015, 'Unknown Webhook');
    const message = this.storeMessage(
      this.newMessage(interaction.channelId, call, {
        webhook_id: this.applicationId,
        application_id: this.applicationId,
      }),
    );
    interaction.messageIds.add(message.id);
    return { status: 200, body: message };
  }

  private webhookMessage(token: string, messageId: string, act: (message: APIMessage) => APIMessage): Reply {
    const interaction = this.interactionsByToken.get(token);
    if (!interaction) return discordError(404, 10015, 'Unknown Webhook');
    const id = messageId === '@original' ? interaction.originalMessageId : messageId;
    const message = id && interaction.messageIds.has(id) ? this.messages.get(id) : undefined;
    if (!message) return discordError(404, 10008, 'Unknown Message');
    return { status: 200, body: act(message) };
  }

  private putCommands(scope: string, call: RecordedCall): Reply {
    const bodies = Array.isArray(call.body) ? call.body.filter(isRecord) : [];
    const stored = bodies.map((body) => {
      const key = `${scope}:${String(body.type ?? 1)}:${String(body.name)}`;
      const id = this.commandIds.get(key) ?? nextSnowflake();
      this.commandIds.set(key, id);
      return { id, body };
    });
    this.commands.set(scope, stored);
    return this.getCommands(scope);
  }

  private getCommands(scope: string): Reply {
    const stored = this.commands.get(scope) ?? [];
    return {
      status: 200,
      body: stored.map(({ id, body }) => ({
        type: ApplicationCommandType.ChatInput,
        description: '',
        options: [],
        default_member_permissions: null,
        nsfw: false,
        ...body,
        id,
        application_id: this.applicationId,
        version: id,
        ...(scope === 'global' ? {} : { guild_id: scope }),
      })),
    };
  }

  private guildObject(guild: GuildSpec): Record<string, unknown> {
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      icon_hash: null,
      splash: null,
      discovery_splash: null,
      owner_id: '1184000000000000002',
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [
        {
          id: guild.id,
          name: '@everyone',
          color: 0,
          colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
          hoist: false,
          icon: null,
          unicode_emoji: null,
          position: 0,
          permissions: DEFAULT_PERMISSIONS,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      max_members: 500000,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      preferred_locale: 'en-US',
      max_video_channel_users: 25,
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
    };
  }

  private guildCreatePayload(guild: GuildSpec): Record<string, unknown> {
    const channels = (guild.channels ?? []).map((channel) => {
      // GUILD_CREATE channels carry no guild_id; discord.js fills it in from the guild.
      const { guild_id: _omitted, ...rest } = this.guildTextChannel(channel.id, channel.name, guild.id) as {
        guild_id?: string;
      };
      return rest;
    });
    const botMember = this.memberObject(guild.id, this.botUserId);
    return {
      ...this.guildObject(guild),
      joined_at: new Date(0).toISOString(),
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: botMember ? [botMember] : [],
      channels,
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  // ------------------------------------------------------------------ gateway

  ready(): Promise<void> {
    if (this.connectedClients() > 0) return Promise.resolve();
    return new Promise((resolve) => this.readyListeners.push(resolve));
  }

  /** The shard count the connected clients identified with (1 when none sharded). */
  private shardCountSeen(): number {
    for (const c of this.connections) if (c.sessionId !== null) return c.shard[1];
    return 1;
  }

  /** Shard ids with a live session, sorted. */
  connectedShards(): number[] {
    return [...this.connections]
      .filter((c) => c.sessionId !== null && c.socket.readyState === c.socket.OPEN)
      .map((c) => c.shard[0])
      .sort((a, b) => a - b);
  }

  connectedClients(): number {
    let count = 0;
    for (const connection of this.connections) {
      if (connection.sessionId !== null && connection.socket.readyState === connection.socket.OPEN)
        count += 1;
    }
    return count;
  }

  dropConnections(code = 4000): void {
    for (const connection of this.connections) connection.socket.close(code, 'Dropped by the Discord double');
  }

  private onGatewayConnection(socket: WebSocket): void {
    const connection: GatewayConnection = { socket, sessionId: null, seq: 0, shard: [0, 1] };
    this.connections.add(connection);
    socket.on('close', () => {
      this.connections.delete(connection);
      if (connection.sessionId)
        this.sessions.set(connection.sessionId, { seq: connection.seq, shard: connection.shard });
    });
    socket.on('message', (raw) => this.onGatewayMessage(connection, raw));
    this.sendGateway(connection, {
      op: 10,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs ?? 41_250 },
    });
  }

  private onGatewayMessage(connection: GatewayConnection, raw: RawData): void {
    let payload: unknown;
    try {
      payload = JSON.parse(rawToString(raw));
    } catch {
      connection.socket.close(4002, 'Error while decoding payload.');
      return;
    }
    if (!isRecord(payload)) return;
    const d = isRecord(payload.d) ? payload.d : {};
    switch (payload.op) {
      case 1:
        this.sendGateway(connection, { op: 11 });
        break;
      case 2:
        this.identify(connection, d);
        break;
      case 6:
        this.resume(connection, d);
        break;
      default:
        // Presence updates (3), member requests (8) and the like need no answer here.
        break;
    }
  }

  private identify(connection: GatewayConnection, d: Record<string, unknown>): void {
    const token = typeof d.token === 'string' ? d.token : '';
    const shard: [number, number] =
      Array.isArray(d.shard) && typeof d.shard[0] === 'number' && typeof d.shard[1] === 'number'
        ? [d.shard[0], d.shard[1]]
        : [0, 1];
    this.identifies.push({ token, intents: typeof d.intents === 'number' ? d.intents : 0, shard });
    connection.shard = shard;
    const mine = this.guilds.filter((guild) => shardOf(guild.id, shard[1]) === shard[0]);
    if (this.options.token !== undefined && token !== this.options.token) {
      connection.socket.close(4004, 'Authentication failed.');
      return;
    }
    const sessionId = randomBytes(16).toString('hex');
    connection.sessionId = sessionId;
    this.dispatch(connection, 'READY', {
      v: 10,
      user: { ...this.botUser, verified: true, mfa_enabled: false, flags: 0 },
      guilds: mine.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: this.gatewayUrl,
      shard,
      application: { id: this.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
    });
    for (const guild of mine) this.dispatch(connection, 'GUILD_CREATE', this.guildCreatePayload(guild));
    for (const listener of this.readyListeners.splice(0)) listener();
  }

  private resume(connection: GatewayConnection, d: Record<string, unknown>): void {
    const sessionId = typeof d.session_id === 'string' ? d.session_id : '';
    const session = this.sessions.get(sessionId);
    if (!session) {
      // Discord's answer to an unknown session: the client must IDENTIFY anew.
      this.sendGateway(connection, { op: 9, d: false });
      return;
    }
    this.sessions.delete(sessionId);
    connection.sessionId = sessionId;
    connection.seq = session.seq;
    connection.shard = session.shard;
    this.dispatch(connection, 'RESUMED', {});
    for (const listener of this.readyListeners.splice(0)) listener();
  }

  private dispatch(connection: GatewayConnection, event: string, d: unknown): void {
    connection.seq += 1;
    this.sendGateway(connection, { op: 0, t: event, s: connection.seq, d });
  }

  private sendGateway(connection: GatewayConnection, payload: Record<string, unknown>): void {
    if (connection.socket.readyState === connection.socket.OPEN) {
      connection.socket.send(JSON.stringify({ t: null, s: null, d: null, ...payload }));
    }
  }

  // ------------------------------------------------------------------ interactions

  dispatchInteraction(payload: APIInteraction): DispatchedInteraction {
    // Like Discord: only the session of the guild's shard gets it (DMs: shard 0).
    const guildId = 'guild_id' in payload ? payload.guild_id : undefined;
    const targets = [...this.connections].filter(
      (c) => c.sessionId !== null && c.shard[0] === shardOf(guildId, c.shard[1]),
    );
    if (targets.length === 0) {
      throw new Error(
        `No discord.js client of shard ${shardOf(guildId, this.shardCountSeen())} is connected to the Discord double; await double.ready() first`,
      );
    }
    const record: InteractionRecord = {
      id: payload.id,
      token: payload.token,
      type: payload.type,
      channelId: payload.channel?.id ?? '',
      dispatchedAt: Date.now(),
      acknowledged: false,
      originalMessageId: null,
      sourceMessageId: payload.message?.id ?? null,
      messageIds: new Set(),
    };
    if (payload.message && !this.messages.has(payload.message.id))
      this.messages.set(payload.message.id, payload.message);
    this.interactionsByToken.set(payload.token, record);
    for (const connection of targets) this.dispatch(connection, 'INTERACTION_CREATE', payload);
    return { id: payload.id, token: payload.token };
  }

  interactionResponses(interactionId: string): InteractionResponse[] {
    const responses: InteractionResponse[] = [];
    for (const call of this.calls) {
      const response = this.toResponse(call);
      if (response && response.interactionId === interactionId) responses.push(response.response);
    }
    return responses;
  }

  async waitForResponse(
    interactionId: string,
    predicate: (response: InteractionResponse) => boolean = () => true,
    timeoutMs = 5000,
  ): Promise<InteractionResponse> {
    const call = await this.waitForCall((c) => {
      const response = this.toResponse(c);
      return response !== null && response.interactionId === interactionId && predicate(response.response);
    }, timeoutMs);
    const response = this.toResponse(call);
    if (!response) throw new Error('unreachable: matched call is not an interaction response');
    return response.response;
  }

  private toResponse(call: RecordedCall): { interactionId: string; response: InteractionResponse } | null {
    const body = isRecord(call.body) ? call.body : {};
    const callback = /^\/interactions\/(\d+)\/([^/]+)\/callback$/.exec(call.path);
    if (callback && call.method === 'POST') {
      return {
        interactionId: callback[1] ?? '',
        response: {
          kind: 'callback',
          callbackType: typeof body.type === 'number' ? body.type : null,
          messageId: null,
          payload: isRecord(body.data) ? body.data : {},
          files: call.files,
          call,
        },
      };
    }
    const webhook = /^\/webhooks\/\d+\/([^/]+)(?:\/messages\/([^/]+))?$/.exec(call.path);
    const interaction = webhook ? this.interactionsByToken.get(webhook[1] ?? '') : undefined;
    if (!webhook || !interaction) return null;
    const messageId = webhook[2] ?? null;
    const kinds: Record<string, InteractionResponseKind> = { PATCH: 'edit', DELETE: 'delete', GET: 'fetch' };
    const kind: InteractionResponseKind | undefined = messageId === null ? 'followup' : kinds[call.method];
    if (!kind) return null;
    return {
      interactionId: interaction.id,
      response: { kind, callbackType: null, messageId, payload: body, files: call.files, call },
    };
  }

  getMessage(messageId: string): APIMessage | undefined {
    return this.messages.get(messageId);
  }

  // ------------------------------------------------------------------ payload builders

  private base<T extends InteractionType>(spec: InteractionBase, type: T) {
    const user = this.registerUser(spec.user);
    const common = {
      id: nextSnowflake(),
      application_id: this.applicationId,
      type,
      token: `aW50ZXJhY3Rpb246${randomBytes(48).toString('base64url')}`,
      version: 1 as const,
      locale: spec.locale ?? Locale.EnglishUS,
      app_permissions: DEFAULT_PERMISSIONS,
      entitlements: [],
      attachment_size_limit: 10 * 1024 * 1024,
    };
    const { guild } = spec;
    const userInstall = spec.install === 'user' || spec.privateChannel === true;
    if (!guild) {
      const channelId =
        spec.channelId ?? (spec.privateChannel === true ? nextSnowflake() : this.dmChannelId(user.id));
      return {
        ...common,
        user,
        context:
          spec.privateChannel === true ? InteractionContextType.PrivateChannel : InteractionContextType.BotDM,
        authorizing_integration_owners: userInstall ? { '1': user.id } : { '0': '0' },
        channel: {
          id: channelId,
          type: ChannelType.DM as const,
          recipients: [user],
          last_message_id: null,
          flags: 0,
        },
        channel_id: channelId,
      };
    }
    const configured = this.guilds.find((g) => g.id === guild.id);
    const channelId = spec.channelId ?? configured?.channels?.[0]?.id ?? nextSnowflake();
    const channel = this.channelFor(channelId) ?? this.guildTextChannel(channelId, 'general', guild.id);
    this.channels.set(channelId, channel);
    const key = `${guild.id}:${user.id}`;
    const membership = this.members.get(key) ?? {
      roles: guild.roles ?? [],
      joinedAt: new Date(0).toISOString(),
    };
    if (guild.roles) membership.roles = guild.roles;
    this.members.set(key, membership);
    const member: APIInteractionGuildMember = {
      user,
      nick: null,
      avatar: null,
      banner: null,
      roles: membership.roles,
      joined_at: membership.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0 as GuildMemberFlags,
      pending: false,
      communication_disabled_until: null,
      permissions: guild.permissions ?? DEFAULT_PERMISSIONS,
    };
    return {
      ...common,
      guild_id: guild.id,
      guild: { id: guild.id, locale: spec.guildLocale ?? Locale.EnglishUS, features: [] },
      guild_locale: spec.guildLocale ?? Locale.EnglishUS,
      member,
      context: InteractionContextType.Guild,
      authorizing_integration_owners: userInstall ? { '1': user.id } : { '0': guild.id },
      channel: { ...channel, id: channelId, type: ChannelType.GuildText as const },
      channel_id: channelId,
    };
  }

  private commandData(spec: SlashCommandSpec, focused?: string) {
    const resolvedChannels: Record<string, APIInteractionDataResolvedChannel> = {};
    let options: APIApplicationCommandInteractionDataOption[] = Object.entries(spec.options ?? {}).map(
      ([name, value]) => toOption(name, value, name === focused, resolvedChannels),
    );
    if (spec.subcommand) {
      options = [
        { name: spec.subcommand, type: ApplicationCommandOptionType.Subcommand, options },
      ] as typeof options;
    }
    if (spec.subcommandGroup) {
      options = [
        { name: spec.subcommandGroup, type: ApplicationCommandOptionType.SubcommandGroup, options },
      ] as typeof options;
    }
    const key = `${spec.guild?.id ?? 'global'}:1:${spec.name}`;
    const globalKey = `global:1:${spec.name}`;
    const id = this.commandIds.get(key) ?? this.commandIds.get(globalKey) ?? nextSnowflake();
    this.commandIds.set(key, id);
    return {
      id,
      name: spec.name,
      type: ApplicationCommandType.ChatInput as const,
      options,
      ...(Object.keys(resolvedChannels).length > 0 ? { resolved: { channels: resolvedChannels } } : {}),
      ...(spec.guild ? { guild_id: spec.guild.id } : {}),
    };
  }

  slashCommand(spec: SlashCommandSpec): APIChatInputApplicationCommandInteraction {
    return {
      ...this.base(spec, InteractionType.ApplicationCommand),
      data: this.commandData(spec),
    } as APIChatInputApplicationCommandInteraction;
  }

  autocomplete(spec: AutocompleteSpec): APIApplicationCommandAutocompleteInteraction {
    return {
      ...this.base(spec, InteractionType.ApplicationCommandAutocomplete),
      data: this.commandData(spec, spec.focused),
    } as APIApplicationCommandAutocompleteInteraction;
  }

  buttonClick(spec: ButtonClickSpec): APIMessageComponentButtonInteraction {
    const base = this.base(spec, InteractionType.MessageComponent);
    const message = this.sourceMessage(base.channel_id, spec.message, [
      {
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.Button, style: 1, label: 'Button', custom_id: spec.customId }],
      },
    ]);
    return {
      ...base,
      message,
      data: { custom_id: spec.customId, component_type: ComponentType.Button },
    } as APIMessageComponentButtonInteraction;
  }

  modalSubmit(spec: ModalSubmitSpec): APIModalSubmitInteraction {
    const base = this.base(spec, InteractionType.ModalSubmit);
    const components = Object.entries(spec.fields).map(([customId, value]) => ({
      type: ComponentType.ActionRow as const,
      components: [{ type: ComponentType.TextInput as const, custom_id: customId, value }],
    }));
    return {
      ...base,
      ...(spec.message ? { message: this.sourceMessage(base.channel_id, spec.message, []) } : {}),
      data: { custom_id: spec.customId, components },
    } as APIModalSubmitInteraction;
  }

  private sourceMessage(
    channelId: string,
    given: Partial<APIMessage> | undefined,
    components: unknown[],
  ): APIMessage {
    const stored = given?.id ? this.messages.get(given.id) : undefined;
    return {
      id: nextSnowflake(),
      channel_id: channelId,
      author: this.botUser,
      content: '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: MessageType.Default,
      flags: 0,
      components,
      ...stored,
      ...given,
    } as APIMessage;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function toOption(
  name: string,
  value: SlashOptionValue,
  focused: boolean,
  resolvedChannels: Record<string, APIInteractionDataResolvedChannel>,
): APIApplicationCommandInteractionDataOption {
  const focus = focused ? { focused: true } : {};
  if (typeof value === 'string') return { name, type: ApplicationCommandOptionType.String, value, ...focus };
  if (typeof value === 'boolean') return { name, type: ApplicationCommandOptionType.Boolean, value };
  if (typeof value === 'number') {
    const type = Number.isInteger(value)
      ? ApplicationCommandOptionType.Integer
      : ApplicationCommandOptionType.Number;
    return { name, type, value, ...focus } as APIApplicationCommandInteractionDataOption;
  }
  if (value.kind === 'channel') {
    const channelType = value.channelType ?? ChannelType.GuildText;
    resolvedChannels[value.id] = {
      id: value.id,
      name: value.name ?? 'general',
      type: channelType,
      permissions: DEFAULT_PERMISSIONS,
    } as APIInteractionDataResolvedChannel;
    return { name, type: ApplicationCommandOptionType.Channel, value: value.id };
  }
  const types = {
    string: ApplicationCommandOptionType.String,
    integer: ApplicationCommandOptionType.Integer,
    number: ApplicationCommandOptionType.Number,
    boolean: ApplicationCommandOptionType.Boolean,
  } as const;
  return {
    name,
    type: types[value.kind],
    value: value.value,
    ...focus,
  } as APIApplicationCommandInteractionDataOption;
}

function rawToString(raw: RawData): string {
  if (Array.isArray(raw)) return Buffer.concat(raw).toString('utf8');
  if (raw instanceof ArrayBuffer) return Buffer.from(raw).toString('utf8');
  return raw.toString('utf8');
}

async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { body: null, files: [] };
  const contentType = req.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) {
    // undici's Response parses multipart exactly as discord.js (also undici) encodes it.
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    let body: unknown = null;
    const files: RecordedFile[] = [];
    for (const [field, value] of form.entries()) {
      if (typeof value === 'string') {
        if (field === 'payload_json') body = JSON.parse(value);
      } else {
        files.push({
          field,
          name: value.name,
          contentType: value.type,
          data: Buffer.from(await value.arrayBuffer()),
        });
      }
    }
    return { body, files };
  }
  const text = raw.toString('utf8');
  try {
    return { body: JSON.parse(text), files: [] };
  } catch {
    return { body: text, files: [] };
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  res
    .writeHead(reply.status, { 'content-type': 'application/json', ...headers })
    .end(JSON.stringify(reply.body));
}
