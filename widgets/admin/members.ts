// The member search: SLiMS's members found by name, card number, e-mail, phone or institution, filtered by
// type, expiry and tier, paged on the server; a row opens the member's profile. The search shows in the URL
// (#/members?q=siti&type=2), so it can be reloaded, or sent to a colleague.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { MEMBER_TIERS, type MemberPage, type MemberSummary, type MemberTier } from './api.ts';
import type { MessageKey } from './i18n.ts';
import { formatMemberFilters, formatRoute, type MemberFilters } from './routes.ts';
import { AdminView } from './view.ts';

const PAGE_SIZE = 25;
const SEARCH_DELAY_MS = 300;

type Filters = Required<MemberFilters>;

const noFilters: Filters = { q: '', type: '', expiry: '', tier: '', page: 1 };

export const TIER_KEYS: Record<MemberTier, MessageKey> = {
  new: 'mbTierNew',
  active: 'mbTierActive',
  loyal: 'mbTierLoyal',
  at_risk: 'mbTierAtRisk',
  lapsed: 'mbTierLapsed',
};

export class AdminMembers extends AdminView {
  static override properties = {
    ...AdminView.properties,
    urlFilters: { attribute: false },
    filters: { state: true },
    search: { state: true },
    result: { state: true },
    error: { state: true },
    forbidden: { state: true },
    loading: { state: true },
  };

  /** The search the URL asks for; null when it names none. */
  declare urlFilters: MemberFilters | null;
  declare filters: Filters;
  /** What is in the search box; becomes `filters.q` once typing pauses. */
  declare search: string;
  declare result: MemberPage | null;
  declare error: string;
  declare forbidden: boolean;
  declare loading: boolean;

  private searchTimer = 0;
  private requestSeq = 0;
  /** The filters last put in the URL: when they come back as `urlFilters`, they are ours, not news. */
  private reported = '';

