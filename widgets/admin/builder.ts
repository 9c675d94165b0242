// The survey builder: one form for a poll or a survey, validated here before the server sees it,
// with the server's own objections (422 details, 409 has_responses) shown beside the fields. Each
// question is edited by question-editor.ts.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { fieldProblems, type Audience, type ResultsVisibility, type SurveyDetail, type SurveyInput } from './api.ts';
import { FieldProblems, type Problem } from './fields.ts';
import type { Translate } from './i18n.ts';
import {
  QuestionEditor,
  blankQuestion,
  isChoice,
  questionFromDetail,
  questionProblems,
  questionToInput,
  type DraftQuestion,
  type QuestionList,
} from './question-editor.ts';
import { AdminView } from './view.ts';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?$/;

export interface Draft extends QuestionList {
  title: string;
  description: string;
  slug: string;
  audience: Audience;
  opensAt: string;
  closesAt: string;
  resultsVisibility: ResultsVisibility;
}

function blankDraft(): Draft {
  return {
    kind: 'poll',
    title: '',
    description: '',
    slug: '',
    audience: 'anyone',
    opensAt: '',
    closesAt: '',
    resultsVisibility: 'after_answer',
    questions: [blankQuestion()],
  };
}

/** 'Jam Buka Perpustakaan?' -> 'jam-buka-perpustakaan'; accents folded, at most 80 characters. */
export function slugify(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
}

