import { consoleSessionCommand } from './quiz.ts';

/** Console: new cards beyond today's limit (Discord offers it as a button when nothing is due). */
export const learn = consoleSessionCommand('learn', 'extra-new');
