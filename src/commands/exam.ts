import { z } from 'zod';
import { startExam } from '../core/exam/index.ts';
import { EXAM_LIMITS } from '../domain/exam.ts';
import { defineCommand, integerIn } from './define.ts';

const { questions, minutes } = EXAM_LIMITS;

export const exam = defineCommand({
  name: 'exam',
  options: [
    { name: 'questions', type: 'integer', min: questions.min, max: questions.max },
    { name: 'minutes', type: 'integer', min: minutes.min, max: minutes.max },
  ],
  schema: z.object({
    questions: integerIn(questions.min, questions.max, 'options.problems.exam-questions').optional(),
    minutes: integerIn(minutes.min, minutes.max, 'options.problems.exam-minutes').optional(),
  }),
  contexts: 'guild-and-dm',
  run: async (ctx, caller, o) => ({
    kind: 'exam',
    step: await startExam(ctx.core, caller.memberId, { questions: o.questions, minutes: o.minutes }),
  }),
});
