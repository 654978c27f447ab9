import { ButtonStyle, EmbedBuilder } from 'discord.js';
import type { PresentedQuestion } from '../../core/study/index.ts';
import { isMultiSelect, letter, type Question } from '../../domain/question.ts';
import { dynamicKey, local, type T } from '../../i18n/index.ts';
import { type CustomId, encodeId } from '../custom-id.ts';
import { button, COLORS, clip, LIMITS, type MessageRow, row, type View } from './common.ts';

export type QuestionViewOptions = {
  /** Multi-select picks so far, as a bit mask of shown indexes. */
  mask?: number;
  /** Flashcard: show the back and the self-grade buttons. */
  revealed?: boolean;
  content?: string;
};

const GRADES = [0, 1, 2, 3, 4, 5] as const;

export function gradeLabel(t: T, grade: number): string {
  return t(dynamicKey(`grades.${grade}`));
}

function footer(t: T, q: PresentedQuestion): string {
  const notes: string[] = [];
  if (q.isNew) notes.push(t('quiz.footer.new'));
  if (q.reask) notes.push(t('quiz.footer.reask'));
  if (q.mode === 'practice') notes.push(t('quiz.footer.practice'));
  if (q.mode === 'extra-new') notes.push(t('quiz.footer.extra-new'));
  if (q.mode === 'drill') notes.push(t('quiz.footer.drill'));
  return notes.join(' · ');
}

/** The options in the order they are shown: `order[shown] = file index`. */
export function shownOptions(q: PresentedQuestion): string[] {
  const { question } = q;
  if (question.kind !== 'choice') return [];
  return q.order.map((i) => question.options[i] ?? '');
}

function choiceRows(
  t: T,
  q: PresentedQuestion,
  question: Question,
  mask: number,
  lines: string[],
): MessageRow[] {
  const options = shownOptions(q);
  // Choice buttons carry the order they were shown in, checked when they are clicked.
  const at = { sessionId: q.sessionId, step: q.step, order: q.order };
  const id = (x: CustomId) => encodeId(x);
  lines.push('', ...options.map((o, i) => `**${letter(i)}.** ${o}`));
  if (!isMultiSelect(question)) {
    return [
      row(
        ...options.map((_, i) =>
          button(id({ kind: 'pick', ...at, index: i }), letter(i), ButtonStyle.Primary),
        ),
      ),
    ];
  }
  lines.push('', t('quiz.select-all'));
  const toggles = options.map((_, i) => {
    const on = (mask & (1 << i)) !== 0;
    const style = on ? ButtonStyle.Success : ButtonStyle.Secondary;
    return button(id({ kind: 'toggle', ...at, mask, index: i }), `${on ? '☑' : '☐'} ${letter(i)}`, style);
  });
  const count = options.filter((_, i) => (mask & (1 << i)) !== 0).length;
  const label = count === 0 ? t('quiz.submit') : t('quiz.submit-count', { count });
  return [
    row(...toggles),
    row(button(id({ kind: 'submit', ...at, mask }), label, ButtonStyle.Primary).setDisabled(count === 0)),
  ];
}

function flashcardRows(
  t: T,
  q: PresentedQuestion,
  back: string,
  revealed: boolean,
  lines: string[],
): MessageRow[] {
  const at = { sessionId: q.sessionId, step: q.step };
  if (!revealed) {
    lines.push('', t('quiz.recall-then-reveal'));
    return [row(button(encodeId({ kind: 'reveal', ...at }), t('quiz.reveal'), ButtonStyle.Primary))];
  }
  lines.push('', t('quiz.answer-label', { answer: back }), '', t('quiz.how-well'));
  const grades = GRADES.map((g) =>
    button(
      encodeId({ kind: 'grade', ...at, grade: g }),
      `${g} · ${gradeLabel(t, g)}`,
      g >= 3 ? ButtonStyle.Success : ButtonStyle.Danger,
    ),
  );
  return [row(...grades.slice(0, 3)), row(...grades.slice(3))];
}

function answerRows(t: T, q: PresentedQuestion, options: QuestionViewOptions, lines: string[]): MessageRow[] {
  const { question } = q;
  const at = { sessionId: q.sessionId, step: q.step };
  switch (question.kind) {
    case 'choice':
      return choiceRows(t, q, question, options.mask ?? 0, lines);
    case 'truefalse':
      lines.push('', t('quiz.true-or-false'));
      return [
        row(
          button(encodeId({ kind: 'truefalse', ...at, value: true }), t('quiz.true'), ButtonStyle.Primary),
          button(encodeId({ kind: 'truefalse', ...at, value: false }), t('quiz.false'), ButtonStyle.Primary),
        ),
      ];
    case 'text':
      lines.push('', t('quiz.type-answer'));
      return [row(button(encodeId({ kind: 'text', ...at }), t('quiz.answer-button'), ButtonStyle.Primary))];
    case 'flashcard':
      return flashcardRows(t, q, question.back, options.revealed === true, lines);
  }
}

export function questionView(t: T, q: PresentedQuestion, options: QuestionViewOptions = {}): View {
  const lines = [q.question.prompt];
  const rows = answerRows(t, q, options, lines);
  const embed = new EmbedBuilder()
    .setColor(COLORS.question)
    .setAuthor({
      name: clip(
        t('quiz.question-of', { position: q.position, total: q.total, topic: local(q.topicTitle, t.locale) }),
        LIMITS.title,
      ),
    })
    .setDescription(clip(lines.join('\n'), LIMITS.description));
  const notes = footer(t, q);
  if (notes !== '') embed.setFooter({ text: notes });
  return {
    ...(options.content === undefined ? {} : { content: options.content }),
    embeds: [embed.toJSON()],
    components: rows,
  };
}
