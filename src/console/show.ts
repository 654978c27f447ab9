import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Outcome } from '../commands/outcome.ts';
import type { UserError } from '../core/context.ts';
import type { ExamQuestion, ExamStep } from '../core/exam/index.ts';
import type { Progress } from '../core/progress.ts';
import type { PresentedQuestion } from '../core/study/index.ts';
import { dynamicKey, say, type T } from '../i18n/index.ts';
import { renderProgressOf } from '../render/picture/index.ts';
import { renderExamOpen, renderExamOverview, renderExamQuestion, renderExamResult } from './render/exam.ts';
import {
  renderComparison,
  renderFacts,
  renderLeaderboard,
  renderLeeches,
  renderProgress,
  renderSettings,
} from './render/pages.ts';
import { renderFeedback, renderNothingDue, renderQuestion, renderSummary } from './render/quiz.ts';

/** What showing an outcome leaves behind for the next line typed. */
export type After =
  | { kind: 'answer'; question: PresentedQuestion; revealed: boolean }
  /** In an exam: a question, the overview, the result (drill), or the resume-or-abandon prompt. */
  | { kind: 'exam'; exam: ExamQuestion }
  | { kind: 'exam-overview'; examId: number; total: number }
  | { kind: 'exam-result'; examId: number }
  | { kind: 'exam-open'; examId: number; asked: { questions: number; minutes: number } }
  | { kind: 'confirm-forget' }
  | { kind: 'none' };

export type Screen = {
  t: T;
  write(text: string): void;
  now(): number;
  timezone: string;
  memberId: string;
  memberName: string;
  groupName: string;
  imageDir: string;
  /** Set to the review a correct answer logged, so /guessed can change it. */
  onGradable(reviewId: number | null): void;
};

export function userErrorText(t: T, e: UserError): string {
  const message = t(dynamicKey(`errors.${e.code}`), e.params);
  return e.suggestions.length === 0
    ? message
    : t('common.try-console', { message, list: e.suggestions.slice(0, 8).join(', ') });
}

/** A picture name of its own per member: the id as a slug, plus a hash when the slug lost characters. */
export function pictureName(memberId: string): string {
  const slug = memberId.toLowerCase().replace(/[^a-z0-9-]/g, '_');
  const lossless = /^console:[a-z0-9-]+$/.test(memberId) || /^[a-z0-9-]+$/.test(memberId);
  return lossless
    ? `progress-${slug}.png`
    : `progress-${slug}-${createHash('sha256').update(memberId).digest('hex').slice(0, 8)}.png`;
}

/** Writes the progress picture; the text says where, or why it could not (the text alone still shows). */
async function picture(s: Screen, p: Progress): Promise<string> {
  try {
    const png = await renderProgressOf(p, s.t);
    mkdirSync(s.imageDir, { recursive: true });
    const file = path.join(s.imageDir, pictureName(s.memberId));
    writeFileSync(file, png);
    return s.t('console.picture', { path: file });
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code ?? (error instanceof Error ? error.message : String(error));
    return s.t('console.picture-failed', { reason });
  }
}

function ask(s: Screen, question: PresentedQuestion): After {
  s.write(renderQuestion(s.t, question));
  return { kind: 'answer', question, revealed: false };
}

function showStart(s: Screen, o: Extract<Outcome, { kind: 'session' }>): After {
  const { t, write } = s;
  const start = o.start;
  if (start.kind === 'nothing-due') {
    write(renderNothingDue(t, start, s.now(), s.timezone));
    return { kind: 'none' };
  }
  if (start.kind === 'nothing-to-drill') {
    write(
      start.source === 'exam'
        ? t('quiz.nothing.no-misses')
        : start.topic === undefined
          ? t('quiz.nothing.no-weak')
          : t('quiz.nothing.no-weak-topic', { topic: start.topic }),
    );
    return { kind: 'none' };
  }
  if (start.resumed) write(t('console.resuming'));
  else if (start.question.mode === 'drill')
    write(t('quiz.start-drill', { total: start.question.total }).replaceAll('**', ''));
  else if (start.dueCount + start.newCount > 0)
    write(t('console.counts', { due: start.dueCount, new: start.newCount }));
  return ask(s, start.question);
}

function showAnswer(s: Screen, o: Extract<Outcome, { kind: 'answer' }>): After {
  const r = o.result;
  if (r.status === 'stale') s.write(s.t(dynamicKey(`quiz.stale.${r.reason}`)));
  else {
    s.write(renderFeedback(s.t, r.feedback, o.today));
    s.onGradable(r.feedback.canMarkGuessed ? r.feedback.reviewId : null);
    if (r.summary !== null) s.write(renderSummary(s.t, r.summary));
  }
  return r.next === null ? { kind: 'none' } : ask(s, r.next);
}

