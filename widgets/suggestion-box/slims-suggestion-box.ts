// <slims-suggestion-box>: a visitor or member tells the library what they think (suggestion, complaint,
// praise, question, a book to buy) and gets a tracking code to follow the answer.
import {
  adoptStyles,
  css,
  html,
  nothing,
  type PropertyDeclarations,
  type PropertyValues,
  type TemplateResult,
} from 'lit';
import type { Challenge } from 'altcha-lib';
import { FEEDBACK_KINDS, FEEDBACK_WORDS } from '../../server/feedback/words.ts';
import { apiGet, failure, type ApiResult } from '../shared/api.ts';
import { CrmElement } from '../shared/crm-element.ts';
import { define } from '../shared/define.ts';
import { isKind, loadSend, reason, type Kind, type Note, type OwnItem } from '../shared/feedback.ts';
import { fieldStyles } from '../shared/fields.ts';
import { fill, langOf, type Lang } from '../shared/i18n.ts';
import { styles } from '../shared/styles.ts';
import { ready, words, type Words } from './i18n.ts';

/**
 * The sidecar refuses a submission sooner than MIN_FILL_MS (3 s, server/feedback/pow.ts) after its
 * challenge was issued; a quick visitor's submit waits out the rest instead of failing. Tests shorten it.
 */
export const fillTime = { ms: 3_200 };

type Tracking = typeof import('./tracking.ts');

type Pow = typeof import('../shared/pow.ts');
let powModule: Promise<Pow> | undefined;

/** The solver's chunk, fetched once for every element; a failed fetch is tried again next time. */
const loadPow = (): Promise<Pow> =>
  (powModule ??= import('../shared/pow.ts').catch((e: unknown) => {
    powModule = undefined;
    throw e;
  }));

/** A solved challenge: the `pow` value to send, and when (performance.now()) its challenge arrived. */
type Solved = ApiResult<{ value: string; at: number }>;

type View = 'form' | 'sending' | 'sent';
export type Field =
  | 'kind'
  | 'text'
  | 'purchase.title'
  | 'purchase.author'
  | 'purchase.isbn'
  | 'contact.email'
  | 'contact.phone'
  | 'consent';
/** The form's fields in the order they appear, so focus goes to the first one to fix. */
const FIELDS: Field[] = [
  'kind',
  'purchase.title',
  'purchase.author',
  'purchase.isbn',
  'text',
  'contact.email',
  'contact.phone',
  'consent',
];
const idOf = (field: Field): string => field.replace('.', '-');

const quiet: Note = { text: '', error: false };

/**
 * A suggestion box from the library's CRM: `<slims-suggestion-box privacy-url="/privasi"></slims-suggestion-box>`.
 * Anonymous visitors' submissions carry a proof of work (ALTCHA): its solver and challenge are fetched
 * at the visitor's first input in the form, never on page load, and solved in the background while
 * they write. A member (`SlimsCRM.memberToken`) chooses to send as member or anonymously and sees
 * "my feedback" with statuses and replies; anyone can look an item up by its tracking code.
 * The events bubble and are composed.
 *
 * @summary Suggestions, complaints, praise, questions and purchase requests, with a tracking code.
 * @tag slims-suggestion-box
 *
 * @attr kinds - Comma list limiting the choice, in the order offered; all five when absent
 *   (`suggestion,complaint,praise,question,purchase`).
 * @attr kind - The kind chosen at first (`suggestion`, `complaint`, `praise`, `question` or `purchase`).
 * @attr privacy-url - The library's privacy notice, linked beside the consent; no link when absent.
 * @attr api - Base URL of the sidecar when it is not where the loader came from.
 * @attr {'id' | 'en'} lang - The language: `id` (Bahasa Indonesia, the default) or `en`; when absent, the
 *   closest `[lang]` ancestor's, then the document's.
 *
 * @fires {CustomEvent<{ slug: string }>} slims-loading - The element is being drawn (`slug` is '').
 * @fires {CustomEvent<{ slug: string; state: string }>} slims-loaded - The form is ready (`state` is `form`).
 * @fires {CustomEvent<{ code: string; kind: string }>} slims-feedback-sent - The library has the item;
 *   `code` is its tracking code.
 * @fires {CustomEvent<{ slug: string; code: string; message: string }>} slims-error - Sending failed (the
 *   API's code, e.g. `validation_failed`, `rate_limited`, `spam_suspected`, `too_fast`, or `offline`,
 *   `timeout`); the element shows why.
 *
 * @csspart title - The heading.
 * @csspart form - The form.
 * @csspart field - A field, or a group of them (kind, sending as, contact).
 * @csspart error - Why a field is refused; also the status line while it shows an error.
 * @csspart privacy - The link to the privacy notice.
 * @csspart submit - The send button.
 * @csspart code - The tracking code, after sending.
 * @csspart lookup - "Check status" by tracking code.
 * @csspart mine - The member's own items.
 * @csspart item - One item (sent, found or the member's own).
 * @csspart badge - An item's status.
 * @csspart status-new - The badge of a new item.
 * @csspart status-in_review - The badge of an item in review.
 * @csspart status-planned - The badge of a planned item.
 * @csspart status-done - The badge of a done item.
 * @csspart status-declined - The badge of a declined item.
 * @csspart purchase - The book a purchase request asks for.
 * @csspart reply - The library's reply.
 *
 * @cssprop [--slims-badge=#e6eaef] - Status badges.
 * @cssprop [--slims-badge-open=#dbe9f9] - The badges of planned items and items in review.
 * @cssprop [--slims-badge-done=#d3f0dc] - The badges of done items.
 * @cssprop [--slims-reply-bg=#f6f8fa] - Behind the library's reply.
 */
