import { findCommand } from '../commands/registry.ts';
import type { AutocompleteSource } from '../commands/types.ts';
import type { CoreContext } from '../core/context.ts';
import { suggestLeeches } from '../core/leeches.ts';
import { type Choice, suggestComparisons, suggestServices, suggestTopics } from '../core/lookup.ts';

/**
 * Autocomplete choices: in-memory look-ups (the bank index and the timezone list), never the
 * database, so they answer well inside Discord's 3 s; the one exception is a member's own
 * leeches (one indexed read). At most 25 choices, names and values clipped to 100 characters.
 */

export const MAX_CHOICES = 25;

const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Seoul',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Singapore',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Africa/Johannesburg',
];

let zones: string[] | undefined;

function allZones(): string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((z) => z !== 'UTC')];
  return zones;
}

/** IANA names matching what was typed: names starting with it first, then any containing it. */
export function suggestTimezones(partial: string): Choice[] {
  const query = partial.trim().toLowerCase().replaceAll(' ', '_');
  const list =
    query === ''
      ? COMMON_ZONES
      : (() => {
          const starts: string[] = [];
          const contains: string[] = [];
          for (const zone of allZones()) {
            const z = zone.toLowerCase();
            const city = z.slice(z.lastIndexOf('/') + 1);
            if (z.startsWith(query) || city.startsWith(query)) starts.push(zone);
            else if (z.includes(query)) contains.push(zone);
            if (starts.length >= MAX_CHOICES) break;
          }
          return [...starts, ...contains];
        })();
  return list.slice(0, MAX_CHOICES).map((z) => ({ name: z, value: z }));
}

export type AutocompleteQuery = {
  command: string;
  option: string;
  value: string;
  /** Other options already filled in, e.g. /fact's service when typing its topic. */
  others: Record<string, string | undefined>;
};

function sourceOf(command: string, option: string): AutocompleteSource | undefined {
  return findCommand(command)?.options.find((o) => o.name === option)?.autocomplete;
}

function clipChoice(c: Choice): Choice {
  return { name: c.name.slice(0, 100), value: c.value.slice(0, 100) };
}

/**
 * The member's own choices (their leeches for /leech): one indexed read of their suspended
 * cards, the one autocomplete that needs the database; everything else as autocompleteChoices.
 */
export async function memberAutocompleteChoices(
  ctx: CoreContext,
  memberId: string,
  q: AutocompleteQuery,
): Promise<Choice[]> {
  if (sourceOf(q.command, q.option) !== 'leech') return autocompleteChoices(ctx, q);
  const choices = await suggestLeeches(ctx, memberId, q.value.slice(0, 100));
  return choices.slice(0, MAX_CHOICES).map(clipChoice);
}

/** Never throws: a failure gives no choices (the caller logs it). */
export function autocompleteChoices(ctx: CoreContext, q: AutocompleteQuery): Choice[] {
  const value = q.value.slice(0, 100);
  let choices: Choice[];
  switch (sourceOf(q.command, q.option)) {
    case 'topic':
      choices = suggestTopics(ctx, value, q.command === 'fact' ? q.others.service : undefined);
      break;
    case 'service':
      choices = suggestServices(ctx, value);
      break;
    case 'comparison':
      choices = suggestComparisons(ctx, value);
      break;
    case 'timezone':
      choices = suggestTimezones(value);
      break;
    default:
      choices = [];
  }
  return choices.slice(0, MAX_CHOICES).map(clipChoice);
}
