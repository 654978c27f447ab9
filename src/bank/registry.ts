import path from 'node:path';
import type { Note, Service, Topic } from '../domain/question.ts';
import { RegistrySchema } from './schema.ts';
import { parseFile, type Reporter } from './yaml-file.ts';

export const REGISTRY_FILE = '_bank.yaml';

export type Registry = { notes: Note[]; topics: Topic[]; services: Service[] };

/** `_bank.yaml`: the study notes, the topics (one file each) and the services. */
export function readRegistry(dir: string, names: string[], report: Reporter): Registry {
  const empty: Registry = { notes: [], topics: [], services: [] };
  if (!names.includes(REGISTRY_FILE)) {
    report.add(path.join(path.basename(dir), REGISTRY_FILE), [], undefined, 'missing');
    return empty;
  }
  const f = parseFile(dir, REGISTRY_FILE, report);
  if (f === undefined) return empty;
  const parsed = RegistrySchema.safeParse(f.doc.toJS());
  if (!parsed.success) {
    report.zod(f, [], undefined, parsed.error);
    return empty;
  }
  const { notes, services, topics } = parsed.data;
  return {
    notes,
    services,
    topics: topics.map(({ ko, vi, ...t }) => ({ ...t, titles: { en: t.title, ko, vi } })),
  };
}

/** Every topic needs its file, and every topic's service must be known. */
export function checkTopics(dir: string, registry: Registry, withFile: Set<string>, report: Reporter): void {
  const serviceIds = new Set(registry.services.map((s) => s.id));
  const folder = path.basename(dir);
  for (const t of registry.topics) {
    if (!withFile.has(t.id))
      report.add(path.join(folder, `${t.id}.yaml`), [], undefined, `topic "${t.id}" has no file`);
    if (!serviceIds.has(t.service))
      report.add(path.join(folder, REGISTRY_FILE), [], t.id, `topic service "${t.service}" is unknown`);
  }
}
