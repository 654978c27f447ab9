import type { z } from 'zod';
import { dynamicKey, type Message } from '../i18n/index.ts';
import type { CommandDef, OptionDef } from './types.ts';

/**
 * Raw option values (from Discord's interaction or typed words) checked against a command's
 * definition and schema. Problems come back as catalogue messages that name the option and
 * the command's usage.
 */

export type Parsed<S extends z.ZodType> =
  | { ok: true; options: z.output<S> }
  | { ok: false; message: Message };

export function parseOptions<S extends z.ZodType>(
  def: CommandDef<S>,
  raw: Record<string, unknown>,
): Parsed<S> {
  const usage: Message = { key: dynamicKey(`commands.${def.name}.usage`) };
  const known = new Set(def.options.map((o) => o.name));
  const unknown = Object.keys(raw).find((k) => !known.has(k));
  if (unknown !== undefined) {
    const options = def.options.map((o) => o.name).join(', ');
    return {
      ok: false,
      message: {
        key: 'options.unknown',
        params: { command: def.name, option: unknown, options: options || '-' },
      },
    };
  }
  const missing = def.options.find(
    (o: OptionDef) => o.required === true && (raw[o.name] === undefined || raw[o.name] === ''),
  );
  if (missing !== undefined) {
    return {
      ok: false,
      message: {
        key: 'options.required',
        params: {
          command: def.name,
          option: missing.name,
          description: { key: dynamicKey(`commands.${def.name}.options.${missing.name}`) },
          usage,
        },
      },
    };
  }
  const result = def.schema.safeParse(raw);
  if (result.success) return { ok: true, options: result.data };
  const issue = result.error.issues[0];
  // Schemas name catalogue keys as their messages (options.problems.*).
  const option = String(issue?.path[0] ?? '');
  const text = issue?.message ?? '';
  // Schemas name catalogue keys as their messages (options.problems.*); anything else is generic.
  const problem: Message = text.startsWith('options.')
    ? { key: dynamicKey(text), params: { option } }
    : { key: 'options.problems.invalid', params: { option } };
  return { ok: false, message: { key: 'options.invalid', params: { command: def.name, problem, usage } } };
}
