import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { App } from '../app.ts';
import { faultOf, WriteFailedError } from '../data/errors.ts';
import { dynamicKey } from '../i18n/index.ts';
import { type Logger, newErrorId } from '../logger.ts';
import { ConsoleChat } from './chat.ts';

export type ConsoleOptions = {
  input: Readable;
  output: Writable;
  log: Logger;
  memberName: string;
  /** The terminal's language (LANG), followed when the member's language is auto. */
  language?: string | undefined;
  imageDir?: string;
};

/**
 * What the member reads when a line failed: whether it was saved (a failed write never was;
 * an answer can be given again), with an error id that is in the log with the cause.
 */
function failureText(chat: ConsoleChat, error: unknown, errorId: string, answering: boolean): string {
  const { t } = chat;
  if (error instanceof WriteFailedError) {
    const text = t(dynamicKey(`errors.not-saved.${error.fault}`), { id: errorId });
    return answering ? `${text}\n${t('errors.answer-not-saved')}` : text;
  }
  return t('errors.generic-console', { id: errorId });
}

/**
 * The console loop: reads standard input line by line, from a terminal or a pipe; end of input
 * or /quit exits 0 after closing the database.
 */
export async function runConsole(app: App, options: ConsoleOptions): Promise<number> {
  const { input, output, log } = options;
  const write = (text: string) => output.write(`${text}\n`);
  const chat = new ConsoleChat(
    app.ctx,
    write,
    options.memberName,
    options.imageDir ?? path.resolve('data'),
    options.language,
  );
  const isTerminal = (input as { isTTY?: boolean }).isTTY === true;
  const rl = createInterface({
    input,
    output: isTerminal ? output : undefined,
    terminal: isTerminal,
    completer: (line: string) => [chat.complete(line), line],
  });
  // Closing the input ends the loop below, which closes the database cleanly.
  const stop = () => rl.close();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // Taken before anything is awaited: readline drops lines that arrive (a pipe's whole input,
  // say) while nobody iterates, and the start reads the database.
  const lines = rl[Symbol.asyncIterator]();
  try {
    await chat.start();
    if (isTerminal) rl.prompt();
    for await (const line of { [Symbol.asyncIterator]: () => lines }) {
      const answering = chat.answering;
      try {
        if ((await chat.handle(line)) === 'quit') break;
      } catch (error) {
        const errorId = newErrorId();
        log.error({ errorId, fault: faultOf(error), err: error }, 'console command failed');
        write(failureText(chat, error, errorId, answering));
      }
      if (isTerminal) rl.prompt();
    }
  } finally {
    process.off('SIGTERM', stop);
    process.off('SIGINT', stop);
    rl.close();
    await app.close();
  }
  return 0;
}
