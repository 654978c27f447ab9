import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { loadBank } from '../../src/bank/load.ts';
import type { Bank, Question } from '../../src/domain/question.ts';
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

  constructor(env: Record<string, string>) {
    this.bank = loadBank(env.QUESTIONS_DIR ?? FIXTURE_BANK);
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

  /** The bank question a printed block shows (its prompt starts on the line after the header). */
  question(block: string): Question {
    const prompt =
      /── Question .*──\n([\s\S]*?)\n( {2}1\) A\. |Select all|Answer with|True or false|Type your answer|Think of the answer)/.exec(
        block,
      )?.[1];
    const q = this.bank.questions.find((x) => x.prompt === prompt);
    if (q === undefined) throw new Error(`no fixture question with the prompt "${prompt}"`);
    return q;
  }

  /** Waits for the next question (or the end of the session: null); returns its printed block. */
  async nextQuestion(): Promise<string | null> {
    const block = await this.until(
      /(── Question [\s\S]*?(Answer with a number or a letter\.|e\.g\. 1,3|\(t\/f\)|Type your answer\.|press Enter to reveal it\.)\n)|Session done: .*\n|Nothing due.*\n/,
    );
    return block.includes('── Question') ? block : null;
  }

  /** Types the right answer to a printed question (a flashcard: reveal, then grade 5). */
  async answer(block: string): Promise<void> {
    if (this.question(block).kind === 'flashcard') {
      this.type('');
      await this.until(/5 Right, easy\n/);
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
