import {
  ActionRowBuilder,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  escapeMarkdown,
} from 'discord.js';
import type { Leaderboard } from '../core/leaderboard.ts';
import { PERIODS } from '../core/leaderboard.ts';
import type { ServiceFacts } from '../core/lookup.ts';
import type { Settings } from '../core/members.ts';
import type { Progress } from '../core/progress.ts';
import type { ReminderJob } from '../core/reminders.ts';
import type { Feedback, NothingDue, PresentedQuestion, SessionSummary, StartResult } from '../core/study.ts';
import { FLASHCARD_GRADES } from '../domain/grading.ts';
import type { Comparison, Question, Topic } from '../domain/question.ts';
import { isMultiSelect, letter } from '../domain/question.ts';
import { comparisonTable, describeDue, percent, progressBar } from '../render/text.ts';
import { factId, forgetId, guessId, questionId, startId } from './custom-id.ts';

/**
 * Everything the bot shows, as plain message data (embeds and button rows as Discord JSON), so
 * the same view can be an interaction reply, a message update or a DM sent over REST.
 */

export type MessageRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export type View = {
  content?: string;
  embeds: APIEmbed[];
  components: MessageRow[];
  files?: { attachment: Buffer; name: string }[];
};

export const COLORS = {
  question: 0x5865f2,
  correct: 0x3fb950,
  partly: 0xd29922,
  wrong: 0xf85149,
  info: 0x388bfd,
  neutral: 0x8b949e,
  warning: 0xf0883e,
} as const;

/** Width of the /compare code block: readable on desktop, and wraps less on phones than 80. */
export const TABLE_WIDTH = 56;
/** Comparisons with more options than this are shown as one embed field per row. */
export const MAX_TABLE_COLUMNS = 3;
/** Characters of facts per /fact page (the embed description allows 4,096). */
const FACT_PAGE_CHARS = 3_500;

const EMBED_DESCRIPTION_MAX = 4_096;
const FIELD_VALUE_MAX = 1_024;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function row(...buttons: ButtonBuilder[]): MessageRow {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(buttons).toJSON();
}

function button(customId: string, label: string, style = ButtonStyle.Secondary): ButtonBuilder {
  return new ButtonBuilder().setCustomId(customId).setLabel(clip(label, 80)).setStyle(style);
}

const timestamp = (ms: number, style: 'R' | 'f' | 'D') => `<t:${Math.floor(ms / 1000)}:${style}>`;

// ---------------------------------------------------------------------------------------------
// Questions

export type QuestionViewOptions = {
  /** Multi-select picks so far, as a bit mask. */
  mask?: number;
  /** Flashcard: show the back and the self-grade buttons. */
  revealed?: boolean;
  content?: string;
};

function questionFooter(q: PresentedQuestion): string {
  const notes: string[] = [];
  if (q.isNew) notes.push('New card');
  if (q.reask) notes.push('Asked again: you missed it earlier in this session');
  if (q.mode === 'practice') notes.push('Practice: does not change your schedule');
  if (q.mode === 'extra-new') notes.push('Extra new cards');
  return notes.join(' · ');
}

