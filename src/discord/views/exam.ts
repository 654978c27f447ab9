import { type ButtonBuilder, ButtonStyle, EmbedBuilder } from 'discord.js';
import type { ExamOverview, ExamQuestion, ExamStep } from '../../core/exam/index.ts';
import { isMultiSelect, letter } from '../../domain/question.ts';
import { dynamicKey, local, type T } from '../../i18n/index.ts';
import { encodeExamId as id } from '../exam-id.ts';
import {
  button,
  COLORS,
  clip,
  LIMITS,
  type MessageRow,
  noticeView,
  row,
  timestamp,
  type View,
} from './common.ts';
import { examResultView } from './exam-result.ts';

const numbers = (t: T, positions: number[]) =>
  positions.length === 0
    ? t('exam.overview-none')
    : clip(positions.map((p) => String(p + 1)).join(', '), 900);

function deadlineLine(t: T, deadline: number): string {
  return t('exam.deadline', { relative: timestamp(deadline, 'R'), absolute: timestamp(deadline, 'f') });
}

/** The answer buttons: options (the one chosen highlighted), toggles and save for select-all, or true/false. */
function answerRows(t: T, e: ExamQuestion, mask: number | undefined, lines: string[]): MessageRow[] {
  const q = e.question;
  const pos = { examId: e.examId, position: e.position };
  if (q.kind === 'truefalse') {
    const chosen = e.answer?.kind === 'truefalse' ? e.answer.value : null;
    const tf = (value: boolean) =>
      button(
        id({ kind: 'examTf', ...pos, value }),
        t(value ? 'quiz.true' : 'quiz.false'),
        chosen === value ? ButtonStyle.Success : ButtonStyle.Primary,
      );
    return [row(tf(true), tf(false))];
  }
  if (q.kind !== 'choice') return [];
  const options = e.order.map((i) => q.options[i] ?? '');
  lines.push('', ...options.map((o, i) => `**${letter(i)}.** ${o}`));
  const picked = e.answer?.kind === 'choice' ? e.answer.picks : [];
  const at = { ...pos, order: e.order };
  if (!isMultiSelect(q)) {
    lines.push('', t('exam.pick-one'));
    return [
      row(
        ...options.map((_, i) =>
          button(
            id({ kind: 'examPick', ...at, index: i }),
            letter(i),
            picked.includes(i) ? ButtonStyle.Success : ButtonStyle.Primary,
          ),
        ),
      ),
    ];
  }
  const current = mask ?? picked.reduce((m, i) => m | (1 << i), 0);
  lines.push('', t('exam.select-all'));
  const toggles = options.map((_, i) => {
    const on = (current & (1 << i)) !== 0;
    return button(
      id({ kind: 'examToggle', ...at, mask: current, index: i }),
      `${on ? '☑' : '☐'} ${letter(i)}`,
      on ? ButtonStyle.Success : ButtonStyle.Secondary,
    );
  });
  const count = options.filter((_, i) => (current & (1 << i)) !== 0).length;
  const save = button(
    id({ kind: 'examSave', ...at, mask: current }),
    count === 0 ? t('exam.save') : t('exam.save-count', { count }),
    ButtonStyle.Primary,
  );
  return [row(...toggles), row(save.setDisabled(count === 0))];
}

function navigationRow(t: T, e: ExamQuestion): MessageRow {
  const pos = { examId: e.examId, position: e.position };
  const last = e.position + 1 >= e.total;
  const back = button(
    id({ kind: 'examGo', ...pos, target: Math.max(0, e.position - 1) }),
    t('exam.back'),
  ).setDisabled(e.position === 0);
  const skip = last
    ? button(id({ kind: 'examReview', examId: e.examId }), t('exam.skip'))
    : button(id({ kind: 'examGo', ...pos, target: e.position + 1 }), t('exam.skip'));
  const flag = button(
    id({ kind: 'examFlag', ...pos, flagged: !e.flagged }),
    t(e.flagged ? 'exam.unflag' : 'exam.flag'),
  );
  const review = button(id({ kind: 'examReview', examId: e.examId }), t('exam.review'), ButtonStyle.Success);
  return row(back, skip, flag, review);
}

