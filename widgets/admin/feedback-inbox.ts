// The feedback inbox: every suggestion, complaint, question and purchase request, filtered,
// searched and paged on the server; a row opens the item. Filters last for the browser tab and show
// in the URL (#/feedback?status=new), so a filtered inbox can be reloaded, or sent to a colleague.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import {
  FEEDBACK_KINDS,
  FEEDBACK_STATUSES,
  tokenClaims,
  type FeedbackPage,
  type FeedbackQuery,
  type FeedbackSort,
  type FeedbackSummary,
  type StaffRef,
} from './api.ts';
import { FEEDBACK_SORTS, formatFilters, formatRoute, type FeedbackFilters } from './routes.ts';
import { AdminView, feedbackKindLabel, feedbackStatusLabel } from './view.ts';

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;
const FILTERS_KEY = 'slims-crm:feedback-filters';

type Filters = Required<Omit<FeedbackQuery, 'pageSize'>>;

const noFilters: Filters = {
  status: '',
  kind: '',
  category: '',
  assigned: '',
  published: '',
  q: '',
  sort: 'newest',
  page: 1,
};

export class AdminFeedbackInbox extends AdminView {
  static override properties = {
    ...AdminView.properties,
    urlFilters: { attribute: false },
    filters: { state: true },
    search: { state: true },
    result: { state: true },
    error: { state: true },
    forbidden: { state: true },
    loading: { state: true },
    staff: { state: true },
    categories: { state: true },
  };

  /** The filters the URL asks for; null when it names none (the tab's last filters then apply). */
  declare urlFilters: FeedbackFilters | null;
  declare filters: Filters;
  /** What is in the search box; becomes `filters.q` once typing pauses. */
  declare search: string;
  declare result: FeedbackPage | null;
  declare error: string;
  declare forbidden: boolean;
  declare loading: boolean;
  declare staff: StaffRef[];
  declare categories: string[];

  private searchTimer = 0;
  private requestSeq = 0;
  /** The filters last put in the URL: when they come back as `urlFilters`, they are ours, not news. */
  private reported = '';

