// <slims-crm-admin>: the staff app shell. Holds the staff session, the language and the current
// view, which the URL's fragment mirrors (routes.ts); views render into this element's shadow root
// and talk back through events.
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { StaffApi, apiBase, tokenClaims, type Lang, type Session } from './api.ts';
import { asLang, translator, type Translate } from './i18n.ts';
import { formatRoute, routeFromUrl, type Route } from './routes.ts';
import { adminStyles } from './styles.ts';
import { sectionOf, type AdminView, type AskOptions, type Section, type StatusDetail } from './view.ts';

const TOKEN_KEY = 'slims-crm:staff-token';
const STAFF_KEY = 'slims-crm:staff-name';
const LANG_KEY = 'slims-crm:admin-lang';

/**
 * The slims-crm staff app: surveys and polls (results, embed codes), member profiles, the suggestion
 * box's inbox and its service measures.
 *
 * @attr token - a staff token minted by the SLiMS plugin; without it the app shows its own sign-in.
 * @attr api - the sidecar's URL; defaults to the origin this script was loaded from.
 * @attr lang - `id` (default) or `en`; the language switch updates it.
 * @attr host - `slims` when the SLiMS plugin hosts the app: it then never shows a sign-in form of its own;
 *   a refused token is renewed through the host page, which sets `token` again.
 * @attr host-ended - set by the host page when the SLiMS session has ended: the message to show.
 * @attr demo - the sidecar's embedded demo: the sign-in says its accounts (admin / admin, pustakawan / pustakawan).
 * @fires slims-admin-signed-in - after a staff member signs in (detail: `{ name }`).
 * @fires slims-admin-signed-out - after signing out or when the session ends.
 * @fires slims-admin-token-expired - inside SLiMS, when a call was refused: the host page renews the token.
 * @cssprop --crm-accent - the accent colour (buttons, links, charts); see styles.ts for the rest.
 */
export class SlimsCrmAdmin extends LitElement {
  static override styles = adminStyles;

  static override properties = {
    token: { type: String },
    api: { type: String },
    lang: { type: String, reflect: true },
    host: { type: String },
    hostEnded: { type: String, attribute: 'host-ended' },
    demo: { type: Boolean },
    route: { state: true },
    staffName: { state: true },
    signInNotice: { state: true },
    toast: { state: true },
    asking: { state: true },
  };

  declare token: string | null;
  declare api: string | null;
  declare lang: Lang;
  declare host: string | null;
  declare hostEnded: string | null;
  declare demo: boolean;
  declare route: Route;
  declare staffName: string;
  declare signInNotice: string;
  declare toast: StatusDetail | null;
  declare asking: AskOptions | null;

  private client: StaffApi | null;
  private tokenFromHost: boolean;
  private toastTimer = 0;
  private answer: ((confirmed: boolean) => void) | null = null;
  private focusPending = false;
  private renewal: Promise<string | null> | null = null;
  private settleRenewal: ((token: string | null) => void) | null = null;
  /** The next route change replaces the URL's history entry instead of adding one. */
  private replaceUrl = false;
  /** The next route change is the same view's own (the inbox's filters): focus stays where it is. */
  private routeInPlace = false;

