// The shape of an event the SLiMS plugin sends; anything else is refused before it is stored.
import { z } from 'zod';
import type { WebhookEventName } from '../db/database.ts';
import { parseInstant } from '../db/time.ts';
import { ApiError, pick, type FieldProblem, type Lang } from '../errors.ts';

const EVENT_NAMES: ReadonlySet<string> = new Set<WebhookEventName>([
  'circulation.transaction',
  'member.saved',
  'member.updated',
  'biblio.saved',
  'biblio.deleted',
]);

export interface WebhookEvent {
  id: string;
  event: WebhookEventName;
  occurredAt: Date;
  data: Record<string, unknown>;
}

/** The wire shapes of the plugin's signed bodies, for the OpenAPI document; parseEvent and parsePing check them. */
export const eventBody = z.looseObject({
  id: z
    .string()
    .regex(/^[0-9a-f]{32}$/)
    .describe('The event id; an id seen before is a 409 replayed.'),
  event: z.enum(['circulation.transaction', 'member.saved', 'member.updated', 'biblio.saved', 'biblio.deleted']),
  occurredAt: z.string().describe('ISO 8601 instant.'),
  data: z.record(z.string(), z.unknown()),
});

export const pingBody = z.looseObject({ nonce: z.string().regex(/^[0-9a-f]{32}$/) });

/**
 * Parses a signed body into an event. Extra top-level fields are tolerated, so a newer plugin that adds one
 * still gets its events delivered; the raw body is what gets stored anyway.
 */
export function parseEvent(rawBody: string, lang: Lang): WebhookEvent {
  const problems: FieldProblem[] = [];
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    body = undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(422, 'validation_failed', [
      { field: 'body', message: pick(lang, 'Isi permintaan bukan objek JSON.', 'The body is not a JSON object.') },
    ]);
  }
  const { id, event, occurredAt, data } = body as Record<string, unknown>;
  if (typeof id !== 'string' || !/^[0-9a-f]{32}$/.test(id)) {
    problems.push({
      field: 'id',
      message: pick(lang, 'id harus 32 karakter heksadesimal kecil.', 'id must be 32 lowercase hex characters.'),
    });
  }
  if (typeof event !== 'string' || !EVENT_NAMES.has(event)) {
    problems.push({ field: 'event', message: pick(lang, 'Jenis peristiwa tidak dikenal.', 'Unknown event name.') });
  }
  const occurred = typeof occurredAt === 'string' ? parseInstant(occurredAt) : null;
  if (occurred === null) {
    problems.push({
      field: 'occurredAt',
      message: pick(lang, 'occurredAt harus waktu ISO 8601.', 'occurredAt must be an ISO 8601 time.'),
    });
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    problems.push({ field: 'data', message: pick(lang, 'data harus objek JSON.', 'data must be a JSON object.') });
  }
  if (problems.length > 0 || occurred === null) throw new ApiError(422, 'validation_failed', problems);
  return {
    id: id as string,
    event: event as WebhookEventName,
    occurredAt: occurred,
    data: data as Record<string, unknown>,
  };
}

/** The connection test's body: `{ "nonce": "<32 lowercase hex>" }`. */
export function parsePing(rawBody: string, lang: Lang): { nonce: string } {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    body = undefined;
  }
  const nonce = typeof body === 'object' && body !== null ? (body as Record<string, unknown>).nonce : undefined;
  if (typeof nonce !== 'string' || !/^[0-9a-f]{32}$/.test(nonce)) {
    throw new ApiError(422, 'validation_failed', [
      {
        field: 'nonce',
        message: pick(
          lang,
          'nonce harus 32 karakter heksadesimal kecil.',
          'nonce must be 32 lowercase hex characters.',
        ),
      },
    ]);
  }
  return { nonce };
}
