import type { ButtonInteraction } from 'discord.js';
import type { CustomId, CustomIdOf, IdKind } from '../custom-id.ts';
import { notice, type Turn } from '../turn.ts';
import { noticeView } from '../views/common.ts';
import { grade, pick, submit, truefalse } from './answer.ts';
import {
  examAbandon,
  examDrill,
  examFlag,
  examGo,
  examPick,
  examResult,
  examResume,
  examReview,
  examSave,
  examSubmit,
  examTf,
  examToggle,
} from './exam.ts';
import { factPage } from './fact.ts';
import { forget } from './forget.ts';
import { guess } from './guess.ts';
import { leech } from './leech.ts';
import { legacy } from './legacy.ts';
import { next, reveal, toggle } from './question.ts';
import { start } from './start.ts';
import { undo } from './undo.ts';

/**
 * One handler per button family, keyed by the custom id's kind. The free-text button opens a
 * form before the member is looked up (the form must be the first response), so its handler
 * has nothing left to do; a form's id arriving on a button is stale.
 */
type Handlers = {
  [K in IdKind]: (turn: Turn, id: CustomIdOf<K>, clicked: ButtonInteraction) => Promise<void>;
};

const handlers: Handlers = {
  pick,
  truefalse,
  grade,
  submit,
  toggle,
  legacy,
  reveal,
  next,
  text: async () => {},
  modal: (turn) => notice(turn, noticeView(turn.t('quiz.stale.old-modal-button'))),
  guess: (turn, id, clicked) => guess(turn, id, clicked.message, clicked.customId),
  undo,
  leech: (turn, id, clicked) => leech(turn, id, clicked.message, clicked.customId),
  start,
  fact: factPage,
  forget,
  examPick,
  examToggle,
  examSave,
  examTf,
  examGo,
  examFlag,
  examReview,
  examSubmit,
  examDrill,
  examResume,
  examResult,
  examAbandon,
};

function dispatch<K extends IdKind>(
  turn: Turn,
  id: CustomIdOf<K>,
  clicked: ButtonInteraction,
): Promise<void> {
  const handler: Handlers[K] = handlers[id.kind];
  return handler(turn, id, clicked);
}

export function runButton(turn: Turn, id: CustomId, clicked: ButtonInteraction): Promise<void> {
  return dispatch(turn, id, clicked);
}
