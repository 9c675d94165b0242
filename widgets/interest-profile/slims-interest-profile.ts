// <slims-interest-profile>: the signed-in member's own interests, media, channel, contact and consents, a copy of
// what the CRM holds about them (JSON, CSV) and a request to erase it.
import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { CONSENT_CHANNELS, CONSENT_PURPOSES, MEDIA_KINDS, PREFERRED_CHANNELS } from '../../server/members/codes.ts';
import type { ConsentState, ErasureRequest, StatedPreferences } from '../../server/members/preferences.queries.ts';
import { apiGet, apiUrl, type ApiError } from '../shared/api.ts';
import { CrmElement } from '../shared/crm-element.ts';
import { define } from '../shared/define.ts';
import { fieldStyles } from '../shared/fields.ts';
import { fill, langOf, locale, type Lang } from '../shared/i18n.ts';
import { apiPost, uuid } from '../shared/send.ts';
import { styles } from '../shared/styles.ts';
import { ready, words, type Words } from './i18n.ts';

type Channel = (typeof PREFERRED_CHANNELS)[number];
type View = 'signin' | 'expired' | 'loading' | 'ready' | 'error';

/** GET and PUT /api/v1/members/me/profile. */
export interface ProfileAnswer extends StatedPreferences {
  member: { id: string; name: string; email: string | null; phone: string | null };
  wording: { version: string; purposes: Record<string, string>; channels: Record<string, string> };
  choices: { gmds: Array<{ id: number; name: string }> };
  erasureRequest: ErasureRequest | null;
}

interface Topic {
  id: number;
  topic: string | null;
}

/** What the member has changed on screen, sent whole on save. */
interface Draft {
  topics: Topic[];
  tags: string[];
  media: string[];
  gmds: number[];
  channel: Channel | null;
  email: string;
  whatsapp: string;
  /** 'channel:purpose' -> granted */
  consents: Record<string, boolean>;
}

const pair = (channel: string, purpose: string) => `${channel}:${purpose}`;
/** How long typing pauses before the topics are searched. */
export const SEARCH_DELAY = { ms: 250 };

function draftOf(profile: ProfileAnswer): Draft {
  const consents: Record<string, boolean> = {};
  for (const c of profile.consents) consents[pair(c.channel, c.purpose)] = c.granted;
  return {
    topics: profile.interests.topics,
    tags: profile.interests.tags,
    media: profile.media,
    gmds: profile.gmds.map((g) => g.id),
    channel: profile.channel,
    email: profile.contact.email ?? '',
    whatsapp: profile.contact.whatsapp ?? '',
    consents,
  };
}

/**
 * The member's own profile: `<slims-interest-profile privacy-url="/privasi"></slims-interest-profile>`. For a
 * member signed in (the OPAC's token in `SlimsCRM.memberToken`, or `<slims-member-signin>` on the page) it offers
 * the library's topics to pick interests from (type to search: a few hundred stay usable on a phone), free tags,
 * media, the preferred channel, an e-mail address or WhatsApp number when SLiMS has none, and one switch per
 * channel and purpose with the library's wording and a link to its privacy notice; each consent change is kept
 * with its time and wording version. It shows what the CRM holds, downloads it (JSON, CSV) and, after asking
 * once more, queues a request to erase it, showing the deadline (3 x 24 hours, UU PDP). A visitor not signed in,
 * or whose session ended, is asked politely to sign in; the element reloads when a member signs in. Reserve its
 * space with `slims-interest-profile{display:block;min-height:1800px}` before the script. The events bubble and
 * are composed.
 *
 * @summary The member's interests, channel and consents, their data download and erasure request.
 * @tag slims-interest-profile
 *
 * @attr privacy-url - The library's privacy notice, linked beside the consents.
 * @attr api - Base URL of the sidecar when it is not where the loader came from.
 * @attr {'id' | 'en'} lang - The language: `id` (Bahasa Indonesia, the default) or `en`; when absent, the
 *   closest `[lang]` ancestor's, then the document's.
 *
 * @fires {CustomEvent<{ slug: string }>} slims-loading - The profile is being fetched (`slug` is '').
 * @fires {CustomEvent<{ slug: string; state: string }>} slims-loaded - It is shown; `state` is `profile`,
 *   `signin` (no member) or `expired` (the member's session ended).
 * @fires {CustomEvent<{ memberId: string }>} slims-profile-saved - The library has the member's changes.
 * @fires {CustomEvent<{ memberId: string; dueAt: string }>} slims-erasure-requested - The erasure request is
 *   queued; `dueAt` is its deadline.
 * @fires {CustomEvent<{ slug: string; code: string; message: string }>} slims-error - Loading, saving,
 *   downloading or the request failed; the element says so politely.
 *
 * @csspart title - The heading.
 * @csspart error - The status line while it shows an error.
 * @csspart form - The profile form.
 * @csspart search - The topic search input.
 * @csspart results - The topics found.
 * @csspart chip - A chosen topic or tag, with its remove button.
 * @csspart consents - The consent switches.
 * @csspart privacy - The link to the privacy notice.
 * @csspart button - The save, download and erasure buttons.
 * @csspart save - The save button.
 * @csspart data - What the CRM holds, with the downloads and the erasure request.
 * @csspart erasure - The erasure request's question or its deadline.
 * @csspart retry - The retry button, after a failed load.
 */
