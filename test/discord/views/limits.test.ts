import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/core/context.ts';
import type { ExamQuestion, ExamResult } from '../../../src/core/exam/index.ts';
import type { Leaderboard } from '../../../src/core/leaderboard.ts';
import type { Progress } from '../../../src/core/progress.ts';
import type { PresentedQuestion } from '../../../src/core/study/index.ts';
import { serverBoardView, weeklyBoardView } from '../../../src/discord/views/board.ts';
import type { View } from '../../../src/discord/views/common.ts';
import { examStepView } from '../../../src/discord/views/exam.ts';
import { feedbackView } from '../../../src/discord/views/feedback.ts';
import { forgetView } from '../../../src/discord/views/forget.ts';
import { leechesView, unsuspendedView } from '../../../src/discord/views/leech.ts';
import { errorView, notSavedView, userErrorView } from '../../../src/discord/views/notices.ts';
import { questionView } from '../../../src/discord/views/question.ts';
import { reminderView } from '../../../src/discord/views/reminder.ts';
import { settingsView } from '../../../src/discord/views/settings.ts';
import { nothingDueView, startView } from '../../../src/discord/views/start.ts';
import { statsView } from '../../../src/discord/views/stats.ts';
import { undoneView } from '../../../src/discord/views/undo.ts';
import type { Question } from '../../../src/domain/question.ts';
import { LOCALES, translator } from '../../../src/i18n/index.ts';

/** Every view, in every language, with long but real-sized content, within Discord's limits. */

function checkView(v: View, what: string): void {
  expect((v.content ?? '').length, `${what}: content`).toBeLessThanOrEqual(2000);
  expect(v.embeds.length, `${what}: embeds`).toBeLessThanOrEqual(10);
  for (const e of v.embeds) {
    const total =
      (e.title ?? '').length +
      (e.description ?? '').length +
      (e.footer?.text ?? '').length +
      (e.author?.name ?? '').length +
      (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0);
    expect(total, `${what}: embed total`).toBeLessThanOrEqual(6000);
    expect((e.title ?? '').length, `${what}: title`).toBeLessThanOrEqual(256);
    expect((e.description ?? '').length, `${what}: description`).toBeLessThanOrEqual(4096);
    expect((e.author?.name ?? '').length, `${what}: author`).toBeLessThanOrEqual(256);
    expect((e.footer?.text ?? '').length, `${what}: footer`).toBeLessThanOrEqual(2048);
    expect((e.fields ?? []).length, `${what}: fields`).toBeLessThanOrEqual(25);
    for (const f of e.fields ?? []) {
      expect(f.name.length, `${what}: field name ${f.name}`).toBeLessThanOrEqual(256);
      expect(f.value.length, `${what}: field ${f.name}`).toBeLessThanOrEqual(1024);
      expect(f.value.trim(), `${what}: field ${f.name} empty`).not.toBe('');
    }
  }
  expect(v.components.length, `${what}: rows`).toBeLessThanOrEqual(5);
  for (const row of v.components) {
    expect(row.components.length, `${what}: buttons in a row`).toBeLessThanOrEqual(5);
    for (const c of row.components) {
      if ('label' in c) expect((c.label ?? '').length, `${what}: label ${c.label}`).toBeLessThanOrEqual(80);
      if ('custom_id' in c) expect(c.custom_id.length, `${what}: custom id`).toBeLessThanOrEqual(100);
    }
  }
}

const base = {
  id: 'q',
  topic: 't',
  tags: [],
  source: [],
  docs: 'https://docs.aws.amazon.com/x',
  correctsNote: true,
  comparisonId: undefined,
};
const long = (n: number) => 'A fairly long sentence about Aurora storage. '.repeat(n).trim();
const questions: Question[] = [
  {
    ...base,
    kind: 'choice',
    prompt: long(10),
    options: ['a'.repeat(80), 'b'.repeat(80), 'c'.repeat(80), 'd'.repeat(80), 'e'.repeat(80)],
    answer: [0, 2],
    pinned: [],
    explanation: long(20),
  },
  { ...base, kind: 'truefalse', prompt: long(10), answer: true, explanation: long(20) },
  { ...base, kind: 'text', prompt: long(10), accept: ['x'], explanation: long(20) },
  { ...base, kind: 'flashcard', prompt: long(10), back: long(15), explanation: long(20) },
];
const presented = (question: Question): PresentedQuestion => ({
  sessionId: 2_147_483_647,
  step: 99_999,
  position: 10,
  total: 12,
  mode: 'practice',
  reask: true,
  isNew: true,
  question,
  topicTitle: {
    en: 'High availability and read replicas',
    ko: '고가용성과 읽기 전용 복제본',
    vi: 'Tính sẵn sàng cao và read replica',
  },
  order: question.kind === 'choice' ? [4, 3, 2, 1, 0] : [],
});
const LONG_TITLE = {
  en: 'Workload-specific database design',
  ko: '워크로드별 데이터베이스 설계',
  vi: 'Thiết kế cơ sở dữ liệu theo khối lượng công việc',
};

