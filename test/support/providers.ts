import { describe, inject } from 'vitest';
import type { Provider } from './db.ts';

/**
 * The integration tests run once per provider: SQLite, and PostgreSQL on the run's throwaway
 * server. Where that server is missing the PostgreSQL block is skipped with the reason in its
 * name (under CI the run fails instead, see test/global-setup.ts).
 */
export function eachProvider(body: (provider: Provider) => void): void {
  describe('on SQLite', () => body('sqlite'));
  const missing = inject('postgres') === null;
  const title = missing ? `on PostgreSQL: skipped, ${inject('postgresSkipReason')}` : 'on PostgreSQL';
  describe.skipIf(missing)(title, () => body('postgresql'));
}
