import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { closest } from 'fastest-levenshtein';
import type { App } from '../app.ts';
import {
  type CommandName,
  commandList,
  commands,
  isCommandName,
  parseOptions,
} from '../commands/definitions.ts';
import { type CoreContext, UserError } from '../core/context.ts';
import { getLeaderboard, PERIODS, type Period } from '../core/leaderboard.ts';
import { lookupFacts, resolveComparison, resolveTopic } from '../core/lookup.ts';
import { ensureMember, forgetMember, getSettings, updateSettings } from '../core/members.ts';
import { getProgress } from '../core/progress.ts';
import {
  type AnswerResult,
  answerQuestion,
  currentStreak,
  markGuessed,
  type PresentedQuestion,
  type SessionMode,
  type StartResult,
  startSession,
} from '../core/study.ts';
import { studyDay } from '../domain/day.ts';
import type { Answer } from '../domain/grading.ts';
import { isGrade } from '../domain/sm2.ts';
import type { Logger } from '../logger.ts';
import { renderProgressOf } from '../render/progress-image.ts';
import {
  renderComparison,
  renderFacts,
  renderFeedback,
  renderLeaderboard,
  renderNothingDue,
  renderProgress,
  renderQuestion,
  renderReveal,
  renderSummary,
} from './render.ts';

/**
 * The bot in a terminal: the same commands (parsed against the same definitions) and the same
 * use cases as on Discord, as one local member of one local group. Reads standard input line
 * by line, from a terminal or a pipe; end of input exits 0.
 */

export const CONSOLE_GROUP = { id: 'console', name: 'Local study group' };

const CONSOLE_ONLY: Record<string, string> = {
  help: '/help — this list',
  as: '/as <name> — switch to another local member (try a study group on one machine)',
  group: '/group [week|month|all] — the local group leaderboard',
  remind: '/remind — show the daily DM you would get now',
  learn: '/learn [topic] — new cards beyond today’s limit',
  practice: '/practice [topic] — practise ahead without moving your schedule',
  guessed: '/guessed — count your last correct answer as a lucky guess',
  quit: '/quit — leave (or press Ctrl-D)',
};

type Pending =
  | { kind: 'answer'; question: PresentedQuestion; revealed: boolean }
  | { kind: 'confirm-forget' }
  | { kind: 'none' };

export type ConsoleOptions = {
  input: Readable;
  output: Writable;
  log: Logger;
  memberName?: string;
  imageDir?: string;
};

