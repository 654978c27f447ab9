import type { Outcome } from '../commands/outcome.ts';
import type { BankIndex } from '../core/context.ts';
import { local, say, type T } from '../i18n/index.ts';
import { describeDue } from '../render/text.ts';
import { serverBoardView } from './views/board.ts';
import { noticeView, type View } from './views/common.ts';
import { compareView } from './views/compare.ts';
import { examStepView } from './views/exam.ts';
import { factsView } from './views/facts.ts';
import { feedbackView } from './views/feedback.ts';
import { forgetView } from './views/forget.ts';
import { leechesView, unsuspendedView } from './views/leech.ts';
import { userErrorView } from './views/notices.ts';
import { questionView } from './views/question.ts';
import { reminderView } from './views/reminder.ts';
import { settingsView } from './views/settings.ts';
import { staleAnswerView, startView } from './views/start.ts';
import { statsView } from './views/stats.ts';
import { undoneView } from './views/undo.ts';

/**
 * How an outcome is shown on Discord: its view, and whether it is the interaction's main
 * answer (a command's reply, the clicked message updated) or a notice beside it (ephemeral).
 */
export type Rendered = { view: View; as: 'main' | 'notice' };

export type RenderContext = {
  t: T;
  bank: BankIndex;
  sessionSize: number;
  memberId: string;
  /** The rendered progress picture, when the outcome is stats (null if drawing it failed). */
  picture?: Buffer | null;
};

const main = (view: View): Rendered => ({ view, as: 'main' });
const aside = (view: View): Rendered => ({ view, as: 'notice' });

export function render(o: Outcome, r: RenderContext): Rendered {
  const { t } = r;
  switch (o.kind) {
    case 'session': {
      const topic = o.topicTitle === undefined ? undefined : local(o.topicTitle, t.locale);
      return main(startView(t, o.start, topic, r.sessionSize));
    }
    case 'question':
      return main(
        questionView(t, o.question, {
          ...(o.mask === undefined ? {} : { mask: o.mask }),
          revealed: o.revealed === true,
        }),
      );
    case 'answer': {
      const a = o.result;
      if (a.status === 'stale') return aside(staleAnswerView(t, a.reason, a.next));
      const question = r.bank.question(a.feedback.questionId);
      return main(
        feedbackView(t, { feedback: a.feedback, question, next: a.next, summary: a.summary, today: o.today }),
      );
    }
    case 'exam':
      return examStepView(t, o.step, o.mask);
    case 'guessed':
      return aside(
        noticeView(
          o.schedule === null ? t('quiz.guess-refused') : describeDue(t, o.schedule.dueDay, o.today),
        ),
      );
    case 'undone':
      return o.result.status === 'undone' ? main(undoneView(t, o.result)) : aside(undoneView(t, o.result));
    case 'leeches':
      return main(leechesView(t, o.leeches));
    case 'unsuspended':
      return aside(unsuspendedView(t, o.result));
    case 'facts':
      return main(factsView(t, o.facts, o.page, (id) => r.bank.topic(id)));
    case 'comparison':
      return main(compareView(o.comparison));
    case 'leaderboard':
      return main(serverBoardView(t, o.board, o.groupName, r.memberId));
    case 'stats':
      return main(statsView(t, o.progress, r.picture ?? null));
    case 'settings':
      return main(settingsView(t, o.settings, o.saved));
    case 'confirm-forget':
      return main(forgetView(t));
    case 'forgotten':
      return main(noticeView(t('forget.done')));
    case 'reminder':
      return main(o.job === null ? noticeView(t('console.remind-nothing')) : reminderView(t, o.job));
    case 'notice':
      return aside(noticeView(say(t, o.message)));
    case 'user-error':
      return aside(userErrorView(t, o.error));
    case 'invalid-options':
      return aside(noticeView(say(t, o.message)));
  }
}
