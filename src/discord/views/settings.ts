import { EmbedBuilder } from 'discord.js';
import type { Settings } from '../../core/settings.ts';
import { dynamicKey, type T } from '../../i18n/index.ts';
import { COLORS, timestamp, type View } from './common.ts';

export function settingsView(t: T, s: Settings, saved: boolean): View {
  const reminder = s.remindersEnabled
    ? t('settings.reminder-on', { time: s.reminderTime, timezone: s.timezone })
    : t('settings.reminder-off');
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(saved ? t('settings.saved') : t('settings.yours'))
    .addFields(
      { name: t('settings.timezone'), value: s.timezone, inline: true },
      { name: t('settings.reminder'), value: reminder, inline: true },
      { name: t('settings.new-per-day'), value: String(s.newPerDay), inline: true },
      {
        name: t('settings.leech-threshold'),
        value:
          s.leechThreshold === 0
            ? t('settings.leech-off')
            : t('settings.leech-on', { count: s.leechThreshold }),
        inline: true,
      },
      { name: t('settings.language'), value: t(dynamicKey(`languages.${s.language}`)), inline: true },
    );
  if (s.nextReminderAt !== null) {
    embed.addFields({ name: t('settings.next-dm'), value: timestamp(s.nextReminderAt, 'f'), inline: true });
  }
  if (s.dmsClosed) embed.addFields({ name: t('settings.dms-closed'), value: t('settings.dms-closed-text') });
  embed.setFooter({ text: t('settings.footer') });
  return { embeds: [embed.toJSON()], components: [] };
}
