import type { PrismaPg } from '@prisma/adapter-pg';
import type { Client } from 'pg';

/**
 * pg and @prisma/adapter-pg, loaded on first use: the bundle keeps packages external and would
 * otherwise load them at every start, SQLite included.
 */
export type PostgresDriver = {
  PrismaPg: typeof PrismaPg;
  client(url: string): Client;
  /** How long to wait for a connection before calling the server unreachable. */
  connectTimeoutMs: number;
};

const CONNECT_TIMEOUT_MS = 10_000;

let loaded: Promise<PostgresDriver> | undefined;

export function loadPostgresDriver(): Promise<PostgresDriver> {
  loaded ??= (async () => {
    const [{ default: pg }, { PrismaPg: Adapter }] = await Promise.all([
      import('pg'),
      import('@prisma/adapter-pg'),
    ]);
    return {
      PrismaPg: Adapter,
      client: (url: string) =>
        new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS }),
      connectTimeoutMs: CONNECT_TIMEOUT_MS,
    };
  })();
  return loaded;
}

/** The same URL pointing at another database of the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
