import { EmbedBuilder } from 'discord.js';
import type { Comparison } from '../../domain/question.ts';
import { comparisonTable } from '../../render/text.ts';
import { COLORS, clip, LIMITS, type View } from './common.ts';

/** Width of the /compare code block: readable on desktop, and wraps less on phones than 80. */
export const TABLE_WIDTH = 56;
/** Comparisons with more options than this are shown as one embed field per row. */
export const MAX_TABLE_COLUMNS = 3;

/** Four or more options, or a table past Discord's limits, read better as one field per row. */
function asFields(c: Comparison) {
  let budget = 5_000 - c.title.length;
  return c.rows.slice(0, 24).map((r) => {
    const value = c.columns.map((col, i) => `**${col}:** ${r.cells[i] ?? ''}`).join('\n');
    const field = {
      name: clip(r.dimension, LIMITS.title),
      value: clip(value, Math.min(LIMITS.field, budget)),
    };
    budget = Math.max(60, budget - field.name.length - field.value.length);
    return field;
  });
}

export function compareView(c: Comparison): View {
  const table = comparisonTable(c, TABLE_WIDTH);
  const widest = Math.max(...table.split('\n').map((l) => l.length));
  const block = `\`\`\`\n${table}\n\`\`\``;
  const embed = new EmbedBuilder().setColor(COLORS.info).setTitle(clip(c.title, LIMITS.title));
  const fits =
    c.columns.length <= MAX_TABLE_COLUMNS && block.length <= LIMITS.description && widest <= TABLE_WIDTH + 4;
  if (fits) embed.setDescription(block);
  else embed.addFields(asFields(c));
  if (c.docs !== undefined) embed.setURL(c.docs);
  return { embeds: [embed.toJSON()], components: [] };
}
