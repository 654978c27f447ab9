import type { UserError } from '../core/context.ts';
import type { ExamStep } from '../core/exam/index.ts';
import type { Leaderboard } from '../core/leaderboard.ts';
import type { Leech, UnsuspendResult } from '../core/leeches.ts';
import type { ServiceFacts } from '../core/lookup.ts';
import type { Progress } from '../core/progress.ts';
import type { ReminderJob } from '../core/reminders.ts';
import type { Settings } from '../core/settings.ts';
import type {
  AnswerResult,
  PresentedQuestion,
  Schedule,
  StartResult,
  UndoResult,
} from '../core/study/index.ts';
import type { Comparison, LocalText } from '../domain/question.ts';
import type { Message } from '../i18n/index.ts';

/**
 * What a command or a button has to show, independent of where: each transport has a renderer
 * per kind (Discord embeds and buttons, console text).
 */
export type Outcome =
  | { kind: 'session'; start: StartResult; topicTitle: LocalText | undefined }
  | { kind: 'question'; question: PresentedQuestion; mask?: number; revealed?: boolean }
  | { kind: 'answer'; result: AnswerResult; today: string }
  /** `mask`: a select-all question's toggled options, while they are being picked. */
  | { kind: 'exam'; step: ExamStep; mask?: number }
  | { kind: 'guessed'; schedule: Schedule | null; today: string }
  | { kind: 'undone'; result: UndoResult }
  | { kind: 'leeches'; leeches: Leech[] }
  | { kind: 'unsuspended'; result: UnsuspendResult }
  | { kind: 'facts'; facts: ServiceFacts; page: number }
  | { kind: 'comparison'; comparison: Comparison }
  | { kind: 'leaderboard'; board: Leaderboard; groupName: string | null }
  | { kind: 'stats'; progress: Progress }
  | { kind: 'settings'; settings: Settings; saved: boolean }
  | { kind: 'confirm-forget' }
  | { kind: 'forgotten' }
  | { kind: 'reminder'; job: ReminderJob | null }
  | { kind: 'notice'; message: Message }
  | { kind: 'user-error'; error: UserError }
  | { kind: 'invalid-options'; message: Message };

export const notice = (key: Message['key'], params?: Message['params']): Outcome => ({
  kind: 'notice',
  message: params === undefined ? { key } : { key, params },
});