/** One exam question: no feedback, the answer so far shown, a visible deadline, skip/back/flag/review. */
export function examQuestionView(
  t: T,
  e: ExamQuestion,
  options: { mask?: number; content?: string } = {},
): View {
  const lines = [e.question.prompt];
  const rows = answerRows(t, e, options.mask, lines);
  lines.push('', deadlineLine(t, e.deadline));
  const title = t('exam.title', { position: e.position + 1, total: e.total });
  const embed = new EmbedBuilder()
    .setColor(COLORS.question)
    .setAuthor({ name: clip(`${title} · ${local(e.topicTitle, t.locale)}`, LIMITS.title) })
    .setDescription(clip(lines.join('\n'), LIMITS.description))
    .setFooter({
      text: [
        e.flagged ? t('exam.flagged-mark') : '',
        t('exam.status', { answered: e.answered, total: e.total, flagged: e.flaggedCount }),
      ]
        .filter((x) => x !== '')
        .join(' · '),
    });
  return {
    ...(options.content === undefined ? {} : { content: options.content }),
    embeds: [embed.toJSON()],
    components: [...rows, navigationRow(t, e)],
  };
}

export function examOverviewView(t: T, o: ExamOverview): View {
  const lines = [
    t('exam.overview-answered', { answered: o.answered, total: o.total }),
    t('exam.overview-unanswered', { list: numbers(t, o.unanswered) }),
    t('exam.overview-flagged', { list: numbers(t, o.flagged) }),
    '',
    deadlineLine(t, o.deadline),
    '',
    t('exam.overview-note'),
  ];
  const buttons: ButtonBuilder[] = [];
  const go = (position: number, label: string) =>
    button(id({ kind: 'examGo', examId: o.examId, position, target: position }), label);
  const [unanswered] = o.unanswered;
  const [flagged] = o.flagged;
  if (unanswered !== undefined)
    buttons.push(go(unanswered, t('exam.go-unanswered', { number: unanswered + 1 })));
  if (flagged !== undefined) buttons.push(go(flagged, t('exam.go-flagged', { number: flagged + 1 })));
  if (unanswered === undefined && flagged === undefined) buttons.push(go(0, t('exam.go-first')));
  buttons.push(button(id({ kind: 'examSubmit', examId: o.examId }), t('exam.submit'), ButtonStyle.Danger));
  const embed = new EmbedBuilder()
    .setColor(COLORS.info)
    .setTitle(t('exam.overview-title'))
    .setDescription(lines.join('\n'));
  return { embeds: [embed.toJSON()], components: [row(...buttons)] };
}

function alreadyOpenView(t: T, step: Extract<ExamStep, { kind: 'already-open' }>): View {
  const e = step.exam;
  const embed = new EmbedBuilder()
    .setColor(COLORS.warning)
    .setTitle(t('exam.already-open-title'))
    .setDescription(
      t('exam.already-open', {
        position: e.position + 1,
        total: e.total,
        answered: e.answered,
        relative: timestamp(e.deadline, 'R'),
      }),
    );
  const resume = button(id({ kind: 'examResume', examId: e.examId }), t('exam.resume'), ButtonStyle.Primary);
  const abandon = button(
    id({ kind: 'examAbandon', examId: e.examId, ...step.asked }),
    t('exam.abandon-start'),
    ButtonStyle.Danger,
  );
  return { embeds: [embed.toJSON()], components: [row(resume, abandon)] };
}

/** Whether a step answers the click (the message shows it) or is a notice beside it. */
export function examStepView(t: T, step: ExamStep, mask?: number): { view: View; as: 'main' | 'notice' } {
  switch (step.kind) {
    case 'question': {
      const content =
        step.started === true
          ? t('exam.started', { total: step.exam.total })
          : step.resumed === true
            ? t('exam.resumed')
            : undefined;
      return {
        view: examQuestionView(t, step.exam, {
          ...(mask === undefined ? {} : { mask }),
          ...(content === undefined ? {} : { content }),
        }),
        as: 'main',
      };
    }
    case 'overview':
      return { view: examOverviewView(t, step.overview), as: 'main' };
    case 'result':
      return { view: examResultView(t, step.result, step.page, step.late), as: 'main' };
    case 'already-open':
      return { view: alreadyOpenView(t, step), as: 'main' };
    case 'abandoned':
      return {
        view: noticeView(t('exam.abandoned', { answered: step.answered, total: step.total })),
        as: 'main',
      };
    case 'refused':
      return {
        view: noticeView(
          t(dynamicKey(`exam.refused.${step.reason}`), {
            correct: step.score?.correct ?? 0,
            total: step.score?.total ?? 0,
          }),
        ),
        as: 'notice',
      };
  }
}
