import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  ChannelType,
  type ChatInputCommandInteraction,
  type Client,
  ComponentType,
  type Interaction,
  LabelBuilder,
  type Message,
  ModalBuilder,
  PermissionFlagsBits,
  Routes,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import {
  type CommandName,
  commands,
  isCommandName,
  type OptionsOf,
  parseOptions,
} from '../commands/definitions.ts';
import { type CoreContext, UserError } from '../core/context.ts';
import { setLeaderboardChannel } from '../core/groups.ts';
import { getLeaderboard } from '../core/leaderboard.ts';
import { lookupFacts, resolveComparison, resolveTopic } from '../core/lookup.ts';
import { type Caller, ensureMember, forgetMember, getSettings, updateSettings } from '../core/members.ts';
import { getProgress } from '../core/progress.ts';
import {
  answerQuestion,
  currentQuestion,
  markGuessed,
  type SessionMode,
  startSession,
} from '../core/study.ts';
import type { Member } from '../data/store.ts';
import { studyDay } from '../domain/day.ts';
import type { Answer } from '../domain/grading.ts';
import type { Logger } from '../logger.ts';
import { renderProgressOf } from '../render/progress-image.ts';
import { describeDue } from '../render/text.ts';
import { autocompleteChoices } from './autocomplete.ts';
import { type CustomId, modalId, parseCustomId, type QuestionAction, TEXT_INPUT_ID } from './custom-id.ts';
import { DiscordCode, describeError, isDiscordError, newErrorId } from './errors.ts';
import { type AnswerableInteraction, Responder } from './responder.ts';
import {
  compareView,
  DMS_REOPENED,
  errorView,
  factsView,
  feedbackView,
  forgetView,
  leaderboardView,
  type MessageRow,
  NEXT_REVIEW_FIELD,
  noticeView,
  periodLabel,
  questionView,
  settingsView,
  staleView,
  startView,
  statsView,
  userErrorView,
} from './views.ts';

/**
 * Turns interactions into core calls and views. Every interaction except autocomplete starts
 * with ensureMember (with the interaction's own server, so a member active in several servers
 * only ever touches the one they are in). Every failure is answered: a UserError with its
 * message, anything else with an error id that is also in the log.
 */

export type InteractionDeps = {
  ctx: CoreContext;
  log: Logger;
  client: Client;
  /** Defer when a handler has not answered after this long (Discord's limit is 3 s). */
  deferAfterMs: number;
};

type Turn = {
  deps: InteractionDeps;
  member: Member;
  responder: Responder;
  /** The member's study day, for due dates. */
  today: string;
};

export function callerOf(interaction: Interaction): Caller {
  const group = interaction.inGuild()
    ? { id: interaction.guildId, name: interaction.guild?.name ?? null }
    : null;
  return { memberId: interaction.user.id, displayName: interaction.user.displayName, group };
}

function describeInteraction(i: Interaction): Record<string, unknown> {
  const base = { interactionId: i.id, user: i.user.id, guild: i.guildId ?? null };
  if (i.isChatInputCommand() || i.isAutocomplete()) return { ...base, command: i.commandName };
  if (i.isButton() || i.isModalSubmit()) return { ...base, customId: i.customId };
  return { ...base, type: i.type };
}

export function createInteractionHandler(deps: InteractionDeps): (interaction: Interaction) => Promise<void> {
  const { log } = deps;
  return async (interaction) => {
    const started = performance.now();
    if (interaction.isAutocomplete()) {
      await answerAutocomplete(deps, interaction);
      log.debug({ ...describeInteraction(interaction), ms: elapsed(started) }, 'autocomplete answered');
      return;
    }
    if (!interaction.isChatInputCommand() && !interaction.isButton() && !interaction.isModalSubmit()) return;
    const updates = interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage());
    // A button that opens a modal must answer with the modal itself: no automatic defer there.
    const opensModal = interaction.isButton() && isModalButton(interaction.customId);
    const responder = new Responder(
      interaction,
      updates,
      interaction.inGuild(),
      opensModal ? null : deps.deferAfterMs,
      (error) =>
        log.warn({ ...describeInteraction(interaction), error: describeError(error) }, 'defer failed'),
    );
    try {
      await route(deps, interaction, responder);
    } catch (error) {
      await fail(deps, interaction, responder, error);
    } finally {
      responder.dispose();
    }
    log.debug({ ...describeInteraction(interaction), ms: elapsed(started) }, 'interaction handled');
  };
}