function examQuestion(question: Question): ExamQuestion {
  return {
    examId: 2 ** 31 - 1,
    position: 64,
    total: 65,
    deadline: Date.UTC(2026, 10, 30),
    question,
    topicTitle: LONG_TITLE,
    order: question.kind === 'choice' ? question.options.map((_, i) => i).reverse() : [],
    answer:
      question.kind === 'choice' ? { kind: 'choice', picks: [0, 1] } : { kind: 'truefalse', value: true },
    flagged: true,
    answered: 64,
    flaggedCount: 65,
  };
}

/** A 65-question result, every answer missed, with the bank's longest texts. */
function examResult(pool: Question[]): ExamResult {
  const tally = (id: string) => ({ id, title: LONG_TITLE, correct: 0, total: 13 });
  return {
    examId: 2 ** 31 - 1,
    status: 'expired',
    score: { correct: 0, total: 65, unanswered: 30, ratio: 0, passed: false },
    domains: ['a', 'b', 'c', 'd', 'e'].map(tally),
    topics: Array.from({ length: 13 }, (_, i) => tally(`t${i}`)),
    minutes: 180,
    timeUsedMs: 180 * 60_000,
    endedAt: Date.UTC(2026, 10, 30),
    misses: Array.from({ length: 65 }, (_, i) => {
      const q = pool[i % pool.length] as Question;
      return {
        position: i,
        questionId: q.id,
        prompt: q.prompt,
        topicTitle: LONG_TITLE,
        given: 'E. '.repeat(100),
        correctAnswer: 'A. '.repeat(100),
        explanation: q.explanation,
        docs: q.docs,
      };
    }),
  };
}

const progress: Progress = {
  displayName: 'x'.repeat(80),
  today: '2026-11-29',
  timezone: 'America/Argentina/ComodRivadavia',
  seen: 519,
  total: 519,
  dueToday: 1234,
  learned: 400,
  reviewsTotal: 123_456,
  accuracy7: 0.9,
  accuracy30: 0.85,
  reviews7: 700,
  currentStreak: 365,
  longestStreak: 400,
  nextDueAt: Date.UTC(2026, 10, 30),
  topics: Array.from({ length: 13 }, () => ({
    topic: 't',
    title: {
      en: 'Other purpose-built databases',
      ko: '그 밖의 목적별 데이터베이스',
      vi: 'Các cơ sở dữ liệu chuyên dụng khác',
    },
    total: 99,
    seen: 50,
    learned: 20,
  })),
  reviewsByDay: [],
  forecast: [],
  streakDays: [],
  readiness: {
    domains: Array.from({ length: 5 }, (_, i) => ({
      id: `d${i}`,
      title: {
        en: 'Workload-specific database design',
        ko: '워크로드별 데이터베이스 설계',
        vi: 'Thiết kế cơ sở dữ liệu theo khối lượng công việc',
      },
      weight: 26,
      answered: 99_999,
      correct: 88_888,
      seen: 999,
      total: 999,
      accuracy: i === 0 ? null : 0.888,
      coverage: 1,
    })),
    overall: 0.77,
    answered: 99_999,
    windowDays: 30,
    exams: Array.from({ length: 5 }, (_, i) => ({ examId: i, correct: 60, total: 65, endedAt: 0 })),
  },
  leeches: { count: 999, prompts: [long(30), long(30), long(30)] },
};
const leeches = Array.from({ length: 30 }, (_, i) => ({
  number: i + 1,
  questionId: `question-id-of-forty-characters-long-${String(i).padStart(2, '0')}`,
  prompt: long(20),
  topicTitle: {
    en: 'Other purpose-built databases',
    ko: '그 밖의 목적별 데이터베이스',
    vi: 'Các cơ sở dữ liệu chuyên dụng khác',
  },
  lapses: 99,
  suspendedAt: 0,
}));
const entry = (rank: number) => ({
  rank,
  memberId: `m${rank}`,
  displayName: 'y'.repeat(32),
  points: 99_999,
  reviews: 9_999,
  accuracy: 0.5,
  streak: 999,
});
const board: Leaderboard = {
  groupId: 'g',
  period: 'month',
  from: '2026-11-01',
  entries: Array.from({ length: 30 }, (_, i) => entry(i + 1)),
  me: entry(30),
};

