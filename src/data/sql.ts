import { Prisma } from './generated/client.ts';

/**
 * Every query of src/data is SQL with bound parameters, built with Prisma's `sql` template tag so
 * the placeholders fit the database behind the client. One query through Prisma's query compiler
 * costs ~180 us against ~50 us raw (bench/results.md), and the same SQL serves a transaction and
 * the plain client alike.
 */

export const sql = Prisma.sql;
export const join = Prisma.join;
export const empty = Prisma.empty;
export type Sql = Prisma.Sql;

/** What a module runs its SQL on: the client, or the transaction it was bound to. */
export type Queryable = {
  $queryRaw<T = unknown>(query: Sql): PromiseLike<T>;
  $executeRaw(query: Sql): PromiseLike<number>;
};

export async function rows<T>(q: Queryable, query: Sql): Promise<T[]> {
  return await q.$queryRaw<T[]>(query);
}

export async function first<T>(q: Queryable, query: Sql): Promise<T | null> {
  const found = await q.$queryRaw<T[]>(query);
  return found[0] ?? null;
}

export async function only<T>(q: Queryable, query: Sql): Promise<T> {
  const row = await first<T>(q, query);
  if (row === null) throw new Error(`no row returned by: ${query.sql.split('\n')[0]}`);
  return row;
}

export async function exec(q: Queryable, query: Sql): Promise<number> {
  return await q.$executeRaw(query);
}

/** COUNT and SUM come back as bigint from some drivers. */
export function num(value: number | bigint | null | undefined): number {
  return value === null || value === undefined ? 0 : Number(value);
}
