import { compare } from './compare.ts';
import { exam } from './exam.ts';
import { fact } from './fact.ts';
import { forgetMe } from './forget-me.ts';
import { group } from './group.ts';
import { leaderboard } from './leaderboard.ts';
import { learn } from './learn.ts';
import { leech } from './leech.ts';
import { practice } from './practice.ts';
import { quiz } from './quiz.ts';
import { remind } from './remind.ts';
import { settings } from './settings.ts';
import { stats } from './stats.ts';
import type { Command } from './types.ts';
import { undo } from './undo.ts';

/** Every command, in the order /help lists them. Adding a command means adding its module here. */
export const COMMANDS: readonly Command[] = [
  quiz,
  exam,
  fact,
  compare,
  undo,
  leech,
  leaderboard,
  stats,
  settings,
  group,
  forgetMe,
  learn,
  practice,
  remind,
];

const byName = new Map(COMMANDS.map((c) => [c.name, c]));

export function findCommand(name: string): Command | undefined {
  return byName.get(name);
}

/** The commands Discord registers (console-only ones left out). */
export function discordCommandList(): Command[] {
  return COMMANDS.filter((c) => c.consoleOnly !== true);
}
