// What every staff-app view shares: the API client, the language, navigation and status events,
// and rendering into the app's own shadow root (so one stylesheet and one id space serve them all).
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { FEEDBACK_WORDS } from '../../server/feedback/words.ts';
import {
  fieldProblems,
  type ApiError,
  type FeedbackKind,
  type FeedbackStatus,
  type Lang,
  type StaffApi,
  type State,
  type SurveySummary,
} from './api.ts';
import { locale, translator, type MessageKey, type Translate } from './i18n.ts';
import type { Route } from './routes.ts';

/** The app's sections, as the navigation shows them. */
export type Section = 'surveys' | 'members' | 'segments' | 'feedback' | 'measures' | 'opac';

export function sectionOf(route: Route): Section {
  if (route.view === 'feedback' || route.view === 'feedback-item') return 'feedback';
  if (route.view === 'feedback-measures') return 'measures';
  if (route.view === 'placements') return 'opac';
  if (route.view === 'members' || route.view === 'member' || route.view === 'tiers') return 'members';
  if (route.view === 'segments' || route.view === 'segment') return 'segments';
  return 'surveys';
}

export interface StatusDetail {
  message: string;
  tone: 'info' | 'error';
}

export interface AskOptions {
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
}

export type Ask = (options: AskOptions) => Promise<boolean>;

declare global {
  interface GlobalEventHandlersEventMap {
    'slims-admin-navigate': CustomEvent<Route>;
    /** The same view with a new state for the URL (the inbox's filters): no history entry, no guard. */
    'slims-admin-replace-route': CustomEvent<Route>;
    'slims-admin-status': CustomEvent<StatusDetail>;
  }
}

export class AdminView extends LitElement {
  static override properties = {
    api: { attribute: false },
    lang: {},
    ask: { attribute: false },
  };

  declare api: StaffApi | null;
  declare lang: Lang;
  declare ask: Ask;

  constructor() {
    super();
    this.api = null;
    this.lang = 'id';
    this.ask = () => Promise.resolve(true);
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('beforeunload', this.onBeforeUnload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  /** True while the view holds work not yet saved or sent: the shell asks before leaving it, the browser before unloading. */
  get dirty(): boolean {
    return false;
  }

  /** Forget that work (the shell calls this once the staff member chose to leave). */
  discard(): void {}

  /** Closing the tab or leaving the SLiMS page would lose the unsaved work. */
  private readonly onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!this.dirty) return;
    event.preventDefault();
    event.returnValue = '';
  };

  protected get t(): Translate {
    return translator(this.lang);
  }

  protected navigate(route: Route): void {
    this.dispatchEvent(new CustomEvent('slims-admin-navigate', { detail: route, bubbles: true, composed: true }));
  }

  protected replaceRoute(route: Route): void {
    this.dispatchEvent(new CustomEvent('slims-admin-replace-route', { detail: route, bubbles: true, composed: true }));
  }

  protected announce(message: string, tone: StatusDetail['tone'] = 'info'): void {
    this.dispatchEvent(
      new CustomEvent('slims-admin-status', { detail: { message, tone }, bubbles: true, composed: true }),
    );
  }

  /** The server's message (already in our language) or ours when there is none. */
  protected errorMessage(error: ApiError): string {
    if (error.code === 'network_error') return this.t('networkError');
    if (error.code === 'origin_not_allowed') return this.t('originRefused', { origin: location.origin });
    return error.message || this.t('genericError', { code: error.code });
  }

  /** What a refused write says beside its form: the fields' problems when the server named them, else its message. */
  protected refusal(error: ApiError): string {
    const details = fieldProblems(error).map((p) => p.message);
    return details.length ? details.join(' ') : this.errorMessage(error);
  }

