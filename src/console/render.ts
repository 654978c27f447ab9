import type { Leaderboard } from '../core/leaderboard.ts';
import type { ServiceFacts } from '../core/lookup.ts';
import type { Progress } from '../core/progress.ts';
import type { Feedback, NothingDue, PresentedQuestion, SessionSummary } from '../core/study.ts';
import { studyDay } from '../domain/day.ts';
import { FLASHCARD_GRADES } from '../domain/grading.ts';
import { type Comparison, isMultiSelect, letter } from '../domain/question.ts';
import { comparisonTable, describeDue, percent, progressBar } from '../render/text.ts';

/** Plain-text renderings for the terminal; the same information the Discord embeds carry. */

export function renderQuestion(p: PresentedQuestion): string {
  const q = p.question;
  const tags = [
    p.topicTitle,
    p.isNew && !p.reask ? 'new' : null,
    p.reask ? 'again' : null,
    p.mode === 'practice' ? 'practice' : null,
  ]
    .filter((t) => t !== null)
    .join(' · ');
  const lines = [`── Question ${p.position}/${p.total} · ${tags} ──`, q.prompt];
  switch (q.kind) {
    case 'choice':
      q.options.forEach((o, i) => {
        lines.push(`  ${i + 1}) ${letter(i)}. ${o}`);
      });
      lines.push(
        isMultiSelect(q)
          ? 'Select all that apply: answer with numbers or letters, e.g. 1,3'
          : 'Answer with a number or a letter.',
      );
      break;
    case 'truefalse':
      lines.push('True or false? (t/f)');
      break;
    case 'text':
      lines.push('Type your answer.');
      break;
    case 'flashcard':
      lines.push('Think of the answer, then press Enter to reveal it.');
      break;
  }
  return lines.join('\n');
}

export function renderReveal(back: string): string {
  const grades = FLASHCARD_GRADES.map((g) => `  ${g.grade} ${g.label}`).join('\n');
  return `Answer: ${back}\nHow well did you know it? Type 0-5:\n${grades}`;
}

export function renderFeedback(f: Feedback, today: string): string {
  const verdict = f.correct
    ? `✔ Correct${f.quick ? ' — and quick' : ''}.`
    : f.partly
      ? `◐ Partly right. Correct answer: ${f.correctAnswer}`
      : `✘ Not quite. Correct answer: ${f.correctAnswer}`;
  const lines = [verdict, `Why: ${f.explanation}`];
  if (f.correctsNote) lines.push('📌 This corrects a statement in the study notes.');
  if (f.docs !== undefined) lines.push(`Docs: ${f.docs}`);
  if (f.schedule !== null)
    lines.push(`Next review: ${describeDue(f.schedule.dueDay, today)} · +${f.points} points`);
  if (f.reaskLater) lines.push('You will see this one again before the session ends.');
  if (f.canMarkGuessed) lines.push('(Guessed it? Type /guessed to count it as a lucky guess.)');
  return lines.join('\n');
}

export function renderSummary(s: SessionSummary): string {
  return `Session done: ${s.correct}/${s.answered} right. Type /quiz for more, or /stats to see your progress.`;
}

export function renderNothingDue(n: NothingDue, now: number, timezone: string): string {
  const lines = [`Nothing due${n.topic === undefined ? '' : ` in ${n.topic}`} right now.`];
  if (n.nextDueAt !== null) {
    lines.push(
      `Your next card is due ${describeDue(studyDay(n.nextDueAt, timezone), studyDay(now, timezone))}.`,
    );
  }
  if (n.unseen > 0)
    lines.push(`You have ${n.unseen} unseen question(s): type /learn to learn new cards anyway.`);
  if (n.canPracticeAhead) lines.push('Type /practice to practise ahead (it does not move your schedule).');
  return lines.join('\n');
}

export function renderProgress(p: Progress, imagePath: string | null): string {
  const lines = [
    `Progress for ${p.displayName} (${p.today}, ${p.timezone})`,
    `Seen ${p.seen}/${p.total} · learned ${p.learned} · due today ${p.dueToday}`,
    `Streak ${p.currentStreak} day(s) (longest ${p.longestStreak}) · accuracy 7d ${percent(p.accuracy7)} · 30d ${percent(p.accuracy30)}`,
    '',
  ];
  const width = Math.max(...p.topics.map((t) => t.title.length));
  for (const t of p.topics) {
    const frac = t.total === 0 ? 0 : t.learned / t.total;
    lines.push(
      `${t.title.padEnd(width)}  ${progressBar(t.total === 0 ? 0 : t.seen / t.total)} seen ${t.seen}/${t.total} · learned ${percent(frac)}`,
    );
  }
  if (imagePath !== null) lines.push('', `Picture: ${imagePath}`);
  return lines.join('\n');
}

export function renderLeaderboard(b: Leaderboard, title: string): string {
  if (b.entries.length === 0) return `${title}: nobody has studied yet in this period. Be the first: /quiz`;
  const top = b.entries.slice(0, 10);
  const lines = [`${title}${b.from === null ? '' : ` (since ${b.from})`}`];
  const row = (e: (typeof top)[number]) =>
    `${String(e.rank).padStart(3)}. ${e.displayName.padEnd(20)} ${String(e.points).padStart(5)} pts · ${e.reviews} reviews · ${percent(e.accuracy)} · streak ${e.streak}`;
  lines.push(...top.map(row));
  if (b.me !== null && b.me.rank > 10) lines.push('  …', row(b.me));
  return lines.join('\n');
}

export function renderFacts(r: ServiceFacts): string {
  const lines = [`${r.service.name}${r.topic === undefined ? '' : ` — ${r.topic.title}`}`];
  for (const f of r.facts) {
    lines.push(`• ${f.title}: ${f.text}${f.docs === undefined ? '' : `\n  ${f.docs}`}`);
  }
  return lines.join('\n');
}

export function renderComparison(c: Comparison, width: number): string {
  return `${c.title}\n${comparisonTable(c, width)}${c.docs === undefined ? '' : `\n${c.docs}`}`;
}
