import type { Command } from '../commands/types.ts';
import type { Message } from '../i18n/index.ts';
import { dynamicKey } from '../i18n/index.ts';

/** Typed command lines as the same raw option values Discord sends for a command. */

/** Splits a command line into words, keeping "quoted phrases" together. */
export function tokenize(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

const BOOLEANS: Record<string, boolean> = {
  on: true,
  true: true,
  yes: true,
  off: false,
  false: false,
  no: false,
};

/** Typed text as the option's type: integers and on/off as such; anything else stays text for the schema to refuse. */
function typed(type: Command['options'][number]['type'], v: string): unknown {
  if (type === 'integer') return /^-?\d+$/.test(v) ? Number(v) : v;
  if (type === 'boolean') return BOOLEANS[v.toLowerCase()] ?? v;
  return v;
}

/**
 * Maps typed words to a command's options: `name:value` / `name=value`, or positionally in
 * order; the last free string option takes the remaining words ("/fact aurora global database").
 */
export function rawOptions(
  command: Command,
  words: string[],
): { raw: Record<string, unknown> } | { error: Message } {
  const raw: Record<string, unknown> = {};
  const positional: string[] = [];
  for (const w of words) {
    const m = /^([a-z_]+)[:=](.*)$/.exec(w);
    // A word that is one of an option's choices ("/quiz weak") goes to that option.
    const choice = command.options.find(
      (o) => !(o.name in raw) && o.choices?.values.includes(w.toLowerCase()),
    );
    if (m?.[1] !== undefined && command.options.some((o) => o.name === m[1])) raw[m[1]] = m[2] ?? '';
    else if (choice !== undefined) raw[choice.name] = w.toLowerCase();
    else positional.push(w);
  }
  const free = command.options.filter((o) => !(o.name in raw));
  if (positional.length > 0 && free.length === 0) {
    const usage = { key: dynamicKey(`commands.${command.name}.usage`) };
    return { error: { key: 'options.too-many-words', params: { command: command.name, usage } } };
  }
  positional.forEach((word, i) => {
    const opt = free[Math.min(i, free.length - 1)];
    if (opt === undefined) return;
    const prev = raw[opt.name];
    raw[opt.name] = i >= free.length - 1 && typeof prev === 'string' ? `${prev} ${word}` : word;
  });
  for (const o of command.options) {
    const v = raw[o.name];
    if (typeof v === 'string') raw[o.name] = typed(o.type, v);
  }
  return { raw };
}

/** "1,3", "a c", "B": choice picks as 0-based indexes, or undefined when something is not an option. */
export function parseChoice(text: string, optionCount: number): number[] | undefined {
  const parts = text
    .toLowerCase()
    .split(/[\s,;]+/)
    .filter((p) => p !== '');
  if (parts.length === 0) return undefined;
  const picks: number[] = [];
  for (const p of parts) {
    const n = /^\d$/.test(p) ? Number(p) - 1 : /^[a-e]$/.test(p) ? p.charCodeAt(0) - 97 : -1;
    if (n < 0 || n >= optionCount) return undefined;
    picks.push(n);
  }
  return picks;
}

const TRUE_FALSE: Record<string, boolean> = {
  t: true,
  true: true,
  yes: true,
  y: true,
  f: false,
  false: false,
  no: false,
  n: false,
};

export function parseTrueFalse(text: string): boolean | undefined {
  return TRUE_FALSE[text.toLowerCase()];
}