export class SlimsSuggestionBox extends CrmElement {
  static override properties: PropertyDeclarations = {
    api: {},
    lang: { reflect: true },
    kinds: {},
    kind: {},
    privacyUrl: { attribute: 'privacy-url' },
    _view: { state: true },
    _kind: { state: true },
    _asMember: { state: true },
    _errors: { state: true },
    _note: { state: true },
    _sent: { state: true },
    _checked: { state: true },
    _mine: { state: true },
    _mineNote: { state: true },
    _found: { state: true },
    _lookupNote: { state: true },
  };

  static override styles = [
    styles,
    fieldStyles,
    css`
      form {
        width: 100%;
      }
      fieldset {
        display: grid;
        gap: 0.5em;
      }
      .choices {
        display: flex;
        flex-wrap: wrap;
      }
      .hp {
        position: absolute;
        left: -10000px;
        width: 1px;
        height: 1px;
        overflow: hidden;
      }
      details {
        display: grid;
        gap: 0.75em;
      }
      summary {
        min-height: 2.75rem;
        padding: 0.6em 0;
        cursor: pointer;
        color: var(--a);
      }
      a {
        color: var(--a);
      }
    `,
  ];

  /** Base URL of the sidecar when it is not where the loader came from. */
  declare api: string | null;
  declare kinds: string | null;
  declare kind: string | null;
  declare privacyUrl: string | null;
  declare _view: View;
  declare _kind: Kind;
  /** A member's choice; without a member token everything is anonymous. */
  declare _asMember: boolean;
  /** Message per field, from the local checks or a 422. */
  declare _errors: Map<Field, string>;
  /** The status line: progress, thanks, or why sending failed. */
  declare _note: Note;
  declare _sent: OwnItem | null;
  /** The sent item as the sidecar now shows it, after "check status". */
  declare _checked: OwnItem | null;
  /** The member's own items (GET /feedback/mine), null until loaded. */
  declare _mine: OwnItem[] | null;
  declare _mineNote: Note;
  declare _found: OwnItem | null;
  declare _lookupNote: Note;

  /** Idempotency-Key of the submission under way, kept while the server may not have acted. */
  _key = '';
  /** The proof of work for the next anonymous submission, started at the first input. */
  _pow: Promise<Solved> | undefined;
  /** The last proof of work failed: typing starts no other (a sidecar that is down is not asked at each keystroke); sending does. */
  _powFailed = false;
  /** Counts loads of "my feedback", so an outdated answer is dropped. */
  _seq = 0;
  /** tracking.ts once it is here (its styles adopted into this element): what follows sending is drawn with it. */
  _after: Tracking | undefined;