const elapsed = (since: number) => Math.round(performance.now() - since);

async function fail(
  deps: InteractionDeps,
  interaction: AnswerableInteraction,
  responder: Responder,
  error: unknown,
): Promise<void> {
  let view: ReturnType<typeof errorView>;
  if (error instanceof UserError) {
    view = userErrorView(error.message, error.suggestions);
  } else {
    const errorId = newErrorId();
    deps.log.error(
      { errorId, ...describeInteraction(interaction), error: describeError(error) },
      'interaction failed',
    );
    // Too late to answer at all: Discord forgot the interaction.
    if (isDiscordError(error, DiscordCode.UnknownInteraction)) return;
    view = errorView(errorId);
  }
  try {
    await responder.notice(view);
  } catch (replyError) {
    deps.log.warn(
      { ...describeInteraction(interaction), error: describeError(replyError) },
      'could not tell the member about a failure',
    );
  }
}

async function answerAutocomplete(deps: InteractionDeps, i: AutocompleteInteraction): Promise<void> {
  try {
    const focused = i.options.getFocused(true);
    const others: Record<string, string | undefined> = {};
    for (const option of i.options.data) {
      if (typeof option.value === 'string' && option.name !== focused.name)
        others[option.name] = option.value;
    }
    const choices = autocompleteChoices(deps.ctx, {
      command: i.commandName,
      option: focused.name,
      value: String(focused.value),
      others,
    });
    await i.respond(choices);
  } catch (error) {
    deps.log.warn({ ...describeInteraction(i), error: describeError(error) }, 'autocomplete failed');
    if (!i.responded) await i.respond([]).catch(() => {});
  }
}

function isModalButton(customId: string): boolean {
  const parsed = parseCustomId(customId);
  return parsed?.kind === 'question' && parsed.action.kind === 'text';
}

async function route(
  deps: InteractionDeps,
  interaction: AnswerableInteraction,
  responder: Responder,
): Promise<void> {
  const { ctx } = deps;
  const parsed = interaction.isChatInputCommand() ? null : parseCustomId(interaction.customId);
  // The modal is the response, so it goes first; the member is refreshed right after.
  const opensModal = interaction.isButton() && parsed?.kind === 'question' && parsed.action.kind === 'text';
  if (opensModal && parsed?.kind === 'question') {
    await responder.modal(interaction, answerModal(parsed.sessionId, parsed.step));
  }
  const { member, dmsWereClosed } = await ensureMember(ctx, callerOf(interaction));
  const turn: Turn = { deps, member, responder, today: studyDay(ctx.clock(), member.timezone) };
  let forgotten = false;
  if (interaction.isChatInputCommand()) {
    await runCommand(turn, interaction);
  } else if (parsed === null) {
    await responder.notice(
      noticeView(
        'This button belongs to an older version of the bot and no longer works. Start again with /quiz.',
      ),
    );
  } else if (interaction.isButton()) {
    forgotten = parsed.kind === 'forget' && parsed.confirm;
    await runButton(turn, interaction, parsed);
  } else if (parsed.kind === 'modal') {
    const text = interaction.fields.getTextInputValue(TEXT_INPUT_ID);
    await answer(turn, parsed.sessionId, parsed.step, { kind: 'text', text });
  } else {
    await responder.notice(noticeView('That form is no longer valid. Start again with /quiz.'));
  }
  // Not after opening a form: the form is the whole response there (DMs are reopened all the same).
  if (dmsWereClosed && !forgotten && !opensModal) await responder.notice(noticeView(DMS_REOPENED));
}

