import {
  ActionRowBuilder,
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  ButtonBuilder,
  ButtonStyle,
} from 'discord.js';

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

export const LIMITS = { description: 4_096, field: 1_024, title: 256, label: 80, content: 2_000 } as const;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function row(...buttons: ButtonBuilder[]): MessageRow {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(buttons).toJSON();
}

export function button(customId: string, label: string, style = ButtonStyle.Secondary): ButtonBuilder {
  return new ButtonBuilder().setCustomId(customId).setLabel(clip(label, LIMITS.label)).setStyle(style);
}

/** A Discord timestamp: shown in each reader's own timezone and language. */
export const timestamp = (ms: number, style: 'R' | 'f' | 'D') => `<t:${Math.floor(ms / 1000)}:${style}>`;

export function noticeView(text: string, components: MessageRow[] = []): View {
  return { content: clip(text, LIMITS.content), embeds: [], components };
}
