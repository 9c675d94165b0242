// The survey list: every poll and survey with its state and response count, and what to do next.
import { html, nothing, type TemplateResult } from 'lit';
import type { State, SurveySummary } from './api.ts';
import { formatRoute } from './routes.ts';
import { AdminView, kindLabel, stateLabel } from './view.ts';

type Filter = 'all' | State;

export class AdminList extends AdminView {
  static override properties = {
    ...AdminView.properties,
    surveys: { state: true },
    error: { state: true },
    query: { state: true },
    filter: { state: true },
    busy: { state: true },
  };

  declare surveys: SurveySummary[] | null;
  declare error: string;
  declare query: string;
  declare filter: Filter;
  declare busy: ReadonlySet<number>;

  constructor() {
    super();
    this.surveys = null;
    this.error = '';
    this.query = '';
    this.filter = 'all';
    this.busy = new Set();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    this.error = '';
    const result = await this.api.listSurveys();
    if (result.ok) this.surveys = result.data.surveys;
    else if (result.status !== 401) this.error = this.errorMessage(result.error);
  }

  override render(): TemplateResult {
    const t = this.t;
    return html`
      <div class="page-head">
        <div class="grow">
          <h1 tabindex="-1">${t('listTitle')}</h1>
          <p class="muted">${t('listIntro')}</p>
        </div>
        <button class="btn primary" type="button" @click=${() => this.navigate({ view: 'new' })}>
          <span aria-hidden="true">+</span> ${t('createNew')}
        </button>
      </div>
      ${this.renderBody()}
    `;
  }

  private renderBody(): TemplateResult {
    const t = this.t;
    if (this.error) {
      return html`<div class="notice error" role="alert">
        ${this.error}
        <div><button class="btn sm" type="button" @click=${this.load}>${t('retry')}</button></div>
      </div>`;
    }
    if (!this.surveys) return this.renderLoading();
    if (this.surveys.length === 0) {
      return html`<div class="card empty">
        <h2>${t('emptyTitle')}</h2>
        <p class="muted">${t('emptyBody')}</p>
        <button class="btn primary" type="button" @click=${() => this.navigate({ view: 'new' })}>${t('createNew')}</button>
      </div>`;
    }
    const q = this.query.trim().toLowerCase();
    const shown = this.surveys.filter(
      (s) =>
        (this.filter === 'all' || s.state === this.filter) &&
        (!q || s.title.toLowerCase().includes(q) || s.slug.includes(q)),
    );
    const filters: Filter[] = ['all', 'open', 'scheduled', 'draft', 'closed'];
    return html`
      <div class="toolbar">
        <div class="field search">
          <label for="list-search">${t('search')}</label>
          <input id="list-search" type="search" .value=${this.query}
            @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="list-filter">${t('filterState')}</label>
          <select id="list-filter" @change=${(e: Event) => (this.filter = (e.target as HTMLSelectElement).value as Filter)}>
            ${filters.map((f) => html`<option value=${f} ?selected=${this.filter === f}>${f === 'all' ? t('filterAll') : stateLabel(t, f)}</option>`)}
          </select>
        </div>
      </div>
      <div class="card table-card">
        ${
          shown.length === 0
            ? html`<p class="empty muted" role="status">${t('noMatches')}</p>`
            : html`<table class="surveys">
              <thead>
                <tr>
                  <th scope="col">${t('colTitle')}</th>
                  <th scope="col">${t('colKind')}</th>
                  <th scope="col">${t('colState')}</th>
                  <th scope="col">${t('colResponses')}</th>
                  <th scope="col">${t('colDates')}</th>
                  <th scope="col"><span class="visually-hidden">${t('colActions')}</span></th>
                </tr>
              </thead>
              <tbody>${shown.map((s) => this.renderRow(s))}</tbody>
            </table>`
        }
      </div>
    `;
  }

