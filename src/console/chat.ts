import { closest } from 'fastest-levenshtein';
import type { Outcome } from '../commands/outcome.ts';
import { COMMANDS, findCommand } from '../commands/registry.ts';
import type { CommandContext, Invoker } from '../commands/types.ts';
import { type CoreContext, UserError } from '../core/context.ts';
import { getLeaderboard, PERIODS, type Period } from '../core/leaderboard.ts';
import { ensureMember, forgetMember } from '../core/members.ts';
import { answerQuestion, markGuessed } from '../core/study/index.ts';
import { studyDay } from '../domain/day.ts';
import type { Answer } from '../domain/grading.ts';
import { isGrade } from '../domain/sm2.ts';
import { dynamicKey, resolveLocale, say, type T, translator } from '../i18n/index.ts';
import { examReply } from './exam.ts';
import { renderReveal } from './render/quiz.ts';
import { type After, type Screen, show } from './show.ts';
import { parseChoice, parseTrueFalse, rawOptions, tokenize } from './words.ts';

/**
 * The bot in a terminal: the same command modules and use cases as on Discord, as one local
 * member of one local group. Lines starting with / are commands; anything else answers the
 * question shown (or the forget-me confirmation).
 */

export const CONSOLE_GROUP_ID = 'console';
const LOCAL = ['help', 'as', 'group', 'guessed', 'quit'] as const;

export class ConsoleChat {
  private memberId: string;
  private memberName: string;
  private pending: After = { kind: 'none' };
  private timezone = 'UTC';
  private lastReviewId: number | null = null;
  /** The member's language, or the terminal's while theirs is auto; set again as they come in. */
  t: T;

  constructor(
    private readonly ctx: CoreContext,
    private readonly write: (text: string) => void,
    memberName: string,
    private readonly imageDir: string,
    private readonly language: string | undefined = undefined,
  ) {
    this.memberName = memberName;
    this.memberId = ConsoleChat.idFor(memberName);
    this.t = translator(resolveLocale(null, language));
  }

  static idFor(name: string): string {
    return `console:${name.trim().toLowerCase().replace(/\s+/g, '-')}`;
  }

  get groupName(): string {
    return this.t('console.group-name');
  }

  banner(): string {
    const { t } = this;
    return [
      t('console.banner'),
      t('console.you-are', { name: this.memberName, group: this.groupName }),
      t('console.discord-hint'),
    ].join('\n');
  }

  async start(): Promise<void> {
    await this.enter();
    this.write(this.banner());
  }

  /** Whether the line typed now answers a question (so a failure means the answer was lost). */
  get answering(): boolean {
    return this.pending.kind === 'answer' || this.pending.kind === 'exam';
  }

  private async enter(): Promise<Invoker> {
    const caller = {
      memberId: this.memberId,
      displayName: this.memberName,
      locale: this.language ?? null,
      group: { id: CONSOLE_GROUP_ID, name: this.groupName },
    };
    const { member } = await ensureMember(this.ctx, caller);
    this.timezone = member.timezone;
    this.t = translator(resolveLocale(member.language, this.language));
    return { ...caller, member, canManageServer: false, place: 'server' };
  }

  private screen(): Screen {
    return {
      t: this.t,
      write: this.write,
      now: this.ctx.clock,
      timezone: this.timezone,
      memberId: this.memberId,
      memberName: this.memberName,
      groupName: this.groupName,
      imageDir: this.imageDir,
      onGradable: (id) => {
        this.lastReviewId = id;
      },
    };
  }

  private async display(outcome: Outcome): Promise<void> {
    const after = await show(this.screen(), outcome);
    if (after !== null) this.pending = after;
  }

