import { first, type Queryable, sql } from './sql.ts';

/** Job leases: one holder per job at a time, taken over once the holder's lease runs out. */
export function leasesOf(q: Queryable) {
  return {
    /**
     * Takes the lease, or renews it for its holder, until `until`; false while another holder's
     * lease is still running. One statement, so two processes racing for it cannot both win.
     */
    async take(name: string, holder: string, now: Date, until: Date): Promise<boolean> {
      const row = await first<{ holder: string }>(
        q,
        sql`INSERT INTO "JobLease" ("name", "holder", "expiresAt") VALUES (${name}, ${holder}, ${until})
            ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "expiresAt" = excluded."expiresAt"
             WHERE "JobLease"."holder" = excluded."holder" OR "JobLease"."expiresAt" <= ${now}
            RETURNING "holder"`,
      );
      return row?.holder === holder;
    },

    /** Gives the lease up now, if this holder still has it. */
    async release(name: string, holder: string, now: Date): Promise<void> {
      await first(
        q,
        sql`UPDATE "JobLease" SET "expiresAt" = ${now} WHERE "name" = ${name} AND "holder" = ${holder} RETURNING "name"`,
      );
    },
  };
}

export type Leases = ReturnType<typeof leasesOf>;