export function questionView(q: PresentedQuestion, options: QuestionViewOptions = {}): View {
  const { question } = q;
  const mask = options.mask ?? 0;
  const lines = [question.prompt];
  const rows: MessageRow[] = [];
  const id = (action: Parameters<typeof questionId>[2]) => questionId(q.sessionId, q.step, action);
  switch (question.kind) {
    case 'choice': {
      lines.push('', ...question.options.map((o, i) => `**${letter(i)}.** ${o}`));
      if (isMultiSelect(question)) {
        lines.push('', '*More than one answer is correct: select every correct option, then Submit.*');
        rows.push(
          row(
            ...question.options.map((_, i) => {
              const on = (mask & (1 << i)) !== 0;
              return button(
                id({ kind: 'toggle', mask, index: i }),
                `${on ? '☑' : '☐'} ${letter(i)}`,
                on ? ButtonStyle.Success : ButtonStyle.Secondary,
              );
            }),
          ),
        );
        const count = question.options.filter((_, i) => (mask & (1 << i)) !== 0).length;
        rows.push(
          row(
            button(
              id({ kind: 'submit', mask }),
              count === 0 ? 'Submit' : `Submit (${count} selected)`,
              ButtonStyle.Primary,
            ).setDisabled(count === 0),
          ),
        );
      } else {
        rows.push(
          row(
            ...question.options.map((_, i) =>
              button(id({ kind: 'pick', index: i }), letter(i), ButtonStyle.Primary),
            ),
          ),
        );
      }
      break;
    }
    case 'truefalse':
      lines.push('', '*True or false?*');
      rows.push(
        row(
          button(id({ kind: 'truefalse', value: true }), 'True', ButtonStyle.Primary),
          button(id({ kind: 'truefalse', value: false }), 'False', ButtonStyle.Primary),
        ),
      );
      break;
    case 'text':
      lines.push('', '*Press Answer and type it in.*');
      rows.push(row(button(id({ kind: 'text' }), 'Answer', ButtonStyle.Primary)));
      break;
    case 'flashcard':
      if (options.revealed === true) {
        lines.push('', `**Answer:** ${question.back}`, '', '*How well did you remember it?*');
        const grades = FLASHCARD_GRADES.map((g) =>
          button(
            id({ kind: 'grade', grade: g.grade }),
            `${g.grade} · ${g.label}`,
            g.grade >= 3 ? ButtonStyle.Success : ButtonStyle.Danger,
          ),
        );
        rows.push(row(...grades.slice(0, 3)), row(...grades.slice(3)));
      } else {
        lines.push('', '*Recall the answer, then reveal it and grade yourself.*');
        rows.push(row(button(id({ kind: 'reveal' }), 'Reveal answer', ButtonStyle.Primary)));
      }
      break;
  }
  const embed = new EmbedBuilder()
    .setColor(COLORS.question)
    .setAuthor({ name: clip(`Question ${q.position} of ${q.total} · ${q.topicTitle}`, 256) })
    .setDescription(clip(lines.join('\n'), EMBED_DESCRIPTION_MAX));
  const footer = questionFooter(q);
  if (footer !== '') embed.setFooter({ text: footer });
  return {
    ...(options.content === undefined ? {} : { content: options.content }),
    embeds: [embed.toJSON()],
    components: rows,
  };
}

function verdictTitle(f: Feedback, question: Question | undefined): string {
  if (question?.kind === 'flashcard') {
    const label = FLASHCARD_GRADES.find((g) => g.grade === f.grade)?.label ?? String(f.grade);
    return `${f.correct ? '✅' : '❌'} You graded it: ${label}`;
  }
  if (f.correct) return f.quick ? '✅ Correct, and quick!' : '✅ Correct';
  if (f.partly) return '🟡 Partly right';
  return '❌ Not quite';
}

export type FeedbackInput = {
  feedback: Feedback;
  question: Question | undefined;
  next: PresentedQuestion | null;
  summary: SessionSummary | null;
  /** The member's study day, for "next review tomorrow". */
  today: string;
};

function scheduleText(f: Feedback, today: string, practice: boolean): string {
  const parts: string[] = [];
  if (f.schedule !== null) {
    const days = f.schedule.intervalDays;
    parts.push(`${describeDue(f.schedule.dueDay, today)} · interval ${days} day${days === 1 ? '' : 's'}`);
  } else if (practice) {
    parts.push('Practice: your schedule did not change');
  }
  if (f.reaskLater) parts.push('You will see it again before this session ends');
  return parts.join('\n') || 'Unchanged';
}

export const NEXT_REVIEW_FIELD = 'Next review';

