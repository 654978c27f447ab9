import Fuse from 'fuse.js';
import type { Comparison, Fact, Service, Topic } from '../domain/question.ts';
import { type CoreContext, UserError } from './context.ts';

/** Look-ups over the bank's facts and comparisons, with fuzzy matching of what members type. */

export type Choice = { name: string; value: string };
const MAX_CHOICES = 25;

type Searchers = {
  services: Fuse<Service>;
  topics: Fuse<Topic>;
  comparisons: Fuse<Comparison>;
  facts: Fuse<Fact>;
};
const cache = new WeakMap<object, Searchers>();

function searchers(ctx: CoreContext): Searchers {
  let s = cache.get(ctx.bank);
  if (s === undefined) {
    const opts = { threshold: 0.35, ignoreLocation: true };
    s = {
      services: new Fuse(ctx.bank.services, { ...opts, keys: ['id', 'name', 'aliases'] }),
      topics: new Fuse(ctx.bank.topics, { ...opts, keys: ['id', 'title'] }),
      comparisons: new Fuse(ctx.bank.comparisons, { ...opts, keys: ['id', 'title', 'columns'] }),
      facts: new Fuse(ctx.bank.facts, {
        ...opts,
        threshold: 0.4,
        keys: [{ name: 'title', weight: 2 }, 'text', 'service'],
      }),
    };
    cache.set(ctx.bank, s);
  }
  return s;
}

function exactService(ctx: CoreContext, query: string): Service | undefined {
  const q = query.trim().toLowerCase();
  return ctx.bank.services.find(
    (s) => s.id === q || s.name.toLowerCase() === q || s.aliases.some((a) => a.toLowerCase() === q),
  );
}

export function resolveService(ctx: CoreContext, query: string): Service {
  const exact = exactService(ctx, query);
  if (exact !== undefined) return exact;
  const hit = searchers(ctx).services.search(query)[0];
  if (hit !== undefined) return hit.item;
  throw new UserError(
    'unknown-service',
    { query },
    ctx.bank.services.filter((s) => ctx.bank.factsByService(s.id).length > 0).map((s) => s.name),
  );
}

export function resolveTopic(ctx: CoreContext, query: string): Topic {
  const q = query.trim().toLowerCase();
  const exact = ctx.bank.topics.find((t) => t.id === q || t.title.toLowerCase() === q);
  if (exact !== undefined) return exact;
  const hit = searchers(ctx).topics.search(query)[0];
  if (hit !== undefined) return hit.item;
  throw new UserError(
    'unknown-topic',
    { topic: query },
    ctx.bank.topics.map((t) => t.id),
  );
}

export function resolveComparison(ctx: CoreContext, query: string): Comparison {
  const exact = ctx.bank.comparison(query.trim().toLowerCase());
  if (exact !== undefined) return exact;
  const hit = searchers(ctx).comparisons.search(query)[0];
  if (hit !== undefined) return hit.item;
  throw new UserError(
    'unknown-comparison',
    { query },
    ctx.bank.comparisons.map((c) => c.id),
  );
}

export type ServiceFacts = { service: Service; topic: Topic | undefined; facts: Fact[] };

/** A service's facts, optionally only those filed under one topic. */
export function lookupFacts(ctx: CoreContext, serviceQuery: string, topicQuery?: string): ServiceFacts {
  const service = resolveService(ctx, serviceQuery);
  const topic =
    topicQuery === undefined || topicQuery.trim() === '' ? undefined : resolveTopic(ctx, topicQuery);
  let facts = ctx.bank.factsByService(service.id);
  if (topic !== undefined) facts = facts.filter((f) => f.topic === topic.id);
  if (facts.length === 0) {
    if (topic === undefined) throw new UserError('no-facts', { service: service.name });
    throw new UserError(
      'no-facts-in-topic',
      { service: service.name, topic: topic.title },
      topicsOfService(ctx, service.id),
    );
  }
  return { service, topic, facts };
}

function topicsOfService(ctx: CoreContext, serviceId: string): string[] {
  return [...new Set(ctx.bank.factsByService(serviceId).map((f) => f.topic))];
}

export function searchFacts(ctx: CoreContext, query: string, limit = 5): Fact[] {
  return searchers(ctx)
    .facts.search(query, { limit })
    .map((r) => r.item);
}

/** Autocomplete choices (at most 25, Discord's limit); an empty query lists the first ones. */
export function suggestServices(ctx: CoreContext, partial: string): Choice[] {
  const withFacts = ctx.bank.services.filter((s) => ctx.bank.factsByService(s.id).length > 0);
  const found =
    partial.trim() === ''
      ? withFacts
      : searchers(ctx)
          .services.search(partial)
          .map((r) => r.item)
          .filter((s) => withFacts.includes(s));
  return found.slice(0, MAX_CHOICES).map((s) => ({ name: s.name, value: s.id }));
}

export function suggestTopics(ctx: CoreContext, partial: string, serviceId?: string): Choice[] {
  let topics =
    partial.trim() === ''
      ? ctx.bank.topics
      : searchers(ctx)
          .topics.search(partial)
          .map((r) => r.item);
  if (serviceId !== undefined) {
    const service = exactService(ctx, serviceId);
    if (service !== undefined) {
      const allowed = new Set(topicsOfService(ctx, service.id));
      topics = topics.filter((t) => allowed.has(t.id));
    }
  }
  return topics.slice(0, MAX_CHOICES).map((t) => ({ name: t.title, value: t.id }));
}

export function suggestComparisons(ctx: CoreContext, partial: string): Choice[] {
  const found =
    partial.trim() === ''
      ? ctx.bank.comparisons
      : searchers(ctx)
          .comparisons.search(partial)
          .map((r) => r.item);
  return found.slice(0, MAX_CHOICES).map((c) => ({ name: c.title.slice(0, 100), value: c.id }));
}
