import type { z } from 'zod';
import type { CoreContext } from '../core/context.ts';
import type { Caller } from '../core/members.ts';
import type { Member } from '../data/types.ts';
import type { Outcome } from './outcome.ts';

export type AutocompleteSource = 'topic' | 'service' | 'comparison' | 'timezone' | 'leech';

/** One option as data; its description and choices' names live in the message catalogue. */
export type OptionDef = {
  name: string;
  type: 'string' | 'integer' | 'boolean' | 'channel';
  required?: boolean;
  autocomplete?: AutocompleteSource;
  /** Choice values; each one's name is `<catalogue>.<value>` in the message catalogue. */
  choices?: { values: readonly string[]; catalogue: 'periods' | 'languages' | 'modes' };
  min?: number;
  max?: number;
  maxLength?: number;
};

/** A channel option as the transport reports it. */
export type ChannelValue = { id: string; textual: boolean };

/** What a transport can do for a command beyond returning an outcome. */
export type Ports = {
  /** Posts the "board goes here" note in a channel; false when the bot may not post there. */
  announceBoardChannel?(channelId: string): Promise<boolean>;
};

export type CommandContext = { core: CoreContext; ports: Ports };

/** Who runs a command, and from where. */
export type Invoker = Caller & {
  member: Member;
  /**
   * Where the command runs: a server that added the bot, a server where only the member's own
   * install of the app is (no study group there), or a DM or group DM.
   */
  place: 'server' | 'server-without-bot' | 'dm';
  /** Server permissions the transport vouches for (false outside servers). */
  canManageServer: boolean;
};

export type CommandDef<S extends z.ZodType> = {
  name: string;
  options: OptionDef[];
  /** Subcommand name, when the command's only options sit under one subcommand. */
  subcommand?: string;
  schema: S;
  /** Where it runs on Discord: servers only, or servers and DMs. */
  contexts: 'guild' | 'guild-and-dm';
  /** Discord permission a member needs by default (checked again in `run`). */
  requires?: 'ManageGuild';
  /** Console-only commands are not registered with Discord. */
  consoleOnly?: boolean;
  run(ctx: CommandContext, caller: Invoker, options: z.output<S>): Promise<Outcome>;
};

/** A command with its options' parsing folded in: transports hand over raw values only. */
export type Command = Omit<CommandDef<z.ZodType>, 'run' | 'schema'> & {
  execute(ctx: CommandContext, caller: Invoker, raw: Record<string, unknown>): Promise<Outcome>;
};
