// The member search: SLiMS's members found by name, card number, e-mail, phone or institution, filtered by
// type, expiry and tier, paged on the server; a row opens the member's profile. The search shows in the URL
// (#/members?q=siti&type=2), so it can be reloaded, or sent to a colleague.
import { html, nothing, type TemplateResult } from 'lit';
import {
  MEMBER_TIERS,
  type ApiResult,
  type MemberPage,
  type StaffApi,
  type MemberSummary,
  type MemberTier,
} from './api.ts';
import type { MessageKey } from './i18n.ts';
import { PagedListView } from './paged-list.ts';
import { formatMemberFilters, formatRoute, type MemberFilters, type Route } from './routes.ts';

const PAGE_SIZE = 25;

type Filters = Required<MemberFilters>;

const noFilters: Filters = { q: '', type: '', expiry: '', tier: '', page: 1 };

export const TIER_KEYS: Record<MemberTier, MessageKey> = {
  new: 'mbTierNew',
  active: 'mbTierActive',
  loyal: 'mbTierLoyal',
  at_risk: 'mbTierAtRisk',
  lapsed: 'mbTierLapsed',
};

export class AdminMembers extends PagedListView<Filters, MemberPage> {
  constructor() {
    super({ ...noFilters });
  }

  protected get noFilters(): Filters {
    return noFilters;
  }

  protected formatFilters(filters: MemberFilters): string {
    return formatMemberFilters(filters);
  }

  protected routeWith(filters: Filters): Route {
    return { view: 'members', filters };
  }

  protected fetchPage(api: StaffApi, filters: Filters): Promise<ApiResult<MemberPage>> {
    return api.listMembers({ ...filters, pageSize: PAGE_SIZE });
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
        <a class="btn" href="#/tiers" data-tiers-link>${t('trTitle')}</a>
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
      return this.renderLoadFailure(this.error, this.forbidden, () => this.load());
    }
    const page = this.result;
    if (!page) return this.renderLoading();
    if (page.items.length === 0) {
      const words = {
        noMatchesTitle: t('mbNoMatchesTitle'),
        noMatches: this.filters.tier ? t('mbTierHint') : t('mbNoMatches'),
        clear: t('mbClearFilters'),
        emptyTitle: t('mbEmptyTitle'),
        emptyBody: t('mbEmptyBody'),
      };
      return this.renderNoRows(this.filtered, words, () => this.clearFilters());
    }
    return html`
      <p class="muted small result-count" role="status">${t('mbTotal', { n: this.formatNumber(page.total), count: page.total })}</p>
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
      ${this.renderPager(page)}
    `;
  }

  private renderRow(member: MemberSummary): TemplateResult {
    const t = this.t;
    return html`<tr data-member=${member.id} @click=${(e: Event) => this.clickRow(e, { view: 'member', id: member.id })}>
      <td class="name-cell">
        <a href=${formatRoute({ view: 'member', id: member.id })} data-row-link @click=${(e: Event) => this.openRow(e, { view: 'member', id: member.id })}>${member.name}</a>
      </td>
      <td data-label=${t('mbColCard')} class="code">${member.id}</td>
      <td data-label=${t('mbType')}>${member.type?.name ?? t('mbNone')}</td>
      <td data-label=${t('mbColInstitution')}>${member.institution ?? t('mbNone')}</td>
      <td data-label=${t('mbColExpiry')}>
        <time datetime=${member.expireDate}>${this.formatDay(member.expireDate)}</time>
        ${member.expired ? html`<span class="badge closed">${t('mbExpired')}</span>` : nothing}
        ${member.pending ? html`<span class="badge draft">${t('mbPending')}</span>` : nothing}
      </td>
      <td data-label=${t('mbTier')} class="muted">${member.tier ? `${t(TIER_KEYS[member.tier])} · ${member.score ?? ''}` : t('mbNone')}</td>
    </tr>`;
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