  constructor() {
    super();
    this.urlFilters = null;
    this.filters = restoreFilters();
    this.search = this.filters.q;
    this.result = null;
    this.error = '';
    this.forbidden = false;
    this.loading = false;
    this.staff = [];
    this.categories = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.followUrl();
    void this.load();
    void this.loadChoices();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Back or forward to the inbox with other filters: show what that URL asked for.
    if (changed.has('urlFilters') && this.hasUpdated && this.followUrl()) void this.load();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('filters')) return;
    this.reported = formatFilters(this.filters);
    this.replaceRoute({ view: 'feedback', filters: this.filters });
  }

  /** Takes the URL's filters when they differ from those shown; true when they did. */
  private followUrl(): boolean {
    const wanted = this.urlFilters;
    const asked = wanted && formatFilters(wanted);
    if (!wanted || asked === this.reported || asked === formatFilters(this.filters)) return false;
    clearTimeout(this.searchTimer);
    this.filters = { ...noFilters, ...wanted };
    this.search = this.filters.q;
    saveFilters(this.filters);
    return true;
  }

  private get myUid(): number | null {
    return tokenClaims(this.api?.token ?? null).uid;
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    const seq = ++this.requestSeq;
    this.loading = true;
    const result = await this.api.listFeedback({ ...this.filters, pageSize: PAGE_SIZE });
    // A slower answer to an older filter must not replace a newer one.
    if (seq !== this.requestSeq) return;
    this.loading = false;
    if (result.ok) {
      this.result = result.data;
      this.error = '';
      this.forbidden = false;
    } else if (result.status !== 401) {
      this.error = this.errorMessage(result.error);
      this.forbidden = result.status === 403;
    }
  }

  /** The staff and categories the filters offer; the inbox works without them. */
  private async loadChoices(): Promise<void> {
    if (!this.api) return;
    ({ staff: this.staff, categories: this.categories } = await this.api.feedbackChoices());
  }

  private setFilters(change: Partial<Filters>): void {
    clearTimeout(this.searchTimer);
    this.filters = { ...this.filters, page: 1, ...change };
    saveFilters(this.filters);
    void this.load();
  }

  private onSearchInput(event: Event): void {
    this.search = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = window.setTimeout(() => {
      if (this.search.trim() !== this.filters.q) this.setFilters({ q: this.search.trim() });
    }, SEARCH_DELAY_MS);
  }

  private onSearchSubmit(event: Event): void {
    event.preventDefault();
    this.setFilters({ q: this.search.trim() });
  }

  private clearFilters(): void {
    this.search = '';
    this.setFilters({ ...noFilters, sort: this.filters.sort });
    void this.focusId('fb-search');
  }

  private get filtered(): boolean {
    const { status, kind, category, assigned, published, q } = this.filters;
    return Boolean(status || kind || category || assigned || published || q);
  }

  override render(): TemplateResult {
    const t = this.t;
    return html`
      <div class="page-head">
        <div class="grow">
          <h1 tabindex="-1">${t('fbInboxTitle')}</h1>
          <p class="muted">${t('fbInboxIntro')}</p>
        </div>
      </div>
      ${this.forbidden ? nothing : this.renderFilters()}
      ${this.renderBody()}
    `;
  }

  private renderFilters(): TemplateResult {
    const t = this.t;
    const f = this.filters;
    const counts = this.result?.counts;
    const total = counts ? FEEDBACK_STATUSES.reduce((sum, s) => sum + (counts[s] ?? 0), 0) : null;
    const tab = (value: Filters['status'], label: string, count: number | null | undefined) =>
      html`<button type="button" class="tab" data-status=${value || 'all'} aria-pressed=${f.status === value ? 'true' : 'false'}
        @click=${() => this.setFilters({ status: value })}>${label}${count == null ? nothing : html` <span class="count">${this.formatNumber(count)}</span>`}</button>`;
    const select = (id: string, label: string, options: TemplateResult[], change: (value: string) => void) =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} @change=${(e: Event) => change((e.target as HTMLSelectElement).value)}>${options}</select>
      </div>`;
    const option = (value: string, label: string, current: string) =>
      html`<option value=${value} ?selected=${value === current}>${label}</option>`;
    const me = this.myUid;
    const categories =
      f.category && !this.categories.includes(f.category) ? [...this.categories, f.category] : this.categories;
    return html`
      <div class="status-tabs" role="group" aria-label=${t('fbFilterStatus')}>
        ${tab('', t('filterAll'), total)}
        ${FEEDBACK_STATUSES.map((s) => tab(s, feedbackStatusLabel(this.lang, s), counts?.[s]))}
      </div>
      <div class="toolbar">
        <form class="field search" role="search" @submit=${this.onSearchSubmit}>
          <label for="fb-search">${t('fbSearch')}</label>
          <input id="fb-search" type="search" .value=${this.search} aria-describedby="fb-search-hint" @input=${this.onSearchInput} />
          <span id="fb-search-hint" class="visually-hidden">${t('fbSearchHint')}</span>
        </form>
        ${select(
          'fb-kind',
          t('fbFilterKind'),
          [
            option('', t('filterAll'), f.kind),
            ...FEEDBACK_KINDS.map((k) => option(k, feedbackKindLabel(this.lang, k), f.kind)),
          ],
          (v) => this.setFilters({ kind: v as Filters['kind'] }),
        )}
        ${select(
          'fb-category',
          t('fbCategory'),
          [option('', t('filterAll'), f.category), ...categories.map((c) => option(c, c, f.category))],
          (v) => this.setFilters({ category: v }),
        )}
        ${select(
          'fb-assigned',
          t('fbAssigned'),
          [
            option('', t('filterAll'), f.assigned),
            ...(me === null ? [] : [option(String(me), t('fbAssignedMe'), f.assigned)]),
            option('none', t('fbUnassigned'), f.assigned),
            ...this.staff.filter((s) => s.uid !== me).map((s) => option(String(s.uid), s.name, f.assigned)),
          ],
          (v) => this.setFilters({ assigned: v }),
        )}
        ${select(
          'fb-published',
          t('fbFilterBoard'),
          [
            option('', t('filterAll'), f.published),
            option('1', t('fbPublished'), f.published),
            option('0', t('fbHidden'), f.published),
          ],
          (v) => this.setFilters({ published: v as Filters['published'] }),
        )}
        ${select(
          'fb-sort',
          t('fbSort'),
          FEEDBACK_SORTS.map((s) => option(s, t(SORT_KEYS[s]), f.sort)),
          (v) => this.setFilters({ sort: v as FeedbackSort }),
        )}
      </div>
    `;
  }

  private renderBody(): TemplateResult {
    const t = this.t;
    if (this.error) {
      return html`<div class="notice error" role="alert" data-error=${this.forbidden ? 'forbidden' : 'failed'}>
        ${this.forbidden ? html`<strong>${t('forbiddenTitle')}</strong>` : nothing}
        ${this.error}
        ${this.forbidden ? nothing : html`<div><button class="btn sm" type="button" @click=${this.load}>${t('retry')}</button></div>`}
      </div>`;
    }
    const page = this.result;
    if (!page) return html`<div class="card" aria-busy="true"><p class="muted">${t('loading')}</p></div>`;
    if (page.items.length === 0) {
      return this.filtered
        ? html`<div class="card empty" role="status">
            <h2>${t('fbNoMatchesTitle')}</h2>
            <p class="muted">${t('fbNoMatches')}</p>
            <button class="btn" type="button" @click=${this.clearFilters}>${t('fbClearFilters')}</button>
          </div>`
        : html`<div class="card empty" role="status">
            <h2>${t('fbEmptyTitle')}</h2>
            <p class="muted">${t('fbEmptyBody')}</p>
          </div>`;
    }
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    return html`
      <p class="muted small result-count" role="status">${t('fbTotal', { n: this.formatNumber(page.total) })}</p>
      <div class="card table-card">
        <table class="feedback" aria-busy=${this.loading ? 'true' : 'false'} aria-describedby="fb-keys-hint">
          <thead>
            <tr>
              <th scope="col">${t('fbColCode')}</th>
              <th scope="col">${t('colKind')}</th>
              <th scope="col">${t('fbColText')}</th>
              <th scope="col">${t('colState')}</th>
              <th scope="col" class="num">${t('fbColVotes')}</th>
              <th scope="col">${t('fbAssigned')}</th>
              <th scope="col">${t('fbColAge')}</th>
            </tr>
          </thead>
          <tbody @keydown=${this.onRowKey}>${page.items.map((item) => this.renderRow(item))}</tbody>
        </table>
        <p id="fb-keys-hint" class="visually-hidden">${t('fbKeysHint')}</p>
      </div>
      ${
        pages > 1
          ? html`<nav class="pager" aria-label=${t('fbPages')}>
            <button class="btn sm" type="button" data-page="prev" ?disabled=${page.page <= 1}
              @click=${() => this.goToPage(page.page - 1)}>${t('fbPrev')}</button>
            <span aria-current="page">${t('fbPageOf', { page: this.formatNumber(page.page), pages: this.formatNumber(pages) })}</span>
            <button class="btn sm" type="button" data-page="next" ?disabled=${page.page >= pages}
              @click=${() => this.goToPage(page.page + 1)}>${t('fbNext')}</button>
          </nav>`
          : nothing
      }
    `;
  }

  private renderRow(item: FeedbackSummary): TemplateResult {
    const t = this.t;
    return html`<tr data-feedback=${item.id} @click=${(e: Event) => this.onRowClick(e, item.id)}>
      <td class="code-cell">
        <a href=${formatRoute({ view: 'feedback-item', id: item.id })} data-row-link @click=${(e: Event) => this.open(e, item.id)}>${item.code}</a>
        ${item.published ? html`<span class="small muted">${t('fbPublished')}</span>` : nothing}
      </td>
      <td data-label=${t('colKind')}><span class="kind">${feedbackKindLabel(this.lang, item.kind)}</span></td>
      <td data-label=${t('fbColText')} class="snippet">
        ${item.purchase ? html`<strong>${item.purchase.title}</strong> ` : nothing}<span>${firstWords(item.text)}</span>
        ${item.category ? html`<span class="tag">${item.category}</span>` : nothing}
      </td>
      <td data-label=${t('colState')}><span class="badge fb-${item.status}">${feedbackStatusLabel(this.lang, item.status)}</span></td>
      <td data-label=${t('fbColVotes')} class="num">${this.formatNumber(item.votes)}</td>
      <td data-label=${t('fbAssigned')}>${item.assigned ? item.assigned.name : html`<span class="muted">${t('fbUnassigned')}</span>`}</td>
      <td data-label=${t('fbColAge')} class="small"><time datetime=${item.createdAt} title=${this.formatDate(item.createdAt)}>${this.formatAge(item.createdAt)}</time></td>
    </tr>`;
  }

  private open(event: Event, id: number): void {
    event.preventDefault();
    event.stopPropagation();
    this.navigate({ view: 'feedback-item', id });
  }

  /** A pointer on the row opens the item too; the link is what the keyboard uses. */
  private onRowClick(event: Event, id: number): void {
    if ((event.target as Element).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    this.navigate({ view: 'feedback-item', id });
  }

  private onRowKey(event: KeyboardEvent): void {
    this.moveBetweenRows(event, 'table.feedback [data-row-link]');
  }

  private goToPage(page: number): void {
    this.setFilters({ page });
  }
}

const SORT_KEYS = {
  newest: 'fbSortNewest',
  oldest: 'fbSortOldest',
  votes: 'fbSortVotes',
  updated: 'fbSortUpdated',
} as const;

/** The start of a text for a row: whole words up to about 120 characters. */
function firstWords(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function restoreFilters(): Filters {
  try {
    const saved = JSON.parse(sessionStorage.getItem(FILTERS_KEY) ?? 'null') as Partial<Filters> | null;
    if (saved && typeof saved === 'object') {
      const known = Object.fromEntries(
        Object.entries(saved).filter(([k, v]) => k in noFilters && typeof v === typeof noFilters[k as keyof Filters]),
      );
      return { ...noFilters, ...known };
    }
  } catch {
    // storage blocked or spoilt: start afresh
  }
  return { ...noFilters };
}

function saveFilters(filters: Filters): void {
  try {
    sessionStorage.setItem(FILTERS_KEY, JSON.stringify(filters));
  } catch {
    // storage blocked: the filters last until the view closes
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-feedback': AdminFeedbackInbox;
  }
}
