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
import { type CommandDef, commandList, type OptionDef } from '../commands/definitions.ts';

/**
 * The command definitions (src/commands/definitions.ts) as Discord application-command JSON.
 * Everything goes through discord.js's builders, so their validation (name pattern, lengths,
 * choice and option limits) runs on every definition: a bad definition throws here, at deploy
 * time and in the tests, not at Discord.
 */

/** Channel types a leaderboard can be posted to. */
const TEXT_CHANNELS = [ChannelType.GuildText, ChannelType.GuildAnnouncement] as const;

const CONTEXTS: Record<CommandDef['contexts'], InteractionContextType[]> = {
  guild: [InteractionContextType.Guild],
  'guild-and-dm': [InteractionContextType.Guild, InteractionContextType.BotDM],
};

function addOption<T extends SharedSlashCommandOptions<T>>(
  target: SharedSlashCommandOptions<T>,
  o: OptionDef,
) {
  const required = o.required === true;
  switch (o.type) {
    case 'string':
      return target.addStringOption((b) => {
        b.setName(o.name).setDescription(o.description).setRequired(required);
        if (o.autocomplete !== undefined) b.setAutocomplete(true);
        if (o.choices !== undefined) b.addChoices(...o.choices);
        if (o.maxLength !== undefined) b.setMaxLength(o.maxLength);
        return b;
      });
    case 'integer':
      return target.addIntegerOption((b) => {
        b.setName(o.name).setDescription(o.description).setRequired(required);
        if (o.autocomplete !== undefined) b.setAutocomplete(true);
        if (o.min !== undefined) b.setMinValue(o.min);
        if (o.max !== undefined) b.setMaxValue(o.max);
        return b;
      });
    case 'boolean':
      return target.addBooleanOption((b) =>
        b.setName(o.name).setDescription(o.description).setRequired(required),
      );
    case 'channel':
      return target.addChannelOption((b) =>
        b
          .setName(o.name)
          .setDescription(o.description)
          .setRequired(required)
          .addChannelTypes(...TEXT_CHANNELS),
      );
  }
}

/** One definition as a builder (validated as it is built). */
export function commandBuilder(def: CommandDef): SlashCommandBuilder {
  const builder = new SlashCommandBuilder()
    .setName(def.name)
    .setDescription(def.description)
    .setContexts(CONTEXTS[def.contexts])
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setDefaultMemberPermissions(def.requires === 'ManageGuild' ? PermissionFlagsBits.ManageGuild : null);
  if (def.subcommand !== undefined) {
    const sub = new SlashCommandSubcommandBuilder()
      .setName(def.subcommand.name)
      .setDescription(def.subcommand.description);
    for (const o of def.options) addOption(sub, o);
    builder.addSubcommand(sub);
  } else {
    for (const o of def.options) addOption(builder, o);
  }
  return builder;
}

/** Every command Discord should know (console-only ones left out), as REST JSON. */
export function discordCommands(
  defs: CommandDef[] = commandList(),
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return defs.filter((d) => d.consoleOnly !== true).map((d) => commandBuilder(d).toJSON());
}