  constructor() {
    super();
    this.token = null;
    this.api = null;
    this.lang = 'id';
    this.host = null;
    this.hostEnded = null;
    this.demo = false;
    this.route = { view: 'list' };
    this.staffName = '';
    this.signInNotice = '';
    this.toast = null;
    this.asking = null;
    this.client = null;
    this.tokenFromHost = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.token) {
      this.tokenFromHost = true;
      this.staffName ||= tokenClaims(this.token).name;
    } else {
      this.token = storage()?.getItem(TOKEN_KEY) ?? null;
      this.staffName = storage()?.getItem(STAFF_KEY) ?? '';
    }
    if (!this.hasAttribute('lang')) this.lang = asLang(safeLocal(LANG_KEY));
    // A reload, or a link from a colleague: open the view the URL names (after sign-in, when needed).
    this.route = routeFromUrl(location.href) ?? this.route;
    window.addEventListener('hashchange', this.onHashChange);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.toastTimer);
    window.removeEventListener('hashchange', this.onHashChange);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('lang')) this.lang = asLang(this.lang);
    if (!this.client || changed.has('api')) {
      this.client = new StaffApi(apiBase(this.api), this.token, this.lang);
      this.client.onUnauthorized = () => this.expire();
      this.client.renewToken = () => this.renewFromHost();
    }
    if (changed.has('token') && this.token && this.token !== changed.get('token')) this.settleRenewal?.(this.token);
    if (changed.has('hostEnded') && this.hostEnded) {
      this.settleRenewal?.(null);
      this.token = null;
    }
    this.client.token = this.token;
    this.client.lang = this.lang;
    // After a navigation or signing in/out (not on first render), focus goes to the new view's heading;
    // a token renewed by the SLiMS plugin while the librarian works must not move it.
    const signedInOrOut = changed.has('token') && Boolean(changed.get('token')) !== Boolean(this.token);
    if (((changed.has('route') && !this.routeInPlace) || signedInOrOut) && this.hasUpdated) this.focusPending = true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('route') && changed.get('route') !== undefined) this.writeUrl();
    if (!this.focusPending) return;
    this.focusPending = false;
    void this.focusHeading();
  }

  /** The URL follows the view: a new history entry per view, so the back button moves between them. */
  private writeUrl(): void {
    const hash = formatRoute(this.route);
    const replace = this.replaceUrl || this.routeInPlace;
    this.replaceUrl = this.routeInPlace = false;
    if (hash === location.hash) return;
    if (replace) history.replaceState(history.state, '', hash);
    else history.pushState(null, '', hash);
  }

  /** Back, forward or an edited URL: the same guard as a click, and a refusal puts the URL back as it was. */
  private readonly onHashChange = (): void => void this.followUrl();

  private async followUrl(): Promise<void> {
    const route = routeFromUrl(location.href);
    // A fragment that is not a route (an anchor of the host page) leaves the view alone.
    if (!route || formatRoute(route) === formatRoute(this.route)) return;
    const asked = location.href;
    if (!(await this.mayLeave())) {
      if (location.href === asked) history.replaceState(history.state, '', formatRoute(this.route));
      return;
    }
    // The URL may carry a form of the route that is not its own (`#/surveys/`, an unknown view): tidy it.
    this.replaceUrl = true;
    this.route = route;
  }

  private async focusHeading(): Promise<void> {
    const view = this.renderRoot.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('[data-view]');
    await view?.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[data-view] h1')?.focus();
  }

  private get t(): Translate {
    return translator(this.lang);
  }

  override render(): TemplateResult {
    return html`
      ${this.token ? this.renderApp() : this.host === 'slims' ? this.renderHostEnded() : this.renderSignIn()}
      <div class="toast ${this.toast?.tone === 'error' ? 'error' : ''}" role="status" aria-live="polite" aria-atomic="true"
        >${this.toast?.message ?? ''}</div>
      ${this.renderDialog()}
    `;
  }

  private renderSignIn(): TemplateResult {
    return html`
      <div class="signin-wrap">
        <div class="signin">
          ${this.renderBrand()}
          <slims-crm-admin-signin data-view .api=${this.client} .lang=${this.lang} .notice=${this.signInNotice} .demo=${this.demo}
            @slims-admin-session=${this.onSignedIn}></slims-crm-admin-signin>
          <div class="lang-row">${this.renderLangSwitch()}</div>
        </div>
      </div>
    `;
  }

  /** Inside SLiMS there is no sign-in of our own: SLiMS's session is the one that counts. */
  private renderHostEnded(): TemplateResult {
    return html`
      <div class="signin-wrap">
        <div class="signin" data-view>
          ${this.renderBrand()}
          <h1 tabindex="-1">${this.t('hostSessionTitle')}</h1>
          <p role="status">${this.hostEnded || this.t('hostSessionEnded')}</p>
          <button class="btn primary" type="button" @click=${() => location.reload()}>${this.t('hostReload')}</button>
        </div>
      </div>
    `;
  }

  /** Asks the host page for a new token; resolves with it, or null when none comes within 15 seconds. */
  private renewFromHost(): Promise<string | null> {
    if (this.host !== 'slims') return Promise.resolve(null);
    this.renewal ??= new Promise<string | null>((resolve) => {
      const timer = window.setTimeout(() => this.settleRenewal?.(null), 15_000);
      this.settleRenewal = (token) => {
        clearTimeout(timer);
        this.settleRenewal = null;
        this.renewal = null;
        resolve(token);
      };
      this.dispatchEvent(new CustomEvent('slims-admin-token-expired', { bubbles: true, composed: true }));
    });
    return this.renewal;
  }

  private renderApp(): TemplateResult {
    const t = this.t;
    return html`
      <a class="skip" href="#main" @click=${this.skipToMain}>${t('skipToMain')}</a>
      <header class="topbar">
        ${this.renderBrand()}
        <span class="spacer"></span>
        ${this.staffName ? html`<span class="who">${t('signedInAs', { name: this.staffName })}</span>` : nothing}
        ${this.renderLangSwitch()}
        ${this.tokenFromHost ? nothing : html`<button class="btn sm" type="button" @click=${this.signOut}>${t('signOut')}</button>`}
      </header>
      ${this.renderNav()}
      <main id="main" tabindex="-1" @slims-admin-navigate=${this.onNavigate} @slims-admin-replace-route=${this.onReplaceRoute}
        @slims-admin-status=${this.onStatus}>
        ${this.renderView()}
      </main>
    `;
  }

  private renderNav(): TemplateResult {
    const t = this.t;
    const current = sectionOf(this.route);
    const sections: [Section, Route, string][] = [
      ['surveys', { view: 'list' }, t('navPolls')],
      ['members', { view: 'members' }, t('navMembers')],
      ['segments', { view: 'segments' }, t('navSegments')],
      ['feedback', { view: 'feedback' }, t('navFeedback')],
      ['measures', { view: 'feedback-measures' }, t('navMeasures')],
      ['opac', { view: 'placements' }, t('navOpac')],
    ];
    return html`<nav class="sections" aria-label=${t('navLabel')}>
      ${sections.map(
        ([
          section,
          route,
          label,
        ]) => html`<a href=${formatRoute(route)} data-section=${section} aria-current=${current === section ? 'page' : 'false'}
          @click=${(e: MouseEvent) => this.goTo(e, route)}>${label}</a>`,
      )}
    </nav>`;
  }

  private async goTo(event: MouseEvent, route: Route): Promise<void> {
    // A link opened in a new tab or window is the browser's to follow.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (!(await this.mayLeave())) return;
    this.route = route;
  }

  private renderView(): TemplateResult | ReturnType<typeof keyed> {
    const r = this.route;
    const common = { api: this.client, lang: this.lang, ask: this.ask };
    switch (r.view) {
      case 'list':
        return html`<slims-crm-admin-list data-view .api=${common.api} .lang=${common.lang} .ask=${common.ask}></slims-crm-admin-list>`;
      // A survey's views are made anew for another survey (keyed), so nothing of the one before (its form,
      // its results, its timers) stays on screen when only the id in the URL changes.
      case 'new':
      case 'edit':
        return keyed(
          r.view === 'edit' ? r.id : 'new',
          html`<slims-crm-admin-builder data-view .api=${common.api} .lang=${common.lang} .ask=${common.ask}
            .surveyId=${r.view === 'edit' ? r.id : null}></slims-crm-admin-builder>`,
        );
      case 'results':
        return keyed(
          r.id,
          html`<slims-crm-admin-results data-view .api=${common.api} .lang=${common.lang} .ask=${common.ask}
            .surveyId=${r.id}></slims-crm-admin-results>`,
        );
      case 'embed':
        return keyed(
          r.id,
          html`<slims-crm-admin-embed data-view .api=${common.api} .lang=${common.lang} .ask=${common.ask}
            .surveyId=${r.id}></slims-crm-admin-embed>`,
        );
      case 'feedback':
        return html`<slims-crm-admin-feedback data-view .api=${common.api} .lang=${common.lang} .ask=${common.ask}
          .urlFilters=${r.filters ?? null}></slims-crm-admin-feedback>`;
      case 'feedback-item':
        return html`<slims-crm-admin-feedback-item data-view .api=${common.api} .lang=${common.lang} .ask=${common.ask}
          .itemId=${r.id}></slims-crm-admin-feedback-item>`;
      case 'feedback-measures':
        return html`<slims-crm-admin-feedback-measures data-view .api=${common.api} .lang=${common.lang}
          .ask=${common.ask}></slims-crm-admin-feedback-measures>`;
      case 'placements':
        return html`<slims-crm-admin-placements data-view .api=${common.api} .lang=${common.lang} .ask=${common.ask}></slims-crm-admin-placements>`;
      case 'members':
        return html`<slims-crm-admin-members data-view .api=${common.api} .lang=${common.lang} .ask=${common.ask}
          .urlFilters=${r.filters ?? null}></slims-crm-admin-members>`;
      case 'member':
        return html`<slims-crm-admin-member data-view .api=${common.api} .lang=${common.lang} .ask=${common.ask}
          .memberId=${r.id} .photoBase=${this.slimsRoot}></slims-crm-admin-member>`;
      case 'tiers':
        return html`<slims-crm-admin-tiers data-view .api=${common.api} .lang=${common.lang} .ask=${common.ask}></slims-crm-admin-tiers>`;
      // Keyed like a survey's views: another segment's URL makes the view anew, with nothing of the one before.
      case 'segments':
      case 'segment':
        return keyed(
          r.view === 'segment' ? r.id : 'new',
          html`<slims-crm-admin-segments data-view .api=${common.api} .lang=${common.lang} .ask=${common.ask}
            .segmentId=${r.view === 'segment' ? r.id : null}></slims-crm-admin-segments>`,
        );
    }
  }

  /**
   * SLiMS's root URL when SLiMS hosts the app (its admin pages are <root>/admin/…), where member photos are
   * (images/persons/); elsewhere the sidecar cannot know it, and profiles show no photo.
   */
  private get slimsRoot(): string | null {
    return this.host === 'slims' ? new URL('../', location.href).href : null;
  }

  private renderBrand(): TemplateResult {
    return html`<div class="brand">
      <span class="brand-mark" aria-hidden="true">CRM</span>
      <span>${this.t('appName')}<small>${this.t('appTagline')}</small></span>
    </div>`;
  }

  // The name starts with what the button shows (WCAG 2.5.3, label in name), so "click EN" works for voice
  // control, and goes on with the language's own name for a screen reader.
  private renderLangSwitch(): TemplateResult {
    const button = (lang: Lang, short: string, name: string) => html`<button type="button" lang=${lang}
      aria-pressed=${this.lang === lang ? 'true' : 'false'} aria-label="${short} (${name})" @click=${() => this.setLang(lang)}>${short}</button>`;
    return html`<div class="segmented" role="group" aria-label=${this.t('langLabel')}>
      ${button('id', 'ID', 'Bahasa Indonesia')}${button('en', 'EN', 'English')}
    </div>`;
  }

  private renderDialog(): TemplateResult {
    const a = this.asking;
    return html`<dialog aria-labelledby="confirm-title" aria-describedby="confirm-body" @cancel=${this.onDialogCancel}
      @close=${this.onDialogClose}>
      <h2 id="confirm-title">${a?.title ?? ''}</h2>
      <p id="confirm-body">${a?.body ?? ''}</p>
      <div class="dialog-actions">
        <button class="btn" type="button" value="cancel" autofocus @click=${() => this.settle(false)}>${a?.cancelLabel ?? this.t('cancel')}</button>
        <button class="btn ${a?.danger ? 'danger' : 'primary'}" type="button" value="confirm" @click=${() => this.settle(true)}>${a?.confirmLabel ?? ''}</button>
      </div>
    </dialog>`;
  }

  /** Asks the staff member to confirm, in a modal dialog; resolves false on cancel or Escape. */
  readonly ask = async (options: AskOptions): Promise<boolean> => {
    this.settle(false);
    this.asking = options;
    await this.updateComplete;
    const dialog = this.renderRoot.querySelector('dialog');
    if (!dialog) return false;
    dialog.showModal();
    return new Promise((resolve) => (this.answer = resolve));
  };

  /** Answers the pending question and closes the dialog. The buttons answer directly rather than
   * through the dialog's close event, which is queued (and, in a hidden tab, can wait a long time). */
  private settle(confirmed: boolean): void {
    const answer = this.answer;
    this.answer = null;
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
    answer?.(confirmed);
  }

  /** Closed some other way (a browser close request): that is a no. A queued close event that
   * arrives after the dialog was shown again belongs to the previous question: ignore it. */
  private onDialogClose(event: Event): void {
    if (!(event.target as HTMLDialogElement).open) this.settle(false);
  }

  private onDialogCancel(event: Event): void {
    event.preventDefault();
    this.settle(false);
  }

  private async onNavigate(event: CustomEvent<Route>): Promise<void> {
    event.stopPropagation();
    if (!(await this.mayLeave())) return;
    this.route = event.detail;
  }

  private onReplaceRoute(event: CustomEvent<Route>): void {
    event.stopPropagation();
    this.routeInPlace = true;
    this.route = event.detail;
  }

  private onStatus(event: CustomEvent<StatusDetail>): void {
    event.stopPropagation();
    this.showToast(event.detail);
  }

  private showToast(detail: StatusDetail): void {
    clearTimeout(this.toastTimer);
    this.toast = detail;
    this.toastTimer = window.setTimeout(() => (this.toast = null), detail.tone === 'error' ? 8000 : 5000);
  }

  /** The view shown: any view may hold unsaved work (the builder, a feedback reply or note being written). */
  private get editingView(): AdminView | null {
    return this.renderRoot.querySelector<AdminView>('[data-view]');
  }

  /** The unsaved-change guard: the view knows whether it holds changes. */
  private async mayLeave(): Promise<boolean> {
    const view = this.editingView;
    if (!view?.dirty) return true;
    const leave = await this.ask({
      title: this.t('unsavedTitle'),
      body: this.t('unsavedBody'),
      confirmLabel: this.t('unsavedConfirm'),
      cancelLabel: this.t('keepEditing'),
      danger: true,
    });
    if (leave) view.discard();
    return leave;
  }

  private onSignedIn(event: CustomEvent<Session>): void {
    const { token, staff } = event.detail;
    storage()?.setItem(TOKEN_KEY, token);
    storage()?.setItem(STAFF_KEY, staff.name);
    this.tokenFromHost = false;
    this.signInNotice = '';
    this.staffName = staff.name;
    this.token = token;
    this.dispatchEvent(
      new CustomEvent('slims-admin-signed-in', { detail: { name: staff.name }, bubbles: true, composed: true }),
    );
  }

  private async signOut(): Promise<void> {
    if (!(await this.mayLeave())) return;
    // Revoke the token at the sidecar first; the app forgets it whatever the answer (offline included).
    await this.client?.signOut();
    this.route = { view: 'list' };
    this.endSession(this.t('signedOut'));
  }

  /** A 401 on a call that carried our token: the session is over, whatever view we were in (an unsent feedback reply or note stays in the tab's storage for when the item is opened again); signing in again returns to that view. */
  private expire(): void {
    this.endSession(this.t('sessionExpired'));
  }

  private endSession(notice: string): void {
    storage()?.removeItem(TOKEN_KEY);
    storage()?.removeItem(STAFF_KEY);
    this.tokenFromHost = false;
    this.token = null;
    this.staffName = '';
    this.signInNotice = notice;
    this.dispatchEvent(new CustomEvent('slims-admin-signed-out', { bubbles: true, composed: true }));
  }

  private setLang(lang: Lang): void {
    this.lang = lang;
    try {
      localStorage.setItem(LANG_KEY, lang);
    } catch {
      // storage may be blocked; the switch still works for this page
    }
  }

  private skipToMain(event: Event): void {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('#main')?.focus();
  }
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

function safeLocal(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin': SlimsCrmAdmin;
  }
  interface GlobalEventHandlersEventMap {
    'slims-admin-signed-in': CustomEvent<{ name: string }>;
    'slims-admin-signed-out': CustomEvent<void>;
    'slims-admin-token-expired': CustomEvent<void>;
  }
}