export function feedbackView(input: FeedbackInput): View {
  const { feedback: f, question, next, summary, today } = input;
  const color = f.correct ? COLORS.correct : f.partly ? COLORS.partly : COLORS.wrong;
  const lines: string[] = [];
  if (question !== undefined) lines.push(`> ${clip(question.prompt, 600).replaceAll('\n', '\n> ')}`, '');
  lines.push(`**Answer:** ${f.correctAnswer}`, '', f.explanation);
  const embed = new EmbedBuilder()
    .setColor(color)
    .setTitle(verdictTitle(f, question))
    .setDescription(clip(lines.join('\n'), EMBED_DESCRIPTION_MAX));
  if (f.correctsNote) {
    embed.addFields({
      name: '📝 Corrects the study note',
      value: 'The study notes are out of date or wrong on this point; the explanation above is current.',
    });
  }
  const practice = summary?.mode === 'practice' || next?.mode === 'practice';
  embed.addFields({ name: NEXT_REVIEW_FIELD, value: scheduleText(f, today, practice), inline: true });
  if (f.points > 0) embed.addFields({ name: 'Points', value: `+${f.points}`, inline: true });
  if (f.docs !== undefined)
    embed.addFields({ name: 'Docs', value: `[AWS documentation](${f.docs})`, inline: true });

  const embeds = [embed.toJSON()];
  const buttons: ButtonBuilder[] = [];
  if (f.canMarkGuessed && f.reviewId !== null) buttons.push(button(guessId(f.reviewId), 'I guessed'));
  if (next !== null) {
    buttons.push(
      button(questionId(next.sessionId, next.step, { kind: 'next' }), 'Next →', ButtonStyle.Primary),
    );
  }
  if (summary !== null) {
    embeds.push(summaryEmbed(summary));
    buttons.push(button(startId('review', undefined, true), 'Another round', ButtonStyle.Primary));
  }
  return { embeds, components: buttons.length === 0 ? [] : [row(...buttons)] };
}

function summaryEmbed(s: SessionSummary): APIEmbed {
  const share = s.answered === 0 ? null : s.correct / s.answered;
  const lines = [`**${s.correct} of ${s.answered}** answers correct (${percent(share)}).`];
  if (s.mode === 'practice') lines.push('This was practice: your schedule did not change.');
  lines.push('See your progress with /stats.');
  return new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle('🎉 Session complete')
    .setDescription(lines.join('\n'))
    .toJSON();
}

export function nothingDueView(n: NothingDue, topicTitle: string | undefined, sessionSize: number): View {
  const lines: string[] = [];
  if (n.nextDueAt !== null) {
    lines.push(`Your next card is due ${timestamp(n.nextDueAt, 'R')} (${timestamp(n.nextDueAt, 'f')}).`);
  } else if (n.unseen === 0) {
    lines.push(`You have seen every question${topicTitle === undefined ? '' : ` in ${topicTitle}`}.`);
  }
  if (n.unseen > 0 && n.newLeftToday === 0) {
    lines.push(`You have had today's new cards; ${n.unseen} more are waiting for the coming days.`);
  }
  const buttons: ButtonBuilder[] = [];
  if (n.unseen > 0) {
    const count = Math.min(n.unseen, sessionSize);
    buttons.push(
      button(startId('extra-new', n.topic, true), `Learn ${count} new anyway`, ButtonStyle.Primary),
    );
  }
  if (n.canPracticeAhead) buttons.push(button(startId('practice', n.topic, true), 'Practice ahead'));
  if (buttons.length > 0) lines.push('', 'Practice ahead does not change your schedule.');
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(topicTitle === undefined ? '✅ All caught up!' : `✅ Nothing due in ${topicTitle}`)
    .setDescription(lines.join('\n') || 'Nothing to review right now.');
  return { embeds: [embed.toJSON()], components: buttons.length === 0 ? [] : [row(...buttons)] };
}

