// <slims-member-signin>: a member signs in with card number and OPAC password on a library website
// outside SLiMS; every widget on the page, and on the site's next pages in this tab, then knows them.
import type { Challenge } from 'altcha-lib';
import { css, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { CrmElement } from '../shared/crm-element.ts';
import { define } from '../shared/define.ts';
import { fieldStyles } from '../shared/fields.ts';
import { fill, langOf } from '../shared/i18n.ts';
import { styles } from '../shared/styles.ts';
import { errorMessage, words, type Words } from './i18n.ts';
import { keep, readSession, signIn, storedToken, type MemberSession } from './session.ts';

/** The longest wait setTimeout keeps; a longer one would fire at once. */
const MAX_DELAY = 2 ** 31 - 1;

type Field = 'cardNumber' | 'password';

/**
 * Member sign-in for library websites outside SLiMS: `<slims-member-signin></slims-member-signin>`.
 * The token the sidecar returns is kept for this tab only (sessionStorage
 * `slims-crm:member-token`; never a cookie, never localStorage) and given to
 * `SlimsCRM.setMemberToken`, so members-only polls on the page reload as the member and the loader
 * restores the member on the site's other pages. When the token expires (15 minutes) the element
 * signs out and says so. A password attempt is sent once: never retried behind the member's back. When
 * the sidecar answers proof_required (many failed sign-ins from this network), the element solves the
 * proof of work (its solver loads only then), says "Memeriksa…" / "Checking…" meanwhile, and sends once more.
 * The events bubble and are composed.
 *
 * @summary Sign-in with card number and OPAC password, for every widget on the site's pages in this tab.
 * @tag slims-member-signin
 *
 * @attr api - Base URL of the sidecar when it is not where the loader came from.
 * @attr {'id' | 'en'} lang - The language: `id` (Bahasa Indonesia, the default) or `en`; when absent, the
 *   closest `[lang]` ancestor's, then the document's.
 * @prop {{ id: string; name: string } | null} member - The signed-in member, or null (read only).
 *
 * @fires {CustomEvent<{ memberId: string; name: string }>} slims-signin - The member signed in.
 * @fires {CustomEvent<{ memberId: string; reason: 'signout' | 'expired' }>} slims-signout - The member signed
 *   out: `reason` is `signout` (the button) or `expired` (the token's time ran out).
 * @fires {CustomEvent<{ slug: string; code: string; message: string }>} slims-error - Sign-in failed; `slug`
 *   is '' and `code` is the API's (`invalid_credentials`, `member_pending`, `member_expired`, `no_password`,
 *   `rate_limited`, `proof_required`, `validation_failed`, …) or `offline`, `timeout`, `bad_response`.
 *   The element shows the reason.
 *
 * @csspart error - The status line while it shows an error.
 * @csspart title - The heading.
 * @csspart form - The sign-in form.
 * @csspart field - A label with its input.
 * @csspart label - A field's label.
 * @csspart input - The card number or password input.
 * @csspart hint - The hint under the password, and the one beside the signed-in member.
 * @csspart button - The sign-in button, and the sign-out button.
 * @csspart signout - The sign-out button.
 * @csspart member - The card number, once signed in.
 */
export class SlimsMemberSignin extends CrmElement {
  static override properties: PropertyDeclarations = {
    api: {},
    lang: { reflect: true },
    _session: { state: true },
    _busy: { state: true },
    _note: { state: true },
    _invalid: { state: true },
  };

  static override styles = [
    styles,
    fieldStyles,
    css`
      form {
        gap: 1em;
      }
      .field {
        max-width: 22rem;
      }
      .out {
        align-self: flex-start;
      }
      dl {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.5em;
      }
      dt::after {
        content: ':';
      }
      dd {
        font-weight: 600;
      }
    `,
  ];

  /** Base URL of the sidecar when it is not where the loader came from. */
  declare api: string | null;
  declare _session: MemberSession | null;
  declare _busy: boolean;
  /** The status line when no one is signed in: why sign-in failed, or that the member signed out. */
  declare _note: { text: string; error: boolean };
  /** Fields to mark invalid, after a sign-in they may be the reason for. */
  declare _invalid: Field[];

  _timer = 0;

  constructor() {
    super();
    this.api = null;
    this._session = null;
    this._busy = false;
    this._note = { text: '', error: false };
    this._invalid = [];
  }

  /** The signed-in member, or null. */
  get member(): { id: string; name: string } | null {
    return this._session && { id: this._session.memberId, name: this._session.name };
  }

  get _words(): Words {
    return words(langOf(this));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._restore();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this._timer);
  }

  /** Takes up the session kept for this tab; an expired one is dropped, also from SlimsCRM if the loader gave it out. */
  _restore(): void {
    try {
      const token = storedToken();
      const crm = window.SlimsCRM;
      // The page's own token (the SLiMS plugin's, for the member logged in to the OPAC) wins over one this
      // tab kept from an earlier sign-in here: on a shared computer that may be somebody else.
      const fromPage = crm?.memberToken && crm.memberToken !== token ? readSession(crm.memberToken) : null;
      if (fromPage) {
        if (token) keep(null);
        this._begin(fromPage);
        return;
      }
      const session = readSession(token);
      if (session) {
        this._begin(session);
        if (crm && crm.memberToken !== session.token) crm.setMemberToken(session.token);
      } else if (token) {
        keep(null);
        if (crm?.memberToken === token) crm.setMemberToken(null);
      }
    } catch (e) {
      console.warn('[slims-crm] slims-member-signin:', e);
    }
  }

  _begin(session: MemberSession): void {
    this._session = session;
    this._note = { text: '', error: false };
    this._invalid = [];
    clearTimeout(this._timer);
    this._timer = window.setTimeout(
      () => this._signOut('expired'),
      Math.min(MAX_DELAY, session.expiresAt - Date.now()),
    );
  }

  /** Another element or the page changed the member: follow it. */
  readonly _onToken = (): void => {
    const current = window.SlimsCRM?.memberToken ?? null;
    const session = this._session;
    if (session && current !== session.token) {
      clearTimeout(this._timer);
      this._session = null;
      if (!current && storedToken() === session.token) keep(null);
    } else if (!session && current && current === storedToken()) {
      this._restore();
    }
  };

  _signOut(reason: 'signout' | 'expired'): void {
    const session = this._session;
    if (!session) return;
    try {
      const hadFocus = this.matches(':focus-within');
      clearTimeout(this._timer);
      this._session = null;
      const m = this._words;
      this._note = reason === 'expired' ? { text: m.expired, error: true } : { text: m.signedOut, error: false };
      // The button asks to forget the member on this page; the clock only takes back its own token.
      if (reason === 'signout' || storedToken() === session.token) keep(null);
      const crm = window.SlimsCRM;
      if (crm && (reason === 'signout' || crm.memberToken === session.token)) crm.setMemberToken(null);
      this._emit('slims-signout', { memberId: session.memberId, reason });
      if (hadFocus) this._focusStatus();
    } catch (e) {
      console.warn('[slims-crm] slims-member-signin:', e);
    }
  }

  private async _submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this._busy || this._session) return;
    const lang = langOf(this);
    try {
      const data = new FormData(event.target as HTMLFormElement);
      const cardNumber = String(data.get('cardNumber') ?? '').trim();
      const password = String(data.get('password') ?? '');
      if (!cardNumber || !password) {
        const empty: Field[] = [];
        if (!cardNumber) empty.push('cardNumber');
        if (!password) empty.push('password');
        return this._fail('validation_failed', 'empty fields', errorMessage('validation_failed', lang), empty);
      }
      const hadFocus = this.matches(':focus-within');
      this._busy = true;
      this._note = { text: '', error: false };
      const opts = { base: this.api, lang };
      let res = await signIn(cardNumber, password, opts);
      const challenge =
        !res.ok && res.error.code === 'proof_required'
          ? (res.error.details as { challenge?: unknown } | undefined)?.challenge
          : undefined;
      if (typeof challenge === 'object' && challenge !== null) {
        // Many failed sign-ins came from this network: the sidecar wants a proof of work first (it checked no
        // password yet). The solver's chunk loads only now, never with the page.
        this._note = { text: words(lang).checking, error: false };
        const pow = await import('../shared/pow.ts').then((m) => m.solve(challenge as Challenge)).catch(() => null);
        if (pow !== null) res = await signIn(cardNumber, password, opts, pow);
      }
      this._busy = false;
      if (!res.ok) {
        const { code, message } = res.error;
        const fields: Field[] =
          code === 'invalid_credentials'
            ? ['cardNumber', 'password']
            : code === 'validation_failed'
              ? ['cardNumber']
              : [];
        return this._fail(code, message, errorMessage(code, lang, res.retryAfter), fields);
      }
      const session = res.data;
      this._begin(session);
      keep(session.token);
      window.SlimsCRM?.setMemberToken(session.token);
      this._emit('slims-signin', { memberId: session.memberId, name: session.name });
      if (hadFocus) this._focusStatus();
    } catch (e) {
      this._busy = false;
      this._fail('internal', String(e), words(lang).error);
    }
  }

  /** Shows why, takes focus to it, logs with our prefix and tells the page with slims-error. */
  _fail(code: string, message: string, text: string, fields: Field[] = []): void {
    this._note = { text, error: true };
    this._invalid = fields;
    console.warn('[slims-crm] slims-member-signin:', code, message);
    this._emit('slims-error', { slug: '', code, message });
    this._focusStatus();
  }

  _focusStatus(): void {
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[role=status]')?.focus());
  }

  _renderView(): TemplateResult {
    const m = this._words;
    const { _session: session, _note: note, _busy: busy } = this;
    const error = !session && note.error;
    const invalid = (field: Field): 'true' | typeof nothing => (this._invalid.includes(field) ? 'true' : nothing);
    const described = (field: Field): string =>
      [field === 'password' ? 'hint' : '', this._invalid.includes(field) ? 'status' : ''].join(' ').trim();
    return html`<div part="container" class="box">
      <h2 part="title" id="title">${session ? m.account : m.title}</h2>
      <p part=${error ? 'status error' : 'status'} id="status" role="status" aria-live="polite" tabindex="-1" class=${error ? 'error' : ''}>${
        session ? fill(m.signedIn, { name: session.name || session.memberId }) : note.text
      }</p>
      ${
        session
          ? html`<dl part="member">
              <dt>${m.card}</dt>
              <dd>${session.memberId}</dd>
            </dl>
            <p part="hint" class="m">${m.signedInHint}</p>
            <button part="button signout" class="out" type="button" @click=${() => this._signOut('signout')}>${m.signOut}</button>`
          : html`<form part="form" novalidate aria-labelledby="title" @submit=${(e: SubmitEvent) => void this._submit(e)}>
            <div part="field" class="field">
              <label part="label" for="card">${m.card}</label>
              <input
                part="input"
                id="card"
                name="cardNumber"
                autocomplete="username"
                autocapitalize="off"
                spellcheck="false"
                required
                aria-invalid=${invalid('cardNumber')}
                aria-describedby=${described('cardNumber') || nothing}
              />
            </div>
            <div part="field" class="field">
              <label part="label" for="password">${m.password}</label>
              <input
                part="input"
                id="password"
                name="password"
                type="password"
                autocomplete="current-password"
                required
                aria-invalid=${invalid('password')}
                aria-describedby=${described('password')}
              />
              <p part="hint" id="hint" class="m">${m.passwordHint}</p>
            </div>
            <button part="button" aria-disabled=${busy}>${busy ? m.submitting : m.submit}</button>
          </form>`
      }
    </div>`;
  }
}

define('slims-member-signin', SlimsMemberSignin);

declare module '../shared/events.ts' {
  interface SlimsEventDetail {
    'slims-signin': { memberId: string; name: string };
    'slims-signout': { memberId: string; reason: 'signout' | 'expired' };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-member-signin': SlimsMemberSignin;
  }
  interface GlobalEventHandlersEventMap {
    'slims-signin': CustomEvent<{ memberId: string; name: string }>;
    'slims-signout': CustomEvent<{ memberId: string; reason: 'signout' | 'expired' }>;
  }
}
