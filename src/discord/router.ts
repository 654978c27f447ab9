import {
  type AutocompleteInteraction,
  type ButtonInteraction,
  type Interaction,
  InteractionContextType,
  LabelBuilder,
  ModalBuilder,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import type { Invoker } from '../commands/types.ts';
import { type Caller, ensureMember } from '../core/members.ts';
import { studyDay } from '../domain/day.ts';
import { resolveLocale, type T, translator } from '../i18n/index.ts';
import { memberAutocompleteChoices } from './autocomplete.ts';
import { submitAnswer } from './buttons/answer.ts';
import { runButton } from './buttons/index.ts';
import { type CustomId, encodeId, parseCustomId, TEXT_INPUT_ID } from './custom-id.ts';
import { describeError } from './errors.ts';
import { failureView } from './failures.ts';
import { type AnswerableInteraction, Responder } from './responder.ts';
import { discordPorts, runSlashCommand } from './slash.ts';
import { type InteractionDeps, notice, type Turn } from './turn.ts';
import { noticeView } from './views/common.ts';

/**
 * Turns interactions into commands, button handlers and answers. Every interaction except
 * autocomplete starts with ensureMember (with the interaction's own server, so a member active
 * in several servers only ever touches the one they are in). Every failure is answered.
 */

export type { InteractionDeps } from './turn.ts';

/**
 * Who is asking, from where. A server counts as a study group only where the server added the
 * app: a member's own install (user install) used inside some server joins them to no group there.
 */
export function callerOf(i: Interaction): Caller {
  const owners = i.authorizingIntegrationOwners;
  const serverInstalled = owners.guildId !== null || owners.userId === null;
  const group =
    i.inGuild() && serverInstalled
      ? { id: i.guildId, name: i.guild?.name ?? null, locale: i.guildLocale ?? null }
      : null;
  return { memberId: i.user.id, displayName: i.user.displayName, locale: i.locale ?? null, group };
}

function placeOf(i: Interaction, caller: Caller): Invoker['place'] {
  if (!i.inGuild()) return 'dm';
  return caller.group === null ? 'server-without-bot' : 'server';
}

/** Replies others could see go ephemeral: in servers, and in DMs and group DMs between other people. */
export function privateReplies(i: Interaction): boolean {
  return i.inGuild() || i.context === InteractionContextType.PrivateChannel;
}

export function describeInteraction(i: Interaction): Record<string, unknown> {
  const base = { interactionId: i.id, user: i.user.id, guild: i.guildId ?? null };
  if (i.isChatInputCommand() || i.isAutocomplete()) return { ...base, command: i.commandName };
  if (i.isButton() || i.isModalSubmit()) return { ...base, customId: i.customId };
  return { ...base, type: i.type };
}

const elapsed = (since: number) => Math.round(performance.now() - since);

function answerForm(t: T, sessionId: number, step: number): ModalBuilder {
  const input = new TextInputBuilder()
    .setCustomId(TEXT_INPUT_ID)
    .setStyle(TextInputStyle.Short)
    .setRequired(true)
    .setMinLength(1)
    .setMaxLength(200)
    .setPlaceholder(t('quiz.modal-placeholder'));
  return new ModalBuilder()
    .setCustomId(encodeId({ kind: 'modal', sessionId, step }))
    .setTitle(t('quiz.modal-title'))
    .addLabelComponents(new LabelBuilder().setLabel(t('quiz.modal-label')).setTextInputComponent(input));
}

async function answerAutocomplete(deps: InteractionDeps, i: AutocompleteInteraction): Promise<void> {
  try {
    const focused = i.options.getFocused(true);
    const others: Record<string, string | undefined> = {};
    for (const option of i.options.data) {
      if (typeof option.value === 'string' && option.name !== focused.name)
        others[option.name] = option.value;
    }
    const query = { command: i.commandName, option: focused.name, value: String(focused.value), others };
    await i.respond(await memberAutocompleteChoices(deps.ctx, i.user.id, query));
  } catch (error) {
    deps.log.warn({ ...describeInteraction(i), error: describeError(error) }, 'autocomplete failed');
    if (!i.responded) await i.respond([]).catch(() => {});
  }
}

async function runModal(turn: Turn, i: ModalSubmitInteraction, id: CustomId | null): Promise<void> {
  if (id?.kind !== 'modal') return notice(turn, noticeView(turn.t('quiz.stale.old-form')));
  await submitAnswer(turn, id, { kind: 'text', text: i.fields.getTextInputValue(TEXT_INPUT_ID) });
}

async function runClick(turn: Turn, i: ButtonInteraction, id: CustomId | null): Promise<void> {
  if (id === null) return notice(turn, noticeView(turn.t('quiz.stale.old-button')));
  await runButton(turn, id, i);
}

/** The member's language: their choice, else the interaction's locale; settable once they are known. */
type Speaker = { t: T };

async function route(
  deps: InteractionDeps,
  i: AnswerableInteraction,
  responder: Responder,
  speaker: Speaker,
): Promise<void> {
  const { ctx } = deps;
  const id = i.isChatInputCommand() ? null : parseCustomId(i.customId);
  // The form is the response, so it goes first; the member is refreshed right after.
  const opensForm = i.isButton() && id?.kind === 'text';
  if (opensForm) await responder.modal(i, answerForm(speaker.t, id.sessionId, id.step));
  const caller = callerOf(i);
  const { member, dmsWereClosed } = await ensureMember(ctx, caller);
  const t = translator(resolveLocale(member.language, i.locale));
  speaker.t = t;
  const serverT = translator(resolveLocale(null, i.guildLocale));
  const canManageServer = i.inGuild() && i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) === true;
  const turn: Turn = {
    deps,
    caller: { ...caller, member, canManageServer, place: placeOf(i, caller) },
    responder,
    t,
    today: studyDay(ctx.clock(), member.timezone),
    commands: { core: ctx, ports: discordPorts(deps.client, deps.log, i.guildId, serverT) },
  };
  if (i.isChatInputCommand()) await runSlashCommand(turn, i);
  else if (i.isButton()) await runClick(turn, i, id);
  else await runModal(turn, i, id);
  const forgotten = id?.kind === 'forget' && id.confirm;
  // Not after opening a form: the form is the whole response there (DMs are reopened all the same).
  if (dmsWereClosed && !forgotten && !opensForm) await responder.notice(noticeView(t('dms-reopened')));
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
    const speaker: Speaker = { t: translator(resolveLocale(null, interaction.locale)) };
    const updates = interaction.isButton() || (interaction.isModalSubmit() && interaction.isFromMessage());
    // A button that opens a form must answer with the form itself: no automatic defer there.
    const opensForm = interaction.isButton() && parseCustomId(interaction.customId)?.kind === 'text';
    const onDeferFailed = (error: unknown) =>
      log.warn({ ...describeInteraction(interaction), error: describeError(error) }, 'defer failed');
    const responder = new Responder(
      interaction,
      updates,
      privateReplies(interaction),
      opensForm ? null : deps.deferAfterMs,
      onDeferFailed,
    );
    try {
      await route(deps, interaction, responder, speaker);
    } catch (error) {
      const view = failureView(speaker.t, error, interaction, log, describeInteraction(interaction));
      if (view !== null) {
        await responder
          .notice(view)
          .catch((replyError: unknown) =>
            log.warn(
              { ...describeInteraction(interaction), error: describeError(replyError) },
              'could not tell the member about a failure',
            ),
          );
      }
    } finally {
      responder.dispose();
    }
    log.debug({ ...describeInteraction(interaction), ms: elapsed(started) }, 'interaction handled');
  };
}
