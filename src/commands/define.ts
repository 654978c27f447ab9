import { z } from 'zod';
import { parseOptions } from './options.ts';
import { notice } from './outcome.ts';
import type { Command, CommandDef } from './types.ts';

/** Folds a definition's option parsing into `execute`, so `run` gets typed options and transports none. */
export function defineCommand<S extends z.ZodType>(def: CommandDef<S>): Command {
  const { run, schema: _schema, ...data } = def;
  return {
    ...data,
    async execute(ctx, caller, raw) {
      const parsed = parseOptions(def, raw);
      if (!parsed.ok) return { kind: 'invalid-options', message: parsed.message };
      return run(ctx, caller, parsed.options);
    },
  };
}

/** A trimmed text option of at most `max` characters. */
export const text = (max: number) =>
  z.string().trim().min(1, 'options.problems.invalid').max(max, 'options.problems.invalid');

export const optionalTopic = text(100).optional();

/** A whole number from `min` to `max`; anything else is the catalogue's `problem` message. */
export const integerIn = (min: number, max: number, problem: string) =>
  z.number({ message: problem }).int(problem).min(min, problem).max(max, problem);

export { notice };