/** A datetime-local value (the staff member's own clock) as an ISO instant in UTC. */
export function localToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function isoToLocal(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

function fromDetail(s: SurveyDetail): Draft {
  return {
    kind: s.kind,
    title: s.title,
    description: s.description ?? '',
    slug: s.slug,
    audience: s.audience,
    opensAt: isoToLocal(s.opensAt),
    closesAt: isoToLocal(s.closesAt),
    resultsVisibility: s.resultsVisibility,
    questions: s.questions.map(questionFromDetail),
  };
}

export function toInput(d: Draft): SurveyInput {
  const slug = d.slug.trim();
  return {
    kind: d.kind,
    title: d.title.trim(),
    description: d.description.trim() || null,
    ...(slug ? { slug } : {}),
    audience: d.audience,
    opensAt: localToIso(d.opensAt),
    closesAt: localToIso(d.closesAt),
    resultsVisibility: d.resultsVisibility,
    questions: d.questions.map(questionToInput),
  };
}

export function validate(d: Draft, t: Translate): Problem[] {
  const problems: Problem[] = [];
  const title = d.title.trim();
  if (!title) problems.push({ field: 'f-title', message: t('errTitleRequired') });
  else if (title.length > 200) problems.push({ field: 'f-title', message: t('errTitleLong') });
  if (d.slug.trim() && !SLUG.test(d.slug.trim())) problems.push({ field: 'f-slug', message: t('errSlug') });
  const opens = d.opensAt ? localToIso(d.opensAt) : null;
  const closes = d.closesAt ? localToIso(d.closesAt) : null;
  if (d.opensAt && !opens) problems.push({ field: 'f-opens', message: t('errDateInvalid') });
  if (d.closesAt && !closes) problems.push({ field: 'f-closes', message: t('errDateInvalid') });
  if (opens && closes && closes <= opens) problems.push({ field: 'f-closes', message: t('errDates') });
  if (d.questions.length === 0) problems.push({ field: 'add-question', message: t('errNoQuestions') });
  if (d.kind === 'poll' && (d.questions.length !== 1 || !d.questions.every((q) => isChoice(q.type)))) {
    problems.push({
      field: d.questions[0] ? `q-${d.questions[0].key}-type` : 'add-question',
      message: t('errPollOne'),
    });
  }
  d.questions.forEach((q, i) => problems.push(...questionProblems(q, i, t)));
  return problems;
}

export class AdminBuilder extends AdminView {
  static override properties = {
    ...AdminView.properties,
    surveyId: { attribute: false },
    draft: { state: true },
    problems: { state: true },
    serverProblems: { state: true },
    notice: { state: true },
    conflict: { state: true },
    saving: { state: true },
    loadError: { state: true },
    status: { state: true },
  };

  declare surveyId: number | null;
  declare draft: Draft | null;
  declare problems: Problem[];
  declare serverProblems: Problem[];
  declare notice: string;
  declare conflict: boolean;
  declare saving: boolean;
  declare loadError: string;
  declare status: string;

  private baseline = '';
  private savedQuestions: DraftQuestion[] = [];
  private slugTouched = false;
  private submitted = false;
  private responses = 0;
  private readonly fields = new FieldProblems(() => [...this.problems, ...this.serverProblems]);
  private readonly questions = new QuestionEditor({
    t: () => this.t,
    draft: () => this.draft,
    fields: this.fields,
    edit: (change) => this.edit(change),
    focus: (id) => void this.focusId(id),
    say: (status) => (this.status = status),
  });

  constructor() {
    super();
    this.surveyId = null;
    this.draft = null;
    this.problems = [];
    this.serverProblems = [];
    this.notice = '';
    this.conflict = false;
    this.saving = false;
    this.loadError = '';
    this.status = '';
  }

  /** True while the form holds changes that are not saved. */
  override get dirty(): boolean {
    return this.draft !== null && this.snapshot(this.draft) !== this.baseline;
  }

  /** Forget the changes (the shell calls this once the staff member chose to leave). */
  override discard(): void {
    if (this.draft) this.baseline = this.snapshot(this.draft);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private snapshot(d: Draft): string {
    return JSON.stringify(toInput(d));
  }

  private async load(): Promise<void> {
    if (this.surveyId === null) {
      this.setDraft(blankDraft());
      return;
    }
    if (!this.api) return;
    this.loadError = '';
    const result = await this.api.getSurvey(this.surveyId);
    if (!result.ok) {
      if (result.status !== 401) this.loadError = this.errorMessage(result.error);
      return;
    }
    this.responses = result.data.survey.responses;
    this.slugTouched = true;
    this.setDraft(fromDetail(result.data.survey));
  }

  private setDraft(draft: Draft): void {
    this.draft = draft;
    this.baseline = this.snapshot(draft);
    this.savedQuestions = structuredClone(draft.questions);
  }

  /** Applies a change to the draft; once the staff member has tried to save, re-check as they type. */
  private edit(change: (d: Draft) => void): void {
    if (!this.draft) return;
    const next = structuredClone(this.draft);
    change(next);
    if (!this.slugTouched) next.slug = slugify(next.title);
    if (next.kind === 'poll' && next.questions.length === 0) next.questions.push(blankQuestion());
    this.draft = next;
    this.status = '';
    if (this.submitted) this.problems = validate(next, this.t);
  }

  override render(): TemplateResult {
    const t = this.t;
    const heading = this.surveyId === null ? t('builderNew') : t('builderEdit');
    return html`
      <div class="crumb"><button class="btn ghost sm" type="button" @click=${() => this.navigate({ view: 'list' })}>← ${t('navSurveys')}</button></div>
      <div class="page-head"><div class="grow"><h1 tabindex="-1">${heading}</h1>
        ${this.draft?.title && this.surveyId !== null ? html`<p class="muted">${this.draft.title}</p>` : nothing}</div></div>
      ${
        this.loadError
          ? html`<div class="notice error" role="alert">${this.loadError}
            <div><button class="btn sm" type="button" @click=${this.load}>${t('retry')}</button></div></div>`
          : this.draft
            ? this.renderForm(this.draft)
            : this.renderLoading()
      }
    `;
  }

  private renderForm(d: Draft): TemplateResult {
    const t = this.t;
    return html`<form novalidate @submit=${this.submit}>
      ${this.renderSummary()}
      ${
        this.responses > 0 && !this.conflict
          ? html`<div class="notice info">${t('hasResponsesNote', { n: this.formatNumber(this.responses) })}</div>`
          : nothing
      }
      <section class="card" aria-labelledby="sec-basics">
        <h2 id="sec-basics">${t('sectionBasics')}</h2>
        <fieldset>
          <legend>${t('kind')}</legend>
          <div class="choices">
            ${(['poll', 'survey'] as const).map(
              (k) => html`<label class="choice-card">
                <input type="radio" name="kind" value=${k} .checked=${d.kind === k} @change=${() => this.edit((x) => (x.kind = k))} />
                <span>${t(k === 'poll' ? 'kindPoll' : 'kindSurvey')}<small>${t(k === 'poll' ? 'kindPollHint' : 'kindSurveyHint')}</small></span>
              </label>`,
            )}
          </div>
        </fieldset>
        ${this.fields.textField('f-title', t('title'), d.title, (v) => this.edit((x) => (x.title = v)), { maxlength: 200, required: true })}
        <div class="field">
          <label for="f-description">${t('description')}</label>
          <textarea id="f-description" rows="2" aria-describedby="f-description-hint" .value=${d.description}
            @input=${(e: Event) => this.edit((x) => (x.description = (e.target as HTMLTextAreaElement).value))}></textarea>
          <p class="hint" id="f-description-hint">${t('descriptionHint')}</p>
        </div>
        ${this.fields.textField('f-slug', t('slug'), d.slug, (v) => this.editSlug(v), { hint: t('slugHint'), maxlength: 80, mono: true })}
      </section>

      <section class="card" aria-labelledby="sec-audience">
        <h2 id="sec-audience">${t('sectionAudience')}</h2>
        <fieldset>
          <legend>${t('audience')}</legend>
          <div class="choices">
            ${(['anyone', 'members'] as const).map(
              (a) => html`<label class="choice-card">
                <input type="radio" name="audience" value=${a} .checked=${d.audience === a} @change=${() => this.edit((x) => (x.audience = a))} />
                <span>${t(a === 'anyone' ? 'audienceAnyone' : 'audienceMembers')}</span>
              </label>`,
            )}
          </div>
        </fieldset>
        <div class="grid-2">
          ${this.dateField('f-opens', t('opensAt'), d.opensAt, (v) => this.edit((x) => (x.opensAt = v)))}
          ${this.dateField('f-closes', t('closesAt'), d.closesAt, (v) => this.edit((x) => (x.closesAt = v)))}
        </div>
        <div class="field">
          <label for="f-visibility">${t('resultsVisibility')}</label>
          <select id="f-visibility" @change=${(e: Event) => this.edit((x) => (x.resultsVisibility = (e.target as HTMLSelectElement).value as ResultsVisibility))}>
            ${(
              [
                ['after_answer', 'visAfterAnswer'],
                ['after_close', 'visAfterClose'],
                ['staff', 'visStaff'],
              ] as const
            ).map(([v, k]) => html`<option value=${v} ?selected=${d.resultsVisibility === v}>${t(k)}</option>`)}
          </select>
        </div>
      </section>

      <section class="card" aria-labelledby="sec-questions">
        <h2 id="sec-questions">${t('sectionQuestions')}</h2>
        ${this.conflict ? this.renderConflict() : nothing}
        ${repeat(
          d.questions,
          (q) => q.key,
          (q, i) => this.questions.render(d, q, i),
        )}
        ${
          d.kind === 'survey' || d.questions.length === 0
            ? html`<button class="btn" type="button" id="add-question" @click=${() => this.questions.add()}
              aria-describedby=${this.fields.describedBy('add-question')}><span aria-hidden="true">+</span> ${t('addQuestion')}</button>
              ${this.fields.errorFor('add-question')}`
            : nothing
        }
      </section>

      <div class="form-actions">
        <span class="status" role="status" aria-live="polite">${this.status}</span>
        <button class="btn" type="button" @click=${() => this.navigate({ view: 'list' })}>${t('cancel')}</button>
        <button class="btn primary" type="submit" ?disabled=${this.saving}>${this.saving ? t('saving') : t('save')}</button>
      </div>
    </form>`;
  }

  private renderSummary(): TemplateResult {
    const t = this.t;
    const local = this.problems;
    const server = this.serverProblems;
    return html`<div id="form-summary" tabindex="-1" role="alert">
      ${
        local.length > 0
          ? html`<div class="notice error"><strong>${t('fixErrors', { n: local.length })}</strong>
            <ul>${local.map((p) => html`<li><a href="#${p.field}" @click=${(e: Event) => this.jump(e, p.field)}>${p.message}</a></li>`)}</ul></div>`
          : nothing
      }
      ${
        server.length > 0
          ? html`<div class="notice error"><strong>${t('serverRejected')}</strong>
            <ul>${server.map((p) => html`<li>${p.field ? html`<a href="#${p.field}" @click=${(e: Event) => this.jump(e, p.field)}>${p.message}</a>` : p.message}</li>`)}</ul></div>`
          : nothing
      }
      ${this.notice ? html`<div class="notice error">${this.notice}</div>` : nothing}
    </div>`;
  }

  private renderConflict(): TemplateResult {
    const t = this.t;
    return html`<div class="notice warning" id="conflict">
      <strong>${t('hasResponses')}</strong>
      ${t('hasResponsesHelp')}
      <div><button class="btn sm" type="button" @click=${this.restoreQuestions}>${t('restoreQuestions')}</button></div>
    </div>`;
  }

  private dateField(id: string, label: string, value: string, set: (v: string) => void): TemplateResult {
    const described = [this.fields.describedBy(id), `${id}-hint`].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} type="datetime-local" .value=${value} aria-invalid=${this.fields.invalid(id)} aria-describedby=${described}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)} @change=${(e: Event) => set((e.target as HTMLInputElement).value)} />
      <p class="hint" id="${id}-hint">${this.t('dateHint')}</p>
      ${this.fields.errorFor(id)}
    </div>`;
  }

  private jump(event: Event, field: string): void {
    event.preventDefault();
    void this.focusId(field);
  }

  private editSlug(value: string): void {
    this.slugTouched = value.trim() !== '';
    this.edit((x) => (x.slug = value.trim() ? value : slugify(x.title)));
  }

  private restoreQuestions(): void {
    const saved = structuredClone(this.savedQuestions);
    this.edit((x) => (x.questions = saved));
    this.conflict = false;
    this.notice = '';
    void this.focusId('sec-questions');
  }

  private async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const d = this.draft;
    if (!d || !this.api || this.saving) return;
    this.submitted = true;
    this.serverProblems = [];
    this.notice = '';
    this.conflict = false;
    this.problems = validate(d, this.t);
    if (this.problems.length > 0) {
      void this.focusId('form-summary');
      return;
    }
    this.saving = true;
    this.status = this.t('saving');
    const input = toInput(d);
    const result =
      this.surveyId === null ? await this.api.createSurvey(input) : await this.api.updateSurvey(this.surveyId, input);
    this.saving = false;
    this.status = '';
    if (result.ok) {
      const saved = result.data.survey;
      if (this.surveyId === null) {
        this.discard();
        this.announce(this.t('created_', { title: saved.title }));
        this.navigate({ view: 'list' });
        return;
      }
      this.responses = saved.responses;
      this.slugTouched = true;
      this.setDraft(fromDetail(saved));
      this.status = this.t('saved');
      this.announce(this.t('saved'));
      return;
    }
    if (result.status === 401) return;
    const { error } = result;
    if (error.code === 'has_responses') {
      this.conflict = true;
      this.status = this.t('hasResponses');
      await this.updateComplete;
      this.querySelector('#conflict')?.scrollIntoView({ block: 'center' });
      void this.focusId('sec-questions');
      return;
    }
    if (result.status === 422) {
      this.serverProblems = fieldProblems(error).map((p) => ({
        field: this.fieldFor(d, p.field, p.questionId),
        message: p.message,
      }));
      if (this.serverProblems.length === 0) this.notice = this.errorMessage(error);
    } else {
      this.notice = this.errorMessage(error);
    }
    void this.focusId('form-summary');
  }

  /** Maps a server field name ('title', 'questions.1.options.0.label', …) to our control's id. */
  private fieldFor(d: Draft, field: string, questionId?: number): string {
    const top: Record<string, string> = {
      title: 'f-title',
      slug: 'f-slug',
      opensAt: 'f-opens',
      closesAt: 'f-closes',
      description: 'f-description',
    };
    if (top[field]) return top[field];
    // Either a path into the body, or a field of the question the server names by id.
    const match = /^questions[.[](\d+)\]?(?:\.(\w+)(?:[.[](\d+)\]?)?)?/.exec(field);
    const q = match
      ? d.questions[Number(match[1])]
      : d.questions.find((x) => x.id !== undefined && x.id === questionId);
    if (!q) return '';
    const part = match ? match[2] : field;
    const optionIndex = match ? match[3] : undefined;
    if (part === 'options') {
      const o = optionIndex === undefined ? undefined : q.options[Number(optionIndex)];
      return o ? `q-${q.key}-o-${o.key}` : `q-${q.key}-add-option`;
    }
    if (part === 'maxLength') return `q-${q.key}-max`;
    if (part === 'type') return `q-${q.key}-type`;
    return `q-${q.key}-prompt`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-builder': AdminBuilder;
  }
}
