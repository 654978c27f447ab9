import type { UserError } from '../../core/context.ts';
import type { StoreFault } from '../../data/errors.ts';
import { dynamicKey, type T } from '../../i18n/index.ts';
import { noticeView, type View } from './common.ts';

export function userErrorView(t: T, error: UserError): View {
  const message = t(dynamicKey(`errors.${error.code}`), error.params);
  const shown = error.suggestions.slice(0, 15).map((s) => `\`${s}\``);
  if (shown.length === 0) return noticeView(message);
  const more = error.suggestions.length > shown.length ? t('common.list-more') : '';
  return noticeView(t('common.try', { message, list: `${shown.join(', ')}${more}` }));
}

export function errorView(t: T, errorId: string): View {
  return noticeView(t('errors.generic', { id: errorId }));
}

/** A write that failed: it says plainly that nothing was saved, and whether to retry. */
export function notSavedView(t: T, fault: StoreFault, errorId: string, answering: boolean): View {
  const text = t(dynamicKey(`errors.not-saved.${fault}`), { id: errorId });
  return noticeView(answering ? `${text}\n${t('errors.answer-not-saved')}` : text);
}
