// How a feedback item looks and is read from the network, for <slims-feedback-board> (on its first
// paint) and <slims-suggestion-box> (only once something is sent or looked up: its tracking.ts).
import { css, html, nothing, type TemplateResult } from 'lit';
import { FEEDBACK_WORDS } from '../../server/feedback/words.ts';
import {
  isKind,
  isStatus,
  ITEM_WORDS,
  type BoardItem,
  type OwnItem,
  type Purchase,
  type Reply,
  type Status,
} from './feedback.ts';
import { fill, locale, type Lang } from './i18n.ts';

/** A date as the visitor's language writes it ("3 Mar 2026"), or '' when there is none. */
export function when(at: string, lang: Lang): string {
  const date = new Date(at || NaN);
  return isNaN(+date) ? '' : date.toLocaleDateString(locale(lang), { dateStyle: 'medium' });
}

// Payloads come from the network: anything malformed becomes an empty value, never a thrown error.
const text = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');
const record = (x: unknown): Record<string, unknown> | null =>
  x && typeof x === 'object' ? (x as Record<string, unknown>) : null;
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
    replies: list(r.replies)
      .map(readReply)
      .filter((y): y is Reply => !!y),
    history: list(r.history)
      .map(record)
      .filter((h) => isStatus(h?.status))
      .map((h) => ({ status: h!.status as Status, at: text(h!.at) })),
  };
}

export function readBoardItem(x: unknown): BoardItem | null {
  const r = record(x);
  if (!r || typeof r.id !== 'number') return null;
  return {
    ...readCommon(r),
    id: r.id,
    votable: r.votable === true,
    voted: r.voted === true,
    fromMember: r.fromMember === true,
  };
}

/** The status as words (never by colour alone); the class lets a theme colour it. */
export const renderStatus = (status: Status, lang: Lang): TemplateResult =>
  html`<span part="badge status-${status}" class="badge ${status}">${FEEDBACK_WORDS[lang].statuses[status]}</span>`;

export function renderPurchase(p: Purchase | null, lang: Lang): TemplateResult | typeof nothing {
  if (!p?.title) return nothing;
  // A function, not a string, so a `$&` in what someone typed stays as typed.
  const by = p.author ? ` ${fill(ITEM_WORDS[lang].author, { name: p.author })}` : '';
  return html`<p part="purchase"><cite>${p.title}</cite>${by}${p.isbn ? html` · ISBN ${p.isbn}` : nothing}</p>`;
}

/** A reply with its date, headed `label`: the library's public reply unless told otherwise. */
export function renderReply(
  reply: Reply | null,
  lang: Lang,
  label = ITEM_WORDS[lang].reply,
): TemplateResult | typeof nothing {
  if (!reply) return nothing;
  return html`<div part="reply" class="reply">
    <p class="m">${label}${reply.at ? html` · <time datetime=${reply.at}>${when(reply.at, lang)}</time>` : nothing}</p>
    <p class="t">${reply.text}</p>
  </div>`;
}

/** Rules for items, their badges and replies, and the quiet buttons beside them. */
export const itemStyles = css`
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
  .quiet {
    color: var(--a);
    background: transparent;
    border: 1px solid currentColor;
  }
`;
