import path from 'node:path';
import type { Domain, Note, Service, Topic } from '../domain/question.ts';
import { RegistrySchema } from './schema.ts';
import { type ParsedFile, parseFile, type Reporter } from './yaml-file.ts';

export const REGISTRY_FILE = '_bank.yaml';

export type Registry = { notes: Note[]; domains: Domain[]; topics: Topic[]; services: Service[] };

/** `_bank.yaml`: the study notes, the topics (one file each) and the services. */
export function readRegistry(dir: string, names: string[], report: Reporter): Registry {
  const empty: Registry = { notes: [], domains: [], topics: [], services: [] };
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
  const { notes, services, topics, domains } = parsed.data;
  checkDomains(f, domains, topics, report);
  return {
    notes,
    services,
    domains: domains.map(({ ko, vi, ...d }) => ({ ...d, titles: { en: d.title, ko, vi } })),
    topics: topics.map(({ ko, vi, ...t }) => ({ ...t, titles: { en: t.title, ko, vi } })),
  };
}

/** The exam blueprint: weights that sum to 100, every topic in a known domain, no empty domain. */
function checkDomains(
  f: ParsedFile,
  domains: { id: string; weight: number }[],
  topics: { id: string; domain: string }[],
  report: Reporter,
): void {
  const total = domains.reduce((sum, d) => sum + d.weight, 0);
  if (total !== 100)
    report.add(f, ['domains'], undefined, `domains: the weights add up to ${total}, not 100`);
  const ids = new Set(domains.map((d) => d.id));
  topics.forEach((t, i) => {
    if (!ids.has(t.domain))
      report.add(
        f,
        ['topics', i, 'domain'],
        t.id,
        `domain: unknown exam domain "${t.domain}" (domains: ${[...ids].join(', ')})`,
      );
  });
  domains.forEach((d, i) => {
    if (!topics.some((t) => t.domain === d.id))
      report.add(f, ['domains', i], d.id, 'no topic belongs to this domain');
  });
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