  /** Handles one line of input; refusals are printed, anything else is thrown to the caller. */
  async handle(line: string): Promise<'quit' | undefined> {
    const text = line.trim();
    try {
      if (text.startsWith('/')) return await this.command(text);
      await this.reply(text);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      await this.display({ kind: 'user-error', error });
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
    if (name === 'group') return void (await this.groupBoard(words[0] ?? 'week'));
    const command = findCommand(name);
    if (command === undefined) {
      const all = [...COMMANDS.map((c) => c.name), ...LOCAL];
      return void this.write(this.t('console.unknown-command', { name, closest: closest(name, all) }));
    }
    const parsed = rawOptions(command, words);
    if ('error' in parsed) return void this.write(say(this.t, parsed.error));
    const caller = await this.enter();
    const ctx: CommandContext = { core: this.ctx, ports: {} };
    const outcome = await command.execute(ctx, caller, parsed.raw);
    // A language just chosen speaks in its own reply already.
    if (outcome.kind === 'settings')
      this.t = translator(resolveLocale(outcome.settings.language, this.language));
    await this.display(outcome);
    return undefined;
  }

  private help(): string {
    const { t } = this;
    const usage = (name: string) => `  ${t(dynamicKey(`commands.${name}.usage`))}`;
    return [
      t('console.help.title'),
      ...COMMANDS.filter((c) => c.name !== 'group').map((c) => usage(c.name)),
      ...['help', 'as', 'group', 'guessed', 'quit'].map((k) => `  ${t(dynamicKey(`console.help.${k}`))}`),
      t('console.help.topics', { topics: this.ctx.bank.topics.map((x) => x.id).join(', ') }),
    ].join('\n');
  }

  private async switchMember(name: string): Promise<void> {
    if (name.trim() === '') return void this.write(this.t('console.as-usage'));
    this.memberName = name.trim().slice(0, 40);
    this.memberId = ConsoleChat.idFor(this.memberName);
    this.pending = { kind: 'none' };
    this.lastReviewId = null;
    await this.enter();
    this.write(this.t('console.now-you-are', { name: this.memberName }));
  }

  /** /group [period]: the local group's leaderboard (a server's /leaderboard on Discord). */
  private async groupBoard(periodText: string): Promise<void> {
    const period = PERIODS.find((p): p is Period => p === periodText.toLowerCase());
    if (period === undefined) return void this.write(this.t('console.period-usage'));
    await this.enter();
    const board = await getLeaderboard(this.ctx, CONSOLE_GROUP_ID, period, this.memberId);
    await this.display({ kind: 'leaderboard', board, groupName: this.groupName });
  }

  private async guessed(): Promise<void> {
    if (this.lastReviewId === null) return void this.write(this.t('console.no-guess'));
    const schedule = await markGuessed(this.ctx, this.memberId, this.lastReviewId);
    this.lastReviewId = null;
    await this.display({ kind: 'guessed', schedule, today: studyDay(this.ctx.clock(), this.timezone) });
  }

  /** A typed answer to the question shown, in the member's terms (letters as shown). */
  private typedAnswer(text: string, p: Extract<After, { kind: 'answer' }>): Answer | string {
    const { t } = this;
    const q = p.question.question;
    switch (q.kind) {
      case 'choice': {
        const picks = parseChoice(text, q.options.length);
        return picks === undefined
          ? t('console.choice-range', { count: q.options.length, last: 'ABCDE'[q.options.length - 1] ?? 'E' })
          : { kind: 'choice', picks };
      }
      case 'truefalse': {
        const value = parseTrueFalse(text);
        return value === undefined ? t('console.tf-range') : { kind: 'truefalse', value };
      }
      case 'text':
        return text === '' ? t('console.text-empty') : { kind: 'text', text };
      case 'flashcard': {
        const grade = Number(text);
        return text === '' || !isGrade(grade) ? t('console.grade-range') : { kind: 'flashcard', grade };
      }
    }
  }

  private async reply(text: string): Promise<void> {
    const p = this.pending;
    if (p.kind === 'confirm-forget') {
      this.pending = { kind: 'none' };
      if (text.toLowerCase() !== 'yes') return void this.write(this.t('console.kept'));
      await forgetMember(this.ctx, this.memberId);
      return this.display({ kind: 'forgotten' });
    }
    if (p.kind === 'none') return void (text !== '' && this.write(this.t('console.idle')));
    if (p.kind !== 'answer') {
      const next = await examReply(this.ctx, this.t, this.memberId, p, text);
      return typeof next === 'string' ? void this.write(next) : this.display(next);
    }
    if (p.question.question.kind === 'flashcard' && !p.revealed) {
      this.pending = { ...p, revealed: true };
      return void this.write(renderReveal(this.t, p.question.question.back));
    }
    const answer = this.typedAnswer(text, p);
    if (typeof answer === 'string') return void this.write(answer);
    const { sessionId, step } = p.question;
    const result = await answerQuestion(this.ctx, { memberId: this.memberId, sessionId, step, answer });
    await this.display({ kind: 'answer', result, today: studyDay(this.ctx.clock(), this.timezone) });
  }

  /** Completion candidates for a partial line: command names, then topics, services or comparisons. */
  complete(line: string): string[] {
    const names = [...COMMANDS.map((c) => `/${c.name}`), ...LOCAL.map((n) => `/${n}`)];
    if (!line.includes(' ')) return names.filter((n) => n.startsWith(line));
    const [cmd = '', partial = ''] = line.split(/\s+/, 2);
    const { bank } = this.ctx;
    const pool =
      cmd === '/fact'
        ? bank.services.map((s) => s.id)
        : cmd === '/compare'
          ? bank.comparisons.map((c) => c.id)
          : bank.topics.map((x) => x.id);
    return pool.filter((x) => x.startsWith(partial)).map((x) => `${cmd} ${x}`);
  }
}
