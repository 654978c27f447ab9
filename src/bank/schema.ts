import { z } from 'zod';

/** The shape of questions/*.yaml (see questions/README.md). Cross-file rules live in load.ts. */

const id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (lowercase letters, digits and dashes)');
const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const url = z
  .string()
  .regex(/^https:\/\/(docs\.)?aws\.amazon\.com\/\S+$/, 'must be an https://docs.aws.amazon.com/... link');
const sources = z.array(id).default([]);

const common = {
  id,
  prompt: text(500),
  explanation: text(1000),
  tags: z.array(z.string().trim().min(1)).default([]),
  source: sources,
  docs: url.optional(),
  corrects_note: z.boolean().default(false),
};

const letters = z.string().regex(/^[A-E]$/, 'must be a letter A-E');

export const ChoiceSchema = z.strictObject({
  ...common,
  kind: z.literal('choice'),
  options: z
    .array(text(80))
    .min(2, 'a choice question needs 2-5 options')
    .max(5, 'a choice question needs 2-5 options'),
  answer: z.union([letters, z.array(letters).min(1, 'must name at least one correct option')]),
  /** Letters of options that keep their place when options are shuffled ("All of the above"). */
  pin: z.array(letters).default([]),
});

export const TrueFalseSchema = z.strictObject({
  ...common,
  kind: z.literal('truefalse'),
  answer: z.boolean({ message: 'must be true or false' }),
});

export const TextSchema = z.strictObject({
  ...common,
  kind: z.literal('text'),
  accept: z.array(text(80)).min(1, 'must list at least one accepted answer'),
});

export const FlashcardSchema = z.strictObject({
  ...common,
  kind: z.literal('flashcard'),
  back: text(700),
});

export const QuestionSchema = z.discriminatedUnion(
  'kind',
  [ChoiceSchema, TrueFalseSchema, TextSchema, FlashcardSchema],
  {
    message: 'kind must be one of choice, truefalse, text, flashcard',
  },
);

export const FactSchema = z.strictObject({
  id,
  service: id,
  title: text(80),
  fact: text(600),
  source: sources,
  docs: url.optional(),
});

export const ComparisonSchema = z.strictObject({
  id,
  title: text(80),
  columns: z
    .array(text(24))
    .min(2, 'a comparison needs 2-4 columns')
    .max(4, 'a comparison needs 2-4 columns'),
  rows: z
    .array(
      z.strictObject({
        key: id,
        dimension: text(40),
        cells: z.array(text(60)),
        quiz: z.boolean().default(true),
      }),
    )
    .min(1, 'a comparison needs at least one row'),
  source: sources,
  docs: url.optional(),
  quiz: z.boolean().default(true),
});

export const TopicFileSchema = z.strictObject({
  topic: id,
  facts: z.array(z.unknown()).default([]),
  comparisons: z.array(z.unknown()).default([]),
  questions: z.array(z.unknown()).default([]),
});

export const RegistrySchema = z.strictObject({
  notes: z.array(z.strictObject({ id, file: z.string().min(1), title: text(200) })),
  domains: z.array(
    z.strictObject({
      id,
      title: text(80),
      ko: text(80).optional(),
      vi: text(80).optional(),
      weight: z.number().int('must be a whole number of per cent').min(1).max(100),
    }),
  ),
  topics: z.array(
    z.strictObject({
      id,
      title: text(80),
      service: id,
      domain: id,
      ko: text(80).optional(),
      vi: text(80).optional(),
    }),
  ),
  services: z.array(z.strictObject({ id, name: text(80), aliases: z.array(z.string()).default([]) })),
});
