import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/load.ts';
import { COMMANDS } from '../../src/commands/registry.ts';
import { LOCALES } from '../../src/i18n/index.ts';

/**
 * Every catalogue complete and consistent: the same keys (each language with its own plural
 * forms), the same placeholders, names Discord accepts, and texts within Discord's limits.
 */

const dir = path.resolve(import.meta.dirname, '../../src/i18n/locales');
type Tree = { [key: string]: string | Tree };
const read = (locale: string): Tree =>
  JSON.parse(readFileSync(path.join(dir, `${locale}.json`), 'utf8')) as Tree;

function flat(tree: Tree, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else flat(v, `${prefix}${k}.`, out);
  }
  return out;
}

const PLURAL = /^(.*)_(zero|one|two|few|many|other)$/;
/** Keys with the plural suffixes folded, each mapped to the set of suffixes present. */
function bases(keys: string[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const k of keys) {
    const m = PLURAL.exec(k);
    const base = m?.[1] ?? k;
    const set = out.get(base) ?? new Set<string>();
    if (m?.[2] !== undefined) set.add(m[2]);
    out.set(base, set);
  }
  return out;
}

const placeholders = (s: string) =>
  (s.match(/\{\{\s*(\w+)\s*\}\}/g) ?? []).map((p) => p.replace(/[{}\s]/g, '')).sort();
const en = flat(read('en'));
const NAME = /^[-_\p{L}\p{N}]{1,32}$/u;

describe('message catalogues', () => {
  for (const locale of LOCALES) {
    const cat = flat(read(locale));

    it(`GIVEN ${locale} THEN it has every key of English and no other, with its own plural forms`, () => {
      const wanted = bases(Object.keys(en));
      const have = bases(Object.keys(cat));
      expect(
        [...have.keys()].filter((k) => !wanted.has(k)),
        'extra keys',
      ).toEqual([]);
      expect(
        [...wanted.keys()].filter((k) => !have.has(k)),
        'missing keys',
      ).toEqual([]);
      const categories = new Intl.PluralRules(locale).resolvedOptions().pluralCategories;
      for (const [base, forms] of wanted) {
        if (forms.size === 0) continue;
        expect([...(have.get(base) ?? [])].sort(), `plural forms of ${base}`).toEqual([...categories].sort());
      }
    });

    it(`GIVEN ${locale} THEN every text names the same placeholders as the English one`, () => {
      for (const [key, text] of Object.entries(cat)) {
        const base = PLURAL.exec(key)?.[1] ?? key;
        const english = en[key] ?? en[`${base}_other`] ?? '';
        expect(placeholders(text), key).toEqual(
          placeholders(english).filter((p) => p !== 'count' || text.includes('{{count}}')),
        );
        expect(text.trim(), key).not.toBe('');
      }
    });

    it(`GIVEN ${locale} THEN command, option and subcommand names are names Discord accepts, and descriptions fit`, () => {
      const tree = read(locale).commands as Tree;
      for (const c of COMMANDS) {
        const entry = tree[c.name] as Tree;
        const names = [
          entry.name,
          ...Object.values(entry['option-names'] as Tree),
          ...(c.subcommand === undefined ? [] : [entry['subcommand-name']]),
        ];
        for (const n of names) {
          expect(
            typeof n === 'string' && NAME.test(n) && n === n.toLocaleLowerCase(locale),
            `${c.name}: ${String(n)}`,
          ).toBe(true);
        }
        expect(
          new Set(Object.values(entry['option-names'] as Tree)).size,
          `${c.name} option names unique`,
        ).toBe(c.options.length);
        for (const d of [entry.description, ...Object.values(entry.options as Tree)]) {
          expect(String(d).length, `${c.name}: ${String(d)}`).toBeLessThanOrEqual(100);
        }
      }
    });

    it(`GIVEN ${locale} THEN buttons, choices and grades fit Discord's limits`, () => {
      const buttons = Object.keys(cat).filter((k) =>
        /^(grades\.|forget\.(yes|cancel)$|undo\.button$|leech\.unsuspend(-number)?$|facts\.(previous|next|quiz-me)|quiz\.(submit|true|false|answer-button|reveal|guessed-button|next-button|another-round|continue|start-quiz|nothing\.(learn-anyway|practice-ahead)))/.test(
          k,
        ),
      );
      expect(buttons.length).toBeGreaterThan(15);
      for (const k of buttons) expect((cat[k] ?? '').length, k).toBeLessThanOrEqual(70);
      for (const k of Object.keys(cat).filter((x) => /^(periods|languages)\./.test(x)))
        expect((cat[k] ?? '').length, k).toBeLessThanOrEqual(100);
      expect((cat['picture.weekdays'] ?? '').split(',')).toHaveLength(7);
      expect((cat['picture.months'] ?? '').split(',')).toHaveLength(12);
    });
  }

  it('GIVEN the real bank THEN every topic has its Korean and Vietnamese name', () => {
    const bank = loadBank(path.resolve(import.meta.dirname, '../../questions'));
    for (const t of bank.topics) {
      expect(t.titles.ko, t.id).toMatch(/\S/);
      expect(t.titles.vi, t.id).toMatch(/\S/);
    }
  });
});
