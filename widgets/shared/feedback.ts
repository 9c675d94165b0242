// What <slims-suggestion-box> and <slims-feedback-board> share to paint: the public feedback API's shapes
// (described at /api/v1/openapi.json) and the words for kinds and statuses; their fields' rules are in fields.ts.
// How an item looks is in feedback-items.ts, which the box needs only after sending. Not on any poll's path: it
// rides in a chunk of its own that only these two load.
import type { ApiError } from './api.ts';
import type { Lang } from './i18n.ts';

export const KINDS = ['suggestion', 'complaint', 'praise', 'question', 'purchase'] as const;
export type Kind = (typeof KINDS)[number];
export const STATUSES = ['new', 'in_review', 'planned', 'done', 'declined'] as const;
export type Status = (typeof STATUSES)[number];

export const isKind = (x: unknown): x is Kind => (KINDS as readonly unknown[]).includes(x);
export const isStatus = (x: unknown): x is Status => (STATUSES as readonly unknown[]).includes(x);

// The public feedback API's shapes, as the server defines them (type-only: nothing ships).
export type { BoardItem, OwnItem, PurchaseView as Purchase, Reply } from '../../server/feedback/feedback.queries.ts';

const id = {
  kinds: {
    suggestion: 'Saran',
    complaint: 'Keluhan',
    praise: 'Pujian',
    question: 'Pertanyaan',
    purchase: 'Usulan pembelian buku',
  } as Record<Kind, string>,
  statuses: {
    new: 'Baru',
    in_review: 'Sedang ditinjau',
    planned: 'Direncanakan',
    done: 'Selesai',
    declined: 'Tidak dilanjutkan',
  } as Record<Status, string>,
  status: 'Status: {}',
  reply: 'Tanggapan perpustakaan',
  author: 'oleh {}',
};

type Words = typeof id;

const en: Words = {
  kinds: {
    suggestion: 'Suggestion',
    complaint: 'Complaint',
    praise: 'Praise',
    question: 'Question',
    purchase: 'Purchase request',
  },
  statuses: { new: 'New', in_review: 'In review', planned: 'Planned', done: 'Done', declined: 'Declined' },
  status: 'Status: {}',
  reply: 'The library’s reply',
  author: 'by {}',
};

export const feedbackWords = (lang: Lang): Words => (lang === 'en' ? en : id);

/**
 * An element's strings whose English comes in a chunk of its own (`load`), as shared/i18n.ts does for the
 * poll: most pages are Indonesian, and they need not download it. The chunk is fetched once, by the first
 * English element (again after a failure); until it is here, or if it cannot come, Indonesian fills in,
 * bar the few English strings given in `early`. (The words above are too few to be worth a chunk.)
 */
export function lazyEnglish<T extends object>(id: T, load: () => Promise<{ en: T }>, early: Partial<T> = {}) {
  let en: T = { ...id, ...early };
  let loading: Promise<unknown> | undefined;
  return {
    /** Resolves (never rejects) once the strings of `lang` are here or known not to come. */
    ready: (lang: Lang): Promise<unknown> =>
      lang === 'en'
        ? (loading ??= load().then(
            (mod) => (en = mod.en),
            () => (loading = undefined),
          ))
        : Promise.resolve(),
    words: (lang: Lang): T => (lang === 'en' ? en : id),
  };
}

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