  constructor() {
    super();
    this.api = null;
    this.kinds = null;
    this.kind = null;
    this.privacyUrl = null;
    this._view = 'form';
    this._kind = 'suggestion';
    this._asMember = true;
    this._errors = new Map();
    this._note = quiet;
    this._sent = null;
    this._checked = null;
    this._mine = null;
    this._mineNote = quiet;
    this._found = null;
    this._lookupNote = quiet;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._emit('slims-loading', { slug: '' });
    this._loadMine();
  }

  // An English page waits for its strings (a chunk of their own) before it draws, rather than showing
  // Indonesian first; an Indonesian one has them already.
  protected override async scheduleUpdate(): Promise<void> {
    await ready(langOf(this));
    await super.scheduleUpdate();
  }

  protected override firstUpdated(): void {
    this._emit('slims-loaded', { slug: '', state: 'form' });
  }

  readonly _onToken = (): void => {
    this._asMember = true;
    this._loadMine();
  };

  /** The kinds offered, in the attribute's order; all five when it names none we know. */
  get _kinds(): Kind[] {
    const listed = (this.kinds ?? '')
      .split(',')
      .map((k) => k.trim())
      .filter(isKind);
    return listed.length ? [...new Set(listed)] : [...FEEDBACK_KINDS];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kinds') || changed.has('kind')) {
      const kinds = this._kinds;
      this._kind = kinds.find((k) => k === this.kind) ?? (kinds.includes(this._kind) ? this._kind : kinds[0]!);
    }
  }

  get _member(): boolean {
    return !!window.SlimsCRM?.memberToken;
  }

  /** Anonymous submissions (no member, or a member's choice) carry a proof of work. */
  get _anonymous(): boolean {
    return !this._member || !this._asMember;
  }

  /** The form's strings, which tracking.ts shares, in the element's language. */
  get _words(): Words {
    return words(langOf(this));
  }

  get _opts(): { base: string | null; lang: Lang } {
    return { base: this.api, lang: langOf(this) };
  }

  /** Logs with our prefix and tells the page with slims-error. */
  _fail(code: string, message: string): void {
    console.warn('[slims-crm] slims-suggestion-box:', code, message);
    this._emit('slims-error', { slug: '', code, message });
  }

  /** Fetches tracking.ts (once for every element) and sets _after; null when it cannot come (the connection). */
  async _loadTracking(): Promise<Tracking | null> {
    if (!this._after) {
      const mod = await import('./tracking.ts').catch(() => null);
      if (!mod) return null;
      adoptStyles(this.renderRoot as ShadowRoot, [...SlimsSuggestionBox.elementStyles, ...mod.styles]);
      this._after = mod;
    }
    return this._after;
  }

  // The proof of work ------------------------------------------------------------------------------

  /** Starts fetching and solving a challenge unless one is under way; a failed one is dropped. */
  _startPow(): Promise<Solved> {
    if (!this._pow) {
      const pow: Promise<Solved> = this._solve().then((solved) => {
        if (!solved.ok && this._pow === pow) {
          this._pow = undefined;
          this._powFailed = true;
        }
        return solved;
      });
      this._pow = pow;
    }
    return this._pow;
  }

  async _solve(): Promise<Solved> {
    try {
      const [mod, res] = await Promise.all([
        loadPow(),
        apiGet<{ challenge?: Challenge }>('api/v1/feedback/pow', this._opts),
      ]);
      if (!res.ok) return res;
      const at = performance.now();
      const value = res.data?.challenge ? await mod.solve(res.data.challenge) : null;
      return value ? { ok: true, data: { value, at } } : failure('bad_response', 200, 'unsolvable challenge');
    } catch (e) {
      // the solver's chunk did not come (the connection), or the challenge was malformed
      return failure(e instanceof TypeError ? 'offline' : 'bad_response', e instanceof TypeError ? 0 : 200, String(e));
    }
  }

  private readonly _onInput = (): void => {
    // Someone typing is likely to send: fetch the code for sending and after now, rather than after "Kirim".
    void loadSend();
    void this._loadTracking();
    if (this._anonymous && this._view === 'form' && !this._powFailed) void this._startPow();
  };

  // Sending ----------------------------------------------------------------------------------------

  /** The body of POST /feedback from the form, and the fields that need fixing first. */
  _collect(form: HTMLFormElement, m: Words): { body: Record<string, unknown>; errors: Map<Field, string> } {
    const data = new FormData(form);
    const value = (name: string): string => String(data.get(name) ?? '').trim();
    const errors = new Map<Field, string>();
    const kind = this._kind;
    const body: Record<string, unknown> = { kind, text: value('text') };
    if (kind === 'purchase') {
      const purchase = {
        title: value('purchase.title'),
        author: value('purchase.author'),
        isbn: value('purchase.isbn'),
      };
      if (!purchase.title) errors.set('purchase.title', m.titleMissing);
      body.purchase = Object.fromEntries(Object.entries(purchase).filter(([, v]) => v));
    }
    if (!body.text) errors.set('text', m.textMissing);
    const contact = { email: value('contact.email'), phone: value('contact.phone') };
    if (contact.email || contact.phone) {
      body.contact = Object.fromEntries(Object.entries(contact).filter(([, v]) => v));
      body.consent = data.has('consent');
      if (!body.consent) errors.set('consent', m.consentMissing);
    }
    if (this._member) body.asMember = this._asMember;
    const website = String(data.get('website') ?? '');
    if (website) body.website = website;
    return { body, errors };
  }

  private async _submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this._view !== 'form') return;
    const m = this._words;
    try {
      const { body, errors } = this._collect(event.target as HTMLFormElement, m);
      if (errors.size) return this._showErrors(errors);
      const anonymous = this._anonymous;
      this._powFailed = false;
      if (anonymous) void this._startPow();
      this._view = 'sending';
      this._errors = new Map();
      this._note = { text: anonymous ? m.preparing : m.sending, error: false };
      let res = await this._post(body, anonymous);
      if (!res.ok && anonymous && /^pow_(expired|replayed)$/.test(res.error.code)) {
        // Challenges are single-use and expire: fetch a fresh one and try once more.
        this._note = { text: m.preparing, error: false };
        res = await this._post(body, anonymous);
      }
      this._view = 'form';
      // _post sends nothing until tracking.ts is here (_after).
      if (res.ok) return this._after?.done(this, res.data?.item);
      const { code, message, status, details } = res.error;
      // A key is only worth keeping while the server may not have acted (no answer, or a 5xx).
      if (status && status < 500) this._key = '';
      this._fail(code, message);
      if (code === 'validation_failed') return this._after?.invalid(this, details, message);
      // invalid_token: the member's token ran out and could not be renewed; apiPost forgot it, so the form
      // now offers to send anonymously.
      this._note = { text: code === 'invalid_token' ? m.expired : reason(res.error, m), error: true };
      this._focus('#status');
    } catch (e) {
      this._view = 'form';
      this._fail('internal', String(e));
      this._note = { text: m.error, error: true };
    }
  }

  /** One POST; an anonymous one waits for its proof of work (and the minimum fill time) first. */
  async _post(body: Record<string, unknown>, anonymous: boolean): Promise<ApiResult<{ item?: unknown }>> {
    const { lang } = this._opts;
    if (anonymous) {
      const pow = await this._startPow();
      if (!pow.ok) return pow;
      const wait = pow.data.at + fillTime.ms - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      body = { ...body, pow: pow.data.value };
      this._note = { text: words(lang).sending, error: false };
    }
    // Both the code that sends and the one that shows the tracking code afterwards come before anything is sent.
    const [send, after] = await Promise.all([loadSend(), this._loadTracking()]);
    if (!send || !after) return failure('offline');
    this._key ||= send.uuid();
    const res = await send.apiPost<{ item?: unknown }>('api/v1/feedback', body, { ...this._opts, key: this._key });
    // Spent (sent, or refused as stale or bad): the next submission needs a fresh one.
    if (anonymous && (res.ok || res.error.code.startsWith('pow_'))) {
      this._pow = undefined;
      if (!res.ok) this._key = '';
    }
    return res;
  }

  /** Whether the form shows a field of this name (the kind only when it offers a choice). */
  _shows(name: unknown): name is Field {
    return FIELDS.some((f) => f === name) && (name !== 'kind' || this._kinds.length > 1);
  }

  /** Marks the fields, says how many (and anything else that is wrong) in the status line, and takes focus to the first field. */
  _showErrors(errors: Map<Field, string>, other: string[] = []): void {
    const m = this._words;
    this._errors = errors;
    const shown = [...errors.keys()];
    const text = [shown.length ? fill(m.fix, { count: shown.length }) : '', ...other].filter(Boolean).join(' ');
    this._note = { text: text || m.error, error: true };
    const first = FIELDS.find((f) => shown.includes(f));
    this._focus(first === 'kind' ? 'input[name=kind]:checked' : first ? `#${idOf(first)}` : '#status');
  }

  _focus(selector: string): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(selector)?.focus());
  }

  private async _lookup(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    // At once when it is here, so the look-up's verdict shows with the next render.
    const after = this._after ?? (await this._loadTracking());
    if (after) return after.lookup(this, form);
    this._lookupNote = { text: this._words.offline, error: true };
  }

  /** The member's own items (tracking.ts); nothing to show without a member. */
  _loadMine(): void {
    const seq = ++this._seq;
    if (!this._member) {
      this._mine = null;
      this._mineNote = quiet;
      return;
    }
    // An English page's strings (for a failure) come with its first render; wait for them too.
    void Promise.all([this._loadTracking(), ready(langOf(this))]).then(([after]) => {
      if (seq === this._seq) return after?.loadMine(this, seq);
    });
  }

  // Rendering --------------------------------------------------------------------------------------

  _renderView(): TemplateResult {
    const lang = langOf(this);
    const m = words(lang);
    const note = this._note;
    return html`<div part="container" class="box">
      <h2 part="title" id="title">${m.title}</h2>
      ${this._view === 'sent' && this._sent && this._after ? this._after.renderSent(this, this._sent, lang) : this._renderForm(m, lang)}
      <p part=${note.error ? 'status error' : 'status'} id="status" role="status" aria-live="polite" tabindex="-1" class=${note.error ? 'error' : ''}>${note.text}</p>
      ${this._renderLookup(m, lang)} ${this._member && this._after ? this._after.renderMine(this, lang) : nothing}
    </div>`;
  }

  private _renderForm(m: Words, lang: Lang): TemplateResult {
    const kinds = this._kinds;
    const kind = this._kind;
    const names = FEEDBACK_WORDS[lang].kinds;
    const sending = this._view === 'sending';
    const invalid = (f: Field): 'true' | typeof nothing => (this._errors.has(f) ? 'true' : nothing);
    const described = (f: Field, hint = ''): string | typeof nothing =>
      [hint, this._errors.has(f) ? `e-${idOf(f)}` : ''].join(' ').trim() || nothing;
    const error = (f: Field): TemplateResult | typeof nothing =>
      this._errors.has(f) ? html`<p part="error" class="error" id="e-${idOf(f)}">${this._errors.get(f)}</p>` : nothing;
    const input = (
      f: Field,
      label: string,
      attrs: { maxlength: number; type?: string; autocomplete?: string; hint?: string },
    ): TemplateResult =>
      html`<div part="field" class="field">
        <label for=${idOf(f)}>${label}</label>
        <input
          id=${idOf(f)}
          name=${f}
          type=${attrs.type ?? 'text'}
          maxlength=${attrs.maxlength}
          autocomplete=${attrs.autocomplete ?? 'off'}
          aria-invalid=${invalid(f)}
          aria-describedby=${described(f, attrs.hint ? `${idOf(f)}-h` : '')}
        />
        ${attrs.hint ? html`<p id="${idOf(f)}-h" class="m">${attrs.hint}</p>` : nothing} ${error(f)}
      </div>`;
    const privacy = safeUrl(this.privacyUrl);
    return html`<form part="form" novalidate aria-labelledby="title" @submit=${(e: SubmitEvent) => void this._submit(e)} @input=${this._onInput}>
      <p class="m">${m.intro}</p>
      ${
        kinds.length > 1
          ? html`<fieldset part="field" role="radiogroup" aria-labelledby="kind-l" aria-invalid=${invalid('kind')} aria-describedby=${described('kind')}>
            <legend id="kind-l">${m.kind}</legend>
            <div class="choices">
              ${kinds.map(
                (k) =>
                  html`<label><input type="radio" name="kind" value=${k} .checked=${k === kind} @input=${() => (this._kind = k)} />${names[k]}</label>`,
              )}
            </div>
            ${error('kind')}
          </fieldset>`
          : nothing
      }
      ${
        kind === 'purchase'
          ? html`${input('purchase.title', m.purchaseTitle, { maxlength: 300 })} ${input('purchase.author', m.purchaseAuthor, { maxlength: 200 })}
          ${input('purchase.isbn', m.purchaseIsbn, { maxlength: 20 })}`
          : nothing
      }
      <div part="field" class="field">
        <label for="text">${m.text[kind]}</label>
        <textarea id="text" name="text" rows="4" maxlength="2000" aria-invalid=${invalid('text')} aria-describedby=${described('text', 'text-h')}></textarea>
        <p id="text-h" class="m">${m.textHint}</p>
        ${error('text')}
      </div>
      ${
        this._member
          ? html`<fieldset part="field" role="radiogroup" aria-labelledby="as-l" aria-describedby="as-h">
            <legend id="as-l">${m.as}</legend>
            <div class="choices">
              <label><input type="radio" name="as" value="member" .checked=${this._asMember} @input=${() => (this._asMember = true)} />${m.asMember}</label>
              <label><input type="radio" name="as" value="anonymous" .checked=${!this._asMember} @input=${() => (this._asMember = false)} />${m.asAnonymous}</label>
            </div>
            <p id="as-h" class="m">${m.asHint}</p>
          </fieldset>`
          : nothing
      }
      <fieldset part="field" aria-describedby="contact-h">
        <legend>${m.contact}</legend>
        <p id="contact-h" class="m">${m.contactHint}</p>
        ${input('contact.email', m.email, { maxlength: 254, type: 'email', autocomplete: 'email' })}
        ${input('contact.phone', m.phone, { maxlength: 20, type: 'tel', autocomplete: 'tel', hint: m.phoneHint })}
        <div>
          <label><input type="checkbox" id="consent" name="consent" aria-invalid=${invalid('consent')} aria-describedby=${described('consent')} />${m.consent}</label>
          ${privacy ? html`<a part="privacy" href=${privacy} target="_blank" rel="noopener">${m.privacy}</a>` : nothing} ${error('consent')}
        </div>
      </fieldset>
      <div class="hp" aria-hidden="true">
        <label for="website">Website</label><input id="website" name="website" tabindex="-1" autocomplete="off" />
      </div>
      <button part="submit" aria-disabled=${sending}>${sending ? m.sending : m.submit}</button>
    </form>`;
  }

  private _renderLookup(m: Words, lang: Lang): TemplateResult {
    const note = this._lookupNote;
    return html`<details part="lookup">
      <summary>${m.lookup}</summary>
      <form class="row" novalidate aria-label=${m.lookup} @submit=${(e: SubmitEvent) => void this._lookup(e)}>
        <div class="field">
          <label for="lookup-code">${m.code}</label>
          <input
            id="lookup-code"
            name="code"
            maxlength="20"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            aria-invalid=${note.error ? 'true' : nothing}
            aria-describedby="lookup-h lookup-s"
          />
          <p id="lookup-h" class="m">${m.lookupHint}</p>
        </div>
        <button>${m.lookupSubmit}</button>
      </form>
      <p id="lookup-s" role="status" aria-live="polite" class=${note.error ? 'error' : ''}>${note.text}</p>
      ${this._found && this._after ? this._after.renderItem(this._found, lang, 'found') : nothing}
    </details>`;
  }
}

/** The privacy notice's URL when it is a web address; a `javascript:` one is never linked. */
function safeUrl(url: string | null): string {
  try {
    return url && /^https?:$/.test(new URL(url, location.href).protocol) ? url : '';
  } catch {
    return '';
  }
}

define('slims-suggestion-box', SlimsSuggestionBox);

declare module '../shared/events.ts' {
  interface SlimsEventDetail {
    'slims-feedback-sent': { code: string; kind: Kind };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-suggestion-box': SlimsSuggestionBox;
  }
  interface GlobalEventHandlersEventMap {
    'slims-feedback-sent': CustomEvent<{ code: string; kind: Kind }>;
  }
}