export function startView(result: StartResult, topicTitle: string | undefined, sessionSize: number): View {
  if (result.kind === 'nothing-due') return nothingDueView(result, topicTitle, sessionSize);
  const q = result.question;
  let content: string;
  if (result.resumed) content = 'Picking up where you left off.';
  else if (q.mode === 'practice')
    content = `**Practice round** of ${q.total}: answers here do not move your schedule.`;
  else if (q.mode === 'extra-new')
    content = `**${result.newCount} extra new card${result.newCount === 1 ? '' : 's'}**.`;
  else content = `**${result.dueCount} due · ${result.newCount} new**`;
  return questionView(q, { content });
}

// ---------------------------------------------------------------------------------------------
// Look-ups

type FactPage = { text: string; topics: string[] };

function factPages(result: ServiceFacts): FactPage[] {
  const pages: FactPage[] = [];
  let current: FactPage = { text: '', topics: [] };
  for (const fact of result.facts) {
    const docs = fact.docs === undefined ? '' : ` ([docs](${fact.docs}))`;
    const entry = clip(`**${fact.title}**\n${fact.text}${docs}`, FACT_PAGE_CHARS);
    if (current.text !== '' && current.text.length + 2 + entry.length > FACT_PAGE_CHARS) {
      pages.push(current);
      current = { text: '', topics: [] };
    }
    current.text = current.text === '' ? entry : `${current.text}\n\n${entry}`;
    if (!current.topics.includes(fact.topic)) current.topics.push(fact.topic);
  }
  pages.push(current);
  return pages;
}

export function factsView(
  result: ServiceFacts,
  page: number,
  topicOf: (id: string) => Topic | undefined,
): View {
  const pages = factPages(result);
  const index = Math.min(Math.max(0, page), pages.length - 1);
  const current = pages[index] ?? { text: '', topics: [] };
  const title = `${result.service.name}${result.topic === undefined ? '' : ` · ${result.topic.title}`}: key facts`;
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(clip(title, 256))
    .setDescription(current.text);
  if (pages.length > 1) embed.setFooter({ text: `Page ${index + 1} of ${pages.length}` });
  const rows: MessageRow[] = [];
  if (pages.length > 1) {
    rows.push(
      row(
        button(factId(result.service.id, result.topic?.id, index - 1), '◀ Previous').setDisabled(index === 0),
        button(factId(result.service.id, result.topic?.id, index + 1), 'Next ▶').setDisabled(
          index === pages.length - 1,
        ),
      ),
    );
  }
  const topics = current.topics.slice(0, 5);
  if (topics.length > 0) {
    rows.push(
      row(
        ...topics.map((t) =>
          button(
            startId('review', t, false),
            topics.length === 1 ? 'Quiz me on this' : `Quiz me: ${topicOf(t)?.title ?? t}`,
            ButtonStyle.Primary,
          ),
        ),
      ),
    );
  }
  return { embeds: [embed.toJSON()], components: rows };
}

export function compareView(c: Comparison): View {
  const table = comparisonTable(c, TABLE_WIDTH);
  const widest = Math.max(...table.split('\n').map((l) => l.length));
  const block = `\`\`\`\n${table}\n\`\`\``;
  const embed = new EmbedBuilder().setColor(COLORS.info).setTitle(clip(c.title, 256));
  // Four or more options leave under ten characters a column: unreadable as a table, so (like a
  // table over Discord's limits) one field per row instead.
  if (
    c.columns.length <= MAX_TABLE_COLUMNS &&
    block.length <= EMBED_DESCRIPTION_MAX &&
    widest <= TABLE_WIDTH + 4
  ) {
    embed.setDescription(block);
  } else {
    let budget = 5_000 - c.title.length;
    const fields = c.rows.slice(0, 24).map((r) => {
      const value = c.columns.map((col, i) => `**${col}:** ${r.cells[i] ?? ''}`).join('\n');
      const field = { name: clip(r.dimension, 256), value: clip(value, Math.min(FIELD_VALUE_MAX, budget)) };
      budget = Math.max(60, budget - field.name.length - field.value.length);
      return field;
    });
    embed.addFields(fields);
  }
  if (c.docs !== undefined) embed.setURL(c.docs);
  return { embeds: [embed.toJSON()], components: [] };
}

