import { DatabaseError } from '../errors.ts';
import { describeEngineError } from '../migrations/engine-error.ts';

/**
 * PostgreSQL connection failures as one line for the operator: which server (host:port/db,
 * never the password), what went wrong, and what to do. No driver import here, so the start-up
 * path can use it whatever the provider.
 */

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

type ServerParts = { host: string; port: string; database: string; user: string; password: string };

function serverParts(url: string): ServerParts | null {
  try {
    const u = new URL(url.trim());
    const socketHost = u.searchParams.get('host');
    const user = decodeURIComponent(u.username);
    return {
      host: u.hostname !== '' ? u.hostname : (socketHost ?? 'localhost'),
      port: u.port !== '' ? u.port : (u.searchParams.get('port') ?? '5432'),
      database: decodeURIComponent(u.pathname.replace(/^\//, '')) || user || 'postgres',
      user: user || 'the default user',
      password: decodeURIComponent(u.password),
    };
  } catch {
    return null;
  }
}

/** `host:port/database` of a PostgreSQL URL, without user or password. */
export function describePostgresServer(url: string): string {
  const parts = serverParts(url);
  return parts === null ? 'an unreadable PostgreSQL URL' : `${parts.host}:${parts.port}/${parts.database}`;
}

/** Every code, error kind and message found in an error and what it wraps. */
function collectClues(error: unknown, clues: string[] = [], depth = 0): string[] {
  if (depth > 6 || error === null || error === undefined) return clues;
  if (typeof error !== 'object') {
    clues.push(String(error));
    return clues;
  }
  const e = error as Record<string, unknown>;
  for (const key of ['code', 'originalCode', 'kind', 'errorCode', 'message', 'originalMessage', 'reason']) {
    if (typeof e[key] === 'string' || typeof e[key] === 'number') clues.push(String(e[key]));
  }
  for (const key of ['cause', 'meta', 'driverAdapterError', 'error']) collectClues(e[key], clues, depth + 1);
  if (Array.isArray(e.errors)) for (const inner of e.errors) collectClues(inner, clues, depth + 1);
  return clues;
}

export type PostgresFailure =
  | 'unreachable'
  | 'authentication'
  | 'no-database'
  | 'privileges'
  | 'too-many-connections'
  | 'starting'
  | 'tls';

const FAILURES: [PostgresFailure, RegExp][] = [
  [
    'unreachable',
    /\b(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|DatabaseNotReachable|P1001|SocketTimeout)\b|can't reach database server|connection terminated due to connection timeout|timeout expired/i,
  ],
  [
    'authentication',
    /\b(28P01|28000|AuthenticationFailed|DatabaseAccessDenied|P1000)\b|password authentication failed|client password must be a string|no pg_hba\.conf entry|role ".*" does not exist/i,
  ],
  ['no-database', /\b(3D000|DatabaseDoesNotExist|P1003)\b|database ".*" does not exist/i],
  ['privileges', /\b(42501|P1010)\b|permission denied|must be owner|denied access/i],
  ['too-many-connections', /\b(53300|TooManyConnections)\b|too many clients|too many connections/i],
  ['starting', /\b(57P03)\b|the database system is (starting up|shutting down|in recovery mode)/i],
  [
    'tls',
    /\bTlsConnectionError\b|does not support SSL|SSL connection|self[- ]signed certificate|unable to verify the first certificate|ERR_TLS/i,
  ],
];

/** Which connection failure an error is, or null when it is something else (a failing migration, a bug). */
export function classifyPostgresFailure(error: unknown): PostgresFailure | null {
  const text = collectClues(error).join(' ');
  for (const [failure, pattern] of FAILURES) if (pattern.test(text)) return failure;
  return null;
}

/** The first string found under `key` in an error or what it wraps (depth-first). */
function findString(error: unknown, key: string, depth = 0): string | undefined {
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  const e = error as Record<string, unknown>;
  if (typeof e[key] === 'string') return e[key];
  for (const inner of ['cause', 'meta', 'driverAdapterError', 'error']) {
    const found = findString(e[inner], key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The most telling line of an error: the database's own message when the adapter kept it, the
 * last line of a Prisma client error (its first lines point at the calling code), else the
 * first meaningful line of the message.
 */
function causeLine(error: unknown): string {
  const original = findString(error, 'originalMessage');
  if (original !== undefined) return original;
  const message = error instanceof Error ? error.message : '';
  if (/^\s*Invalid `/.test(message)) {
    const last = message.trim().split('\n').pop()?.trim();
    if (last) return last;
  }
  const line = describeEngineError(error).cause;
  if (line !== 'unknown error' && line !== '[object Object]') return line;
  return collectClues(error).find((c) => /\D/.test(c) && c.length > 12) ?? line;
}

/** The telling line of an error's message, with the URL's password (if any) blanked out. */
export function redactedCause(url: string, error: unknown): string {
  let line = causeLine(error);
  const password = serverParts(url)?.password ?? '';
  if (password !== '') {
    line = line.split(password).join('***').split(encodeURIComponent(password)).join('***');
  }
  return line.replace(/(postgres(?:ql)?:\/\/[^:@/\s]*):[^@\s]*@/gi, '$1:***@');
}

function advice(failure: PostgresFailure, parts: ServerParts, setting: string): string {
  const at = `${parts.host}:${parts.port}/${parts.database}`;
  switch (failure) {
    case 'unreachable':
      return `cannot reach the PostgreSQL server at ${at}: start it, or correct the host and port in ${setting}`;
    case 'authentication':
      return `the PostgreSQL server at ${at} refused user "${parts.user}": correct the user and password in ${setting} (or create the role)`;
    case 'no-database':
      return `the database "${parts.database}" does not exist on ${parts.host}:${parts.port}: create it (CREATE DATABASE "${parts.database}" OWNER "${parts.user}") or correct the name in ${setting}`;
    case 'privileges':
      return `user "${parts.user}" lacks privileges on ${at}: make it the database's owner (ALTER DATABASE "${parts.database}" OWNER TO "${parts.user}") or grant it CREATE on the database and its schema`;
    case 'too-many-connections':
      return `the PostgreSQL server at ${at} has no free connection slot: close other clients or raise max_connections, then try again`;
    case 'starting':
      return `the PostgreSQL server at ${at} is starting up or shutting down: try again in a moment`;
    case 'tls':
      return `the TLS connection to the PostgreSQL server at ${at} failed: check sslmode and the certificates in ${setting}`;
  }
}

/**
 * One line for a PostgreSQL connection failure (unreachable server, wrong credentials, missing
 * database, missing privileges, ...), naming the server and what to do; `null` when the error is
 * not a connection failure. `setting` names the variable that holds the URL.
 */
export function postgresFailureMessage(url: string, error: unknown, setting = 'DATABASE_URL'): string | null {
  const failure = classifyPostgresFailure(error);
  const parts = serverParts(url);
  if (parts === null) return `${setting}: expected a URL like postgresql://user:password@host:5432/database`;
  if (failure === null) return null;
  return `${setting}: ${advice(failure, parts, setting)} (${redactedCause(url, error)})`;
}

/**
 * The DatabaseError to show for any failure to use the PostgreSQL database at `url`: the
 * specific advice for connection failures, else the server and the (redacted) cause.
 */
export function explainPostgresFailure(url: string, error: unknown, setting = 'DATABASE_URL'): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const message = postgresFailureMessage(url, error, setting);
  return new DatabaseError(
    message ??
      `${setting}: PostgreSQL at ${describePostgresServer(url)} failed: ${redactedCause(url, error)}`,
  );
}
