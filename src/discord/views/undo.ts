import type { UndoResult } from '../../core/study/index.ts';
import { dynamicKey, type T } from '../../i18n/index.ts';
import { noticeView, type View } from './common.ts';
import { questionView } from './question.ts';

/** An undone answer: the question again, to answer anew; or why nothing was undone. */
export function undoneView(t: T, r: UndoResult): View {
  if (r.status === 'refused') return noticeView(t(dynamicKey(`undo.refused.${r.reason}`)));
  return questionView(t, r.question, { content: t('undo.done') });
}
