import { consoleSessionCommand } from './quiz.ts';

/** Console: practise ahead without moving the schedule (a button on Discord). */
export const practice = consoleSessionCommand('practice', 'practice');