/** Splits a command line into words, keeping "quoted phrases" together. */
export function tokenize(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/** Maps typed words to a command's options: `name:value` / `name=value`, or positionally in order. */
export function rawOptions(name: CommandName, words: string[]): Record<string, unknown> | string {
  const def = commands[name];
  const raw: Record<string, unknown> = {};
  const positional: string[] = [];
  for (const w of words) {
    const m = /^([a-z_]+)[:=](.*)$/.exec(w);
    if (m?.[1] !== undefined && def.options.some((o) => o.name === m[1])) raw[m[1]] = m[2] ?? '';
    else positional.push(w);
  }
  const free = def.options.filter((o) => !(o.name in raw));
  // The last free string option takes the remaining words, so "/fact aurora global database" works.
  positional.forEach((word, i) => {
    const opt = free[Math.min(i, free.length - 1)];
    if (opt === undefined) return;
    const prev = raw[opt.name];
    raw[opt.name] = i >= free.length - 1 && typeof prev === 'string' ? `${prev} ${word}` : word;
  });
  if (positional.length > 0 && free.length === 0) return `/${name} takes no more words. Usage: ${def.usage}`;
  for (const o of def.options) {
    const v = raw[o.name];
    if (typeof v !== 'string') continue;
    if (o.type === 'integer') raw[o.name] = /^-?\d+$/.test(v) ? Number(v) : v;
    if (o.type === 'boolean') {
      const b = { on: true, true: true, yes: true, off: false, false: false, no: false }[v.toLowerCase()];
      raw[o.name] = b ?? v;
    }
  }
  return raw;
}

function parseChoice(text: string, optionCount: number): number[] | undefined {
  const parts = text
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  const picks: number[] = [];
  for (const p of parts) {
    const n = /^\d$/.test(p) ? Number(p) - 1 : /^[a-e]$/.test(p) ? p.charCodeAt(0) - 97 : -1;
    if (n < 0 || n >= optionCount) return undefined;
    picks.push(n);
  }
  return picks;
}

export class ConsoleChat {
  private memberId: string;
  private memberName: string;
  private pending: Pending = { kind: 'none' };
  private timezone = 'UTC';
  private lastReviewId: number | null = null;

  constructor(
    private readonly ctx: CoreContext,
    private readonly write: (text: string) => void,
    memberName: string,
    private readonly imageDir: string,
  ) {
    this.memberName = memberName;
    this.memberId = ConsoleChat.idFor(memberName);
  }

  static idFor(name: string): string {
    return `console:${name.trim().toLowerCase().replace(/\s+/g, '-')}`;
  }

  banner(): string {
    return [
      'AWS database study bot — local console.',
      `You are "${this.memberName}" in the ${CONSOLE_GROUP.name}. Type /help for commands, /quiz to start.`,
      'To run it as a Discord bot instead, set DISCORD_TOKEN (see README.md).',
    ].join('\n');
  }

  async start(): Promise<void> {
    await this.enter();
    this.write(this.banner());
  }

  private async enter(): Promise<void> {
    const { member } = await ensureMember(this.ctx, {
      memberId: this.memberId,
      displayName: this.memberName,
      group: CONSOLE_GROUP,
    });
    this.timezone = member.timezone;
  }

  /** Handles one line of input; never throws for anything a member can type. */
  async handle(line: string): Promise<'quit' | undefined> {
    const text = line.trim();
    try {
      if (text.startsWith('/')) return await this.command(text);
      await this.reply(text);
    } catch (error) {
      if (error instanceof UserError) {
        this.write(
          error.suggestions.length > 0
            ? `${error.message} Try: ${error.suggestions.slice(0, 8).join(', ')}`
            : error.message,
        );
      } else {
        throw error;
      }
    }
    return undefined;
  }

  private async command(text: string): Promise<'quit' | undefined> {
    const [head = '', ...words] = tokenize(text.slice(1));
    const name = head.toLowerCase();
    if (name === 'quit' || name === 'exit') return 'quit';
    if (name === 'help') return void this.write(this.help());
    if (name === 'as') return void (await this.switchMember(words.join(' ')));
    if (name === 'guessed') return void (await this.guessed());
    if (name === 'learn' || name === 'practice') {
      return void (await this.quiz(
        words.join(' ') || undefined,
        name === 'learn' ? 'extra-new' : 'practice',
      ));
    }
    if (name === 'group') return void (await this.leaderboard(words[0] ?? 'week'));
    if (name === 'remind') return void (await this.remind());
    if (!isCommandName(name)) {
      const all = [...commandList().map((c) => c.name), ...Object.keys(CONSOLE_ONLY)];
      this.write(`Unknown command /${name}. Did you mean /${closest(name, all)}? Type /help for the list.`);
      return undefined;
    }
    const raw = rawOptions(name, words);
    if (typeof raw === 'string') return void this.write(raw);
    const parsed = parseOptions(name, raw);
    if (!parsed.ok) return void this.write(parsed.message);
    await this.enter();
    switch (name) {
      case 'quiz': {
        const o = parsed.options as { topic?: string };
        return void (await this.quiz(o.topic, 'review'));
      }
      case 'fact': {
        const o = parsed.options as { service: string; topic?: string };
        return void this.write(renderFacts(lookupFacts(this.ctx, o.service, o.topic)));
      }
      case 'compare': {
        const o = parsed.options as { comparison: string };
        return void this.write(renderComparison(resolveComparison(this.ctx, o.comparison), 100));
      }
      case 'leaderboard':
        return void (await this.leaderboard((parsed.options as { period: Period }).period));
      case 'stats':
        return void (await this.stats());
      case 'settings':
        return void (await this.settings(parsed.options as Record<string, unknown>));
      case 'group':
        return void this.write(
          'In the console, /group shows the local leaderboard: /group [week|month|all].',
        );
      case 'forget-me':
        this.pending = { kind: 'confirm-forget' };
        return void this.write(
          `This deletes all progress and settings of "${this.memberName}". Type yes to confirm.`,
        );
    }
  }

  private help(): string {
    const lines = [
      'Commands:',
      ...commandList()
        .filter((c) => c.name !== 'group')
        .map((c) => `  ${c.usage}`),
    ];
    lines.push(...Object.values(CONSOLE_ONLY).map((u) => `  ${u}`));
    lines.push(`Topics: ${this.ctx.bank.topics.map((t) => t.id).join(', ')}`);
    return lines.join('\n');
  }

  private async switchMember(name: string): Promise<void> {
    if (name.trim() === '') return void this.write('Usage: /as <name>, e.g. /as alice');
    this.memberName = name.trim().slice(0, 40);
    this.memberId = ConsoleChat.idFor(this.memberName);
    this.pending = { kind: 'none' };
    this.lastReviewId = null;
    await this.enter();
    this.write(`You are now "${this.memberName}".`);
  }

  private async quiz(topicQuery: string | undefined, mode: SessionMode): Promise<void> {
    await this.enter();
    let topic: string | undefined;
    if (topicQuery !== undefined) topic = resolveTopic(this.ctx, topicQuery).id;
    this.show(await startSession(this.ctx, this.memberId, { topic, mode }));
  }

  private show(start: StartResult): void {
    if (start.kind === 'nothing-due') {
      this.pending = { kind: 'none' };
      return void this.write(renderNothingDue(start, this.ctx.clock(), this.timezone));
    }
    if (start.resumed) this.write('Resuming your session.');
    else if (start.dueCount + start.newCount > 0) this.write(`${start.dueCount} due, ${start.newCount} new.`);
    this.ask(start.question);
  }

  private ask(q: PresentedQuestion): void {
    this.pending = { kind: 'answer', question: q, revealed: false };
    this.write(renderQuestion(q));
  }

  private async reply(text: string): Promise<void> {
    const p = this.pending;
    if (p.kind === 'confirm-forget') {
      this.pending = { kind: 'none' };
      if (text.toLowerCase() !== 'yes') return void this.write('Kept everything.');
      await forgetMember(this.ctx, this.memberId);
      return void this.write(`Deleted all data of "${this.memberName}".`);
    }
    if (p.kind === 'none') {
      if (text !== '') this.write('Type /quiz to start a review, or /help for commands.');
      return;
    }
    const q = p.question.question;
    let answer: Answer | undefined;
    switch (q.kind) {
      case 'choice': {
        const picks = parseChoice(text, q.options.length);
        if (picks === undefined)
          return void this.write(`Answer with 1-${q.options.length} or A-${'ABCDE'[q.options.length - 1]}.`);
        answer = { kind: 'choice', picks };
        break;
      }
      case 'truefalse': {
        const v = { t: true, true: true, yes: true, y: true, f: false, false: false, no: false, n: false }[
          text.toLowerCase()
        ];
        if (v === undefined) return void this.write('Answer t (true) or f (false).');
        answer = { kind: 'truefalse', value: v };
        break;
      }
      case 'text':
        if (text === '') return void this.write('Type your answer (or /quiz later to come back).');
        answer = { kind: 'text', text };
        break;
      case 'flashcard': {
        if (!p.revealed) {
          this.pending = { ...p, revealed: true };
          return void this.write(renderReveal(q.back));
        }
        const grade = Number(text);
        if (text === '' || !isGrade(grade)) return void this.write('Type a grade from 0 to 5.');
        answer = { kind: 'flashcard', grade };
        break;
      }
    }
    const result = await answerQuestion(this.ctx, {
      memberId: this.memberId,
      sessionId: p.question.sessionId,
      step: p.question.step,
      answer,
    });
    this.after(result);
  }

  private after(result: AnswerResult): void {
    const today = studyDay(this.ctx.clock(), this.timezone);
    if (result.status === 'recorded' || result.status === 'duplicate') {
      this.write(renderFeedback(result.feedback, today));
      this.lastReviewId = result.feedback.canMarkGuessed ? result.feedback.reviewId : null;
      if (result.summary !== null) this.write(renderSummary(result.summary));
    } else if ('message' in result) {
      this.write(result.message);
    }
    if (result.next === null) this.pending = { kind: 'none' };
    else this.ask(result.next);
  }

  private async guessed(): Promise<void> {
    if (this.lastReviewId === null)
      return void this.write('There is no correct answer to mark as a guess right now.');
    const schedule = await markGuessed(this.ctx, this.memberId, this.lastReviewId);
    this.lastReviewId = null;
    this.write(
      schedule === null
        ? 'That answer can no longer be changed.'
        : `Counted as a guess: you will see it again in ${schedule.intervalDays} day(s).`,
    );
  }

  private async leaderboard(periodText: string): Promise<void> {
    const period = PERIODS.find((p) => p.id === periodText.toLowerCase());
    if (period === undefined) return void this.write('Period is one of week, month, all.');
    await this.enter();
    const board = await getLeaderboard(this.ctx, CONSOLE_GROUP.id, period.id, this.memberId);
    this.write(renderLeaderboard(board, `${CONSOLE_GROUP.name} — ${period.label}`));
  }

  private async stats(): Promise<void> {
    const p = await getProgress(this.ctx, this.memberId);
    const png = await renderProgressOf(p);
    mkdirSync(this.imageDir, { recursive: true });
    const file = path.join(this.imageDir, `progress-${this.memberId.replace(/[^a-z0-9-]/g, '_')}.png`);
    writeFileSync(file, png);
    this.write(renderProgress(p, file));
  }

  private async settings(options: Record<string, unknown>): Promise<void> {
    const change = {
      timezone: options.timezone as string | undefined,
      reminderTime: options.reminder_time as string | undefined,
      remindersEnabled: options.reminders as boolean | undefined,
      newPerDay: options.new_per_day as number | undefined,
    };
    const changed = Object.values(change).some((v) => v !== undefined);
    const s = changed
      ? await updateSettings(this.ctx, this.memberId, change)
      : await getSettings(this.ctx, this.memberId);
    this.timezone = s.timezone;
    this.write(
      [
        changed ? 'Saved. Your settings:' : 'Your settings:',
        `  timezone ${s.timezone}`,
        `  reminder_time ${s.reminderTime} (daily quiz DM ${s.remindersEnabled ? 'on' : 'off'})`,
        `  new_per_day ${s.newPerDay}`,
        'Change with e.g. /settings timezone:Asia/Seoul reminder_time:08:30 reminders:on new_per_day:15',
      ].join('\n'),
    );
  }

  private async remind(): Promise<void> {
    await this.enter();
    const start = await startSession(this.ctx, this.memberId);
    const member = await this.ctx.store.findMember(this.memberId);
    const streak = member === null ? 0 : currentStreak(member, this.ctx.clock());
    if (start.kind === 'nothing-due')
      return void this.write('Nothing due or new: no reminder would be sent today.');
    const due = await this.ctx.store.countDue(this.ctx.store.db, this.memberId, new Date(this.ctx.clock()));
    this.write(
      `📬 Your daily quiz: ${due} due, ${start.newCount} new · streak ${streak} day(s). First question:`,
    );
    this.ask(start.question);
  }

  /** Completion candidates for a partial line: command names, then topics for /quiz. */
  complete(line: string): string[] {
    const names = [
      ...commandList().map((c) => `/${c.name}`),
      ...Object.keys(CONSOLE_ONLY).map((n) => `/${n}`),
    ];
    if (!line.includes(' ')) return names.filter((n) => n.startsWith(line));
    const [cmd = '', partial = ''] = line.split(/\s+/, 2);
    const pool =
      cmd === '/fact'
        ? this.ctx.bank.services.map((s) => s.id)
        : cmd === '/compare'
          ? this.ctx.bank.comparisons.map((c) => c.id)
          : this.ctx.bank.topics.map((t) => t.id);
    return pool.filter((x) => x.startsWith(partial)).map((x) => `${cmd} ${x}`);
  }
}

export async function runConsole(app: App, options: ConsoleOptions): Promise<number> {
  const { input, output, log } = options;
  const write = (text: string) => output.write(`${text}\n`);
  const chat = new ConsoleChat(
    app.ctx,
    write,
    options.memberName ?? process.env.USER ?? 'me',
    options.imageDir ?? path.resolve('data'),
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
  try {
    await chat.start();
    if (isTerminal) rl.prompt();
    for await (const line of rl) {
      try {
        if ((await chat.handle(line)) === 'quit') break;
      } catch (error) {
        log.error({ err: error }, 'console command failed');
        write('Something went wrong; the error is in the log. Your progress is saved.');
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
