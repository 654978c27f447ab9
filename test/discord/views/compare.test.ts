import { describe, expect, it } from 'vitest';
import { compareView, TABLE_WIDTH } from '../../../src/discord/views/compare.ts';
import type { Comparison } from '../../../src/domain/question.ts';

describe('look-up views', () => {
  it('GIVEN a comparison too wide for a phone-friendly table WHEN shown THEN each row becomes an embed field', () => {
    const c: Comparison = {
      id: 'wide',
      topic: 't',
      title: 'Four ways',
      columns: ['Alpha option', 'Beta option', 'Gamma option', 'Delta option'],
      rows: [
        {
          key: 'k',
          dimension: 'Latency',
          cells: ['Low single-digit ms', 'Microseconds', 'Seconds', 'Minutes'],
          quiz: true,
        },
        { key: 'm', dimension: 'Cost', cells: ['High', 'Medium', 'Low', 'Lowest of them all'], quiz: true },
      ],
      source: [],
      docs: 'https://docs.aws.amazon.com/x',
    };
    const embed = compareView(c).embeds[0];
    expect(embed?.description).toBeUndefined();
    expect(embed?.fields?.map((f) => f.name)).toEqual(['Latency', 'Cost']);
    expect(embed?.fields?.[0]?.value).toBe(
      '**Alpha option:** Low single-digit ms\n**Beta option:** Microseconds\n**Gamma option:** Seconds\n**Delta option:** Minutes',
    );
    expect(embed?.url).toBe('https://docs.aws.amazon.com/x');
  });

  it('GIVEN a two-column comparison WHEN shown THEN it is a code block no wider than the table width', () => {
    const c: Comparison = {
      id: 'two',
      topic: 't',
      title: 'Two',
      columns: ['Left', 'Right'],
      rows: [{ key: 'a', dimension: 'Thing', cells: ['word '.repeat(30), 'other '.repeat(20)], quiz: true }],
      source: [],
      docs: undefined,
    };
    const description = compareView(c).embeds[0]?.description ?? '';
    expect(description.startsWith('```\n')).toBe(true);
    const widest = Math.max(...description.split('\n').map((l) => l.length));
    expect(widest).toBeLessThanOrEqual(TABLE_WIDTH);
  });
});
