import { describe, expect, it } from 'vitest';
import type { ServiceFacts } from '../../../src/core/lookup.ts';
import { factsView } from '../../../src/discord/views/facts.ts';
import type { Fact } from '../../../src/domain/question.ts';
import { translator } from '../../../src/i18n/index.ts';
import { buttonsOf } from '../harness.ts';

const t = translator('en');

describe('look-up views', () => {
  it('GIVEN more facts than fit one embed WHEN shown THEN they are paged with buttons that carry the page', () => {
    const facts: Fact[] = Array.from({ length: 30 }, (_, i) => ({
      id: `f${i}`,
      topic: i < 15 ? 'one' : 'two',
      service: 'svc',
      title: `Fact ${i}`,
      text: 'x'.repeat(300),
      source: [],
      docs: undefined,
    }));
    const result: ServiceFacts = {
      service: { id: 'svc', name: 'Service', aliases: [] },
      topic: undefined,
      facts,
    };
    const first = factsView(t, result, 0, () => undefined);
    const description = first.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(first.embeds[0]?.footer?.text).toMatch(/^Page 1 of \d$/);
    const [prev, next] = buttonsOf(first);
    expect(prev).toMatchObject({ label: '◀ Previous', disabled: true });
    expect(next).toMatchObject({ label: 'Next ▶', customId: 'fact:svc::1', disabled: false });
    const pages = Number(/of (\d)/.exec(first.embeds[0]?.footer?.text ?? '')?.[1]);
    const seen = new Set<string>();
    for (let p = 0; p < pages; p++) {
      const text = factsView(t, result, p, () => undefined).embeds[0]?.description ?? '';
      for (const m of text.matchAll(/\*\*(Fact \d+)\*\*/g)) seen.add(m[1] ?? '');
    }
    expect(seen.size).toBe(30);
  });
});
