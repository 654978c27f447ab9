import { ButtonStyle, EmbedBuilder } from 'discord.js';
import type { T } from '../../i18n/index.ts';
import { encodeId } from '../custom-id.ts';
import { button, COLORS, row, type View } from './common.ts';

export function forgetView(t: T): View {
  const embed = new EmbedBuilder()
    .setColor(COLORS.warning)
    .setTitle(t('forget.title'))
    .setDescription(t('forget.text'));
  return {
    embeds: [embed.toJSON()],
    components: [
      row(
        button(encodeId({ kind: 'forget', confirm: true }), t('forget.yes'), ButtonStyle.Danger),
        button(encodeId({ kind: 'forget', confirm: false }), t('forget.cancel'), ButtonStyle.Secondary),
      ),
    ],
  };
}