function answerModal(sessionId: number, step: number): ModalBuilder {
  const input = new TextInputBuilder()
    .setCustomId(TEXT_INPUT_ID)
    .setStyle(TextInputStyle.Short)
    .setRequired(true)
    .setMinLength(1)
    .setMaxLength(200)
    .setPlaceholder('Type your answer');
  return new ModalBuilder()
    .setCustomId(modalId(sessionId, step))
    .setTitle('Your answer')
    .addLabelComponents(new LabelBuilder().setLabel('Answer').setTextInputComponent(input));
}

// ---------------------------------------------------------------------------------------------
// Slash commands

function rawOptions(i: ChatInputCommandInteraction, name: CommandName): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const o of commands[name].options) {
    let value: unknown;
    if (o.type === 'string') value = i.options.getString(o.name);
    else if (o.type === 'integer') value = i.options.getInteger(o.name);
    else if (o.type === 'boolean') value = i.options.getBoolean(o.name);
    else value = i.options.getChannel(o.name)?.id;
    if (value !== null && value !== undefined) raw[o.name] = value;
  }
  return raw;
}

function options<N extends CommandName>(i: ChatInputCommandInteraction, name: N): OptionsOf<N> {
  const parsed = parseOptions(name, rawOptions(i, name));
  if (!parsed.ok) throw new UserError('invalid-options', parsed.message);
  return parsed.options;
}

async function runCommand(turn: Turn, i: ChatInputCommandInteraction): Promise<void> {
  const name = i.commandName;
  if (!isCommandName(name)) {
    await turn.responder.notice(noticeView(`I do not know /${name} (any more). Try /quiz.`));
    return;
  }
  switch (name) {
    case 'quiz':
      return quizCommand(turn, options(i, 'quiz'));
    case 'fact':
      return factCommand(turn, options(i, 'fact'));
    case 'compare': {
      const comparison = resolveComparison(turn.deps.ctx, options(i, 'compare').comparison);
      return turn.responder.show(compareView(comparison));
    }
    case 'leaderboard':
      return leaderboardCommand(turn, i, options(i, 'leaderboard'));
    case 'stats':
      return statsCommand(turn);
    case 'settings':
      return settingsCommand(turn, options(i, 'settings'));
    case 'group':
      return groupCommand(turn, i);
    case 'forget-me':
      return turn.responder.show(forgetView());
  }
}

async function quizCommand(turn: Turn, o: OptionsOf<'quiz'>): Promise<void> {
  const { ctx } = turn.deps;
  const topic = o.topic === undefined ? undefined : resolveTopic(ctx, o.topic);
  await start(turn, 'review', topic?.id, true);
}

async function start(
  turn: Turn,
  mode: SessionMode,
  topicId: string | undefined,
  asMain: boolean,
): Promise<void> {
  const { ctx } = turn.deps;
  const result = await startSession(ctx, turn.member.id, { topic: topicId, mode });
  const title = topicId === undefined ? undefined : (ctx.bank.topic(topicId)?.title ?? topicId);
  const view = startView(result, title, ctx.sessionSize);
  if (asMain) await turn.responder.show(view);
  else await turn.responder.notice(view, false);
}

async function factCommand(turn: Turn, o: OptionsOf<'fact'>): Promise<void> {
  const { ctx } = turn.deps;
  const result = lookupFacts(ctx, o.service, o.topic);
  await turn.responder.show(factsView(result, 0, (id) => ctx.bank.topic(id)));
}

async function leaderboardCommand(
  turn: Turn,
  i: ChatInputCommandInteraction,
  o: OptionsOf<'leaderboard'>,
): Promise<void> {
  if (!i.inGuild()) {
    await turn.responder.notice(noticeView('Leaderboards belong to a server: use /leaderboard there.'));
    return;
  }
  const board = await getLeaderboard(turn.deps.ctx, i.guildId, o.period, turn.member.id);
  const server = i.guild?.name ?? 'This server';
  await turn.responder.show(
    leaderboardView(board, {
      title: `🏆 ${server}: ${periodLabel(o.period).toLowerCase()}`,
      memberId: turn.member.id,
    }),
  );
}