  constructor() {
    super();
    this.urlFilters = null;
    this.filters = { ...noFilters };
    this.search = '';
    this.result = null;
    this.error = '';
    this.forbidden = false;
    this.loading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.followUrl();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Back or forward to the list with another search: show what that URL asked for.
    if (changed.has('urlFilters') && this.hasUpdated && this.followUrl()) void this.load();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('filters')) return;
    this.reported = formatMemberFilters(this.filters);
    this.replaceRoute({ view: 'members', filters: this.filters });
  }

  /** Takes the URL's search when it differs from the one shown; true when it did. */
  private followUrl(): boolean {
    const asked = formatMemberFilters(this.urlFilters ?? {});
    if (asked === this.reported || asked === formatMemberFilters(this.filters)) return false;
    clearTimeout(this.searchTimer);
    this.filters = { ...noFilters, ...this.urlFilters };
    this.search = this.filters.q;
    return true;
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    const seq = ++this.requestSeq;
    this.loading = true;
    const result = await this.api.listMembers({ ...this.filters, pageSize: PAGE_SIZE });
    // A slower answer to an older search must not replace a newer one.
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

  private setFilters(change: Partial<Filters>): void {
    clearTimeout(this.searchTimer);
    this.filters = { ...this.filters, page: 1, ...change };
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
    this.setFilters({ ...noFilters });
    void this.focusId('mb-search');
  }

  override render(): TemplateResult {
    const t = this.t;
    return html`
      <div class="page-head">
        <div class="grow">
          <h1 tabindex="-1">${t('mbListTitle')}</h1>
          <p class="muted">${t('mbListIntro')}</p>
        </div>
      </div>
      ${this.forbidden ? nothing : this.renderFilters()}
      ${this.renderBody()}
    `;
  }

  private renderFilters(): TemplateResult {
    const t = this.t;
    const f = this.filters;
    const option = (value: string, label: string, current: string) =>
      html`<option value=${value} ?selected=${value === current}>${label}</option>`;
    const select = (
      id: string,
      label: string,
      options: TemplateResult[],
      change: (value: string) => void,
      hint?: string,
    ) =>
      html`<div class="field">
        <label for=${id}>${label}</label>
        <select id=${id} aria-describedby=${hint ? `${id}-hint` : nothing}
          @change=${(e: Event) => change((e.target as HTMLSelectElement).value)}>${options}</select>
        ${hint ? html`<span id="${id}-hint" class="visually-hidden">${hint}</span>` : nothing}
      </div>`;
    const types = this.result?.types ?? [];
    const knownType = f.type === '' || types.some((type) => String(type.id) === f.type);
    return html`<div class="toolbar">
      <form class="field search" role="search" @submit=${this.onSearchSubmit}>
        <label for="mb-search">${t('mbSearch')}</label>
        <input id="mb-search" type="search" .value=${this.search} aria-describedby="mb-search-hint" @input=${this.onSearchInput} />
        <span id="mb-search-hint" class="hint">${t('mbSearchHint')}</span>
      </form>
      ${select(
        'mb-type',
        t('mbType'),
        [
          option('', t('filterAll'), f.type),
          ...types.map((type) => option(String(type.id), type.name, f.type)),
          ...(knownType ? [] : [option(f.type, f.type, f.type)]),
        ],
        (v) => this.setFilters({ type: v }),
      )}
      ${select(
        'mb-expiry',
        t('mbExpiry'),
        [
          option('', t('filterAll'), f.expiry),
          option('active', t('mbExpiryActive'), f.expiry),
          option('expiring', t('mbExpiring'), f.expiry),
          option('expired', t('mbExpiryExpired'), f.expiry),
        ],
        (v) => this.setFilters({ expiry: v as Filters['expiry'] }),
      )}
      ${select(
        'mb-tier',
        t('mbTier'),
        [option('', t('filterAll'), f.tier), ...MEMBER_TIERS.map((tier) => option(tier, t(TIER_KEYS[tier]), f.tier))],
        (v) => this.setFilters({ tier: v as Filters['tier'] }),
        t('mbTierHint'),
      )}
    </div>`;
  }

  private get filtered(): boolean {
    const { q, type, expiry, tier } = this.filters;
    return Boolean(q || type || expiry || tier);
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
            <h2>${t('mbNoMatchesTitle')}</h2>
            <p class="muted">${this.filters.tier ? t('mbTierHint') : t('mbNoMatches')}</p>
            <button class="btn" type="button" @click=${this.clearFilters}>${t('mbClearFilters')}</button>
          </div>`
        : html`<div class="card empty" role="status">
            <h2>${t('mbEmptyTitle')}</h2>
            <p class="muted">${t('mbEmptyBody')}</p>
          </div>`;
    }
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    return html`
      <p class="muted small result-count" role="status">${t('mbTotal', { n: this.formatNumber(page.total) })}</p>
      <div class="card table-card">
        <table class="members" aria-busy=${this.loading ? 'true' : 'false'} aria-describedby="mb-keys-hint">
          <thead>
            <tr>
              <th scope="col">${t('mbColName')}</th>
              <th scope="col">${t('mbColCard')}</th>
              <th scope="col">${t('mbType')}</th>
              <th scope="col">${t('mbColInstitution')}</th>
              <th scope="col">${t('mbColExpiry')}</th>
              <th scope="col">${t('mbTier')}</th>
            </tr>
          </thead>
          <tbody @keydown=${this.onRowKey}>${page.items.map((member) => this.renderRow(member))}</tbody>
        </table>
        <p id="mb-keys-hint" class="visually-hidden">${t('mbKeysHint')}</p>
      </div>
      ${
        pages > 1
          ? html`<nav class="pager" aria-label=${t('fbPages')}>
            <button class="btn sm" type="button" data-page="prev" ?disabled=${page.page <= 1}
              @click=${() => this.setFilters({ page: page.page - 1 })}>${t('fbPrev')}</button>
            <span aria-current="page">${t('fbPageOf', { page: this.formatNumber(page.page), pages: this.formatNumber(pages) })}</span>
            <button class="btn sm" type="button" data-page="next" ?disabled=${page.page >= pages}
              @click=${() => this.setFilters({ page: page.page + 1 })}>${t('fbNext')}</button>
          </nav>`
          : nothing
      }
    `;
  }

  private renderRow(member: MemberSummary): TemplateResult {
    const t = this.t;
    return html`<tr data-member=${member.id} @click=${(e: Event) => this.onRowClick(e, member.id)}>
      <td class="name-cell">
        <a href=${formatRoute({ view: 'member', id: member.id })} data-row-link @click=${(e: Event) => this.open(e, member.id)}>${member.name}</a>
      </td>
      <td data-label=${t('mbColCard')} class="code">${member.id}</td>
      <td data-label=${t('mbType')}>${member.type?.name ?? t('mbNone')}</td>
      <td data-label=${t('mbColInstitution')}>${member.institution ?? t('mbNone')}</td>
      <td data-label=${t('mbColExpiry')}>
        <time datetime=${member.expireDate}>${this.formatDay(member.expireDate)}</time>
        ${member.expired ? html`<span class="badge closed">${t('mbExpired')}</span>` : nothing}
        ${member.pending ? html`<span class="badge draft">${t('mbPending')}</span>` : nothing}
      </td>
      <td data-label=${t('mbTier')} class="muted">${member.tier ? t(TIER_KEYS[member.tier]) : t('mbNone')}</td>
    </tr>`;
  }

  private open(event: Event, id: string): void {
    event.preventDefault();
    event.stopPropagation();
    this.navigate({ view: 'member', id });
  }

  /** A pointer on the row opens the profile too; the link is what the keyboard uses. */
  private onRowClick(event: Event, id: string): void {
    if ((event.target as Element).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    this.navigate({ view: 'member', id });
  }

  private onRowKey(event: KeyboardEvent): void {
    this.moveBetweenRows(event, 'table.members [data-row-link]');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-members': AdminMembers;
  }
}
