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
    if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
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
