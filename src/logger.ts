import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';

export type { Logger } from 'pino';

export type LogFormat = 'json' | 'pretty';

/**
 * Logs to stderr (stdout belongs to the console chat): JSON lines for the bot as a service,
 * readable one-line entries (pino-pretty) in the console. Secrets are scrubbed from the
 * serialised line itself, so a token can never leak through an error message, a stack, or a
 * payload that some library logs.
 */
export function createLogger(
  level: string,
  secrets: (string | undefined)[] = [],
  sink: { write(line: string): void } = process.stderr,
  format: LogFormat = 'json',
): Logger {
  const hidden = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  const pretty =
    format === 'pretty'
      ? prettyFactory({
          colorize: false,
          translateTime: 'HH:MM:ss',
          ignore: 'pid,hostname',
          singleLine: true,
        })
      : null;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      let line = chunk.toString('utf8');
      for (const secret of hidden) line = line.replaceAll(secret, '[redacted]');
      sink.write(pretty === null ? line : pretty(line));
      callback();
    },
  });
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['token', '*.token', 'authorization', '*.authorization', 'headers.authorization'] },
    },
    stream,
  );
}

/** A short id the member can quote and the operator can grep for in the logs. */
export function newErrorId(): string {
  return randomBytes(3).toString('hex').toUpperCase();
}
