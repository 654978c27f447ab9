import type { Feedback, NothingDue, PresentedQuestion, SessionSummary } from '../../core/study/index.ts';
import { studyDay } from '../../domain/day.ts';
import { isMultiSelect, letter } from '../../domain/question.ts';
import { dynamicKey, local, type T } from '../../i18n/index.ts';
import { describeDue } from '../../render/text.ts';

/** The quiz in plain text for the terminal: the same information the Discord embeds carry. */

export function renderQuestion(t: T, p: PresentedQuestion): string {
  const q = p.question;
  const tags = [
    local(p.topicTitle, t.locale),
    p.isNew && !p.reask ? t('console.tag-new') : null,
    p.reask ? t('console.tag-again') : null,
    p.mode === 'practice' ? t('console.tag-practice') : null,
  ].filter((x) => x !== null);
  const lines = [
    t('console.question-header', { position: p.position, total: p.total, tags: tags.join(' · ') }),
    q.prompt,
  ];
  switch (q.kind) {
    case 'choice':
      p.order.forEach((file, i) => {
        lines.push(`  ${i + 1}) ${letter(i)}. ${q.options[file] ?? ''}`);
      });
      lines.push(isMultiSelect(q) ? t('console.answer-multi') : t('console.answer-single'));
      break;
    case 'truefalse':
      lines.push(t('console.answer-tf'));
      break;
    case 'text':
      lines.push(t('console.answer-text'));
      break;
    case 'flashcard':
      lines.push(t('console.answer-flashcard'));
      break;
  }
  return lines.join('\n');
}

export function renderReveal(t: T, back: string): string {
  const grades = [0, 1, 2, 3, 4, 5].map((g) => `  ${g} ${t(dynamicKey(`grades.${g}`))}`).join('\n');
  return `${t('console.reveal', { back })}\n${grades}`;
}

export function renderFeedback(t: T, f: Feedback, today: string): string {
  const verdict = f.correct
    ? t(f.quick ? 'console.correct-quick' : 'console.correct')
    : t(f.partly ? 'console.partly' : 'console.wrong', { answer: f.correctAnswer });
  const lines = [verdict, t('console.why', { explanation: f.explanation })];
  if (f.correctsNote) lines.push(t('console.corrects-note'));
  if (f.docs !== undefined) lines.push(t('console.docs', { url: f.docs }));
  if (f.schedule !== null) {
    lines.push(t('console.next-review', { due: describeDue(t, f.schedule.dueDay, today), points: f.points }));
  }
  if (f.reaskLater) lines.push(t('console.again-later'));
  if (f.canMarkGuessed) lines.push(t('console.guessed-hint'));
  if (f.leech !== undefined) {
    lines.push(t('console.leech', { count: f.leech.lapses }));
    if (f.leech.fact !== null) lines.push(t('leech.related-fact-plain', f.leech.fact));
    if (f.leech.docs !== undefined && f.leech.docs !== f.docs)
      lines.push(t('console.docs', { url: f.leech.docs }));
  }
  return lines.join('\n');
}

export function renderSummary(t: T, s: SessionSummary): string {
  return t('console.summary', { correct: s.correct, answered: s.answered });
}

export function renderNothingDue(t: T, n: NothingDue, now: number, timezone: string): string {
  const lines = [
    n.topic === undefined ? t('console.nothing-due') : t('console.nothing-due-topic', { topic: n.topic }),
  ];
  if (n.nextDueAt !== null) {
    const due = describeDue(t, studyDay(n.nextDueAt, timezone), studyDay(now, timezone));
    lines.push(t('console.next-due', { due }));
  }
  if (n.unseen > 0) lines.push(t('console.unseen', { count: n.unseen }));
  if (n.canPracticeAhead) lines.push(t('console.practice-hint'));
  return lines.join('\n');
}
