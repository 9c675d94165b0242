// "Tampilkan di OPAC": the widgets the SLiMS plugin shows in the OPAC and where, without template edits
// (SLiMS's own editors strip custom tags). Used for one poll or survey (in its embed view) or for every
// widget (the OPAC section).
import { html, nothing, type TemplateResult } from 'lit';
import type { Placement, PlacementInput, PlacementPlace, PlacementWidget, SurveyDetail, SurveySummary } from './api.ts';
import { reservedHeight } from './embed.ts';
import type { MessageKey } from './i18n.ts';
import { reservedPx } from './reserve.ts';
import { AdminView } from './view.ts';

const PLACES: readonly PlacementPlace[] = ['home', 'sidebar', 'footer', 'detail', 'member', 'page'];
const PLACE_LABEL: Record<PlacementPlace, MessageKey> = {
  home: 'placeHome',
  sidebar: 'placeSidebar',
  footer: 'placeFooter',
  detail: 'placeDetail',
  member: 'placeMember',
  page: 'placePage',
};
const WIDGET_LABEL: Record<PlacementWidget, MessageKey> = {
  poll: 'widgetPoll',
  survey: 'widgetSurvey',
  'suggestion-box': 'widgetSuggestionBox',
  'feedback-board': 'widgetFeedbackBoard',
};

export class AdminPlacements extends AdminView {
  static override properties = {
    ...AdminView.properties,
    survey: { attribute: false },
    placements: { state: true },
    surveys: { state: true },
    choice: { state: true },
    place: { state: true },
    target: { state: true },
    error: { state: true },
    formError: { state: true },
    busy: { state: true },
  };

  /** The one poll or survey to place; null places any widget. */
  declare survey: SurveyDetail | null;
  declare placements: Placement[] | null;
  declare surveys: SurveySummary[];
  /** 'suggestion-box', 'feedback-board' or 'survey:<id>' */
  declare choice: string;
  declare place: PlacementPlace;
  declare target: string;
  declare error: string;
  declare formError: string;
  declare busy: boolean;

  constructor() {
    super();
    this.survey = null;
    this.placements = null;
    this.surveys = [];
    this.choice = '';
    this.place = 'home';
    this.target = '';
    this.error = '';
    this.formError = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    this.error = '';
    const [placements, surveys] = await Promise.all([
      this.api.listPlacements(this.survey?.id),
      this.survey === null ? this.api.listSurveys() : Promise.resolve(null),
    ]);
    if (placements.ok) this.placements = placements.data.placements;
    else if (placements.status !== 401) this.error = this.errorMessage(placements.error);
    if (surveys?.ok) this.surveys = surveys.data.surveys;
  }

  override render(): TemplateResult {
    const t = this.t;
    const standalone = this.survey === null;
    return html`
      ${
        standalone
          ? html`<div class="page-head"><div class="grow"><h1 tabindex="-1">${t('placementsTitle')}</h1>
            <p class="muted">${t('placementsIntro')}</p></div></div>`
          : nothing
      }
      <section class="card" aria-labelledby="placements-heading">
        ${standalone ? nothing : html`<h2 id="placements-heading">${t('placementsTitle')}</h2><p>${t('placementsIntro')}</p>`}
        ${
          this.error
            ? html`<div class="notice error" role="alert">${this.error}
              <div><button class="btn sm" type="button" @click=${this.load}>${t('retry')}</button></div></div>`
            : this.placements === null
              ? html`<p class="muted" aria-busy="true">${t('loading')}</p>`
              : this.renderList(this.placements)
        }
        ${this.renderForm()}
      </section>
    `;
  }

  private renderList(placements: Placement[]): TemplateResult {
    const t = this.t;
    if (placements.length === 0) return html`<p class="muted" id="placements-empty">${t('placementsNone')}</p>`;
    return html`<table class="surveys" id="placements-list">
      <thead><tr><th scope="col">${t('placementWidget')}</th><th scope="col">${t('placementPlace')}</th><th scope="col"><span class="visually-hidden">${t('placementRemove')}</span></th></tr></thead>
      <tbody>${placements.map(
        (p) => html`<tr data-placement=${p.id}>
          <td>${p.survey ? html`${t(WIDGET_LABEL[p.widget])}: <strong>${p.survey.title}</strong>` : t(WIDGET_LABEL[p.widget])}</td>
          <td>${this.placeText(p.place, p.target)}</td>
          <td><button class="btn sm danger" type="button" ?disabled=${this.busy} @click=${() => this.unplace(p)}>${t('placementRemove')}</button></td>
        </tr>`,
      )}</tbody>
    </table>`;
  }

  private placeText(place: PlacementPlace, target: string | null): string {
    const t = this.t;
    if (place === 'page') return t('placePageNamed', { page: target ?? '' });
    if (place === 'detail' && target !== null) return t('placeDetailOne', { id: target });
    return t(PLACE_LABEL[place]);
  }

