import { STALE_PLAN } from './postgres/statements.ts';

/**
 * Database failures as the rest of the program needs to know them: whether a retry may help
 * (busy), and what to tell a member (it was not saved, and roughly why).
 */

export type StoreFault = 'busy' | 'full' | 'read-only' | 'corrupt' | 'unavailable';

/** A write that did not happen: the transaction was rolled back, nothing of it was saved. */
export class WriteFailedError extends Error {
  override name = 'WriteFailedError';
  constructor(
    readonly fault: StoreFault,
    override readonly cause: unknown,
  ) {
    super(`the write was not saved (${fault}): ${describeCause(cause)}`);
  }
}

/** Start-up and connection failures: one line naming the database and what to do. */
export class DatabaseError extends Error {
  override name = 'DatabaseError';
}

/**
 * One line of an error's message that says what happened. Prisma's raw-query errors open with
 * "Invalid `prisma.$executeRaw()` invocation:" and carry the driver's words on a later line.
 */
export function describeCause(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const lines = message.split('\n').filter((l) => l.trim() !== '' && !/^Invalid `prisma\./.test(l.trim()));
  const driver = lines.find((l) => /Message: `/.test(l));
  return (driver ?? lines[0] ?? 'unknown error').trim();
}

/**
 * PostgreSQL's SQLSTATE codes and classes (the first two characters) that are faults rather
 * than bugs. A serialization failure or deadlock means the transaction was rolled back whole
 * and may simply run again, as a busy SQLite database does.
 */
const POSTGRES_FAULTS: Record<string, StoreFault> = {
  '40001': 'busy', // serialization_failure
  '40P01': 'busy', // deadlock_detected
  '55P03': 'busy', // lock_not_available
  '53300': 'busy', // too_many_connections: a slot frees up soon
  '53100': 'full', // disk_full
  '53200': 'unavailable', // out_of_memory
  '25006': 'read-only', // read_only_sql_transaction (a standby, or default_transaction_read_only)
  '57P01': 'unavailable', // admin_shutdown
  '57P02': 'unavailable', // crash_shutdown
  '57P03': 'unavailable', // cannot_connect_now
  '3D000': 'unavailable', // the database was dropped
  XX001: 'corrupt', // data_corrupted
  XX002: 'corrupt', // index_corrupted
};
const POSTGRES_CLASSES: Record<string, StoreFault> = {
  '08': 'unavailable', // connection exceptions
  '58': 'unavailable', // system errors (I/O)
};

/** What the pg adapter and Prisma say without a SQLSTATE: the connection is gone, or the pool is exhausted. */
const POSTGRES_KINDS: Record<string, StoreFault> = {
  TransactionWriteConflict: 'busy',
  TooManyConnections: 'busy',
  DatabaseNotReachable: 'unavailable',
  ConnectionClosed: 'unavailable',
  DatabaseDoesNotExist: 'unavailable',
  // Prisma: a write conflict or deadlock; no connection for an interactive transaction in time.
  P2034: 'busy',
  P2028: 'busy',
  P1001: 'unavailable',
  P1017: 'unavailable',
};

const POSTGRES_MESSAGES =
  /Connection terminated|connection ended unexpectedly|Client has encountered a connection error|Cannot use a pool after calling end|terminating connection/i;

/** A SQLSTATE by its class (not Prisma's P2010, nor Node's EPERM or EROFS). */
const SQLSTATE = /^([0-5][0-9A-Z]|F0|HV|P0|XX)[0-9A-Z]{3}$/;

/** Every code and kind found in an error and what it wraps (PostgreSQL's pg, its adapter, Prisma). */
function codes(error: unknown, found: string[] = [], depth = 0): string[] {
  if (typeof error !== 'object' || error === null || depth > 6) return found;
  const e = error as Record<string, unknown>;
  for (const key of ['originalCode', 'code', 'kind']) if (typeof e[key] === 'string') found.push(e[key]);
  for (const key of ['cause', 'meta', 'driverAdapterError']) codes(e[key], found, depth + 1);
  return found;
}

/**
 * The fault of a PostgreSQL error; undefined when the error is not PostgreSQL's (SQLite's
 * codes are names such as SQLITE_BUSY, never five-character SQLSTATEs).
 */
function postgresFault(error: unknown): StoreFault | null | undefined {
  const found = codes(error);
  if (found.some((c) => c.startsWith('SQLITE'))) return undefined;
  for (const c of found) {
    const fault = POSTGRES_KINDS[c] ?? POSTGRES_FAULTS[c];
    if (fault !== undefined) return fault;
  }
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? '')}` : '';
  // A prepared statement outdated by a migration: prepared again under a new name when retried.
  if (STALE_PLAN.test(text)) return 'busy';
  const sqlstate = found.find((c) => SQLSTATE.test(c));
  if (sqlstate !== undefined) return POSTGRES_CLASSES[sqlstate.slice(0, 2)] ?? null;
  return POSTGRES_MESSAGES.test(text) ? 'unavailable' : undefined;
}

/** SQLite's primary result codes (the low byte of an extended code). */
const SQLITE_FAULTS: Record<number, StoreFault> = {
  5: 'busy', // SQLITE_BUSY (and _RECOVERY, _SNAPSHOT, _TIMEOUT)
  6: 'busy', // SQLITE_LOCKED
  8: 'read-only', // SQLITE_READONLY
  10: 'unavailable', // SQLITE_IOERR
  11: 'corrupt', // SQLITE_CORRUPT
  13: 'full', // SQLITE_FULL
  14: 'unavailable', // SQLITE_CANTOPEN
  26: 'corrupt', // SQLITE_NOTADB
};

const SQLITE_NAMES: [RegExp, StoreFault][] = [
  [/SQLITE_BUSY|database is locked|SQLITE_LOCKED/i, 'busy'],
  [/SQLITE_FULL|database or disk is full|ENOSPC/i, 'full'],
  [/SQLITE_READONLY|readonly database|read-only/i, 'read-only'],
  [/SQLITE_CORRUPT|SQLITE_NOTADB|malformed|not a database/i, 'corrupt'],
  [/SQLITE_IOERR|SQLITE_CANTOPEN|disk I\/O error|unable to open/i, 'unavailable'],
];

function sqliteCode(error: unknown, depth = 0): number | undefined {
  if (typeof error !== 'object' || error === null || depth > 6) return undefined;
  const e = error as Record<string, unknown>;
  for (const key of ['extendedCode', 'originalCode']) {
    const v = e[key];
    if (typeof v === 'number') return v;
    // A five-character code is PostgreSQL's SQLSTATE (40001), never a SQLite result code.
    if (typeof v === 'string' && /^\d+$/.test(v) && v.length !== 5) return Number(v);
  }
  for (const key of ['cause', 'meta', 'driverAdapterError']) {
    const found = sqliteCode(e[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** What kind of database fault an error is, or null when it is not one (a bug, a refusal). */
export function faultOf(error: unknown): StoreFault | null {
  if (error instanceof WriteFailedError) return error.fault;
  const postgres = postgresFault(error);
  if (postgres !== undefined) return postgres;
  const code = sqliteCode(error);
  if (code !== undefined) {
    const fault = SQLITE_FAULTS[code & 0xff];
    if (fault !== undefined) return fault;
  }
  const text =
    error instanceof Error ? `${error.name} ${error.message} ${String(error.cause ?? '')}` : String(error);
  for (const [pattern, fault] of SQLITE_NAMES) if (pattern.test(text)) return fault;
  return null;
}
