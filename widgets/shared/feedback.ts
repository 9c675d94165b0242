// What <slims-suggestion-box> and <slims-feedback-board> share: the public feedback API's shapes
// (notes/CONTRACT-4.md), the words for kinds and statuses, and how a status, a purchase request and
// the library's reply look. Not on any poll's path: it rides in a chunk of its own that only these two load.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { ApiError } from './api.ts';
import { locale, type Lang } from './i18n.ts';

export const KINDS = ['suggestion', 'complaint', 'praise', 'question', 'purchase'] as const;
export type Kind = (typeof KINDS)[number];
export const STATUSES = ['new', 'in_review', 'planned', 'done', 'declined'] as const;
export type Status = (typeof STATUSES)[number];

export const isKind = (x: unknown): x is Kind => (KINDS as readonly unknown[]).includes(x);
export const isStatus = (x: unknown): x is Status => (STATUSES as readonly unknown[]).includes(x);

export interface Purchase {
  title: string;
  author: string | null;
  isbn: string | null;
}

export interface Reply {
  text: string;
  at: string;
}

/** An item as its submitter sees it (GET /feedback/items/:code, /feedback/mine, POST /feedback). */
export interface OwnItem {
  code: string;
  kind: Kind;
  text: string;
  purchase: Purchase | null;
  status: Status;
  published: boolean;
  votes: number;
  createdAt: string;
  updatedAt: string;
  publicReply: Reply | null;
  replies: Reply[];
  history: { status: Status; at: string }[];
}

/** An item on the public board (GET /feedback/board). */
export interface BoardItem {
  id: number;
  kind: Kind;
  text: string;
  purchase: Purchase | null;
  status: Status;
  votes: number;
  votable: boolean;
  voted: boolean;
  createdAt: string;
  publicReply: Reply | null;
  fromMember: boolean;
}

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
  kinds: { suggestion: 'Suggestion', complaint: 'Complaint', praise: 'Praise', question: 'Question', purchase: 'Purchase request' },
  statuses: { new: 'New', in_review: 'In review', planned: 'Planned', done: 'Done', declined: 'Declined' },
  status: 'Status: {}',
  reply: 'The library’s reply',
  author: 'by {}',
};

export const feedbackWords = (lang: Lang): Words => (lang === 'en' ? en : id);

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
  const ours = error.status >= 400 && error.status < 500 && !/^http_\d+$/.test(error.code) && error.message && error.message !== error.code;
  return ours ? error.message : words.error;
}

/** A date as the visitor's language writes it ("3 Mar 2026"), or '' when there is none. */
export function when(at: string, lang: Lang): string {
  const date = new Date(at || NaN);
  return isNaN(+date) ? '' : date.toLocaleDateString(locale(lang), { dateStyle: 'medium' });
}

// Payloads come from the network: anything malformed becomes an empty value, never a thrown error.
const text = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');
const record = (x: unknown): Record<string, unknown> | null => (x && typeof x === 'object' ? (x as Record<string, unknown>) : null);
const count = (x: unknown): number => (typeof x === 'number' && isFinite(x) ? x : 0);

function readReply(x: unknown): Reply | null {
  const r = record(x);
  return r && text(r.text) ? { text: text(r.text), at: text(r.at) } : null;
}

function readPurchase(x: unknown): Purchase | null {
  const p = record(x);
  return p ? { title: text(p.title), author: text(p.author) || null, isbn: text(p.isbn) || null } : null;
}

function readCommon(r: Record<string, unknown>) {
  return {
    kind: isKind(r.kind) ? r.kind : 'suggestion',
    text: text(r.text),
    purchase: readPurchase(r.purchase),
    status: isStatus(r.status) ? r.status : 'new',
    votes: count(r.votes),
    createdAt: text(r.createdAt),
    publicReply: readReply(r.publicReply),
  } satisfies Partial<OwnItem & BoardItem>;
}

export function readOwnItem(x: unknown): OwnItem | null {
  const r = record(x);
  if (!r || !text(r.code)) return null;
  const list = (y: unknown): unknown[] => (Array.isArray(y) ? y : []);
  return {
    ...readCommon(r),
    code: text(r.code),
    published: r.published === true,
    updatedAt: text(r.updatedAt),
    replies: list(r.replies).map(readReply).filter((y): y is Reply => !!y),
    history: list(r.history)
      .map(record)
      .filter((h) => isStatus(h?.status))
      .map((h) => ({ status: h!.status as Status, at: text(h!.at) })),
  };
}

export function readBoardItem(x: unknown): BoardItem | null {
  const r = record(x);
  if (!r || typeof r.id !== 'number') return null;
  return { ...readCommon(r), id: r.id, votable: r.votable === true, voted: r.voted === true, fromMember: r.fromMember === true };
}

/** The status as words (never by colour alone); the class lets a theme colour it. */
export const renderStatus = (status: Status, lang: Lang): TemplateResult =>
  html`<span part="badge status-${status}" class="badge ${status}">${feedbackWords(lang).statuses[status]}</span>`;

export function renderPurchase(p: Purchase | null, lang: Lang): TemplateResult | typeof nothing {
  if (!p?.title) return nothing;
  // A function, not a string, so a `$&` in what someone typed stays as typed.
  const by = p.author ? ` ${feedbackWords(lang).author.replace('{}', () => p.author!)}` : '';
  return html`<p part="purchase"><cite>${p.title}</cite>${by}${p.isbn ? html` · ISBN ${p.isbn}` : nothing}</p>`;
}

export function renderReply(reply: Reply | null, label: string, lang: Lang): TemplateResult | typeof nothing {
  if (!reply) return nothing;
  return html`<div part="reply" class="reply">
    <p class="m">${label}${reply.at ? html` · <time datetime=${reply.at}>${when(reply.at, lang)}</time>` : nothing}</p>
    <p class="t">${reply.text}</p>
  </div>`;
}

/** Rules for items, fields and quiet buttons, on top of shared/styles.ts. */
export const feedbackStyles = css`
  .t {
    white-space: pre-line;
    overflow-wrap: anywhere;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.75em;
    color: var(--m);
    font-size: 0.9em;
  }
  .badge {
    display: inline-block;
    padding: 0.1em 0.6em;
    border-radius: 1em;
    color: var(--slims-fg, #1f2328);
    background: var(--slims-badge, #e6eaef);
    font-size: 0.85em;
    font-weight: 600;
  }
  .done {
    background: var(--slims-badge-done, #d3f0dc);
  }
  .planned,
  .in_review {
    background: var(--slims-badge-open, #dbe9f9);
  }
  .reply {
    margin-top: 0.5em;
    padding: 0.5em 0.75em;
    border-left: 3px solid var(--a);
    background: var(--slims-reply-bg, #f6f8fa);
  }
  ul {
    list-style: none;
  }
  .item {
    display: grid;
    gap: 0.35em;
    padding: 0.75em 0;
    border-top: 1px solid #d0d7de;
  }
  .field {
    display: grid;
    gap: 0.25em;
    width: 100%;
  }
  .field label {
    display: block;
    min-height: 0;
    padding: 0;
    font-weight: 600;
    cursor: auto;
  }
  .field input,
  select {
    width: 100%;
    height: auto;
    min-height: 2.75rem;
    padding: 0 0.5em;
    font: inherit;
    color: inherit;
    background: var(--slims-bg, #fff);
    border: 1px solid var(--m);
    border-radius: var(--r);
  }
  [aria-invalid='true'] {
    border-color: var(--slims-error, #b42318);
  }
  .quiet {
    color: var(--a);
    background: transparent;
    border: 1px solid currentColor;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
`;
