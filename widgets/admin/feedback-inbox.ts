// The feedback inbox: every suggestion, complaint, question and purchase request, filtered,
// searched and paged on the server; a row opens the item. Filters last for the browser tab and show
// in the URL (#/feedback?status=new), so a filtered inbox can be reloaded, or sent to a colleague.
import { html, nothing, type TemplateResult } from 'lit';
import {
  FEEDBACK_KINDS,
  FEEDBACK_STATUSES,
  tokenClaims,
  type ApiResult,
  type FeedbackPage,
  type FeedbackQuery,
  type FeedbackSort,
  type FeedbackSummary,
  type StaffApi,
  type StaffRef,
} from './api.ts';
import { PagedListView } from './paged-list.ts';
import { FEEDBACK_SORTS, formatFilters, formatRoute, type FeedbackFilters, type Route } from './routes.ts';
import { feedbackKindLabel, feedbackStatusLabel } from './view.ts';

const PAGE_SIZE = 25;
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

export class AdminFeedbackInbox extends PagedListView<Filters, FeedbackPage> {
  static override properties = {
    ...PagedListView.properties,
    staff: { state: true },
    categories: { state: true },
  };

  declare staff: StaffRef[];
  declare categories: string[];

  constructor() {
    super(restoreFilters());
    this.staff = [];
    this.categories = [];
  }

  protected get noFilters(): Filters {
    return noFilters;
  }

  protected formatFilters(filters: FeedbackFilters): string {
    return formatFilters(filters);
  }

  protected routeWith(filters: Filters): Route {
    return { view: 'feedback', filters };
  }

  protected fetchPage(api: StaffApi, filters: Filters): Promise<ApiResult<FeedbackPage>> {
    return api.listFeedback({ ...filters, pageSize: PAGE_SIZE });
  }

  /** With no filters in the URL, the inbox shows the tab's last ones. */
  protected override keepWithoutUrl(): boolean {
    return true;
  }

  protected override filtersChanged(filters: Filters): void {
    saveFilters(filters);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.loadChoices();
  }

  private get myUid(): number | null {
    return tokenClaims(this.api?.token ?? null).uid;
  }

  /** The staff and categories the filters offer; the inbox works without them. */
  private async loadChoices(): Promise<void> {
    if (!this.api) return;
    ({ staff: this.staff, categories: this.categories } = await this.api.feedbackChoices());
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
      return this.renderLoadFailure(this.error, this.forbidden, () => this.load());
    }
    const page = this.result;
    if (!page) return this.renderLoading();
    if (page.items.length === 0) {
      const words = {
        noMatchesTitle: t('fbNoMatchesTitle'),
        noMatches: t('fbNoMatches'),
        clear: t('fbClearFilters'),
        emptyTitle: t('fbEmptyTitle'),
        emptyBody: t('fbEmptyBody'),
      };
      return this.renderNoRows(this.filtered, words, () => this.clearFilters());
    }
    return html`
      <p class="muted small result-count" role="status">${t('fbTotal', { n: this.formatNumber(page.total), count: page.total })}</p>
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
      ${this.renderPager(page)}
    `;
  }

  private renderRow(item: FeedbackSummary): TemplateResult {
    const t = this.t;
    return html`<tr data-feedback=${item.id} @click=${(e: Event) => this.clickRow(e, { view: 'feedback-item', id: item.id })}>
      <td class="code-cell">
        <a href=${formatRoute({ view: 'feedback-item', id: item.id })} data-row-link @click=${(e: Event) => this.openRow(e, { view: 'feedback-item', id: item.id })}>${item.code}</a>
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

  private onRowKey(event: KeyboardEvent): void {
    this.moveBetweenRows(event, 'table.feedback [data-row-link]');
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
