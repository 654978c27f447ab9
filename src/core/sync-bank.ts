import { createHash } from 'node:crypto';
import type { QuestionRow, Questions } from '../data/questions.ts';
import type { Store } from '../data/store.ts';
import type { Question } from '../domain/question.ts';

export type SyncResult = { added: number; updated: number; retired: number; revived: number };

/** Hash of everything a member sees of a question, so any edit is noticed at sync. */
export function contentHash(q: Question): string {
  return createHash('sha256').update(JSON.stringify(q)).digest('hex').slice(0, 32);
}

type Plan = { added: QuestionRow[]; changed: QuestionRow[]; retire: string[]; result: SyncResult };

/** What the database needs to mirror the bank, from what it holds now. */
async function plan(mirror: Questions, questions: Question[]): Promise<Plan> {
  const existing = new Map((await mirror.all()).map((r) => [r.id, r]));
  const inBank = new Set(questions.map((q) => q.id));
  const result: SyncResult = { added: 0, updated: 0, retired: 0, revived: 0 };
  const added: QuestionRow[] = [];
  const changed: QuestionRow[] = [];
  for (const q of questions) {
    const row = { id: q.id, topic: q.topic, kind: q.kind, contentHash: contentHash(q) };
    const old = existing.get(q.id);
    if (old === undefined) added.push(row);
    else if (old.contentHash !== row.contentHash || old.retired) {
      if (old.retired) result.revived++;
      else result.updated++;
      changed.push(row);
    }
  }
  const retire = [...existing.values()].filter((r) => !r.retired && !inBank.has(r.id)).map((r) => r.id);
  result.added = added.length;
  result.retired = retire.length;
  return { added, changed, retire, result };
}

const nothingToDo = (p: Plan) => p.added.length + p.changed.length + p.retire.length === 0;

/**
 * Mirrors the bank into the database: adds new questions, updates changed, retires removed,
 * revives returned. Several processes may start at once on one database: the plan is made
 * again inside the write, so the second of them finds the first one's work done.
 */
export async function syncBank(store: Store, questions: Question[], now: Date): Promise<SyncResult> {
  const first = await plan(store.read.questions, questions);
  if (nothingToDo(first)) return first.result;
  return store.write(async ({ questions: mirror }) => {
    const p = await plan(mirror, questions);
    if (nothingToDo(p)) return p.result;
    await mirror.insert(p.added, now);
    for (const row of p.changed) await mirror.update(row, now);
    if (p.retire.length > 0) await mirror.retire(p.retire, now);
    return p.result;
  });
}
