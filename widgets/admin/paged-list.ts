// What the staff app's searchable lists share (the feedback inbox, the member search): filters that show in the
// URL, so a list can be reloaded or sent to a colleague, and follow it on back and forward; a search box that
// asks once typing pauses; pages from the server, where a slower answer to an older search never replaces a newer one.
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { ApiResult, StaffApi } from './api.ts';
import type { Route } from './routes.ts';
import { AdminView } from './view.ts';

const SEARCH_DELAY_MS = 300;

/** The filters every such list has: a search text and a page. */
export interface ListFilters {
  q: string;
  page: number;
}

export abstract class PagedListView<F extends ListFilters, P> extends AdminView {
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

  /** The filters the URL asks for; null when it names none. */
  declare urlFilters: Partial<F> | null;
  declare filters: F;
  /** What is in the search box; becomes `filters.q` once typing pauses. */
  declare search: string;
  declare result: P | null;
  declare error: string;
  declare forbidden: boolean;
  declare loading: boolean;

  private searchTimer = 0;
  private requestSeq = 0;
  /** The filters last put in the URL: when they come back as `urlFilters`, they are ours, not news. */
  private reported = '';

  /** `shown`: the filters the list opens with. */
  constructor(shown: F) {
    super();
    this.urlFilters = null;
    this.filters = shown;
    this.search = shown.q;
    this.result = null;
    this.error = '';
    this.forbidden = false;
    this.loading = false;
  }

  /** No filter chosen, the first page. */
  protected abstract get noFilters(): F;
  /** The filters as the URL writes them: the same text, the same list. */
  protected abstract formatFilters(filters: Partial<F>): string;
  /** This list's route with these filters. */
  protected abstract routeWith(filters: F): Route;
  protected abstract fetchPage(api: StaffApi, filters: F): Promise<ApiResult<P>>;
  /** Whether a URL that names no filters keeps those shown (the inbox's, kept for the tab) rather than clearing them. */
  protected keepWithoutUrl(): boolean {
    return false;
  }
  /** Told of every change of the filters, whoever made it. */
  protected filtersChanged(_filters: F): void {}

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
    // Back or forward to the list with other filters: show what that URL asked for.
    if (changed.has('urlFilters') && this.hasUpdated && this.followUrl()) void this.load();
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('filters')) return;
    this.reported = this.formatFilters(this.filters);
    this.replaceRoute(this.routeWith(this.filters));
  }

  /** Takes the URL's filters when they differ from those shown; true when it did. */
  private followUrl(): boolean {
    const wanted = this.urlFilters;
    if (!wanted && this.keepWithoutUrl()) return false;
    const asked = this.formatFilters(wanted ?? {});
    if (asked === this.reported || asked === this.formatFilters(this.filters)) return false;
    clearTimeout(this.searchTimer);
    this.filters = { ...this.noFilters, ...wanted };
    this.search = this.filters.q;
    this.filtersChanged(this.filters);
    return true;
  }

  protected async load(): Promise<void> {
    if (!this.api) return;
    const seq = ++this.requestSeq;
    this.loading = true;
    const result = await this.fetchPage(this.api, this.filters);
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

  /** Another filter (back to the first page, unless the change names one) and its list. */
  protected setFilters(change: Partial<F>): void {
    clearTimeout(this.searchTimer);
    this.filters = { ...this.filters, page: 1, ...change };
    this.filtersChanged(this.filters);
    void this.load();
  }

  protected onSearchInput(event: Event): void {
    this.search = (event.target as HTMLInputElement).value;
    clearTimeout(this.searchTimer);
    this.searchTimer = window.setTimeout(() => {
      if (this.search.trim() !== this.filters.q) this.setFilters({ q: this.search.trim() } as Partial<F>);
    }, SEARCH_DELAY_MS);
  }

  protected onSearchSubmit(event: Event): void {
    event.preventDefault();
    this.setFilters({ q: this.search.trim() } as Partial<F>);
  }

  /** A row's link: opens `route` in the app (the link's own URL still serves a new tab). */
  protected openRow(event: Event, route: Route): void {
    event.preventDefault();
    event.stopPropagation();
    this.navigate(route);
  }

  /** A pointer anywhere on a row opens it too, bar its controls and a text selection; the keyboard uses the link. */
  protected clickRow(event: Event, route: Route): void {
    if ((event.target as Element).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    this.navigate(route);
  }

  /** An empty page: nothing matches the filters (with a way to clear them), or there is nothing yet. */
  protected renderNoRows(
    filtered: boolean,
    words: { noMatchesTitle: string; noMatches: string; clear: string; emptyTitle: string; emptyBody: string },
    clear: () => void,
  ): TemplateResult {
    return filtered
      ? html`<div class="card empty" role="status">
          <h2>${words.noMatchesTitle}</h2>
          <p class="muted">${words.noMatches}</p>
          <button class="btn" type="button" @click=${clear}>${words.clear}</button>
        </div>`
      : html`<div class="card empty" role="status">
          <h2>${words.emptyTitle}</h2>
          <p class="muted">${words.emptyBody}</p>
        </div>`;
  }

  /** Previous and next below a list of more than one page. */
  protected renderPager(page: { page: number; total: number; pageSize: number }): TemplateResult | typeof nothing {
    const t = this.t;
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    if (pages <= 1) return nothing;
    const go = (to: number) => this.setFilters({ page: to } as Partial<F>);
    return html`<nav class="pager" aria-label=${t('fbPages')}>
      <button class="btn sm" type="button" data-page="prev" ?disabled=${page.page <= 1}
        @click=${() => go(page.page - 1)}>${t('fbPrev')}</button>
      <span aria-current="page">${t('fbPageOf', { page: this.formatNumber(page.page), pages: this.formatNumber(pages) })}</span>
      <button class="btn sm" type="button" data-page="next" ?disabled=${page.page >= pages}
        @click=${() => go(page.page + 1)}>${t('fbNext')}</button>
    </nav>`;
  }
}