  /** A view whose data could not come: why, and a retry unless the staff member may not see it at all. */
  protected renderLoadFailure(message: string, forbidden: boolean, retry: () => unknown): TemplateResult {
    const t = this.t;
    return html`<div class="notice error" role="alert" data-error=${forbidden ? 'forbidden' : 'failed'}>
      ${forbidden ? html`<strong>${t('forbiddenTitle')}</strong>` : nothing}${message}
      ${forbidden ? nothing : html`<div><button class="btn sm" type="button" @click=${() => void retry()}>${t('retry')}</button></div>`}
    </div>`;
  }

  /** A view waiting for its data. */
  protected renderLoading(): TemplateResult {
    return html`<div class="card" aria-busy="true"><p class="muted">${this.t('loading')}</p></div>`;
  }

  protected formatDate(iso: string | null, withTime = true): string {
    if (!iso) return '';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(
      locale(this.lang),
      withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' },
    ).format(date);
  }

  /** A calendar day in the library's time ('YYYY-MM-DD', as SLiMS and the measures keep days), whatever the browser's zone. */
  protected formatDay(day: string, options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }): string {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
    return new Intl.DateTimeFormat(locale(this.lang), { ...options, timeZone: 'UTC' }).format(
      new Date(`${day}T00:00:00Z`),
    );
  }

  protected formatNumber(value: number, fractionDigits = 0): string {
    return new Intl.NumberFormat(locale(this.lang), { maximumFractionDigits: fractionDigits }).format(value);
  }

  /** "3 hari yang lalu": how long ago, in the largest unit that fits. */
  protected formatAge(iso: string, now = Date.now()): string {
    const then = Date.parse(iso);
    if (Number.isNaN(then)) return iso;
    const minutes = Math.round((then - now) / 60_000);
    const rtf = new Intl.RelativeTimeFormat(locale(this.lang), { numeric: 'auto' });
    if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
    const hours = Math.round(minutes / 60);
    if (Math.abs(hours) < 24) return rtf.format(hours, 'hour');
    const days = Math.round(hours / 24);
    if (Math.abs(days) < 30) return rtf.format(days, 'day');
    const months = Math.round(days / 30.4);
    return Math.abs(months) < 12 ? rtf.format(months, 'month') : rtf.format(Math.round(days / 365), 'year');
  }

  /** Up and down arrows (Home, End) move between the rows' links (`selector`) of a table, like a list. */
  protected moveBetweenRows(event: KeyboardEvent, selector: string): void {
    const links = [...this.querySelectorAll<HTMLElement>(selector)];
    const at = links.indexOf(event.target as HTMLElement);
    if (at < 0) return;
    const to = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: links.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    links[Math.max(0, Math.min(links.length - 1, to))]?.focus();
  }

  /** Hands a fetched file to the browser as a download (the staff token never goes in a URL). */
  protected saveFile(blob: Blob, filename: string): void {
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.hidden = true;
    this.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }

  /** Moves focus to an element of the app by id, once the view has rendered. */
  protected async focusId(id: string): Promise<void> {
    await this.updateComplete;
    const root = this.getRootNode() as Document | ShadowRoot;
    const target = root.getElementById?.(id) as HTMLElement | null;
    target?.focus();
  }
}

const stateKeys: Record<State, MessageKey> = {
  draft: 'stateDraft',
  open: 'stateOpen',
  closed: 'stateClosed',
  scheduled: 'stateScheduled',
};

export function stateLabel(t: Translate, state: State): string {
  return t(stateKeys[state]);
}

export function kindLabel(t: Translate, kind: SurveySummary['kind']): string {
  return t(kind === 'poll' ? 'kindPoll' : 'kindSurvey');
}

// A suggestion's kinds and statuses read as the server's table says them, in the e-mails too; an unknown one as it is.
export function feedbackStatusLabel(lang: Lang, status: FeedbackStatus): string {
  return FEEDBACK_WORDS[lang].statuses[status] ?? status;
}

export function feedbackKindLabel(lang: Lang, kind: FeedbackKind): string {
  return FEEDBACK_WORDS[lang].kinds[kind] ?? kind;
}