  private renderRow(s: SurveySummary): TemplateResult {
    const t = this.t;
    const busy = this.busy.has(s.id);
    const isOpen = s.state === 'open' || s.state === 'scheduled';
    return html`<tr data-survey=${s.id}>
      <td class="title-cell">
        <a href=${formatRoute({ view: 'results', id: s.id })} @click=${(e: Event) => this.go(e, { view: 'results', id: s.id })}>${s.title}</a>
        <div class="muted small">${s.slug}</div>
      </td>
      <td data-label=${t('colKind')}><span class="kind">${kindLabel(t, s.kind)}</span></td>
      <td data-label=${t('colState')}><span class="badge ${s.state}">${stateLabel(t, s.state)}</span></td>
      <td data-label=${t('colResponses')} class="num">${this.formatNumber(s.responses)}</td>
      <td data-label=${t('colDates')} class="small">${this.renderDates(s)}</td>
      <td>
        <div class="actions" role="group" aria-label=${t('actionsFor', { title: s.title })}>
          <button class="btn ghost sm" type="button" @click=${() => this.navigate({ view: 'results', id: s.id })}>${t('actResults')}</button>
          <button class="btn ghost sm" type="button" @click=${() => this.navigate({ view: 'edit', id: s.id })}>${t('actEdit')}</button>
          <button class="btn ghost sm" type="button" data-action=${isOpen ? 'close' : 'open'} ?disabled=${busy}
            @click=${() => this.setOpen(s, !isOpen)}>${isOpen ? t('actClose') : t('actOpen')}</button>
          <button class="btn ghost sm" type="button" @click=${() => this.navigate({ view: 'embed', id: s.id })}>${t('actEmbed')}</button>
          <button class="btn ghost sm danger-text" type="button" data-action="delete" ?disabled=${busy}
            @click=${() => this.removeSurvey(s)}>${t('actDelete')}</button>
        </div>
      </td>
    </tr>`;
  }

  private renderDates(s: SurveySummary): TemplateResult | string {
    const t = this.t;
    if (!s.opensAt && !s.closesAt)
      return html`<span class="muted">${t('created', { date: this.formatDate(s.createdAt, false) })}</span>`;
    return html`${s.opensAt ? html`<div>${t('opens', { date: this.formatDate(s.opensAt) })}</div>` : nothing}
      ${s.closesAt ? html`<div>${t('closes', { date: this.formatDate(s.closesAt) })}</div>` : nothing}`;
  }

  private go(event: Event, route: Parameters<AdminView['navigate']>[0]): void {
    event.preventDefault();
    this.navigate(route);
  }

  private setBusy(id: number, on: boolean): void {
    const next = new Set(this.busy);
    if (on) next.add(id);
    else next.delete(id);
    this.busy = next;
  }

  private async setOpen(s: SurveySummary, open: boolean): Promise<void> {
    if (!this.api) return;
    this.setBusy(s.id, true);
    const result = await this.api.setOpen(s.id, open);
    this.setBusy(s.id, false);
    if (!result.ok) {
      if (result.status !== 401) this.announce(this.errorMessage(result.error), 'error');
      return;
    }
    const updated = result.data.survey;
    this.surveys = (this.surveys ?? []).map((x) => (x.id === s.id ? { ...x, ...pickSummary(updated) } : x));
    this.announce(this.t(open ? 'openedMsg' : 'closedMsg', { title: s.title }));
  }

  private async removeSurvey(s: SurveySummary): Promise<void> {
    if (!this.api) return;
    const t = this.t;
    const confirmed = await this.ask({
      title: t('deleteTitle'),
      body: t('deleteBody', { title: s.title, n: this.formatNumber(s.responses) }),
      confirmLabel: t('deleteConfirm'),
      danger: true,
    });
    if (!confirmed) return;
    this.setBusy(s.id, true);
    const result = await this.api.deleteSurvey(s.id);
    this.setBusy(s.id, false);
    if (!result.ok) {
      if (result.status !== 401) this.announce(this.errorMessage(result.error), 'error');
      return;
    }
    this.surveys = (this.surveys ?? []).filter((x) => x.id !== s.id);
    this.announce(t('deletedMsg', { title: s.title }));
    // The row and its buttons are gone: give focus a stable place to land.
    void this.focusFirst('h1');
  }

  private async focusFirst(selector: string): Promise<void> {
    await this.updateComplete;
    this.querySelector<HTMLElement>(selector)?.focus();
  }
}

function pickSummary(s: SurveySummary): SurveySummary {
  const {
    id,
    slug,
    kind,
    title,
    status,
    state,
    audience,
    opensAt,
    closesAt,
    resultsVisibility,
    responses,
    createdAt,
    updatedAt,
  } = s;
  return {
    id,
    slug,
    kind,
    title,
    status,
    state,
    audience,
    opensAt,
    closesAt,
    resultsVisibility,
    responses,
    createdAt,
    updatedAt,
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-list': AdminList;
  }
}
