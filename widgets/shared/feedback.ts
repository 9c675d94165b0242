// What <slims-suggestion-box> and <slims-feedback-board> share to paint: the public feedback API's shapes
// (described at /api/v1/openapi.json) and the kinds and statuses, whose words are the server's table
// (server/feedback/words.ts, which the e-mails say too); their fields' rules are in fields.ts.
// How an item looks is in feedback-items.ts, which the box needs only after sending. Not on any poll's path: it
// rides in a chunk of its own that only these two load.
import { FEEDBACK_KINDS, FEEDBACK_STATUSES } from '../../server/feedback/words.ts';
import type { ApiError } from './api.ts';

export type Kind = (typeof FEEDBACK_KINDS)[number];
export type Status = (typeof FEEDBACK_STATUSES)[number];

export const isKind = (x: unknown): x is Kind => (FEEDBACK_KINDS as readonly unknown[]).includes(x);
export const isStatus = (x: unknown): x is Status => (FEEDBACK_STATUSES as readonly unknown[]).includes(x);

// The public feedback API's shapes, as the server defines them (type-only: nothing ships).
export type { BoardItem, OwnItem, PurchaseView as Purchase, Reply } from '../../server/feedback/feedback.queries.ts';

// The words of an item beside its kind and status (those are the server's table, FEEDBACK_WORDS). Here, in
// the first paint of the box and the board alike, rather than in feedback-items.ts, which the box loads later.
export const ITEM_WORDS = {
  id: { reply: 'Tanggapan perpustakaan', author: 'oleh {name}' },
  en: { reply: 'The library’s reply', author: 'by {name}' },
};

/**
 * The sending code (send.ts), fetched when a visitor starts to write or votes rather than on first paint:
 * most visitors only read. Null when it cannot come (the connection), which the caller reports as offline.
 */
export const loadSend = (): Promise<typeof import('./send.ts') | null> => import('./send.ts').catch(() => null);

/** The element's status line: progress, what is shown, or why something failed. */
export interface Note {
  text: string;
  error: boolean;
}

/**
 * What to tell the visitor about a failed request: the sidecar's own words for a 4xx it explains (in the
 * request's language), else the element's `error`, or `offline` when no answer came. A proxy's or a
 * firewall's page is no error of ours (`http_403`): its status text ("Forbidden", in English) is never shown.
 */
export function reason(error: ApiError, words: { offline: string; error: string }): string {
  if (!error.status) return words.offline;
  const ours =
    error.status >= 400 &&
    error.status < 500 &&
    !/^http_\d+$/.test(error.code) &&
    error.message &&
    error.message !== error.code;
  return ours ? error.message : words.error;
}