describe('views within Discord limits in every language', () => {
  for (const locale of LOCALES) {
    it(`GIVEN ${locale} THEN every view fits`, () => {
      const t = translator(locale);
      for (const q of questions) {
        const p = presented(q);
        checkView(questionView(t, p, { mask: 31, revealed: true }), `question ${q.kind}`);
        checkView(questionView(t, p), `question ${q.kind} unrevealed`);
        for (const correct of [true, false]) {
          const feedback = {
            questionId: q.id,
            correct,
            partly: !correct,
            grade: correct ? 5 : 2,
            quick: correct,
            correctAnswer: 'A. '.repeat(40),
            explanation: q.explanation,
            docs: q.docs,
            correctsNote: true,
            schedule: { intervalDays: 365, dueAt: 0, dueDay: '2027-11-29' },
            reaskLater: true,
            reviewId: 2_147_483_647,
            canMarkGuessed: true,
            points: 30,
            leech: {
              questionId: 'question-id-of-forty-characters-long-xx',
              lapses: 99,
              fact: { title: long(2), text: long(30) },
              docs: 'https://docs.aws.amazon.com/x',
            },
          } as const;
          checkView(
            feedbackView(t, {
              feedback,
              question: q,
              next: p,
              summary: { answered: 50, correct: 25, mode: 'practice' },
              today: '2026-11-29',
            }),
            `feedback ${q.kind}`,
          );
        }
        checkView(
          reminderView(t, {
            memberId: 'm',
            day: '2026-11-29',
            attempt: 1,
            dmChannelId: null,
            displayName: 'n',
            due: 999,
            newCount: 50,
            streak: 999,
            locale,
            start: { kind: 'question', resumed: false, question: p, dueCount: 10, newCount: 50 },
          }),
          'reminder',
        );
        checkView(
          startView(
            t,
            { kind: 'question', resumed: false, question: p, dueCount: 10, newCount: 50 },
            'x'.repeat(80),
            50,
          ),
          'start',
        );
      }
      checkView(
        nothingDueView(
          t,
          {
            kind: 'nothing-due',
            nextDueAt: Date.UTC(2026, 11, 1),
            newLeftToday: 0,
            unseen: 500,
            canPracticeAhead: true,
            topic: 'ha-replicas',
          },
          'x'.repeat(80),
          50,
        ),
        'nothing due',
      );
      checkView(statsView(t, progress, Buffer.from('png')), 'stats');
      for (const q of questions.filter((x) => x.kind === 'choice' || x.kind === 'truefalse')) {
        const e = examQuestion(q);
        for (const mask of [undefined, 31])
          checkView(
            examStepView(t, { kind: 'question', exam: e, started: true }, mask).view,
            'exam question',
          );
        checkView(
          examStepView(t, { kind: 'already-open', exam: e, asked: { questions: 65, minutes: 180 } }).view,
          'exam open',
        );
      }
      const positions = Array.from({ length: 65 }, (_, i) => i);
      const overview = {
        examId: 2 ** 31 - 1,
        total: 65,
        deadline: 0,
        answered: 0,
        unanswered: positions,
        flagged: positions,
      };
      checkView(examStepView(t, { kind: 'overview', overview }).view, 'exam overview');
      const result = examResult(questions);
      for (let page = 0; page <= Math.ceil(result.misses.length / 3); page++)
        checkView(
          examStepView(t, { kind: 'result', result, late: true, page }).view,
          `exam result page ${page}`,
        );
      for (const reason of [
        'gone',
        'not-yours',
        'submitted',
        'abandoned',
        'no-such-position',
        'no-such-option',
        'reordered',
        'wrong-kind',
        'nothing-to-drill',
      ] as const)
        checkView(
          examStepView(t, { kind: 'refused', reason, score: { correct: 65, total: 65 } }).view,
          `exam refused ${reason}`,
        );
      checkView(examStepView(t, { kind: 'abandoned', answered: 64, total: 65 }).view, 'exam abandoned');
      for (const source of ['weak', 'exam'] as const)
        checkView(
          startView(t, { kind: 'nothing-to-drill', source, topic: 'x' }, 'x'.repeat(80), 50),
          'nothing to drill',
        );
      checkView(
        settingsView(
          t,
          {
            timezone: 'America/Argentina/ComodRivadavia',
            reminderTime: '23:59',
            remindersEnabled: true,
            newPerDay: 50,
            leechThreshold: 99,
            language: 'auto',
            dmsClosed: true,
            nextReminderAt: 0,
            streak: 9,
          },
          true,
        ),
        'settings',
      );
      checkView(serverBoardView(t, board, 'z'.repeat(100), 'm30'), 'board');
      checkView(weeklyBoardView(t, board, 'z'.repeat(100)), 'weekly board');
      checkView(forgetView(t), 'forget');
      checkView(leechesView(t, leeches), 'leeches');
      checkView(leechesView(t, []), 'no leeches');
      for (const status of ['unsuspended', 'not-suspended'] as const)
        checkView(unsuspendedView(t, { status, questionId: 'q', prompt: long(100) }), status);
      checkView(unsuspendedView(t, { status: 'unknown', query: 'x'.repeat(100) }), 'unknown leech');
      checkView(undoneView(t, { status: 'undone', question: presented(questions[0] as Question) }), 'undone');
      for (const reason of ['nothing', 'not-latest', 'removed'] as const)
        checkView(undoneView(t, { status: 'refused', reason }), `undo ${reason}`);
      checkView(errorView(t, 'ABCDEF'), 'error');
      for (const fault of ['busy', 'full', 'read-only', 'corrupt', 'unavailable'] as const)
        checkView(notSavedView(t, fault, 'ABCDEF', true), `not saved ${fault}`);
      checkView(
        userErrorView(
          t,
          new UserError(
            'unknown-topic',
            { topic: 'x'.repeat(100) },
            Array.from({ length: 40 }, (_, i) => `topic-${i}`),
          ),
        ),
        'user error',
      );
    });
  }
});
