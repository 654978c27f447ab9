import type { ReminderJob } from '../../core/reminders.ts';
import type { T } from '../../i18n/index.ts';
import type { View } from './common.ts';
import { questionView } from './question.ts';

/** The daily quiz DM: the day's figures and the first question, ready to answer. */
export function reminderView(t: T, job: ReminderJob): View {
  const parts = [t('reminder.due', { count: job.due })];
  if (job.newCount > 0) parts.push(t('reminder.new', { count: job.newCount }));
  if (job.streak > 0) parts.push(t('reminder.streak', { count: job.streak }));
  const view = questionView(t, job.start.question, {
    content: t('reminder.ready', { parts: parts.join(' · ') }),
  });
  const [embed] = view.embeds;
  if (embed !== undefined) {
    const footer = embed.footer?.text;
    const hint = t('reminder.hint');
    embed.footer = { text: footer === undefined ? hint : `${footer} · ${hint}` };
  }
  return view;
}