  private renderForm(): TemplateResult {
    const t = this.t;
    const needsTarget = this.place === 'page' || this.place === 'detail';
    return html`<form class="placement-form" @submit=${this.add} novalidate>
      <h3 style="margin: 1.25rem 0 .75rem">${t('placementAdd')}</h3>
      ${
        this.survey === null
          ? html`<div class="field">
            <label for="placement-widget">${t('placementWidget')}</label>
            <select id="placement-widget" .value=${this.choice} @change=${(e: Event) => (this.choice = (e.target as HTMLSelectElement).value)}>
              <option value="">${t('placementChooseWidget')}</option>
              <option value="suggestion-box">${t('widgetSuggestionBox')}</option>
              <option value="feedback-board">${t('widgetFeedbackBoard')}</option>
              ${this.surveys.map((s) => html`<option value=${`survey:${s.id}`}>${t(s.kind === 'poll' ? 'widgetPoll' : 'widgetSurvey')}: ${s.title}</option>`)}
            </select>
          </div>`
          : nothing
      }
      <fieldset>
        <legend>${t('placementPlace')}</legend>
        <div class="choices">
          ${PLACES.map(
            (
              place,
            ) => html`<label class="choice-card"><input type="radio" name="placement-place" value=${place} .checked=${this.place === place}
              @change=${() => ((this.place = place), (this.target = ''))} /><span>${t(PLACE_LABEL[place])}</span></label>`,
          )}
        </div>
      </fieldset>
      ${
        needsTarget
          ? html`<div class="field">
            <label for="placement-target">${t(this.place === 'page' ? 'placementPageName' : 'placementBiblio')}</label>
            <input id="placement-target" .value=${this.target} @input=${(e: Event) => (this.target = (e.target as HTMLInputElement).value)}
              aria-describedby="placement-target-hint" inputmode=${this.place === 'detail' ? 'numeric' : 'text'} />
            <p class="hint" id="placement-target-hint">${t(this.place === 'page' ? 'placementPageHint' : 'placementBiblioHint')}</p>
          </div>`
          : nothing
      }
      ${this.formError ? html`<div class="notice error" role="alert" id="placement-error">${this.formError}</div>` : nothing}
      <button class="btn primary" type="submit" id="placement-add" aria-disabled=${this.busy ? 'true' : 'false'}>${t('placementAddButton')}</button>
      <p class="hint">${t('placementNote')}</p>
    </form>`;
  }

  /** What to place, from the fixed survey or the choice made. */
  private chosen(): Omit<PlacementInput, 'place'> | null {
    const survey = this.survey ?? null;
    if (survey !== null) return { widget: survey.kind, surveyId: survey.id, reservePx: reservedHeight(survey) };
    if (this.choice === 'suggestion-box' || this.choice === 'feedback-board')
      return { widget: this.choice, reservePx: reservedPx(this.choice, this.place) };
    const picked = this.surveys.find((s) => `survey:${s.id}` === this.choice);
    // The list holds no questions: a survey placed from here reserves what its embed code would (fetched below).
    return picked === undefined ? null : { widget: picked.kind, surveyId: picked.id, reservePx: 0 };
  }

  private async add(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.api || this.busy) return;
    const chosen = this.chosen();
    if (chosen === null) {
      this.formError = this.t('placementChooseWidget');
      return;
    }
    this.busy = true;
    this.formError = '';
    try {
      if (chosen.surveyId !== undefined && this.survey === null) {
        const detail = await this.api.getSurvey(chosen.surveyId);
        if (!detail.ok) {
          this.formError = this.errorMessage(detail.error);
          return;
        }
        chosen.reservePx = reservedHeight(detail.data.survey);
      }
      const input: PlacementInput = {
        ...chosen,
        place: this.place,
        ...(this.target.trim() === '' ? {} : { target: this.target.trim() }),
      };
      const result = await this.api.createPlacement(input);
      if (!result.ok) {
        const details = Array.isArray(result.error.details)
          ? (result.error.details as Array<{ message?: string }>)
          : [];
        this.formError =
          details
            .map((d) => d.message ?? '')
            .filter(Boolean)
            .join(' ') || this.errorMessage(result.error);
        return;
      }
      this.announce(this.t('placementAdded', { place: this.placeText(input.place, input.target ?? null) }));
      this.target = '';
      await this.load();
    } finally {
      this.busy = false;
    }
  }

  private async unplace(placement: Placement): Promise<void> {
    if (!this.api || this.busy) return;
    this.busy = true;
    try {
      const result = await this.api.deletePlacement(placement.id);
      if (!result.ok && result.status !== 404) {
        this.announce(this.errorMessage(result.error), 'error');
        return;
      }
      this.announce(this.t('placementRemoved'));
      await this.load();
    } finally {
      this.busy = false;
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-placements': AdminPlacements;
  }
}