async function statsCommand(turn: Turn): Promise<void> {
  const { ctx, log } = turn.deps;
  // Rendering the picture takes a moment: acknowledge first.
  await turn.responder.defer();
  const p = await getProgress(ctx, turn.member.id);
  let image: Buffer | null = null;
  try {
    image = await renderProgressOf(p);
  } catch (error) {
    log.error(
      { member: turn.member.id, error: describeError(error) },
      'progress picture failed; sending text only',
    );
  }
  await turn.responder.show(statsView(p, image));
}

async function settingsCommand(turn: Turn, o: OptionsOf<'settings'>): Promise<void> {
  const { ctx } = turn.deps;
  const change = {
    ...(o.timezone === undefined ? {} : { timezone: o.timezone }),
    ...(o.reminder_time === undefined ? {} : { reminderTime: o.reminder_time }),
    ...(o.reminders === undefined ? {} : { remindersEnabled: o.reminders }),
    ...(o.new_per_day === undefined ? {} : { newPerDay: o.new_per_day }),
  };
  if (Object.keys(change).length === 0) {
    await turn.responder.show(settingsView(await getSettings(ctx, turn.member.id), false));
    return;
  }
  await turn.responder.show(settingsView(await updateSettings(ctx, turn.member.id, change), true));
}

const BOARD_CHANNEL_TYPES: ChannelType[] = [ChannelType.GuildText, ChannelType.GuildAnnouncement];

async function groupCommand(turn: Turn, i: ChatInputCommandInteraction): Promise<void> {
  const { ctx, client, log } = turn.deps;
  const { responder } = turn;
  if (!i.inGuild()) {
    await responder.notice(noticeView('/group sets up a server: use it in the server.'));
    return;
  }
  // Discord hides the command from members without Manage Server, but server admins can
  // override that per role or channel, so the permission is checked here as well.
  if (i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) !== true) {
    await responder.notice(
      noticeView('Only members with the **Manage Server** permission can choose the leaderboard channel.'),
    );
    return;
  }
  const { channel: channelId } = options(i, 'group');
  const channel = i.options.getChannel('channel');
  if (channel === null || !BOARD_CHANNEL_TYPES.includes(channel.type)) {
    await responder.notice(noticeView('Pick a text or announcement channel of this server.'));
    return;
  }
  const server = i.guild?.name ?? null;
  try {
    await client.rest.post(Routes.channelMessages(channelId), {
      body: { content: '📌 The weekly study leaderboard will be posted in this channel.' },
    });
  } catch (error) {
    if (
      !isDiscordError(
        error,
        DiscordCode.MissingAccess,
        DiscordCode.MissingPermissions,
        DiscordCode.UnknownChannel,
      )
    )
      throw error;
    log.info(
      { guild: i.guildId, channel: channelId, error: describeError(error) },
      'cannot post in board channel',
    );
    await responder.notice(
      noticeView(
        `I cannot post in <#${channelId}>. Give me **View Channel**, **Send Messages** and **Embed Links** there, then try again.`,
      ),
    );
    return;
  }
  await setLeaderboardChannel(ctx, { id: i.guildId, name: server }, channelId);
  await responder.show(noticeView(`✅ The weekly leaderboard will be posted in <#${channelId}>.`));
}

// ---------------------------------------------------------------------------------------------
// Buttons and modals

async function runButton(turn: Turn, i: ButtonInteraction, id: CustomId): Promise<void> {
  const { ctx } = turn.deps;
  const { responder } = turn;
  switch (id.kind) {
    case 'question':
      return questionButton(turn, id.sessionId, id.step, id.action);
    case 'guess':
      return guessButton(turn, i, id.reviewId);
    case 'start':
      return start(turn, id.mode, id.topic, id.update);
    case 'fact': {
      const result = lookupFacts(ctx, id.service, id.topic);
      return responder.show(factsView(result, id.page, (t) => ctx.bank.topic(t)));
    }
    case 'forget': {
      if (!id.confirm) return responder.show(noticeView('Cancelled: nothing was deleted.'));
      await forgetMember(ctx, turn.member.id);
      turn.deps.log.info({ member: turn.member.id }, 'member forgotten at their request');
      return responder.show(
        noticeView('🗑️ Done: everything stored about you was deleted. /quiz starts you again from scratch.'),
      );
    }
    case 'modal':
      return responder.notice(noticeView('That button is no longer valid. Start again with /quiz.'));
  }
}

