// Leases on scheduled jobs (crm_job_lease): several sidecars may run the same tick, and the one holding a job's
// lease runs it. A lease lasts a while and its holder renews it as it works, so a holder that crashed or stalled
// loses the job to another once the lease runs out. Each step is one UPDATE, atomic on both databases.
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import { dialectOf } from './dialect.ts';
import { toDbTime } from './time.ts';

/**
 * Takes the job's lease for `owner` until now + leaseMs if nobody holds it, its lease ran out, or `owner`
 * holds it already; true when `owner` now holds it.
 */
export async function claimLease(
  db: Kysely<Database>,
  name: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const row = { name, owner: null, lease_until: null };
  await (dialectOf(db) === 'mysql'
    ? db.insertInto('crm_job_lease').ignore().values(row).execute()
    : db
        .insertInto('crm_job_lease')
        .values(row)
        .onConflict((oc) => oc.column('name').doNothing())
        .execute());
  const at = toDbTime(now);
  const result = await db
    .updateTable('crm_job_lease')
    .set({ owner, lease_until: toDbTime(new Date(now.getTime() + leaseMs)) })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('owner', 'is', null), eb('lease_until', '<=', at), eb('owner', '=', owner)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Extends the lease `owner` holds; false when it is no longer theirs (it ran out and another took it). */
export async function renewLease(
  db: Kysely<Database>,
  name: string,
  owner: string,
  now: Date,
  leaseMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('crm_job_lease')
    .set({ lease_until: toDbTime(new Date(now.getTime() + leaseMs)) })
    .where('name', '=', name)
    .where('owner', '=', owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives the lease up, if `owner` still holds it. */
export async function releaseLease(db: Kysely<Database>, name: string, owner: string): Promise<void> {
  await db
    .updateTable('crm_job_lease')
    .set({ owner: null, lease_until: null })
    .where('name', '=', name)
    .where('owner', '=', owner)
    .execute();
}
