// <slims-feedback-board>: the public "you said, we did" board: feedback the staff chose to publish, its
// status and the library's reply, with votes on suggestions and purchase requests.
import { css, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { apiGet, failure } from '../shared/api.ts';
import { CrmElement } from '../shared/crm-element.ts';
import { define } from '../shared/define.ts';
import { FEEDBACK_KINDS, FEEDBACK_STATUSES, FEEDBACK_WORDS } from '../../server/feedback/words.ts';
import { isKind, isStatus, loadSend, reason, type BoardItem, type Note } from '../shared/feedback.ts';
import {
  itemStyles,
  readBoardItem,
  renderPurchase,
  renderReply,
  renderStatus,
  when,
} from '../shared/feedback-items.ts';
import { fieldStyles } from '../shared/fields.ts';
import { fill, langOf, locale, type Lang } from '../shared/i18n.ts';
import { styles } from '../shared/styles.ts';
import { ready, words, type Words } from './i18n.ts';

const SORTS = ['newest', 'votes', 'answered'] as const;

type View = 'loading' | 'ready' | 'error';

/**
 * The library's public feedback board: `<slims-feedback-board></slims-feedback-board>`, headed
 * "Anda berkata, kami lakukan" ("You said, we did"). Visitors filter by kind and status, sort, page on
 * with "load more", and support suggestions and purchase requests: one vote per member or device
 * (the device id is made at the first vote), sent once however often the button is pressed.
 * The events bubble and are composed.
 *
 * @summary The published feedback with its status and the library's reply, and votes on suggestions.
 * @tag slims-feedback-board
 *
 * @attr kind - The kind shown at first (`suggestion`, `complaint`, `praise`, `question`, `purchase`); all
 *   when absent.
 * @attr status - The status shown at first (`new`, `in_review`, `planned`, `done`, `declined`); all when
 *   absent.
 * @attr sort - The order: `newest` (the default), `votes` (most first) or `answered` (most recently
 *   answered first).
 * @attr page-size - Items per page, 1 to 50 (20 when absent).
 * @attr api - Base URL of the sidecar when it is not where the loader came from.
 * @attr {'id' | 'en'} lang - The language: `id` (Bahasa Indonesia, the default) or `en`; when absent, the
 *   closest `[lang]` ancestor's, then the document's.
 *
 * @fires {CustomEvent<{ slug: string }>} slims-loading - A page of the board is being fetched (`slug` is '').
 * @fires {CustomEvent<{ slug: string; state: string }>} slims-loaded - It is shown; `state` is `board` or `empty`.
 * @fires {CustomEvent<{ slug: string; code: string; message: string }>} slims-error - Loading or voting
 *   failed; the element says so politely.
 *
 * @csspart title - The heading.
 * @csspart filters - The kind, status and order choices.
 * @csspart error - The status line while it shows an error.
 * @csspart list - The list of items.
 * @csspart item - One item.
 * @csspart badge - An item's status.
 * @csspart status-new - The badge of a new item.
 * @csspart status-in_review - The badge of an item in review.
 * @csspart status-planned - The badge of a planned item.
 * @csspart status-done - The badge of a done item.
 * @csspart status-declined - The badge of a declined item.
 * @csspart purchase - The book a purchase request asks for.
 * @csspart reply - The library's reply.
 * @csspart vote - The vote button (`aria-pressed` once voted).
 * @csspart votes - The number of votes.
 * @csspart more - "Load more".
 * @csspart retry - The retry button, after a failed load.
 *
 * @cssprop [--slims-badge=#e6eaef] - Status badges.
 * @cssprop [--slims-badge-open=#dbe9f9] - The badges of planned items and items in review.
 * @cssprop [--slims-badge-done=#d3f0dc] - The badges of done items.
 * @cssprop [--slims-reply-bg=#f6f8fa] - Behind the library's reply.
 * @cssprop [--slims-selected=#dbe9f9] - Behind a vote the visitor gave.
 */
export class SlimsFeedbackBoard extends CrmElement {
  static override properties: PropertyDeclarations = {
    api: {},
    lang: { reflect: true },
    kind: {},
    status: {},
    sort: {},
    pageSize: { attribute: 'page-size', type: Number },
    _view: { state: true },
    _items: { state: true },
    _total: { state: true },
    _more: { state: true },
    _note: { state: true },
    _pending: { state: true },
  };

  static override styles = [
    styles,
    fieldStyles,
    itemStyles,
    css`
      .filters {
        display: flex;
        flex-wrap: wrap;
        gap: 0.75em;
      }
      .filters .field {
        width: auto;
        flex: 1 1 10rem;
      }
      .item:focus {
        outline: none;
      }
      .item:focus-visible {
        outline: 3px solid var(--slims-focus, var(--a));
      }
      .vote {
        align-items: center;
      }
      [aria-pressed='true'] {
        color: var(--a);
        background: var(--slims-selected, #dbe9f9);
        outline: 2px solid var(--a);
      }
    `,
  ];

  declare api: string | null;
  declare kind: string | null;
  declare status: string | null;
  declare sort: string | null;
  declare pageSize: number | null;
  declare _view: View;
  declare _items: BoardItem[];
  declare _total: number;
  /** A further page is being fetched. */
  declare _more: boolean;
  /** The status line: what is shown, or why something failed. */
  declare _note: Note;
  /** Items whose vote is under way: a second press sends nothing. */
  declare _pending: Set<number>;

  /** The last page fetched. */
  _page = 0;
  /** Idempotency-Key per item, kept until its vote has definitely been answered. */
  readonly _keys = new Map<number, string>();
  /** Counts loads, so an answer to an outdated request is dropped. */
  _seq = 0;

  constructor() {
    super();
    this.api = null;
    this.kind = null;
    this.status = null;
    this.sort = null;
    this.pageSize = null;
    this._view = 'loading';
    this._items = [];
    this._total = 0;
    this._more = false;
    this._note = { text: '', error: false };
    this._pending = new Set();
  }

  get _words(): Words {
    return words(langOf(this));
  }

  /** Another member (or none): their votes differ. */
  readonly _onToken = (): void => void this._load(1);

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (['api', 'kind', 'status', 'sort', 'pageSize'].some((p) => changed.has(p as keyof SlimsFeedbackBoard)))
      void this._load(1);
    // English switched on after loading: its strings come in their own chunk
    else if (changed.has('lang')) void ready(langOf(this)).then(() => this.requestUpdate());
  }

  get _query(): URLSearchParams {
    const size = Math.trunc(Number(this.pageSize));
    const query = new URLSearchParams({
      sort: SORTS.find((s) => s === this.sort) ?? 'newest',
      pageSize: String(size >= 1 ? Math.min(size, 50) : 20),
    });
    if (isKind(this.kind)) query.set('kind', this.kind);
    if (isStatus(this.status)) query.set('status', this.status);
    return query;
  }

  /** Logs with our prefix and tells the page with slims-error. */
  _fail(code: string, message: string): void {
    console.warn('[slims-crm] slims-feedback-board:', code, message);
    this._emit('slims-error', { slug: '', code, message });
  }

  /** Fetches `page` (1 starts over with the current filters). Never throws. */
  async _load(page: number): Promise<void> {
    const seq = ++this._seq;
    const lang = langOf(this);
    let m = words(lang);
    try {
      const query = this._query;
      query.set('page', String(page));
      if (page === 1) {
        this._view = 'loading';
        this._note = { text: m.loading, error: false };
        this._emit('slims-loading', { slug: '' });
      } else {
        this._more = true;
      }
      const read = apiGet<{ items?: unknown; total?: unknown }>(`api/v1/feedback/board?${query}`, {
        base: this.api,
        lang,
      });
      // Stay on "Loading…" until the items and the strings to show them with are both here.
      const [res] = await Promise.all([read, ready(lang)]);
      if (seq !== this._seq) return;
      m = words(lang);
      this._more = false;
      if (!res.ok) {
        this._fail(res.error.code, res.error.message);
        if (page === 1) this._view = 'error';
        this._note = { text: `${m.loadError} ${reason(res.error, m)}`, error: true };
        return;
      }
      const items = (Array.isArray(res.data?.items) ? res.data.items : [])
        .map(readBoardItem)
        .filter((i): i is BoardItem => !!i);
      const known = new Set(page === 1 ? [] : this._items.map((i) => i.id));
      const fresh = items.filter((i) => !known.has(i.id));
      this._items = page === 1 ? fresh : [...this._items, ...fresh];
      this._total = typeof res.data.total === 'number' ? res.data.total : this._items.length;
      this._page = page;
      this._view = 'ready';
      this._note = { text: this._shown(m, lang), error: false };
      if (page === 1) this._emit('slims-loaded', { slug: '', state: this._items.length ? 'board' : 'empty' });
      // The "load more" button may go away: keep keyboard users at the first new item.
      else if (fresh[0]) this._focus(`[data-id="${fresh[0].id}"]`);
    } catch (e) {
      if (seq !== this._seq) return;
      this._more = false;
      this._view = page === 1 ? 'error' : this._view;
      this._fail('internal', String(e));
      this._note = { text: `${m.loadError} ${m.error}`, error: true };
    }
  }

  _shown(m: Words, lang: Lang): string {
    if (!this._items.length) return this._query.has('kind') || this._query.has('status') ? m.emptyFiltered : m.empty;
    const n = new Intl.NumberFormat(locale(lang));
    return fill(m.shown, { shown: n.format(this._items.length), total: n.format(this._total) });
  }

  _focus(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  async _vote(item: BoardItem): Promise<void> {
    if (item.voted || !item.votable || this._pending.has(item.id)) return;
    const lang = langOf(this);
    const m = words(lang);
    this._pending = new Set(this._pending).add(item.id);
    try {
      // The sending code comes at the first vote, not with the board.
      const send = await loadSend();
      if (send && !this._keys.has(item.id)) this._keys.set(item.id, send.uuid());
      const path = `api/v1/feedback/board/${item.id}/votes`;
      const res = send
        ? await send.apiPost<{ votes?: unknown; voted?: unknown }>(
            path,
            {},
            { base: this.api, lang, key: this._keys.get(item.id)! },
          )
        : failure('offline');
      if (res.ok) {
        this._keys.delete(item.id);
        const votes = typeof res.data?.votes === 'number' ? res.data.votes : item.votes + 1;
        this._items = this._items.map((i) => (i.id === item.id ? { ...i, votes, voted: true } : i));
        this._note = { text: m.voted, error: false };
        return;
      }
      // A key is only worth keeping while the server may not have acted (no answer, or a 5xx).
      if (res.error.status && res.error.status < 500) this._keys.delete(item.id);
      this._fail(res.error.code, res.error.message);
      this._note = { text: reason(res.error, m), error: true };
    } finally {
      const pending = new Set(this._pending);
      pending.delete(item.id);
      this._pending = pending;
    }
  }

  _renderView(): TemplateResult {
    const lang = langOf(this);
    const m = words(lang);
    const fw = FEEDBACK_WORDS[lang];
    const query = this._query;
    const note = this._note;
    const select = (
      id: string,
      label: string,
      all: string | null,
      values: readonly string[],
      names: Record<string, string>,
      current: string,
      set: (v: string) => void,
    ) =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} @change=${(e: Event) => set((e.target as HTMLSelectElement).value)}>
          ${all === null ? nothing : html`<option value="" ?selected=${!current}>${all}</option>`}
          ${values.map((v) => html`<option value=${v} ?selected=${v === current}>${names[v]}</option>`)}
        </select>
      </div>`;
    // Items published while the visitor pages push others onto the next page, where they are dropped as
    // already shown: then fewer are shown than the total, and only the pages themselves say when it ends.
    const more =
      this._view === 'ready' &&
      this._items.length < this._total &&
      this._page * Number(query.get('pageSize')) < this._total;
    return html`<div part="container" class="box">
      <h2 part="title" id="title">${m.title}</h2>
      <p class="m">${m.intro}</p>
      <div part="filters" class="filters" role="group" aria-label=${m.filters}>
        ${select('f-kind', m.kind, m.allKinds, FEEDBACK_KINDS, fw.kinds, query.get('kind') ?? '', (v) => (this.kind = v || null))}
        ${select('f-status', m.status, m.allStatuses, FEEDBACK_STATUSES, fw.statuses, query.get('status') ?? '', (v) => (this.status = v || null))}
        ${select('f-sort', m.sort, null, SORTS, m.sorts, query.get('sort')!, (v) => (this.sort = v))}
      </div>
      <p part=${note.error ? 'status error' : 'status'} id="status" role="status" aria-live="polite" class=${note.error ? 'error' : 'm'}>${note.text}</p>
      ${
        this._view === 'error'
          ? html`<button part="retry" type="button" @click=${() => void this._load(1)}>${m.retry}</button>`
          : this._view === 'ready' && this._items.length
            ? html`<ul part="list" aria-labelledby="title">
              ${this._items.map((item) => this._renderItem(item, m, lang))}
            </ul>`
            : nothing
      }
      ${
        more
          ? html`<button part="more" type="button" aria-disabled=${this._more} @click=${() => void (this._more || this._load(this._page + 1))}>
            ${this._more ? m.loading : m.more}
          </button>`
          : nothing
      }
    </div>`;
  }

  private _renderItem(item: BoardItem, m: Words, lang: Lang): TemplateResult {
    const fw = FEEDBACK_WORDS[lang];
    const forms = m.votes;
    const votes = fill(forms[new Intl.PluralRules(locale(lang)).select(item.votes)] ?? forms.other, {
      count: item.votes.toLocaleString(locale(lang)),
    });
    return html`<li part="item" class="item" data-id=${item.id} tabindex="-1">
      <p class="meta">
        <strong>${fw.kinds[item.kind]}</strong> ${renderStatus(item.status, lang)}
        <time datetime=${item.createdAt}>${when(item.createdAt, lang)}</time>
        <span>${item.fromMember ? m.fromMember : m.fromVisitor}</span>
      </p>
      ${renderPurchase(item.purchase, lang)}
      <p class="t">${item.text}</p>
      ${renderReply(item.publicReply, lang)}
      ${
        item.votable
          ? html`<div class="row vote">
            <button
              part="vote"
              type="button"
              class="quiet"
              aria-pressed=${item.voted ? 'true' : 'false'}
              aria-describedby="n${item.id}"
              @click=${() => void this._vote(item)}
            >
              ${m.vote}
            </button>
            <span part="votes" id="n${item.id}">${votes}</span>
          </div>`
          : item.votes
            ? html`<p part="votes" class="m">${votes}</p>`
            : nothing
      }
    </li>`;
  }
}

define('slims-feedback-board', SlimsFeedbackBoard);

declare global {
  interface HTMLElementTagNameMap {
    'slims-feedback-board': SlimsFeedbackBoard;
  }
}