function picksOf(mask: number): number[] {
  return [0, 1, 2, 3, 4].filter((i) => (mask & (1 << i)) !== 0);
}

async function questionButton(
  turn: Turn,
  sessionId: number,
  step: number,
  action: QuestionAction,
): Promise<void> {
  const { ctx } = turn.deps;
  const { responder } = turn;
  switch (action.kind) {
    case 'pick':
      return answer(turn, sessionId, step, { kind: 'choice', picks: [action.index] });
    case 'submit':
      return answer(turn, sessionId, step, { kind: 'choice', picks: picksOf(action.mask) });
    case 'truefalse':
      return answer(turn, sessionId, step, { kind: 'truefalse', value: action.value });
    case 'grade':
      return answer(turn, sessionId, step, { kind: 'flashcard', grade: action.grade });
    case 'text':
      // The modal was opened in route(); its submit carries the answer.
      return;
    case 'next': {
      const current = await currentQuestion(ctx, turn.member.id, sessionId);
      if (current === null) {
        return responder.notice(staleView('That quiz is finished. Start another one with /quiz.', null));
      }
      return responder.show(questionView(current));
    }
    case 'toggle':
    case 'reveal': {
      const current = await currentQuestion(ctx, turn.member.id, sessionId);
      if (current === null || current.step !== step) {
        const message =
          current === null
            ? 'That quiz is finished. Start another one with /quiz.'
            : 'You already answered that question.';
        return responder.notice(staleView(message, current));
      }
      if (action.kind === 'reveal') return responder.show(questionView(current, { revealed: true }));
      return responder.show(questionView(current, { mask: action.mask ^ (1 << action.index) }));
    }
  }
}

async function answer(turn: Turn, sessionId: number, step: number, given: Answer): Promise<void> {
  const { ctx } = turn.deps;
  const result = await answerQuestion(ctx, { memberId: turn.member.id, sessionId, step, answer: given });
  if (result.status === 'stale' || result.status === 'retired') {
    await turn.responder.notice(staleView(result.message, result.next));
    return;
  }
  await turn.responder.show(
    feedbackView({
      feedback: result.feedback,
      question: ctx.bank.question(result.feedback.questionId),
      next: result.next,
      summary: result.summary,
      today: turn.today,
    }),
  );
}

/** The clicked message's button rows, without the button that was clicked. */
function rowsWithout(message: Message, customId: string): MessageRow[] {
  const rows: MessageRow[] = [];
  for (const component of message.components) {
    if (component.type !== ComponentType.ActionRow) continue;
    const json = component.toJSON() as MessageRow;
    const kept = json.components.filter((c) => !('custom_id' in c) || c.custom_id !== customId);
    if (kept.length > 0) rows.push({ ...json, components: kept });
  }
  return rows;
}

async function guessButton(turn: Turn, i: ButtonInteraction, reviewId: number): Promise<void> {
  const schedule = await markGuessed(turn.deps.ctx, turn.member.id, reviewId);
  if (schedule === null) {
    await turn.responder.notice(
      noticeView('That answer can no longer be marked as guessed: only your latest answer to a card, once.'),
    );
    return;
  }
  const days = schedule.intervalDays;
  const value = `${describeDue(schedule.dueDay, turn.today)} · interval ${days} day${days === 1 ? '' : 's'} (you guessed)`;
  const embeds = i.message.embeds.map((e, index) => {
    const json = e.toJSON();
    if (index !== 0) return json;
    const fields = (json.fields ?? []).map((f) => (f.name === NEXT_REVIEW_FIELD ? { ...f, value } : f));
    return { ...json, fields };
  });
  await turn.responder.show({ embeds, components: rowsWithout(i.message, i.customId) });
}
