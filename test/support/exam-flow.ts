import { type CoreContext, indexBank } from '../../src/core/context.ts';
import { syncBank } from '../../src/core/sync-bank.ts';
import type { Question } from '../../src/domain/question.ts';
import type { TestClock } from './core.ts';
import type { TestDb } from './db.ts';
import { join } from './study.ts';

type Env = { db: TestDb; clock: TestClock; ctx: CoreContext };

/**
 * An open exam of the given questions in that order, started now, as startExam stores one but with
 * a fixed seed (so the options' order at each position is known) instead of a random draw.
 */
export async function openExam(
  env: Env,
  memberId: string,
  questionIds: string[],
  { seed = 2, minutes = 10 }: { seed?: number; minutes?: number } = {},
): Promise<number> {
  await join(env.ctx, memberId);
  const now = env.clock.now;
  const exam = await env.db.store.write((repos) =>
    repos.exams.create({
      memberId,
      seed,
      minutes,
      startedAt: new Date(now),
      deadline: new Date(now + minutes * 60_000),
      questionIds,
    }),
  );
  return exam.id;
}

/**
 * The bank as a new deploy brings it: `edit` returns each question as it now reads (undefined:
 * gone), `added` are new ones; the database is synced to it, as at start-up.
 */
export async function redeploy(
  env: Env,
  edit: (q: Question) => Question | undefined = (q) => q,
  added: Question[] = [],
): Promise<void> {
  const base = env.ctx.bank;
  const questions = [...base.questions.flatMap((q) => edit(q) ?? []), ...added];
  env.ctx.bank = indexBank({ ...base, questions });
  await syncBank(env.db.store, questions, new Date(env.clock.now));
}