// ---------------------------------------------------------------------------------------------
// Leaderboards, stats, settings

const MEDALS = ['🥇', '🥈', '🥉'];

function boardLine(e: Leaderboard['entries'][number], you: boolean): string {
  const rank = MEDALS[e.rank - 1] ?? `\`#${e.rank}\``;
  const name = escapeMarkdown(e.displayName);
  const streak = e.streak > 0 ? ` · 🔥 ${e.streak}` : '';
  return `${rank} **${name}**${you ? ' (you)' : ''}: ${e.points} pts · ${e.reviews} reviews · ${percent(e.accuracy)}${streak}`;
}

export const BOARD_SIZE = 10;

export function leaderboardView(
  board: Leaderboard,
  options: { title: string; memberId?: string; footer?: string },
): View {
  const top = board.entries.slice(0, BOARD_SIZE);
  const lines = top.map((e) => boardLine(e, e.memberId === options.memberId));
  if (lines.length === 0) lines.push('Nobody has studied in this period yet. Be the first: /quiz');
  if (board.me !== null && board.me.rank > BOARD_SIZE) lines.push('…', boardLine(board.me, true));
  if (options.memberId !== undefined && board.me === null && top.length > 0) {
    lines.push('', 'You are not on this board yet: answer a /quiz to join.');
  }
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(clip(options.title, 256))
    .setDescription(lines.join('\n'));
  const since = board.from === null ? 'All time' : `Since ${board.from} (UTC)`;
  embed.setFooter({ text: options.footer === undefined ? since : `${since} · ${options.footer}` });
  return { embeds: [embed.toJSON()], components: [] };
}

export function periodLabel(period: Leaderboard['period']): string {
  return PERIODS.find((p) => p.id === period)?.label ?? period;
}

export const PROGRESS_IMAGE = 'progress.png';

export function statsView(p: Progress, image: Buffer | null): View {
  const topicLines = p.topics
    .filter((t) => t.total > 0)
    .map((t) => {
      const share = t.learned / t.total;
      return `\`${progressBar(share, 10)}\` ${percent(share)} ${t.title} (${t.learned}/${t.total} learned, ${t.seen} seen)`;
    });
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(clip(`📊 ${p.displayName}: progress`, 256))
    .setDescription(clip(topicLines.join('\n') || 'No topics yet.', EMBED_DESCRIPTION_MAX))
    .addFields(
      {
        name: 'Streak',
        value: `🔥 ${p.currentStreak} day${p.currentStreak === 1 ? '' : 's'} (best ${p.longestStreak})`,
        inline: true,
      },
      { name: 'Due today', value: String(p.dueToday), inline: true },
      { name: 'Seen', value: `${p.seen} of ${p.total} (${p.learned} learned)`, inline: true },
      {
        name: 'Accuracy',
        value: `${percent(p.accuracy7)} last 7 days · ${percent(p.accuracy30)} last 30`,
        inline: true,
      },
      { name: 'Reviews', value: `${p.reviews7} last 7 days · ${p.reviewsTotal} in all`, inline: true },
      {
        name: 'Next due',
        value: p.nextDueAt === null ? '—' : `${timestamp(p.nextDueAt, 'R')}`,
        inline: true,
      },
    )
    .setFooter({ text: `Learned = interval of 21 days or more · study day ${p.today} (${p.timezone})` });
  if (image === null) return { embeds: [embed.toJSON()], components: [] };
  embed.setImage(`attachment://${PROGRESS_IMAGE}`);
  return { embeds: [embed.toJSON()], components: [], files: [{ attachment: image, name: PROGRESS_IMAGE }] };
}

