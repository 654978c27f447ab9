import { randomUUID } from 'node:crypto';
import type { SqlDriverAdapter, Transaction } from '@prisma/driver-adapter-utils';
import type { EngineAdapterFactory } from '../migrations/engine.ts';
import { loadPostgresDriver, type PostgresDriver, withDatabase } from './driver.ts';

/**
 * The pg driver adapter (7.10.0) as the WASM schema engine needs it, with three fixes:
 *
 * 1. Shadow database: the adapter's own connectToShadowDb connects to the main database when
 *    given a connection string, and drops the shadow database before closing its pool when given
 *    a config object. Here the shadow database gets its own URL, and is dropped after its pool
 *    is closed. (Only diffs need it, and with it the CREATEDB privilege.)
 * 2. PostgreSQL's internal `"char"` type (OID 18), which the engine reads back from the catalog,
 *    is reported as text: the adapter has no mapping for it and fails the whole query.
 * 3. executeScript sends the whole script as one simple query, which PostgreSQL runs as one
 *    transaction (as Prisma's native engine does): a failing migration rolls back entirely and
 *    is recorded as failed. The adapter splits on every `;` and runs the pieces one by one.
 *
 * It also keeps idle connections open (the engine's advisory lock lives on one of them) and
 * remembers every connection, so disposeAll() closes them all.
 */

const CHAR_OID = 18;
const TEXT_OID = 25;

type QueryResultLike = { fields: { dataTypeID: number }[] };
type PerformIO = (query: unknown) => Promise<QueryResultLike>;
type AdapterInternals = { performIO: PerformIO; onError(error: unknown): never };

/** Fix 2, on one queryable (the adapter, or a transaction it started). */
function reportCharAsText(queryable: object): void {
  const internals = queryable as unknown as AdapterInternals;
  const performIO = internals.performIO.bind(queryable);
  internals.performIO = async (query) => {
    const result = await performIO(query);
    for (const field of result.fields) if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    return result;
  };
}

function patchAdapter(
  adapter: SqlDriverAdapter & { underlyingDriver(): { query(sql: string): Promise<unknown> } },
) {
  reportCharAsText(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args): Promise<Transaction> => {
    const tx = await startTransaction(...args);
    reportCharAsText(tx);
    return tx;
  };
  // Fix 3: one query, one implicit transaction.
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      (adapter as unknown as AdapterInternals).onError(error);
    }
  };
}

export class PostgresEngineAdapterFactory implements EngineAdapterFactory {
  readonly provider = 'postgres' as const;
  readonly adapterName = '@prisma/adapter-pg';
  private readonly opened: SqlDriverAdapter[] = [];

  private constructor(
    private readonly url: string,
    private readonly driver: PostgresDriver,
  ) {}

  static async create(url: string): Promise<PostgresEngineAdapterFactory> {
    return new PostgresEngineAdapterFactory(url, await loadPostgresDriver());
  }

  async connect(): Promise<SqlDriverAdapter> {
    return this.open(this.url);
  }

  /** Fix 1: a fresh database with its own URL, dropped once its pool is closed. */
  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const name = `prisma_migrate_shadow_db_${randomUUID().replaceAll('-', '')}`;
    await this.adminQuery(`CREATE DATABASE "${name}"`);
    const adapter = await this.open(withDatabase(this.url, name));
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await this.adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    };
    return adapter;
  }

  async disposeAll(): Promise<void> {
    for (const adapter of this.opened.splice(0)) await adapter.dispose().catch(() => {});
  }

  private async open(url: string): Promise<SqlDriverAdapter> {
    const factory = new this.driver.PrismaPg({
      connectionString: url,
      idleTimeoutMillis: 0,
      connectionTimeoutMillis: this.driver.connectTimeoutMs,
    });
    const adapter = await factory.connect();
    this.opened.push(adapter);
    patchAdapter(adapter);
    return adapter;
  }

  private async adminQuery(sql: string): Promise<void> {
    const client = this.driver.client(this.url);
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end().catch(() => {});
    }
  }
}