export class SlimsInterestProfile extends CrmElement {
  static override properties: PropertyDeclarations = {
    api: {},
    lang: { reflect: true },
    privacyUrl: { attribute: 'privacy-url' },
    _view: { state: true },
    _profile: { state: true },
    _draft: { state: true },
    _results: { state: true },
    _searchNote: { state: true },
    _note: { state: true },
    _busy: { state: true },
    _confirm: { state: true },
    _invalid: { state: true },
  };

  static override styles = [
    styles,
    fieldStyles,
    css`
      form {
        gap: 1.5em;
      }
      fieldset fieldset {
        margin-top: 0.5em;
      }
      .chips,
      .results {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5em;
        list-style: none;
        margin: 0.5em 0;
      }
      .chips li {
        display: flex;
        align-items: center;
        gap: 0.25em;
        padding-left: 0.75em;
        border: 1px solid var(--m);
        border-radius: 999px;
      }
      .chips button {
        min-width: 2.75rem;
        padding: 0 0.75em;
        border-radius: 999px;
      }
      .quiet {
        color: var(--a);
        background: transparent;
        border: 1px solid var(--a);
      }
      .row {
        align-items: flex-end;
      }
      .row .field {
        flex: 1 1 12rem;
        width: auto;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
        gap: 0 1em;
      }
      a {
        color: var(--a);
      }
      section {
        display: grid;
        gap: 0.75em;
        padding-top: 1em;
        border-top: 1px solid var(--m);
      }
      h3 {
        font-size: 1em;
      }
    `,
  ];

  declare api: string | null;
  declare privacyUrl: string | null;
  declare _view: View;
  declare _profile: ProfileAnswer | null;
  declare _draft: Draft | null;
  /** Topics the search found, those already chosen left out. */
  declare _results: Array<{ id: number; topic: string }>;
  declare _searchNote: string;
  declare _note: { text: string; error: boolean };
  declare _busy: 'save' | 'erase' | 'download' | null;
  /** The erasure request's "are you sure?" is showing. */
  declare _confirm: boolean;
  /** Fields the server refused, by their name in the request (channel, contact.email, …). */
  declare _invalid: string[];

  /** Counts loads and searches, so an answer to an outdated request is dropped. */
  _seq = 0;
  _searchSeq = 0;
  _searchTimer = 0;
  /** The save's Idempotency-Key, kept until it has definitely been answered. */
  _key = '';

  constructor() {
    super();
    this.api = null;
    this.privacyUrl = null;
    this._view = 'loading';
    this._profile = null;
    this._draft = null;
    this._results = [];
    this._searchNote = '';
    this._note = { text: '', error: false };
    this._busy = null;
    this._confirm = false;
    this._invalid = [];
  }

  get _words(): Words {
    return words(langOf(this));
  }