export function settingsView(s: Settings, saved: boolean): View {
  const reminder = s.remindersEnabled ? `On, at ${s.reminderTime} (${s.timezone})` : 'Off';
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(saved ? '✅ Settings saved' : '⚙️ Your settings')
    .addFields(
      { name: 'Timezone', value: s.timezone, inline: true },
      { name: 'Daily quiz DM', value: reminder, inline: true },
      { name: 'New cards per day', value: String(s.newPerDay), inline: true },
    );
  if (s.nextReminderAt !== null) {
    embed.addFields({ name: 'Next quiz DM', value: `${timestamp(s.nextReminderAt, 'f')}`, inline: true });
  }
  if (s.dmsClosed) {
    embed.addFields({
      name: '⚠️ DMs closed',
      value:
        'I could not DM you, so the daily quiz is paused. Allow DMs in Server Privacy Settings > Direct Messages.',
    });
  }
  embed.setFooter({ text: 'Change with /settings timezone, reminder_time, reminders or new_per_day' });
  return { embeds: [embed.toJSON()], components: [] };
}

export function forgetView(): View {
  const embed = new EmbedBuilder()
    .setColor(COLORS.warning)
    .setTitle('Delete everything about you?')
    .setDescription(
      'This deletes your cards, review history, streak, settings and leaderboard points in every server. It cannot be undone.',
    );
  return {
    embeds: [embed.toJSON()],
    components: [
      row(
        button(forgetId(true), 'Yes, delete everything', ButtonStyle.Danger),
        button(forgetId(false), 'Cancel', ButtonStyle.Secondary),
      ),
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Notices

export const DMS_REOPENED =
  'ℹ️ Earlier I could not send you a direct message, so your daily quiz DMs were paused. They are back on now. ' +
  'If they still do not arrive, allow DMs from this server: Server Privacy Settings > Direct Messages.';

export function noticeView(text: string, components: MessageRow[] = []): View {
  return { content: clip(text, 2_000), embeds: [], components };
}

export function userErrorView(message: string, suggestions: readonly string[]): View {
  const shown = suggestions.slice(0, 15).map((s) => `\`${s}\``);
  const more = suggestions.length > shown.length ? ', …' : '';
  return noticeView(shown.length === 0 ? message : `${message}\nTry: ${shown.join(', ')}${more}`);
}

export function errorView(errorId: string): View {
  return noticeView(
    `⚠️ Something went wrong (error id ${errorId}). Please try again; if it keeps happening, tell the server admins this id.`,
  );
}

/** A polite answer for a button whose question or session is gone, with a way to carry on. */
export function staleView(message: string, next: PresentedQuestion | null): View {
  const components =
    next === null
      ? [row(button(startId('review', undefined, false), 'Start a quiz', ButtonStyle.Primary))]
      : [
          row(
            button(questionId(next.sessionId, next.step, { kind: 'next' }), 'Continue', ButtonStyle.Primary),
          ),
        ];
  return noticeView(message, components);
}

// ---------------------------------------------------------------------------------------------
// Scheduled messages

export function reminderView(job: ReminderJob): View {
  const parts = [`${job.due} due`];
  if (job.newCount > 0) parts.push(`${job.newCount} new`);
  if (job.streak > 0) parts.push(`🔥 ${job.streak}-day streak`);
  const view = questionView(job.start.question, {
    content: `📚 **Your daily quiz is ready**: ${parts.join(' · ')}`,
  });
  const [embed] = view.embeds;
  if (embed !== undefined) {
    const footer = embed.footer?.text;
    const hint = 'Change the time or turn these off with /settings';
    embed.footer = { text: footer === undefined ? hint : `${footer} · ${hint}` };
  }
  return view;
}

export function weeklyBoardView(board: Leaderboard, groupName: string): View {
  return leaderboardView(board, {
    title: `🏆 ${groupName}: last week's leaderboard`,
    footer: 'New week, new board: /quiz',
  });
}
