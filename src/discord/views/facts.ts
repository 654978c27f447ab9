import { ButtonStyle, EmbedBuilder } from 'discord.js';
import type { ServiceFacts } from '../../core/lookup.ts';
import type { Topic } from '../../domain/question.ts';
import { local, type T } from '../../i18n/index.ts';
import { encodeId } from '../custom-id.ts';
import { button, COLORS, clip, LIMITS, type MessageRow, row, type View } from './common.ts';

/** Characters of facts per /fact page (the embed description allows 4,096). */
const FACT_PAGE_CHARS = 3_500;

type FactPage = { text: string; topics: string[] };

function factPages(t: T, result: ServiceFacts): FactPage[] {
  const pages: FactPage[] = [];
  let current: FactPage = { text: '', topics: [] };
  for (const fact of result.facts) {
    const docs = fact.docs === undefined ? '' : ` ([${t('facts.docs')}](${fact.docs}))`;
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

function pager(t: T, result: ServiceFacts, index: number, pages: number): MessageRow {
  const id = (page: number) =>
    encodeId({ kind: 'fact', service: result.service.id, topic: result.topic?.id, page });
  return row(
    button(id(index - 1), t('facts.previous')).setDisabled(index === 0),
    button(id(index + 1), t('facts.next')).setDisabled(index === pages - 1),
  );
}

export function factsView(
  t: T,
  result: ServiceFacts,
  page: number,
  topicOf: (id: string) => Topic | undefined,
): View {
  const pages = factPages(t, result);
  const index = Math.min(Math.max(0, page), pages.length - 1);
  const current = pages[index] ?? { text: '', topics: [] };
  const title =
    result.topic === undefined
      ? t('facts.title', { service: result.service.name })
      : t('facts.title-topic', { service: result.service.name, topic: local(result.topic.titles, t.locale) });
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(clip(title, LIMITS.title))
    .setDescription(current.text);
  if (pages.length > 1) embed.setFooter({ text: t('facts.page', { page: index + 1, pages: pages.length }) });
  const rows: MessageRow[] = pages.length > 1 ? [pager(t, result, index, pages.length)] : [];
  const topics = current.topics.slice(0, 5);
  if (topics.length > 0) {
    const quizMe = (topic: string) =>
      button(
        encodeId({ kind: 'start', mode: 'review', topic, update: false }),
        topics.length === 1
          ? t('facts.quiz-me')
          : t('facts.quiz-me-topic', { topic: local(topicOf(topic)?.titles ?? { en: topic }, t.locale) }),
        ButtonStyle.Primary,
      );
    rows.push(row(...topics.map(quizMe)));
  }
  return { embeds: [embed.toJSON()], components: rows };
}
