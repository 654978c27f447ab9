import type { ExamOverview, ExamQuestion, ExamResult } from '../../core/exam/index.ts';
import { wallClock } from '../../domain/day.ts';
import { PASS_MARK } from '../../domain/exam.ts';
import { isMultiSelect, letter } from '../../domain/question.ts';
import { local, type T } from '../../i18n/index.ts';
import { percent } from '../../render/text.ts';

/** The exam in plain text for the terminal: what the Discord views show, all misses on one page. */

export type Clock = { now: number; timezone: string };

/** "14:35", the deadline in the member's own time. */
function hhmm(instant: number, timezone: string): string {
  const wall = new Date(wallClock(instant, timezone));
  return `${String(wall.getUTCHours()).padStart(2, '0')}:${String(wall.getUTCMinutes()).padStart(2, '0')}`;
}

function status(
  t: T,
  c: { answered: number; total: number; flagged: number; deadline: number },
  clock: Clock,
) {
  const left = Math.max(0, Math.ceil((c.deadline - clock.now) / 60_000));
  return t('exam.console.status', {
    answered: c.answered,
    total: c.total,
    flagged: c.flagged,
    time: hhmm(c.deadline, clock.timezone),
    left: t('exam.console.left', { count: left }),
  });
}

export function renderExamQuestion(t: T, e: ExamQuestion, clock: Clock): string {
  const q = e.question;
  const lines = [
    t('exam.console.header', {
      position: e.position + 1,
      total: e.total,
      topic: local(e.topicTitle, t.locale),
      flag: e.flagged ? t('exam.console.flag') : '',
    }),
    q.prompt,
  ];
  if (q.kind === 'choice') {
    for (const [i, file] of e.order.entries())
      lines.push(`  ${i + 1}) ${letter(i)}. ${q.options[file] ?? ''}`);
  }
  if (e.answer !== null) {
    const given =
      e.answer.kind === 'truefalse'
        ? t(e.answer.value ? 'quiz.true' : 'quiz.false')
        : e.answer.picks.map((i) => letter(i)).join(', ');
    lines.push(t('exam.console.answer', { answer: given }));
  }
  lines.push(
    status(t, { answered: e.answered, total: e.total, flagged: e.flaggedCount, deadline: e.deadline }, clock),
    q.kind === 'truefalse'
      ? t('exam.console.hint-tf')
      : isMultiSelect(q)
        ? t('exam.select-all')
        : t('exam.console.hint-choice'),
  );
  return lines.join('\n');
}

export function renderExamOverview(t: T, o: ExamOverview, clock: Clock): string {
  const list = (positions: number[]) =>
    positions.length === 0 ? t('exam.overview-none') : positions.map((p) => String(p + 1)).join(', ');
  return [
    t('exam.overview-title'),
    t('exam.overview-answered', { answered: o.answered, total: o.total }).replaceAll('**', ''),
    t('exam.overview-unanswered', { list: list(o.unanswered) }),
    t('exam.overview-flagged', { list: list(o.flagged) }),
    status(
      t,
      { answered: o.answered, total: o.total, flagged: o.flagged.length, deadline: o.deadline },
      clock,
    ),
    t('exam.overview-note'),
    t('exam.console.overview-hint'),
  ].join('\n');
}

export function renderExamResult(t: T, r: ExamResult, late: boolean, clock: Clock): string {
  const s = r.score;
  const params = { correct: s.correct, total: s.total, percent: percent(s.ratio) };
  const lines = [t(s.passed ? 'exam.result-title-pass' : 'exam.result-title-fail', params)];
  if (late) lines.push(t('exam.result-late', { absolute: hhmm(r.endedAt, clock.timezone) }));
  lines.push(t('exam.result-pass-mark', { percent: percent(PASS_MARK) }));
  if (s.unanswered > 0) lines.push(t('exam.result-unanswered', { count: s.unanswered }));
  lines.push(t('exam.result-time', { used: Math.round(r.timeUsedMs / 60_000), minutes: r.minutes }));
  const tally = (x: ExamResult['domains'][number]) =>
    `  ${t('exam.result-line', { title: local(x.title, t.locale), correct: x.correct, total: x.total, percent: percent(x.total === 0 ? null : x.correct / x.total) })}`;
  lines.push('', t('exam.result-domains'), ...r.domains.map(tally));
  lines.push('', t('exam.result-topics'), ...r.topics.map(tally));
  if (r.misses.length > 0) lines.push('', t('exam.console.misses'));
  for (const m of r.misses) {
    lines.push(
      '',
      t('exam.miss-head', { number: m.position + 1, topic: local(m.topicTitle, t.locale) }).replaceAll(
        '**',
        '',
      ),
      m.prompt,
      m.given === null ? t('exam.miss-unanswered') : t('exam.miss-given', { answer: m.given }),
      t('exam.miss-right', { answer: m.correctAnswer }).replaceAll('**', ''),
      t('exam.miss-why', { explanation: m.explanation }),
      ...(m.docs === undefined ? [] : [t('exam.miss-docs', { docs: m.docs })]),
    );
  }
  lines.push('', r.misses.length > 0 ? t('exam.console.result-hint') : t('quiz.nothing.no-misses'));
  return lines.join('\n');
}

export function renderExamOpen(t: T, e: ExamQuestion, clock: Clock): string {
  return [
    t('exam.already-open-title'),
    t('exam.already-open', {
      position: e.position + 1,
      total: e.total,
      answered: e.answered,
      relative: hhmm(e.deadline, clock.timezone),
    }),
    t('exam.console.open-hint'),
  ].join('\n');
}
