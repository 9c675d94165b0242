// What follows sending in <slims-suggestion-box>: the tracking code's view, status checks, look-ups by
// code, the member's own items and the 422's field errors. None of it is needed to paint the empty form,
// so the element fetches this chunk when first needed (a first input, a look-up, a member), not on load.
import { css, html, nothing, type TemplateResult } from 'lit';
import { apiGet, failure, type ApiError, type ApiResult } from '../shared/api.ts';
import { FEEDBACK_WORDS } from '../../server/feedback/words.ts';
import { reason, type OwnItem } from '../shared/feedback.ts';
import { itemStyles, readOwnItem, renderPurchase, renderReply, renderStatus, when } from '../shared/feedback-items.ts';
import { fill, langOf, type Lang } from '../shared/i18n.ts';
import type { Field, SlimsSuggestionBox } from './slims-suggestion-box.ts';

// The strings of these views, in both languages: this chunk comes after the first paint, so English
// costs nothing on the way to it (the form's strings are in i18n.ts).
const id = {
  sent: 'Terima kasih, masukan Anda sudah kami terima.',
  codeHint: 'Simpan kode ini untuk melihat tanggapan perpustakaan.',
  copy: 'Salin kode',
  copied: 'Kode pelacakan disalin.',
  copyFailed: 'Kode tidak dapat disalin otomatis; silakan salin secara manual.',
  check: 'Cek status',
  another: 'Kirim masukan lain',
  lookupInvalid: 'Kode pelacakan terdiri dari 10 huruf dan angka, misalnya ABCDE-FGHJK.',
  notFound: 'Kode pelacakan tidak ditemukan.',
  mine: 'Masukan saya',
  mineEmpty: 'Anda belum pernah mengirim masukan.',
  loading: 'Memuat…',
  history: 'Riwayat status',
  replies: 'Balasan untuk Anda',
  sentOn: 'Dikirim {date}',
  status: 'Status: {status}',
  retry: 'Coba lagi',
};

type Words = typeof id;

const en: Words = {
  sent: 'Thank you, we have received your feedback.',
  codeHint: 'Keep this code to see the library’s answer.',
  copy: 'Copy code',
  copied: 'Tracking code copied.',
  copyFailed: 'The code could not be copied automatically; please copy it by hand.',
  check: 'Check status',
  another: 'Send more feedback',
  lookupInvalid: 'A tracking code has 10 letters and digits, for example ABCDE-FGHJK.',
  notFound: 'Tracking code not found.',
  mine: 'My feedback',
  mineEmpty: 'You have not sent any feedback yet.',
  loading: 'Loading…',
  history: 'Status history',
  replies: 'Replies to you',
  sentOn: 'Sent {date}',
  status: 'Status: {status}',
  retry: 'Try again',
};

const later = (lang: Lang): Words => (lang === 'en' ? en : id);

/** Tracking codes: 10 of these characters, shown as XXXXX-XXXXX; typed in either form, any case. */
const CODE = /^[A-HJ-NP-Z2-9]{10}$/;

const quiet = { text: '', error: false };

export const styles = [
  itemStyles,
  css`
    .code {
      font-family: ui-monospace, monospace;
      font-size: 1.2em;
      letter-spacing: 0.05em;
    }
    .sent,
    section {
      display: grid;
      gap: 0.75em;
    }
    h3 {
      font-size: 1em;
    }
  `,
];

// Sending ------------------------------------------------------------------------------------------

/** The library has the item: show its tracking code in place of the form. */
export function done(el: SlimsSuggestionBox, payload: unknown): void {
  const item = readOwnItem(payload);
  if (!item) {
    el._fail('bad_response', 'unexpected item payload');
    el._note = { text: el._words.error, error: true };
    return;
  }
  el._key = '';
  el._sent = item;
  el._checked = null;
  el._view = 'sent';
  el._note = { text: later(langOf(el)).sent, error: false };
  el._emit('slims-feedback-sent', { code: item.code, kind: item.kind });
  // The form and its focused button are gone: keep keyboard users at the tracking code.
  el._focus('#sent');
  if (el._member) el._loadMine();
}

/**
 * Marks the fields a 422 names (its details), and says in the status line what is wrong with anything
 * else (a header, or the kind when the form offers only one); with neither, the 422's own message.
 */
export function invalid(el: SlimsSuggestionBox, details: unknown, message: string): void {
  const errors = new Map<Field, string>();
  const other: string[] = [];
  for (const d of Array.isArray(details) ? (details as { field?: unknown; message?: unknown }[]) : []) {
    if (el._shows(d?.field) && d.message) errors.set(d.field, String(d.message));
    else if (d?.message) other.push(String(d.message));
  }
  el._showErrors(errors, errors.size || other.length ? other : [message]);
}

function another(el: SlimsSuggestionBox): void {
  el._view = 'form';
  el._sent = null;
  el._checked = null;
  el._note = quiet;
  el._focus('form textarea');
}

async function copy(el: SlimsSuggestionBox, code: string): Promise<void> {
  const t = later(langOf(el));
  try {
    await navigator.clipboard.writeText(code);
    el._note = { text: t.copied, error: false };
  } catch {
    // no clipboard (plain http, permission): select the code so the visitor can copy it
    const node = el.renderRoot.querySelector('#code');
    if (node) getSelection()?.selectAllChildren(node);
    el._note = { text: t.copyFailed, error: false };
  }
}

// Reading items ------------------------------------------------------------------------------------

