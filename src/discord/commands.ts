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
import { dynamicKey, type T, translator } from '../i18n/index.ts';

/**
 * The command modules as Discord application-command JSON. Everything goes through discord.js's
 * builders, so their validation (name pattern, lengths, choice and option limits) runs on every
 * definition: a bad definition throws here, at deploy time and in the tests, not at Discord.
 */

/** Channel types a leaderboard can be posted to. */
const TEXT_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

const CONTEXTS: Record<Command['contexts'], InteractionContextType[]> = {
  guild: [InteractionContextType.Guild],
  'guild-and-dm': [InteractionContextType.Guild, InteractionContextType.BotDM],
};

function describe(t: T, command: Command, option: OptionDef): string {
  return t(dynamicKey(`commands.${command.name}.options.${option.name}`));
}

/** A choice's name: the leaderboard's periods are "This week", "This month", "All time". */
function choiceName(t: T, value: string): string {
  return t(dynamicKey(`periods.${value}`));
}

function addOption<S extends SharedSlashCommandOptions<S>>(
  t: T,
  c: Command,
  target: SharedSlashCommandOptions<S>,
  o: OptionDef,
) {
  const required = o.required === true;
  const description = describe(t, c, o);
  switch (o.type) {
    case 'string':
      return target.addStringOption((b) => {
        b.setName(o.name).setDescription(description).setRequired(required);
        if (o.autocomplete !== undefined) b.setAutocomplete(true);
        if (o.choices !== undefined)
          b.addChoices(...o.choices.map((value) => ({ name: choiceName(t, value), value })));
        if (o.maxLength !== undefined) b.setMaxLength(o.maxLength);
        return b;
      });
    case 'integer':
      return target.addIntegerOption((b) => {
        b.setName(o.name).setDescription(description).setRequired(required);
        if (o.autocomplete !== undefined) b.setAutocomplete(true);
        if (o.min !== undefined) b.setMinValue(o.min);
        if (o.max !== undefined) b.setMaxValue(o.max);
        return b;
      });
    case 'boolean':
      return target.addBooleanOption((b) =>
        b.setName(o.name).setDescription(description).setRequired(required),
      );
    case 'channel':
      return target.addChannelOption((b) =>
        b
          .setName(o.name)
          .setDescription(description)
          .setRequired(required)
          .addChannelTypes(...TEXT_CHANNELS),
      );
  }
}

/** One command as a builder (validated as it is built). */
export function commandBuilder(c: Command, t: T = translator('en')): SlashCommandBuilder {
  const builder = new SlashCommandBuilder()
    .setName(c.name)
    .setDescription(t(dynamicKey(`commands.${c.name}.description`)))
    .setContexts(...CONTEXTS[c.contexts])
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setDefaultMemberPermissions(c.requires === 'ManageGuild' ? PermissionFlagsBits.ManageGuild : null);
  if (c.subcommand !== undefined) {
    const sub = new SlashCommandSubcommandBuilder()
      .setName(c.subcommand)
      .setDescription(t(dynamicKey(`commands.${c.name}.subcommand`)));
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