function showExam(s: Screen, step: ExamStep): After | null {
  const { t, write } = s;
  const clock = { now: s.now(), timezone: s.timezone };
  switch (step.kind) {
    case 'question':
      if (step.started === true) write(t('exam.started', { total: step.exam.total }).replaceAll('**', ''));
      write(renderExamQuestion(t, step.exam, clock));
      return { kind: 'exam', exam: step.exam };
    case 'overview':
      write(renderExamOverview(t, step.overview, clock));
      return { kind: 'exam-overview', examId: step.overview.examId, total: step.overview.total };
    case 'result':
      write(renderExamResult(t, step.result, step.late, clock));
      return { kind: 'exam-result', examId: step.result.examId };
    case 'already-open':
      write(renderExamOpen(t, step.exam, clock));
      return { kind: 'exam-open', examId: step.exam.examId, asked: step.asked };
    case 'abandoned':
      write(t('exam.abandoned', { answered: step.answered, total: step.total }));
      return { kind: 'none' };
    case 'refused':
      write(
        t(dynamicKey(`exam.refused.${step.reason}`), {
          correct: step.score?.correct ?? 0,
          total: step.score?.total ?? 0,
        }),
      );
      return null;
  }
}

/** Undo: the question again, to answer anew; or why nothing was undone. */
function showUndone(s: Screen, o: Extract<Outcome, { kind: 'undone' }>): After | null {
  if (o.result.status === 'refused') {
    s.write(s.t(dynamicKey(`undo.refused.${o.result.reason}`)));
    return null;
  }
  s.write(s.t('console.undone'));
  return ask(s, o.result.question);
}

function unsuspendedText(t: T, o: Extract<Outcome, { kind: 'unsuspended' }>): string {
  const r = o.result;
  if (r.status === 'unknown') return t('leech.unknown', { query: r.query });
  return t(r.status === 'unsuspended' ? 'leech.unsuspended' : 'leech.not-suspended', { prompt: r.prompt });
}

/** Undo and leeches. */
function showStudyTools(
  s: Screen,
  o: Extract<Outcome, { kind: 'undone' | 'leeches' | 'unsuspended' }>,
): After | null {
  if (o.kind === 'undone') return showUndone(s, o);
  s.write(o.kind === 'leeches' ? renderLeeches(s.t, o.leeches) : unsuspendedText(s.t, o));
  return null;
}

/** /remind: the daily DM as it would be sent, its first question ready to answer. */
function showReminder(s: Screen, o: Extract<Outcome, { kind: 'reminder' }>): After | null {
  if (o.job === null) {
    s.write(s.t('console.remind-nothing'));
    return null;
  }
  const { job } = o;
  s.write(s.t('console.remind', { due: job.due, new: job.newCount, streak: job.streak }));
  return ask(s, job.start.question);
}

/** Prints an outcome; returns what the next typed line answers, if anything. */
export async function show(s: Screen, o: Outcome): Promise<After | null> {
  const { t, write } = s;
  switch (o.kind) {
    case 'session':
      return showStart(s, o);
    case 'question':
      return ask(s, o.question);
    case 'answer':
      return showAnswer(s, o);
    case 'exam':
      return showExam(s, o.step);
    case 'guessed':
      write(
        o.schedule === null
          ? t('console.guess-refused')
          : t('console.guessed', { count: o.schedule.intervalDays }),
      );
      return null;
    case 'undone':
    case 'leeches':
    case 'unsuspended':
      return showStudyTools(s, o);
    case 'facts':
      write(renderFacts(o.facts));
      return null;
    case 'comparison':
      write(renderComparison(o.comparison, 100));
      return null;
    case 'leaderboard':
      write(
        renderLeaderboard(
          t,
          o.board,
          t('console.board-title', { group: s.groupName, period: t(`periods.${o.board.period}`) }),
        ),
      );
      return null;
    case 'stats':
      write(renderProgress(t, o.progress, await picture(s, o.progress)));
      return null;
    case 'settings':
      write(renderSettings(t, o.settings, o.saved));
      return null;
    case 'confirm-forget':
      write(t('console.confirm-forget', { name: s.memberName }));
      return { kind: 'confirm-forget' };
    case 'forgotten':
      write(t('console.forgotten', { name: s.memberName }));
      return { kind: 'none' };
    case 'reminder':
      return showReminder(s, o);
    case 'notice':
    case 'invalid-options':
      write(say(t, o.message));
      return null;
    case 'user-error':
      write(userErrorText(t, o.error));
      return null;
  }
}
