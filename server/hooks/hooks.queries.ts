// Keeps webhook events; the primary key on the event id is the one guard against handling an event twice.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { toDbTime } from '../db/time.ts';
import { isUniqueViolation } from '../db/dialect.ts';
import type { WebhookEvent } from './hooks.schemas.ts';

/** Stores a new event; false when its id was received before. */
export async function storeEvent(
  db: Kysely<Database>,
  event: WebhookEvent,
  rawBody: string,
  now: Date,
): Promise<boolean> {
  try {
    await db
      .insertInto('crm_webhook_event')
      .values({
        id: event.id,
        event: event.event,
        occurred_at: toDbTime(event.occurredAt),
        received_at: toDbTime(now),
        payload: rawBody,
      })
      .execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
