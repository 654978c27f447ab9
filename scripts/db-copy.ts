// npm run db:copy -- <from-url> <to-url>: copies every row of one database into a new one, e.g.
// an existing SQLite file into a fresh PostgreSQL database:
//   npm run db:copy -- file:./data/quizbot.db postgresql://quizbot:secret@db.example:5432/quizbot
// The target is migrated first and must hold no data; the copy runs in one transaction on it.
// Stop the bot first: the copy holds the source's write lock while it reads.
import { copyDatabase, describeTarget, targetOf } from '../src/data/copy.ts';
import { DatabaseError, describeCause } from '../src/data/errors.ts';

const [from, to, ...rest] = process.argv.slice(2);
if (from === undefined || to === undefined || rest.length > 0) {
  console.error(
    'usage: npm run db:copy -- <from-url> <to-url>   (file:./data/quizbot.db, postgresql://user:password@host:5432/db)',
  );
  process.exit(2);
}

/**
 * The failures name DATABASE_URL, as at the bot's start; here the URLs are arguments: say which
 * one (the message names its database).
 */
function forCopy(message: string, source: string, target: string): string {
  const about = (url: string) => {
    try {
      return message.includes(describeTarget(targetOf(url, process.cwd())));
    } catch {
      return false;
    }
  };
  const which = about(target) ? 'the target URL' : about(source) ? 'the source URL' : 'the URL';
  return message.replaceAll('DATABASE_URL', which);
}

try {
  const result = await copyDatabase(from, to, { log: (line) => console.log(line) });
  console.log(
    `Copied ${result.rows.toLocaleString('en-US')} rows in ${result.tables.length} tables from ${result.from} to ${result.to} in ${(result.ms / 1000).toFixed(1)} s.`,
  );
} catch (error) {
  console.error(
    error instanceof DatabaseError ? forCopy(error.message, from, to) : `db:copy: ${describeCause(error)}`,
  );
  process.exitCode = 1;
}
