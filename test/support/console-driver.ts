import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { loadBank } from '../../src/bank/load.ts';
import type { Bank, Question } from '../../src/domain/question.ts';
import { type MessageKey, resolveLocale, type T, translator } from '../../src/i18n/index.ts';
import { FIXTURE_BANK } from './core.ts';
import { BUNDLE, ROOT, START_FLAGS } from './process.ts';

/**
 * Drives `npm start`'s console like a member at the keyboard: waits for what the bot prints,
 * then types. Options are shuffled at every presentation, so a right answer is found by reading
 * the options as printed, never by a letter fixed in advance.
 */
export class ConsoleDriver {
  private out = '';
  private err = '';
  private read = 0;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly exited: Promise<number | null>;
  private readonly bank: Bank;
  /** The console's language (from LANG, as the console picks it): what to look for in the output. */
  readonly t: T;

  constructor(env: Record<string, string>) {
    this.bank = loadBank(env.QUESTIONS_DIR ?? FIXTURE_BANK);
    this.t = translator(resolveLocale(null, env.LANG));
    this.child = spawn(process.execPath, [...START_FLAGS, BUNDLE], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        LOG_LEVEL: 'warn',
        QUESTIONS_DIR: FIXTURE_BANK,
        ...env,
      },
    });
    this.child.stdout.on('data', (d: Buffer) => {
      this.out += d.toString();
    });
    this.child.stderr.on('data', (d: Buffer) => {
      this.err += d.toString();
    });
    this.exited = new Promise((resolve) => this.child.on('close', resolve));
  }

  get stdout(): string {
    return this.out;
  }

  get stderr(): string {
    return this.err;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Kills the process at once (kill -9), as a crash or a pulled plug would. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** Waits until the output after what was read so far matches; returns that new output. */
  async until(pattern: RegExp, timeoutMs = 45_000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const fresh = this.out.slice(this.read);
      const m = pattern.exec(fresh);
      if (m !== null) {
        this.read += m.index + m[0].length;
        return fresh.slice(0, m.index + m[0].length);
      }
      if (Date.now() - started > timeoutMs)
        throw new Error(`no ${pattern} in:\n${fresh}\nstderr:\n${this.err}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Ends the input (Ctrl-D) and waits for the exit code. */
  async end(): Promise<number | null> {
    this.child.stdin.end();
    return this.exited;
  }

  /** The right answer to a printed question block, as the member would type it. */
  rightAnswer(block: string): string {
    const q = this.question(block);
    const shown = [...block.matchAll(/^ {2}(\d)\) [A-E]\. (.*)$/gm)].map((m) => m[2] ?? '');
    switch (q.kind) {
      case 'choice':
        return q.answer.map((i) => shown.indexOf(q.options[i] ?? '') + 1).join(',');
      case 'truefalse':
        return q.answer ? 't' : 'f';
      case 'text':
        return q.accept[0] ?? '';
      case 'flashcard':
        return '';
    }
  }

  /** A catalogue text as a pattern: its placeholders match anything on the line. */
  text(key: MessageKey): string {
    const template = this.t(key, {});
    return template
      .split(/\{\{\w+\}\}/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*?');
  }

  private get instructions(): string {
    const keys: MessageKey[] = [
      'console.answer-single',
      'console.answer-multi',
      'console.answer-tf',
      'console.answer-text',
      'console.answer-flashcard',
    ];
    return keys.map((k) => this.text(k)).join('|');
  }

  private get header(): string {
    return this.text('console.question-header').split('.*?')[0] ?? '──';
  }

  /** The bank question a printed block shows (its prompt starts on the line after the header). */
  question(block: string): Question {
    const prompt = new RegExp(`── .*──\\n([\\s\\S]*?)\\n( {2}1\\) A\\. |${this.instructions})`).exec(
      block,
    )?.[1];
    const q = this.bank.questions.find((x) => x.prompt === prompt);
    if (q === undefined) throw new Error(`no fixture question with the prompt "${prompt}"`);
    return q;
  }

  /** Waits for the next question (or the end of the session: null); returns its printed block. */
  async nextQuestion(): Promise<string | null> {
    const end = `${this.text('console.summary')}\\n|${this.text('console.nothing-due')}.*\\n`;
    const block = await this.until(new RegExp(`(${this.header}[\\s\\S]*?(${this.instructions})\\n)|${end}`));
    return block.includes(
      this.t('console.question-header', { position: '', total: '', tags: '' }).slice(0, 6),
    )
      ? block
      : null;
  }

  /** Types the right answer to a printed question (a flashcard: reveal, then grade 5). */
  async answer(block: string): Promise<void> {
    if (this.question(block).kind === 'flashcard') {
      this.type('');
      await this.until(new RegExp(`5 ${this.text('grades.5')}\\n`));
      this.type('5');
    } else {
      this.type(this.rightAnswer(block));
    }
  }

  /** Answers every question of the session just started right; returns how many were asked. */
  async answerSession(): Promise<number> {
    let asked = 0;
    for (let block = await this.nextQuestion(); block !== null; block = await this.nextQuestion()) {
      asked++;
      await this.answer(block);
    }
    return asked;
  }
}
