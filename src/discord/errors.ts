import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';

/** Discord's JSON error codes the bot reacts to. */
export const DiscordCode = {
  UnknownChannel: 10003,
  UnknownInteraction: 10062,
  MissingAccess: 50001,
  CannotMessageUser: 50007,
  /** The member shares no server with the bot (or has server DMs off): a user install, say. */
  NoMutualGuilds: 50278,
  MissingPermissions: 50013,
} as const;

export function isDiscordError(error: unknown, ...codes: number[]): error is DiscordAPIError {
  return error instanceof DiscordAPIError && codes.includes(Number(error.code));
}

/** Interaction and webhook tokens sit in REST paths; they are credentials, so they never reach a log. */
export function redactPath(url: string): string {
  return url
    .replace(/\/interactions\/(\d+)\/[^/?]+/g, '/interactions/$1/[token]')
    .replace(/\/webhooks\/(\d+)\/[^/?]+/g, '/webhooks/$1/[token]');
}

/** A loggable description of any error, without request bodies or tokens. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof DiscordAPIError) {
    return {
      type: 'DiscordAPIError',
      code: error.code,
      status: error.status,
      method: error.method,
      path: redactPath(error.url),
      message: error.message,
    };
  }
  if (error instanceof HTTPError) {
    return { type: 'HTTPError', status: error.status, method: error.method, path: redactPath(error.url) };
  }
  if (error instanceof RateLimitError) {
    return { type: 'RateLimitError', route: error.route, retryAfter: error.retryAfter, global: error.global };
  }
  if (error instanceof Error) return { type: error.name, message: error.message, stack: error.stack };
  return { type: typeof error, message: String(error) };
}

/** One line for a delivery row's lastError. */
export function errorSummary(error: unknown): string {
  if (error instanceof DiscordAPIError) return `Discord ${error.status} ${error.code}: ${error.message}`;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
