import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type InteractionEditReplyOptions,
  type InteractionReplyOptions,
  type InteractionUpdateOptions,
  MessageFlags,
  type ModalBuilder,
  type ModalMessageModalSubmitInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import type { View } from './views/common.ts';

export type AnswerableInteraction = ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

/**
 * Answers one interaction exactly once, whatever the handler does: the first response is a
 * reply (commands) or an update of the clicked message (buttons, modals opened from a message);
 * anything later edits that response or follows up. If the handler has not answered after
 * `deferAfterMs` (Discord drops interactions not answered within 3 s), the responder defers on
 * its own and the handler's answer becomes an edit.
 */
export class Responder {
  private state: 'none' | 'deferred' | 'answered' = 'none';
  private deferral: Promise<unknown> | null = null;
  /** Whether the main response (a command's reply) has content yet. */
  private mainShown = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly interaction: AnswerableInteraction,
    /** Set when the first response should update the message the interaction came from. */
    private readonly updates: boolean,
    /** Replies are ephemeral in servers and normal in DMs. */
    readonly ephemeral: boolean,
    deferAfterMs: number | null,
    private readonly onDeferFailed: (error: unknown) => void,
  ) {
    if (deferAfterMs !== null) {
      this.timer = setTimeout(() => {
        if (this.state === 'none') this.defer().catch(this.onDeferFailed);
      }, deferAfterMs);
      this.timer.unref();
    }
  }

  get answered(): boolean {
    return this.state !== 'none';
  }

  dispose(): void {
    clearTimeout(this.timer);
  }

  /** Acknowledges now (a slow command such as /stats); the answer follows as an edit. */
  defer(): Promise<unknown> {
    if (this.state !== 'none') return this.deferral ?? Promise.resolve();
    this.dispose();
    this.state = 'deferred';
    const i = this.interaction;
    const target = this.updateTarget();
    if (target !== null) this.deferral = target.deferUpdate();
    else this.deferral = i.deferReply(this.ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    return this.deferral;
  }

  /** The main answer: the command's reply, or the clicked message's new content. */
  async show(view: View): Promise<void> {
    this.dispose();
    const i = this.interaction;
    if (this.state === 'none') {
      this.state = 'answered';
      this.mainShown = true;
      const target = this.updateTarget();
      if (target !== null) await target.update(updateOptions(view));
      else await i.reply(replyOptions(view, this.ephemeral));
      return;
    }
    await this.deferral;
    this.mainShown = true;
    await i.editReply(editOptions(view));
  }

  /**
   * A message for the clicker alone (ephemeral unless `ephemeral` is false), leaving a clicked
   * message as it is; for a command it is the reply itself.
   */
  async notice(view: View, ephemeral = true): Promise<void> {
    this.dispose();
    const i = this.interaction;
    const flags = ephemeral || this.ephemeral ? { flags: MessageFlags.Ephemeral as const } : {};
    if (this.state === 'none') {
      this.state = 'answered';
      if (!this.updates) this.mainShown = true;
      await i.reply({ ...replyOptions(view, false), ...flags });
      return;
    }
    await this.deferral;
    if (!this.updates && !this.mainShown) {
      this.mainShown = true;
      await i.editReply(editOptions(view));
      return;
    }
    await i.followUp({ ...replyOptions(view, false), ...flags });
  }

  private updateTarget(): ButtonInteraction | ModalMessageModalSubmitInteraction | null {
    if (!this.updates) return null;
    const i = this.interaction;
    if (i.isButton()) return i;
    if (i.isModalSubmit() && i.isFromMessage()) return i;
    return null;
  }

  /** Opens a modal; only possible as the very first response. */
  async modal(interaction: ButtonInteraction, modal: ModalBuilder): Promise<void> {
    if (this.state !== 'none') throw new Error('a modal must be the first response to an interaction');
    this.dispose();
    this.state = 'answered';
    await interaction.showModal(modal);
  }
}

function replyOptions(view: View, ephemeral: boolean): InteractionReplyOptions {
  return {
    ...(view.content === undefined || view.content === '' ? {} : { content: view.content }),
    embeds: view.embeds,
    components: view.components,
    ...(view.files === undefined ? {} : { files: view.files }),
    ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}),
  };
}

function updateOptions(view: View): InteractionUpdateOptions {
  return {
    content: view.content ?? '',
    embeds: view.embeds,
    components: view.components,
    ...(view.files === undefined ? {} : { files: view.files }),
  };
}

function editOptions(view: View): InteractionEditReplyOptions {
  return {
    content: view.content ?? '',
    embeds: view.embeds,
    components: view.components,
    ...(view.files === undefined ? {} : { files: view.files }),
  };
}
