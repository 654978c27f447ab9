import { createHash } from 'node:crypto';
import type { QuestionRow } from '../data/questions.ts';
import type { Store } from '../data/store.ts';
import type { Question } from '../domain/question.ts';

export type SyncResult = { added: number; updated: number; retired: number; revived: number };

/** Hash of everything a member sees of a question, so any edit is noticed at sync. */
export function contentHash(q: Question): string {
  return createHash('sha256').update(JSON.stringify(q)).digest('hex').slice(0, 32);
}

/** Mirrors the bank into the database: adds new questions, updates changed, retires removed, revives returned. */
export async function syncBank(store: Store, questions: Question[], now: Date): Promise<SyncResult> {
  const existing = new Map((await store.read.questions.all()).map((r) => [r.id, r]));
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
  if (added.length + changed.length + retire.length === 0) return result;
  await store.write(async ({ questions: mirror }) => {
    await mirror.insert(added, now);
    for (const row of changed) await mirror.update(row, now);
    if (retire.length > 0) await mirror.retire(retire, now);
  });
  return result;
}
