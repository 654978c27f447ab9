import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { DatabaseTarget } from './db.ts';
import { DatabaseError, describeCause, faultOf } from './errors.ts';
import { explainPostgresFailure } from './postgres/errors.ts';

/**
 * A SQLite database as the bot finds it at start: every way it can be unusable (a folder, no
 * access, read-only, not a database, damaged, locked by another program, a disk that is full)
 * becomes one line that names the file and says what to do.
 */

const SQLITE_HEADER = 'SQLite format 3\u0000';

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? 'error';
}

function readOnlyFile(file: string): DatabaseError {
  return new DatabaseError(
    `DATABASE_URL: ${file} is read-only; the bot writes to its database, so give the bot's user write access to it (or copy it somewhere writable)`,
  );
}

function notADatabase(file: string): DatabaseError {
  return new DatabaseError(
    `DATABASE_URL: ${file} is not a SQLite database (another kind of file, or damaged); restore it from a backup, or move it away and start again to create a new one`,
  );
}

/** What can be told about the file before SQLite opens it. */
export function checkDatabaseFile(file: string): void {
  const dir = path.dirname(file);
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new DatabaseError(
      `DATABASE_URL: the folder ${dir} is not writable (${code(error)}); SQLite keeps ${path.basename(file)}-wal and -shm beside the database, so the bot's user needs write access to the folder`,
    );
  }
  if (!existsSync(file)) return;
  if (statSync(file).isDirectory()) {
    throw new DatabaseError(
      `DATABASE_URL: ${file} is a folder, not a database file; point DATABASE_URL at a file, e.g. file:./data/quizbot.db`,
    );
  }
  try {
    accessSync(file, constants.R_OK);
  } catch (error) {
    throw new DatabaseError(
      `DATABASE_URL: cannot read ${file} (${code(error)}); give the bot's user read and write access to it`,
    );
  }
  try {
    accessSync(file, constants.W_OK);
  } catch {
    throw readOnlyFile(file);
  }
  const header = Buffer.alloc(16);
  const fd = openSync(file, 'r');
  let read = 0;
  try {
    read = readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  // An empty file is a new database to SQLite; anything else must start with its header.
  if (read > 0 && header.toString('latin1', 0, read) !== SQLITE_HEADER.slice(0, read))
    throw notADatabase(file);
}

/** Any failure while migrating, opening or first writing the database, as one line. */
export function explainStartFailure(file: string, error: unknown, budgetMs: number): DatabaseError {
  const fault = faultOf(error);
  // Our own one-liners (a failed migration, say) stand as they are, unless SQLite said why.
  if (error instanceof DatabaseError && (fault === null || fault === 'unavailable')) return error;
  switch (fault) {
    case 'busy':
      return new DatabaseError(
        `DATABASE_URL: ${file} is locked by another program (still busy after ${Number((budgetMs / 1000).toFixed(1))} s); close whatever holds it (another bot process with an open transaction, a sqlite3 shell, a backup tool) and start again`,
      );
    case 'read-only':
      return readOnlyFile(file);
    case 'corrupt':
      return notADatabase(file);
    case 'full':
      return new DatabaseError(
        `DATABASE_URL: no space left to write ${file}; free some disk space and start again`,
      );
    case 'unavailable':
      return new DatabaseError(
        `DATABASE_URL: cannot open ${file} (${describeCause(error)}); check the path and its permissions`,
      );
    default:
      return new DatabaseError(`DATABASE_URL: cannot use ${file} (${describeCause(error)})`);
  }
}

/** Any failure while migrating, opening or first writing either provider's database, as one line. */
export function explainDatabaseFailure(
  target: DatabaseTarget,
  error: unknown,
  budgetMs: number,
): DatabaseError {
  return target.provider === 'sqlite'
    ? explainStartFailure(target.path, error, budgetMs)
    : explainPostgresFailure(target.url, error);
}
