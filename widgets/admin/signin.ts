// The standalone sign-in (the sidecar's /admin): SLiMS staff username and password for a token.
import { html, nothing, type TemplateResult } from 'lit';
import type { Challenge } from 'altcha-lib';
import type { ApiResult, Session } from './api.ts';
import { AdminView } from './view.ts';

declare global {
  interface GlobalEventHandlersEventMap {
    'slims-admin-session': CustomEvent<Session>;
  }
}

export class AdminSignIn extends AdminView {
  static override properties = {
    ...AdminView.properties,
    notice: {},
    demo: {},
    error: { state: true },
    busy: { state: true },
    checking: { state: true },
  };

  declare notice: string;
  /** The embedded demo: say its accounts. */
  declare demo: boolean;
  declare error: string;
  declare busy: boolean;
  /** Solving the proof of work a busy network's sign-in needs. */
  declare checking: boolean;

  constructor() {
    super();
    this.notice = '';
    this.demo = false;
    this.error = '';
    this.busy = false;
    this.checking = false;
  }

  override render(): TemplateResult {
    const t = this.t;
    return html`<div class="card">
      <h1 tabindex="-1">${t('signInTitle')}</h1>
      <p class="muted">${t('signInIntro')}</p>
      ${this.demo ? html`<p class="notice" data-demo-accounts>${t('signInDemo')}</p>` : nothing}
      ${this.notice && !this.error ? html`<div class="notice warning" role="status">${this.notice}</div>` : nothing}
      <div role="alert">${this.error ? html`<div class="notice error" id="signin-error">${this.error}</div>` : nothing}</div>
      <form novalidate @submit=${this.submit}>
        <div class="field">
          <label for="signin-username">${t('username')}</label>
          <input id="signin-username" name="username" type="text" autocomplete="username" autocapitalize="none"
            spellcheck="false" required aria-describedby=${this.error ? 'signin-error' : nothing} />
        </div>
        <div class="field">
          <label for="signin-password">${t('password')}</label>
          <input id="signin-password" name="password" type="password" autocomplete="current-password" required />
        </div>
        <button class="btn primary" type="submit" ?disabled=${this.busy}>${this.checking ? t('signInChecking') : this.busy ? t('signingIn') : t('signIn')}</button>
      </form>
      <p class="muted" role="status">${this.checking ? t('signInChecking') : ''}</p>
    </div>`;
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (!this.api || this.busy) return;
    const form = event.currentTarget as HTMLFormElement;
    const username = (form.elements.namedItem('username') as HTMLInputElement).value.trim();
    const password = (form.elements.namedItem('password') as HTMLInputElement).value;
    if (!username || !password) {
      this.error = this.t('signInMissing');
      return;
    }
    this.busy = true;
    this.error = '';
    let result = await this.api.signIn(username, password);
    const challenge = proofChallenge(result);
    if (challenge !== null) {
      // Many failed sign-ins came from this network: the sidecar asks for a proof of work first (no password
      // was checked yet). The solver loads only now, never with the page.
      this.checking = true;
      const pow = await import('../shared/pow.ts').then((m) => m.solve(challenge)).catch(() => null);
      this.checking = false;
      if (pow === null) {
        this.busy = false;
        this.error = this.t('signInCheckFailed');
        return;
      }
      result = await this.api.signIn(username, password, pow);
    }
    this.busy = false;
    if (result.ok) {
      this.dispatchEvent(
        new CustomEvent('slims-admin-session', { detail: result.data, bubbles: true, composed: true }),
      );
      return;
    }
    this.error =
      result.status === 401 ? result.error.message || this.t('signInFailed') : this.errorMessage(result.error);
    (form.elements.namedItem('password') as HTMLInputElement).select();
  }
}

/** The challenge of a proof_required answer, or null. */
function proofChallenge(result: ApiResult<Session>): Challenge | null {
  if (result.ok || result.error.code !== 'proof_required') return null;
  const challenge = (result.error.details as { challenge?: unknown } | undefined)?.challenge;
  return typeof challenge === 'object' && challenge !== null ? (challenge as Challenge) : null;
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-signin': AdminSignIn;
  }
}