async function fetchItem(el: SlimsSuggestionBox, code: string): Promise<ApiResult<OwnItem>> {
  const res = await apiGet<{ item?: unknown }>(`api/v1/feedback/items/${encodeURIComponent(code)}`, el._opts);
  if (!res.ok) return res;
  const item = readOwnItem(res.data?.item);
  return item ? { ok: true, data: item } : failure('bad_response', 200, 'unexpected item payload');
}

/** What to say when an item could not be read. */
function unread(el: SlimsSuggestionBox, error: ApiError): string {
  el._fail(error.code, error.message);
  return error.code === 'feedback_not_found' ? later(langOf(el)).notFound : reason(error, el._words);
}

async function check(el: SlimsSuggestionBox): Promise<void> {
  const sent = el._sent;
  if (!sent) return;
  const lang = langOf(el);
  el._note = { text: later(lang).loading, error: false };
  const res = await fetchItem(el, sent.code);
  if (el._sent !== sent) return;
  if (!res.ok) {
    el._note = { text: unread(el, res.error), error: true };
    return;
  }
  el._checked = res.data;
  el._note = {
    text: fill(later(lang).status, { status: FEEDBACK_WORDS[lang].statuses[res.data.status] }),
    error: false,
  };
}

/** Looks up the item whose code is typed in the look-up form. */
export async function lookup(el: SlimsSuggestionBox, form: HTMLFormElement): Promise<void> {
  const t = later(langOf(el));
  const input = form.elements.namedItem('code') as HTMLInputElement;
  const code = input.value.toUpperCase().replace(/[\s-]/g, '');
  el._found = null;
  if (!CODE.test(code)) {
    el._lookupNote = { text: t.lookupInvalid, error: true };
    return el._focus('#lookup-code');
  }
  el._lookupNote = { text: t.loading, error: false };
  const res = await fetchItem(el, `${code.slice(0, 5)}-${code.slice(5)}`);
  if (!res.ok) {
    el._lookupNote = { text: unread(el, res.error), error: true };
    return el._focus('#lookup-code');
  }
  el._found = res.data;
  el._lookupNote = quiet;
  el._focus('#found');
}

/** The member's own items, newest first; `seq` is the element's count of loads when this one started. */
export async function loadMine(el: SlimsSuggestionBox, seq: number): Promise<void> {
  const lang = langOf(el);
  el._mineNote = { text: later(lang).loading, error: false };
  const res = await apiGet<{ items?: unknown }>('api/v1/feedback/mine', el._opts);
  if (seq !== el._seq) return;
  if (!res.ok) {
    el._fail(res.error.code, res.error.message);
    el._mineNote = { text: reason(res.error, el._words), error: true };
    return;
  }
  const items = Array.isArray(res.data?.items) ? res.data.items : [];
  el._mine = items.map(readOwnItem).filter((i): i is OwnItem => !!i);
  el._mineNote = quiet;
}

// Rendering ----------------------------------------------------------------------------------------

export function renderSent(el: SlimsSuggestionBox, item: OwnItem, lang: Lang): TemplateResult {
  const t = later(lang);
  return html`<div part="code" class="sent" id="sent" role="group" tabindex="-1" aria-labelledby="code-l">
    <p><span id="code-l">${el._words.code}</span>: <strong id="code" class="code">${item.code}</strong></p>
    <p class="m">${t.codeHint}</p>
    <div class="row">
      <button type="button" class="quiet" @click=${() => void copy(el, item.code)}>${t.copy}</button>
      <button type="button" class="quiet" @click=${() => void check(el)}>${t.check}</button>
      <button type="button" class="quiet" @click=${() => another(el)}>${t.another}</button>
    </div>
    ${el._checked ? renderItem(el._checked, lang) : nothing}
  </div>`;
}

export function renderMine(el: SlimsSuggestionBox, lang: Lang): TemplateResult {
  const t = later(lang);
  const note = el._mineNote;
  const items = el._mine;
  return html`<section part="mine" aria-labelledby="mine-t">
    <h3 id="mine-t">${t.mine}</h3>
    ${note.text ? html`<p role="status" class=${note.error ? 'error' : 'm'}>${note.text}</p>` : nothing}
    ${note.error ? html`<button type="button" class="quiet" @click=${() => el._loadMine()}>${t.retry}</button>` : nothing}
    ${
      items && !note.text
        ? items.length
          ? html`<ul>
            ${items.map((item) => html`<li>${renderItem(item, lang)}</li>`)}
          </ul>`
          : html`<p class="m">${t.mineEmpty}</p>`
        : nothing
    }
  </section>`;
}

/** One of the submitter's items: kind, code, status, what they wrote, and every answer they may see. */
export function renderItem(item: OwnItem, lang: Lang, id?: string): TemplateResult {
  const fw = FEEDBACK_WORDS[lang];
  const t = later(lang);
  return html`<article part="item" class="item" id=${id ?? nothing} tabindex=${id ? '-1' : nothing}>
    <p class="meta">
      <strong>${fw.kinds[item.kind]}</strong> <span class="code">${item.code}</span> ${renderStatus(item.status, lang)}
      <span>${fill(t.sentOn, { date: when(item.createdAt, lang) })}</span>
    </p>
    ${renderPurchase(item.purchase, lang)}
    <p class="t">${item.text}</p>
    ${renderReply(item.publicReply, lang)} ${item.replies.map((r) => renderReply(r, lang, t.replies))}
    ${
      item.history.length
        ? html`<p class="m">${t.history}: ${item.history.map((h) => `${fw.statuses[h.status]} (${when(h.at, lang)})`).join(', ')}</p>`
        : nothing
    }
  </article>`;
}