  /** A member signed in, out, or another member: their profile, or the sign-in prompt. */
  readonly _onToken = (): void => void this._load();

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The wording comes from the sidecar in the asked language: a change of language fetches it again.
    if (changed.has('api') || changed.has('lang')) void this._load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._searchTimer);
  }

  _fail(code: string, message: string): void {
    console.warn('[slims-crm] slims-interest-profile:', code, message);
    this._emit('slims-error', { slug: '', code, message });
  }

  /** The API's reason in words the member reads; its own message for what the server explained. */
  _reason(error: ApiError, m: Words): string {
    if (error.code === 'offline' || error.code === 'network_error' || error.code === 'timeout') return m.offline;
    return error.status >= 400 && error.status < 500 && error.message !== error.code ? error.message : m.error;
  }

  /** Fetches the profile, or shows the sign-in prompt when no member is signed in. Never throws. */
  async _load(): Promise<void> {
    const seq = ++this._seq;
    const lang = langOf(this);
    let m = words(lang);
    try {
      this._confirm = false;
      if (!window.SlimsCRM?.memberToken) {
        await ready(lang);
        if (seq !== this._seq) return;
        this._signIn('signin');
        return;
      }
      this._view = 'loading';
      this._note = { text: m.loading, error: false };
      this._emit('slims-loading', { slug: '' });
      const [res] = await Promise.all([
        apiGet<ProfileAnswer>('api/v1/members/me/profile', { base: this.api, lang }),
        ready(lang),
      ]);
      if (seq !== this._seq) return;
      m = words(lang);
      if (!res.ok) {
        this._fail(res.error.code, res.error.message);
        if (res.error.code === 'invalid_token') return this._signIn('expired');
        this._view = 'error';
        this._note = { text: this._reason(res.error, m), error: true };
        return;
      }
      this._show(res.data);
      this._note = { text: m.ready, error: false };
      this._emit('slims-loaded', { slug: '', state: 'profile' });
    } catch (e) {
      if (seq !== this._seq) return;
      this._fail('internal', String(e));
      this._view = 'error';
      this._note = { text: m.error, error: true };
    }
  }

  _signIn(view: 'signin' | 'expired'): void {
    this._view = view;
    this._profile = null;
    this._draft = null;
    this._note = { text: this._words[view], error: false };
    this._emit('slims-loaded', { slug: '', state: view });
  }

  _show(profile: ProfileAnswer): void {
    this._profile = profile;
    this._draft = draftOf(profile);
    this._view = 'ready';
    this._invalid = [];
  }

  _change(patch: Partial<Draft>): void {
    if (this._draft) this._draft = { ...this._draft, ...patch };
  }

  _focus(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  // ---- topics -------------------------------------------------------------------------------------------

  _onSearch(value: string): void {
    clearTimeout(this._searchTimer);
    const seq = ++this._searchSeq;
    this._searchTimer = window.setTimeout(() => void this._search(value.trim(), seq), SEARCH_DELAY.ms);
  }

  async _search(q: string, seq: number): Promise<void> {
    const lang = langOf(this);
    const m = words(lang);
    if (q === '') {
      this._results = [];
      this._searchNote = '';
      return;
    }
    this._searchNote = m.searching;
    const res = await apiGet<{ items?: unknown }>(`api/v1/topics?q=${encodeURIComponent(q)}`, {
      base: this.api,
      lang,
    });
    if (seq !== this._searchSeq) return;
    if (!res.ok) {
      this._fail(res.error.code, res.error.message);
      this._results = [];
      this._searchNote = this._reason(res.error, m);
      return;
    }
    const chosen = new Set(this._draft?.topics.map((t) => t.id));
    const items = Array.isArray(res.data.items) ? (res.data.items as Array<{ id: number; topic: string }>) : [];
    this._results = items.filter((t) => typeof t.id === 'number' && typeof t.topic === 'string' && !chosen.has(t.id));
    this._searchNote = this._results.length ? fill(m.found, { count: this._results.length }) : m.noTopics;
  }

  _addTopic(topic: { id: number; topic: string }): void {
    if (!this._draft) return;
    this._change({ topics: [...this._draft.topics, topic] });
    const at = this._results.indexOf(topic);
    this._results = this._results.filter((t) => t !== topic);
    // Keyboard users stay in the list, on the next topic (or back in the search when none is left).
    const next = this._results[Math.min(at, this._results.length - 1)];
    this._focus(next ? `[data-topic="${next.id}"]` : '#topic-search');
  }

  /** Arrow keys move between the search and its results; Escape goes back to the search. */
  _onResultsKey(e: KeyboardEvent): void {
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.results button')];
    const at = buttons.indexOf(e.target as HTMLButtonElement);
    const input = this.renderRoot.querySelector<HTMLInputElement>('#topic-search');
    if (e.key === 'ArrowDown' || e.key === 'ArrowRight') buttons[Math.min(at + 1, buttons.length - 1)]?.focus();
    else if (e.key === 'ArrowUp' || e.key === 'ArrowLeft') (at > 0 ? buttons[at - 1] : input)?.focus();
    else if (e.key === 'Escape') input?.focus();
    else return;
    e.preventDefault();
  }

  _onSearchKey(e: KeyboardEvent): void {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      this.renderRoot.querySelector<HTMLButtonElement>('.results button')?.focus();
    } else if (e.key === 'Enter') {
      // Enter in the search never sends the form: it picks the one topic found, if there is just one.
      e.preventDefault();
      if (this._results.length === 1) this._addTopic(this._results[0]!);
    }
  }

  _addTag(): void {
    const input = this.renderRoot.querySelector<HTMLInputElement>('#tag');
    const tag = input?.value.replace(/\s+/g, ' ').trim() ?? '';
    if (!this._draft || !input || tag === '') return;
    const same = (a: string) => a.localeCompare(tag, undefined, { sensitivity: 'base' }) === 0;
    if (!this._draft.tags.some(same)) this._change({ tags: [...this._draft.tags, tag] });
    input.value = '';
    input.focus();
  }

  // ---- saving, downloading, erasure ---------------------------------------------------------------------

  async _save(e: Event): Promise<void> {
    e.preventDefault();
    const profile = this._profile;
    const draft = this._draft;
    if (!profile || !draft || this._busy) return;
    const lang = langOf(this);
    const m = words(lang);
    this._busy = 'save';
    this._note = { text: m.saving, error: false };
    try {
      this._key ||= uuid();
      const body = {
        interests: { topics: draft.topics.map((t) => t.id), tags: draft.tags },
        media: draft.media,
        gmds: draft.gmds,
        channel: draft.channel,
        // Only what the member could type: a contact SLiMS holds is not asked for.
        contact: {
          ...(profile.member.email === null ? { email: draft.email.trim() || null } : {}),
          ...(profile.member.phone === null ? { whatsapp: draft.whatsapp.trim() || null } : {}),
        },
        consents: CONSENT_CHANNELS.flatMap((channel) =>
          CONSENT_PURPOSES.map((purpose) => ({
            channel,
            purpose,
            granted: draft.consents[pair(channel, purpose)] === true,
          })),
        ),
        wordingVersion: profile.wording.version,
      };
      const res = await apiPost<ProfileAnswer>('api/v1/members/me/profile', body, {
        base: this.api,
        lang,
        key: this._key,
        method: 'PUT',
      });
      if (res.ok || (res.error.status && res.error.status < 500)) this._key = '';
      if (res.ok) {
        this._show(res.data);
        this._note = { text: m.saved, error: false };
        this._emit('slims-profile-saved', { memberId: res.data.member.id });
        return;
      }
      this._fail(res.error.code, res.error.message);
      if (res.error.code === 'invalid_token') return this._signIn('expired');
      const details = Array.isArray(res.error.details) ? (res.error.details as Array<{ field?: unknown }>) : [];
      this._invalid = details.map((d) => String(d.field ?? ''));
      const said = details.map((d) => String((d as { message?: unknown }).message ?? '')).filter(Boolean);
      this._note = { text: `${m.saveError} ${said.join(' ') || this._reason(res.error, m)}`, error: true };
      // New wording: show it, so the member reads what they agree to before saving again.
      if (res.error.code === 'consent_wording_changed') {
        const fresh = await apiGet<ProfileAnswer>('api/v1/members/me/profile', { base: this.api, lang });
        if (fresh.ok && this._profile) this._profile = { ...this._profile, wording: fresh.data.wording };
      }
    } catch (error) {
      this._fail('internal', String(error));
      this._note = { text: `${m.saveError} ${m.error}`, error: true };
    } finally {
      this._busy = null;
    }
  }

  /** Fetches the export with the member's token and hands it to the browser as a file. */
  async _download(format: 'json' | 'csv'): Promise<void> {
    if (this._busy) return;
    const lang = langOf(this);
    const m = words(lang);
    const token = window.SlimsCRM?.memberToken;
    if (!token) return this._signIn('expired');
    this._busy = 'download';
    try {
      const url = apiUrl(`api/v1/members/me/export?format=${format}`, { base: this.api, lang });
      const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` }, credentials: 'omit' });
      if (res.status === 401) {
        this._fail('invalid_token', 'the export refused the member token');
        return this._signIn('expired');
      }
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await res.blob());
      link.download = `data-saya-${this._profile?.member.id.replace(/[^A-Za-z0-9_-]/g, '_') ?? 'anggota'}.${format}`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      this._note = { text: m.downloaded, error: false };
    } catch (error) {
      this._fail('network_error', String(error));
      this._note = { text: `${m.downloadError} ${navigator.onLine ? m.error : m.offline}`, error: true };
    } finally {
      this._busy = null;
    }
  }

  _askErasure(): void {
    this._confirm = true;
    this._focus('[data-erase="no"]');
  }

  _cancelErasure(): void {
    this._confirm = false;
    this._focus('[data-erase="ask"]');
  }

  async _requestErasure(): Promise<void> {
    if (this._busy || !this._profile) return;
    const lang = langOf(this);
    const m = words(lang);
    this._busy = 'erase';
    try {
      const res = await apiPost<{ request: ErasureRequest }>(
        'api/v1/members/me/erasure-request',
        {},
        { base: this.api, lang, key: uuid() },
      );
      if (!res.ok) {
        this._fail(res.error.code, res.error.message);
        if (res.error.code === 'invalid_token') return this._signIn('expired');
        this._note = { text: `${m.eraseError} ${this._reason(res.error, m)}`, error: true };
        return;
      }
      this._confirm = false;
      this._profile = { ...this._profile, erasureRequest: res.data.request };
      this._note = { text: this._erasureText(res.data.request, m, lang), error: false };
      this._emit('slims-erasure-requested', { memberId: this._profile.member.id, dueAt: res.data.request.dueAt });
      this._focus('[part~="erasure"]');
    } finally {
      this._busy = null;
    }
  }

  _erasureText(request: ErasureRequest, m: Words, lang: Lang): string {
    const when = (iso: string) =>
      new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
    return fill(m.erasePending, { requested: when(request.requestedAt), due: when(request.dueAt) });
  }

  // ---- drawing ------------------------------------------------------------------------------------------

  _renderView(): TemplateResult {
    const lang = langOf(this);
    const m = words(lang);
    const note = this._note;
    const profile = this._profile;
    const draft = this._draft;
    return html`<div part="container" class="box">
      <h2 part="title" id="title">${m.title}</h2>
      ${this._view === 'ready' ? html`<p class="m">${m.intro}</p>` : nothing}
      <p part=${note.error ? 'status error' : 'status'} id="status" role="status" aria-live="polite" class=${note.error ? 'error' : 'm'}>${note.text}</p>
      ${
        this._view === 'error'
          ? html`<button part="retry" type="button" @click=${() => void this._load()}>${m.retry}</button>`
          : this._view === 'ready' && profile && draft
            ? [this._renderForm(profile, draft, m), this._renderData(profile, m, lang)]
            : nothing
      }
    </div>`;
  }

  _renderForm(profile: ProfileAnswer, draft: Draft, m: Words): TemplateResult {
    const invalid = (field: string) => (this._invalid.some((f) => f.startsWith(field)) ? 'true' : 'false');
    const check = (list: readonly string[], value: string, set: (next: string[]) => void) =>
      html`<input
        type="checkbox"
        .checked=${list.includes(value)}
        @change=${(e: Event) =>
          set((e.target as HTMLInputElement).checked ? [...list, value] : list.filter((v) => v !== value))}
      />`;
    return html`<form part="form" novalidate aria-labelledby="title" @submit=${(e: Event) => void this._save(e)}>
      <fieldset>
        <legend>${m.topics}</legend>
        ${this._renderChips(
          draft.topics.map((t) => t.topic ?? `#${t.id}`),
          (i) => this._change({ topics: draft.topics.filter((_, at) => at !== i) }),
          '#topic-search',
          m,
        )}
        <div class="field">
          <label for="topic-search">${m.search}</label>
          <input
            part="search"
            id="topic-search"
            type="search"
            autocomplete="off"
            aria-describedby="search-hint search-note"
            aria-controls="results"
            @input=${(e: Event) => this._onSearch((e.target as HTMLInputElement).value)}
            @keydown=${(e: KeyboardEvent) => this._onSearchKey(e)}
          />
          <p class="m" id="search-hint">${m.searchHint}</p>
          <p class="m" id="search-note" aria-live="polite">${this._searchNote}</p>
        </div>
        <ul part="results" id="results" class="results" aria-label=${m.search} @keydown=${(e: KeyboardEvent) => this._onResultsKey(e)}>
          ${this._results.map(
            (t) =>
              html`<li><button type="button" class="quiet" data-topic=${t.id} aria-label=${fill(m.add, { name: t.topic })} @click=${() => this._addTopic(t)}>+ ${t.topic}</button></li>`,
          )}
        </ul>
      </fieldset>
      <fieldset>
        <legend>${m.tags}</legend>
        ${this._renderChips(draft.tags, (i) => this._change({ tags: draft.tags.filter((_, at) => at !== i) }), '#tag', m)}
        <div class="row">
          <div class="field">
            <label for="tag">${m.tagInput}</label>
            <input
              id="tag"
              maxlength="40"
              @keydown=${(e: KeyboardEvent) => {
                if (e.key !== 'Enter') return;
                e.preventDefault();
                this._addTag();
              }}
            />
          </div>
          <button type="button" class="quiet" @click=${() => this._addTag()}>${m.tagAdd}</button>
        </div>
      </fieldset>
      <fieldset>
        <legend>${m.media}</legend>
        <div class="choices">
          ${MEDIA_KINDS.map(
            (kind) =>
              html`<label>${check(draft.media, kind, (media) => this._change({ media }))}${m.mediaKinds[kind]}</label>`,
          )}
        </div>
        ${
          profile.choices.gmds.length
            ? html`<fieldset>
              <legend>${m.gmds}</legend>
              <div class="choices">
                ${profile.choices.gmds.map(
                  (g) =>
                    html`<label>${check(draft.gmds.map(String), String(g.id), (ids) => this._change({ gmds: ids.map(Number) }))}${g.name}</label>`,
                )}
              </div>
            </fieldset>`
            : nothing
        }
      </fieldset>
      <fieldset>
        <legend>${m.channel}</legend>
        <div class="choices">
          ${PREFERRED_CHANNELS.map(
            (channel) =>
              html`<label><input type="radio" name="channel" .checked=${draft.channel === channel} @change=${() => this._change({ channel })} />${m.channels[channel]}</label>`,
          )}
        </div>
        ${this._renderContact('email', profile.member.email, draft.email, invalid('contact.email'), m)}
        ${this._renderContact('whatsapp', profile.member.phone, draft.whatsapp, invalid('contact.whatsapp'), m)}
      </fieldset>
      ${this._renderConsents(profile, draft, m)}
      <button part="button save" type="submit" aria-disabled=${this._busy === 'save'}>${this._busy === 'save' ? m.saving : m.save}</button>
    </form>`;
  }

  /** The chosen names, each with its remove button; removing one keeps the keyboard at `after`. */
  _renderChips(names: string[], remove: (i: number) => void, after: string, m: Words): TemplateResult {
    if (!names.length) return html`<p class="m">${m.noneChosen}</p>`;
    return html`<ul class="chips">
      ${names.map(
        (name, i) =>
          html`<li part="chip">${name}<button type="button" class="quiet" aria-label=${fill(m.remove, { name })} @click=${() => {
            remove(i);
            this._focus(after);
          }}>×</button></li>`,
      )}
    </ul>`;
  }

  /** What SLiMS holds, or a field for the member's own when it holds nothing. */
  _renderContact(
    kind: 'email' | 'whatsapp',
    onFile: string | null,
    value: string,
    invalid: string,
    m: Words,
  ): TemplateResult {
    if (onFile !== null) return html`<p class="m">${m.channels[kind]} · ${fill(m.onFile, { value: onFile })}</p>`;
    return html`<div class="field">
      <label for=${kind}>${m[kind]}</label>
      <input
        id=${kind}
        type=${kind === 'email' ? 'email' : 'tel'}
        autocomplete=${kind === 'email' ? 'email' : 'tel'}
        aria-describedby="${kind}-hint"
        aria-invalid=${invalid}
        .value=${value}
        @input=${(e: Event) => this._change({ [kind]: (e.target as HTMLInputElement).value })}
      />
      <p class="m" id="${kind}-hint">${m[kind === 'email' ? 'emailHint' : 'whatsappHint']}</p>
    </div>`;
  }

  _renderConsents(profile: ProfileAnswer, draft: Draft, m: Words): TemplateResult {
    const lang = langOf(this);
    const current = new Map<string, ConsentState>(profile.consents.map((c) => [pair(c.channel, c.purpose), c]));
    const since = (c: ConsentState | undefined) =>
      c?.granted
        ? html` <span class="m">(${fill(m.since, { date: new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium' }).format(new Date(c.at)) })})</span>`
        : nothing;
    return html`<fieldset part="consents">
      <legend>${m.consents}</legend>
      <p class="m">${m.consentsIntro}</p>
      ${
        this.privacyUrl
          ? html`<p><a part="privacy" href=${this.privacyUrl} target="_blank" rel="noopener">${m.privacy}</a></p>`
          : nothing
      }
      ${CONSENT_PURPOSES.map(
        (purpose) => html`<fieldset>
          <legend>${profile.wording.purposes[purpose] ?? purpose}</legend>
          <div class="choices">
            ${CONSENT_CHANNELS.map((channel) => {
              const key = pair(channel, purpose);
              return html`<label><input
                  type="checkbox"
                  role="switch"
                  data-consent=${key}
                  .checked=${draft.consents[key] === true}
                  @change=${(e: Event) =>
                    this._change({ consents: { ...draft.consents, [key]: (e.target as HTMLInputElement).checked } })}
                />${profile.wording.channels[channel] ?? channel}${since(current.get(key))}</label>`;
            })}
          </div>
        </fieldset>`,
      )}
      <p class="m">${fill(m.version, { version: profile.wording.version })}</p>
    </fieldset>`;
  }

  _renderData(profile: ProfileAnswer, m: Words, lang: Lang): TemplateResult {
    const request = profile.erasureRequest;
    const counts = {
      topics: profile.interests.topics.length,
      tags: profile.interests.tags.length,
      media: profile.media.length + profile.gmds.length,
      consents: profile.consents.filter((c) => c.granted).length,
    };
    return html`<section part="data" aria-labelledby="data-title">
      <h3 id="data-title">${m.data}</h3>
      <p class="m">${fill(m.dataIntro, counts)}</p>
      <div class="row">
        <button part="button" type="button" class="quiet" @click=${() => void this._download('json')}>${m.downloadJson}</button>
        <button part="button" type="button" class="quiet" @click=${() => void this._download('csv')}>${m.downloadCsv}</button>
      </div>
      ${
        request
          ? html`<p part="erasure" tabindex="-1">${this._erasureText(request, m, lang)}</p>`
          : this._confirm
            ? html`<div part="erasure" role="group" aria-labelledby="erase-ask">
              <p id="erase-ask">${m.eraseAsk}</p>
              <div class="row">
                <button part="button" type="button" data-erase="yes" aria-disabled=${this._busy === 'erase'} @click=${() => void this._requestErasure()}>${m.eraseYes}</button>
                <button part="button" type="button" class="quiet" data-erase="no" @click=${() => this._cancelErasure()}>${m.eraseNo}</button>
              </div>
            </div>`
            : html`<button part="button" type="button" class="quiet" data-erase="ask" @click=${() => this._askErasure()}>${m.erase}</button>`
      }
    </section>`;
  }
}

define('slims-interest-profile', SlimsInterestProfile);

declare module '../shared/events.ts' {
  interface SlimsEventDetail {
    'slims-profile-saved': { memberId: string };
    'slims-erasure-requested': { memberId: string; dueAt: string };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-interest-profile': SlimsInterestProfile;
  }
  interface GlobalEventHandlersEventMap {
    'slims-profile-saved': CustomEvent<{ memberId: string }>;
    'slims-erasure-requested': CustomEvent<{ memberId: string; dueAt: string }>;
  }
}
