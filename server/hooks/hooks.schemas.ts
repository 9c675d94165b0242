// The shapes of what the SLiMS plugin sends, signed; anything else is refused before it is stored.
import { z } from 'zod';
import type { WebhookEventName } from '../db/database.ts';
import { parseInstant } from '../db/time.ts';
import { ApiError, pick, type Lang } from '../errors.ts';
import { bilingual, check } from '../validate.ts';

const EVENT_NAMES = [
  'circulation.transaction',
  'member.saved',
  'member.updated',
  'biblio.saved',
  'biblio.deleted',
] as const satisfies readonly WebhookEventName[];

const HEX_32 = /^[0-9a-f]{32}$/;

/** An event the plugin signed. Extra top-level fields are tolerated, so a newer plugin that adds one still gets its events delivered; the raw body is what gets stored anyway. */
export const eventBody = bilingual((say) =>
  z.looseObject({
    id: z
      .string({ error: say('id harus 32 karakter heksadesimal kecil.', 'id must be 32 lowercase hex characters.') })
      .regex(HEX_32, {
        error: say('id harus 32 karakter heksadesimal kecil.', 'id must be 32 lowercase hex characters.'),
      })
      .describe('The event id; an id seen before is a 409 replayed.'),
    event: z.enum(EVENT_NAMES, { error: say('Jenis peristiwa tidak dikenal.', 'Unknown event name.') }),
    occurredAt: z
      .string({ error: say('occurredAt harus waktu ISO 8601.', 'occurredAt must be an ISO 8601 time.') })
      .transform((value, ctx) => {
        const instant = parseInstant(value);
        if (instant !== null) return instant;
        ctx.addIssue({
          code: 'custom',
          input: value,
          message: say('occurredAt harus waktu ISO 8601.', 'occurredAt must be an ISO 8601 time.'),
        });
        return z.NEVER;
      })
      .describe('ISO 8601 instant.'),
    data: z.record(z.string(), z.unknown(), { error: say('data harus objek JSON.', 'data must be a JSON object.') }),
  }),
);

/** The connection test's body: `{ "nonce": "<32 lowercase hex>" }`. */
export const pingBody = bilingual((say) => {
  const message = say('nonce harus 32 karakter heksadesimal kecil.', 'nonce must be 32 lowercase hex characters.');
  return z.looseObject({ nonce: z.string({ error: message }).regex(HEX_32, { error: message }) });
});

export type WebhookEvent = z.output<(typeof eventBody)['en']>;

/** The signed body as a JSON object, or null when it is none (not JSON, an array, a string). */
export function jsonObjectOf(rawBody: string): Record<string, unknown> | null {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return null;
  }
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : null;
}

/** The event a signed body holds; a body that is no JSON object is a 422 naming `body`. */
export function parseEvent(rawBody: string, lang: Lang): WebhookEvent {
  const body = jsonObjectOf(rawBody);
  if (body === null) {
    throw new ApiError(422, 'validation_failed', [
      { field: 'body', message: pick(lang, 'Isi permintaan bukan objek JSON.', 'The body is not a JSON object.') },
    ]);
  }
  return check(eventBody, body, lang);
}
