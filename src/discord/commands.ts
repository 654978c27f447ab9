import {
  ApplicationIntegrationType,
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
  type SharedSlashCommandOptions,
  SlashCommandBuilder,
  SlashCommandSubcommandBuilder,
} from 'discord.js';
import { discordCommandList } from '../commands/registry.ts';
import type { Command, OptionDef } from '../commands/types.ts';
import { dynamicKey, LOCALES, type Locale, type T, translator } from '../i18n/index.ts';

/**
 * The command modules as Discord application-command JSON. Everything goes through discord.js's
 * builders, so their validation (name pattern, lengths, choice and option limits) runs on every
 * definition: a bad definition throws here, at deploy time and in the tests, not at Discord.
 */

/** Channel types a leaderboard can be posted to. */
const TEXT_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

/**
 * Where each command can be used. Both installs (a server's, or a member's own "user install"):
 * the study commands work in servers, in the bot's DM and in other DMs and group DMs; the
 * server-only ones are offered in servers only, and refuse politely where the server has not
 * added the bot.
 */
const CONTEXTS: Record<Command['contexts'], InteractionContextType[]> = {
  guild: [InteractionContextType.Guild],
  'guild-and-dm': [
    InteractionContextType.Guild,
    InteractionContextType.BotDM,
    InteractionContextType.PrivateChannel,
  ],
};
const INSTALLS = [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall];

/** Discord's own locale codes for the languages besides English. */
const OTHER_LOCALES = LOCALES.filter((l) => l !== 'en');
const others = OTHER_LOCALES.map((l) => ({ locale: l, t: translator(l) }));

/** One text in English (or `t`'s language) and its translations, as Discord's *_localizations. */
function texts(t: T, key: string): { text: string; localizations: Partial<Record<Locale, string>> } {
  const localizations: Partial<Record<Locale, string>> = {};
  for (const o of others) localizations[o.locale] = o.t(dynamicKey(key));
  return { text: t(dynamicKey(key)), localizations };
}

type Localizable = {
  setName(name: string): unknown;
  setNameLocalizations(l: Partial<Record<Locale, string>>): unknown;
  setDescription(d: string): unknown;
  setDescriptionLocalizations(l: Partial<Record<Locale, string>>): unknown;
};

/** Sets a command's, subcommand's or option's name and description with their translations. */
function named<B extends Localizable>(b: B, t: T, name: string, nameKey: string, descriptionKey: string): B {
  const description = texts(t, descriptionKey);
  b.setName(name);
  b.setNameLocalizations(texts(t, nameKey).localizations);
  b.setDescription(description.text);
  b.setDescriptionLocalizations(description.localizations);
  return b;
}

function addOption<S extends SharedSlashCommandOptions<S>>(
  t: T,
  c: Command,
  target: SharedSlashCommandOptions<S>,
  o: OptionDef,
) {
  const required = o.required === true;
  const base = `commands.${c.name}`;
  const label = <B extends Localizable>(b: B) =>
    named(b, t, o.name, `${base}.option-names.${o.name}`, `${base}.options.${o.name}`);
  switch (o.type) {
    case 'string':
      return target.addStringOption((b) => {
        label(b).setRequired(required);
        if (o.autocomplete !== undefined) b.setAutocomplete(true);
        const choices = o.choices;
        if (choices !== undefined) {
          b.addChoices(
            ...choices.values.map((value) => {
              const name = texts(t, `${choices.catalogue}.${value}`);
              return { name: name.text, name_localizations: name.localizations, value };
            }),
          );
        }
        if (o.maxLength !== undefined) b.setMaxLength(o.maxLength);
        return b;
      });
    case 'integer':
      return target.addIntegerOption((b) => {
        label(b).setRequired(required);
        if (o.autocomplete !== undefined) b.setAutocomplete(true);
        if (o.min !== undefined) b.setMinValue(o.min);
        if (o.max !== undefined) b.setMaxValue(o.max);
        return b;
      });
    case 'boolean':
      return target.addBooleanOption((b) => label(b).setRequired(required));
    case 'channel':
      return target.addChannelOption((b) =>
        label(b)
          .setRequired(required)
          .addChannelTypes(...TEXT_CHANNELS),
      );
  }
}

/** One command as a builder (validated as it is built), in `t`'s language with every translation. */
export function commandBuilder(c: Command, t: T = translator('en')): SlashCommandBuilder {
  const base = `commands.${c.name}`;
  const builder = named(new SlashCommandBuilder(), t, c.name, `${base}.name`, `${base}.description`)
    .setContexts(...CONTEXTS[c.contexts])
    .setIntegrationTypes(...INSTALLS)
    .setDefaultMemberPermissions(c.requires === 'ManageGuild' ? PermissionFlagsBits.ManageGuild : null);
  if (c.subcommand !== undefined) {
    const sub = named(
      new SlashCommandSubcommandBuilder(),
      t,
      c.subcommand,
      `${base}.subcommand-name`,
      `${base}.subcommand`,
    );
    for (const o of c.options) addOption(t, c, sub, o);
    builder.addSubcommand(sub);
  } else {
    for (const o of c.options) addOption(t, c, builder, o);
  }
  return builder;
}

/** Every command Discord should know (console-only ones left out), as REST JSON. */
export function discordCommands(
  list: Command[] = discordCommandList(),
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return list.map((c) => commandBuilder(c).toJSON());
}
