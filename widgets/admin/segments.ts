// Segments: a filter builder whose member count follows every change (asked once typing pauses; an older
// answer never replaces a newer one), saving it under a name, the saved segments, and one segment's members
// page by page with links to their profiles and its CSV download. #/segments is a new segment, #/segments/<id>
// a saved one; a segment is its filters, counted anew each time, so its members are "as of now".
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  fieldProblems,
  mayWrite,
  type ApiError,
  type MemberSummary,
  type MinorChoice,
  type SavedSegment,
  type SegmentCount,
  type SegmentDefinition,
  type SegmentList,
  type SegmentMemberPage,
} from './api.ts';
import type { MessageKey } from './i18n.ts';
import { formatRoute } from './routes.ts';
import { AdminView } from './view.ts';

const COUNT_DELAY_MS = 400;
const PAGE_SIZE = 25;

/** The builder's text inputs, named as the definition's fields run together (loans.atLeast is loansAtLeast). */
const TEXT_FIELDS = [
  'ageMin',
  'ageMax',
  'gender',
  'institution',
  'city',
  'postalCode',
  'loansFrom',
  'loansTo',
  'loansAtLeast',
  'loansAtMost',
  'lastLoanAfter',
  'lastLoanBefore',
  'lastVisitAfter',
  'lastVisitBefore',
  'joinedFrom',
  'joinedTo',
  'expiringFrom',
  'expiringTo',
  'hasEmail',
  'hasPhone',
  'minors',
] as const;
type TextField = (typeof TEXT_FIELDS)[number];

/** What the form holds: every input as typed, and the chosen types and labels. */
type Draft = Record<TextField, string> & { memberTypes: number[]; labels: string[] };

const emptyDraft = (): Draft => ({
  ...(Object.fromEntries(TEXT_FIELDS.map((name) => [name, ''])) as Record<TextField, string>),
  minors: 'exclude',
  memberTypes: [],
  labels: [],
});

/** A number as typed; what is not one goes to the server as it is, which says what is wrong with it. */
const numberOf = (value: string): number => (/^-?\d+$/.test(value.trim()) ? Number(value) : Number.NaN);

/** The fields of a group ({ from, to }) that are filled in; undefined when none is. */
function group<K extends string>(draft: Draft, prefix: string, keys: readonly K[], asNumber: readonly K[] = []) {
  const values: Partial<Record<K, string | number>> = {};
  for (const key of keys) {
    const value = draft[`${prefix}${key[0]!.toUpperCase()}${key.slice(1)}` as TextField].trim();
    if (value !== '') values[key] = asNumber.includes(key) ? numberOf(value) : value;
  }
  return Object.keys(values).length ? values : undefined;
}

/** The definition the form says: only what is filled in, so an empty form is `{}` (every member bar minors). */
export function definitionOf(draft: Draft): SegmentDefinition {
  const definition: Record<string, unknown> = {
    memberTypes: draft.memberTypes.length ? draft.memberTypes : undefined,
    age: group(draft, 'age', ['min', 'max'], ['min', 'max']),
    gender: draft.gender || undefined,
    institution: draft.institution.trim() || undefined,
    city: draft.city.trim() || undefined,
    postalCode: draft.postalCode.trim() || undefined,
    loans: group(draft, 'loans', ['from', 'to', 'atLeast', 'atMost'], ['atLeast', 'atMost']),
    lastLoan: group(draft, 'lastLoan', ['after', 'before']),
    lastVisit: group(draft, 'lastVisit', ['after', 'before']),
    joined: group(draft, 'joined', ['from', 'to']),
    expiring: group(draft, 'expiring', ['from', 'to']),
    labels: draft.labels.length ? draft.labels : undefined,
    hasEmail: draft.hasEmail === '' ? undefined : draft.hasEmail === 'yes',
    hasPhone: draft.hasPhone === '' ? undefined : draft.hasPhone === 'yes',
    minors: draft.minors === 'exclude' ? undefined : draft.minors,
  };
  for (const key of Object.keys(definition)) if (definition[key] === undefined) delete definition[key];
  return definition as SegmentDefinition;
}

/** The form for a saved definition. */
export function draftOf(definition: SegmentDefinition): Draft {
  const draft = emptyDraft();
  const text = (value: string | number | undefined) => (value === undefined ? '' : String(value));
  const d = definition;
  Object.assign(draft, {
    memberTypes: d.memberTypes ?? [],
    labels: d.labels ?? [],
    ageMin: text(d.age?.min),
    ageMax: text(d.age?.max),
    gender: d.gender ?? '',
    institution: d.institution ?? '',
    city: d.city ?? '',
    postalCode: d.postalCode ?? '',
    loansFrom: text(d.loans?.from),
    loansTo: text(d.loans?.to),
    loansAtLeast: text(d.loans?.atLeast),
    loansAtMost: text(d.loans?.atMost),
    lastLoanAfter: text(d.lastLoan?.after),
    lastLoanBefore: text(d.lastLoan?.before),
    lastVisitAfter: text(d.lastVisit?.after),
    lastVisitBefore: text(d.lastVisit?.before),
    joinedFrom: text(d.joined?.from),
    joinedTo: text(d.joined?.to),
    expiringFrom: text(d.expiring?.from),
    expiringTo: text(d.expiring?.to),
    hasEmail: d.hasEmail === undefined ? '' : d.hasEmail ? 'yes' : 'no',
    hasPhone: d.hasPhone === undefined ? '' : d.hasPhone ? 'yes' : 'no',
    minors: d.minors ?? 'exclude',
  } satisfies Partial<Draft>);
  return draft;
}

/** The form field a problem of the server's is about: 'definition.loans.atLeast' is loansAtLeast, 'labels[0]' labels. */
function fieldOfProblem(field: string): string {
  return field
    .replace(/^definition\.?/, '')
    .replace(/\[\d+\]$/, '')
    .replace(/\.(\w)/, (_, c: string) => c.toUpperCase());
}

const MINOR_KEYS: Record<MinorChoice, MessageKey> = {
  exclude: 'sgMinorsExclude',
  include: 'sgMinorsInclude',
  only: 'sgMinorsOnly',
};

export class AdminSegments extends AdminView {
  static override properties = {
    ...AdminView.properties,
    segmentId: { attribute: false },
    list: { state: true },
    segment: { state: true },
    draft: { state: true },
    name: { state: true },
    counted: { state: true },
    counting: { state: true },
    problems: { state: true },
    members: { state: true },
    page: { state: true },
    error: { state: true },
    forbidden: { state: true },
    busy: { state: true },
  };

  /** The saved segment shown; null for a new one. */
  declare segmentId: number | null;
  declare list: SegmentList | null;
  declare segment: SavedSegment | null;
  declare draft: Draft;
  declare name: string;
  declare counted: SegmentCount | null;
  declare counting: boolean;
  /** The server's problems with the form, by form field ('' for the definition as a whole). */
  declare problems: Record<string, string>;
  declare members: SegmentMemberPage | null;
  declare page: number;
  declare error: string;
  declare forbidden: boolean;
  declare busy: boolean;

  private countTimer = 0;
  private countSeq = 0;
  private membersSeq = 0;
  /** The form as last saved (or empty for a new segment): a change since is work to keep. */
  private savedDraft = JSON.stringify({ draft: emptyDraft(), name: '' });

  constructor() {
    super();
    this.segmentId = null;
    this.list = null;
    this.segment = null;
    this.draft = emptyDraft();
    this.name = '';
    this.counted = null;
    this.counting = false;
    this.problems = {};
    this.members = null;
    this.page = 1;
    this.error = '';
    this.forbidden = false;
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.countTimer);
  }

  override get dirty(): boolean {
    return !this.readOnly && JSON.stringify({ draft: this.draft, name: this.name }) !== this.savedDraft;
  }

  override discard(): void {
    this.savedDraft = JSON.stringify({ draft: this.draft, name: this.name });
  }

  private get readOnly(): boolean {
    return !mayWrite(this.api?.token ?? null);
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    const [list, saved] = await Promise.all([
      this.api.listSegments(),
      this.segmentId === null ? Promise.resolve(null) : this.api.getSegment(this.segmentId),
    ]);
    const failed = !list.ok ? list : saved !== null && !saved.ok ? saved : null;
    if (failed !== null && !failed.ok) {
      if (failed.status === 401) return;
      this.error = failed.status === 404 ? this.t('sgNotFound') : this.errorMessage(failed.error);
      this.forbidden = failed.status === 403;
      return;
    }
    this.error = '';
    if (list.ok) this.list = list.data;
    if (saved?.ok) {
      this.segment = saved.data.segment;
      this.draft = draftOf(saved.data.segment.definition);
      this.name = saved.data.segment.name;
      void this.loadMembers();
    }
    this.discard();
    void this.count();
  }

  /** The form changed: count again once the changes pause. */
  private changed(): void {
    clearTimeout(this.countTimer);
    this.countTimer = window.setTimeout(() => void this.count(), COUNT_DELAY_MS);
  }

  private async count(): Promise<void> {
    if (!this.api) return;
    const seq = ++this.countSeq;
    this.counting = true;
    const result = await this.api.countSegment(definitionOf(this.draft));
    // An answer to filters changed since must not replace the newer one.
    if (seq !== this.countSeq) return;
    this.counting = false;
    if (result.ok) {
      this.counted = result.data;
      this.problems = {};
    } else if (result.status !== 401) {
      this.counted = null;
      this.problems = this.problemsOf(result.error);
    }
  }

  private problemsOf(error: ApiError): Record<string, string> {
    const problems: Record<string, string> = {};
    for (const p of fieldProblems(error)) {
      const field = fieldOfProblem(p.field);
      problems[field] = problems[field] ? `${problems[field]} ${p.message}` : p.message;
    }
    if (Object.keys(problems).length === 0) problems[''] = this.errorMessage(error);
    return problems;
  }

  private async loadMembers(): Promise<void> {
    if (!this.api || this.segmentId === null) return;
    const seq = ++this.membersSeq;
    const result = await this.api.segmentMembers(this.segmentId, { page: this.page, pageSize: PAGE_SIZE });
    if (seq !== this.membersSeq) return;
    if (result.ok) this.members = result.data;
    else if (result.status !== 401) this.announce(this.errorMessage(result.error), 'error');
  }

  private onInput(event: Event): void {
    const input = event.target as HTMLInputElement | HTMLSelectElement;
    const field = input.name;
    if (field === 'memberTypes' || field === 'labels') {
      const box = input as HTMLInputElement;
      const value = field === 'memberTypes' ? Number(box.value) : box.value;
      const chosen = (this.draft[field] as Array<string | number>).filter((v) => v !== value);
      this.draft = { ...this.draft, [field]: box.checked ? [...chosen, value] : chosen };
    } else if ((TEXT_FIELDS as readonly string[]).includes(field)) {
      this.draft = { ...this.draft, [field]: input.value };
    } else return;
    this.changed();
  }

  private clear(): void {
    this.draft = emptyDraft();
    this.changed();
    void this.focusId('sg-memberTypes-first');
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.api || this.busy) return;
    const t = this.t;
    const name = this.name.trim();
    if (name === '') {
      this.problems = { ...this.problems, name: t('sgNameRequired') };
      void this.focusId('sg-name');
      return;
    }
    this.busy = true;
    const body = { name, definition: definitionOf(this.draft) };
    const result =
      this.segmentId === null ? await this.api.createSegment(body) : await this.api.updateSegment(this.segmentId, body);
    this.busy = false;
    if (!result.ok) {
      if (result.status === 401) return;
      this.problems = result.status === 409 ? { name: this.errorMessage(result.error) } : this.problemsOf(result.error);
      this.announce(this.refusal(result.error), 'error');
      return;
    }
    const saved = result.data.segment;
    this.announce(t('sgSavedNotice', { name: saved.name }));
    if (this.segmentId === null) {
      this.discard();
      this.navigate({ view: 'segment', id: saved.id });
      return;
    }
    this.segment = saved;
    this.name = saved.name;
    this.draft = draftOf(saved.definition);
    this.discard();
    this.page = 1;
    void this.loadMembers();
    const list = await this.api.listSegments();
    if (list.ok) this.list = list.data;
  }

  private async deleteSegment(): Promise<void> {
    const segment = this.segment;
    if (!this.api || !segment || this.busy) return;
    const t = this.t;
    const sure = await this.ask({
      title: t('sgDeleteTitle', { name: segment.name }),
      body: t('sgDeleteBody'),
      confirmLabel: t('sgDelete'),
      danger: true,
    });
    if (!sure) return;
    this.busy = true;
    const result = await this.api.deleteSegment(segment.id);
    this.busy = false;
    if (!result.ok) {
      if (result.status !== 401) this.announce(this.errorMessage(result.error), 'error');
      return;
    }
    this.announce(t('sgDeleted', { name: segment.name }));
    this.discard();
    this.navigate({ view: 'segments' });
  }

  private async downloadCsv(): Promise<void> {
    if (!this.api || this.segmentId === null || this.busy) return;
    this.busy = true;
    const result = await this.api.exportSegmentCsv(this.segmentId);
    this.busy = false;
    if (!result.ok) {
      if (result.status !== 401)
        this.announce(`${this.t('downloadFailed')} ${this.errorMessage(result.error)}`, 'error');
      return;
    }
    this.saveFile(result.data, `${this.lang === 'en' ? 'segment' : 'segmen'}-${this.segmentId}.csv`);
    this.announce(this.t('downloadStarted'));
  }

  private goToPage(page: number): void {
    this.page = page;
    void this.loadMembers();
  }

  override render(): TemplateResult {
    const t = this.t;
    const title = this.segment?.name ?? (this.segmentId === null ? t('sgNew') : t('sgTitle'));
    return html`
      <div class="page-head">
        <div class="grow">
          <h1 tabindex="-1">${this.segmentId === null ? t('sgTitle') : title}</h1>
          <p class="muted">${t('sgIntro')}</p>
        </div>
      </div>
      ${this.error ? this.renderLoadFailure(this.error, this.forbidden, () => this.load()) : this.renderBody()}
    `;
  }

  private renderBody(): TemplateResult {
    const t = this.t;
    if (!this.list) return this.renderLoading();
    return html`
      ${this.readOnly ? html`<div class="notice info" data-read-only>${t('sgReadOnly')}</div>` : nothing}
      <div class="fb-layout segments">
        <div class="fb-main">
          ${this.renderBuilder(this.list)} ${this.segmentId === null ? nothing : this.renderMembers()}
        </div>
        <div class="fb-side">${this.renderCount()} ${this.renderSave()} ${this.renderSavedList(this.list)}</div>
      </div>
    `;
  }

  private problem(field: string): TemplateResult | typeof nothing {
    const message = this.problems[field];
    return message ? html`<p class="error-text" id="sg-${field}-error">${message}</p>` : nothing;
  }

  private input(field: TextField, label: string, type: 'text' | 'date' | 'number' = 'text'): TemplateResult {
    const invalid = this.problems[field] !== undefined;
    return html`<div class="field">
      <label for="sg-${field}">${label}</label>
      <input id="sg-${field}" name=${field} type=${type} .value=${live(this.draft[field])}
        min=${type === 'number' ? '0' : nothing} inputmode=${field === 'postalCode' ? 'numeric' : nothing}
        aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${invalid ? `sg-${field}-error` : nothing} />
      ${this.problem(field)}
    </div>`;
  }

  private select(field: TextField, label: string, options: Array<[string, string]>, hint?: string): TemplateResult {
    const invalid = this.problems[field] !== undefined;
    const described = [hint ? `sg-${field}-hint` : '', invalid ? `sg-${field}-error` : ''].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for="sg-${field}">${label}</label>
      <select id="sg-${field}" name=${field} aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${described || nothing}>
        ${options.map(([value, text]) => html`<option value=${value} ?selected=${this.draft[field] === value}>${text}</option>`)}
      </select>
      ${hint ? html`<p class="hint" id="sg-${field}-hint">${hint}</p>` : nothing} ${this.problem(field)}
    </div>`;
  }

  /** A period's two ends (or the last loan's after and before) side by side, under one legend. */
  private pair(legend: string, fields: [TextField, string][], extra?: TemplateResult): TemplateResult {
    return html`<fieldset data-group=${fields[0]![0]}>
      <legend>${legend}</legend>
      <div class="grid-2">${fields.map(([field, label]) => this.input(field, label, field.startsWith('loansAt') ? 'number' : 'date'))}</div>
      ${extra ?? nothing}
    </fieldset>`;
  }

  private renderBuilder(list: SegmentList): TemplateResult {
    const t = this.t;
    const any: [string, string] = ['', t('sgAny')];
    const yesNo: Array<[string, string]> = [any, ['yes', t('sgYes')], ['no', t('sgNo')]];
    const checks = (field: 'memberTypes' | 'labels', items: Array<[string | number, string]>) =>
      items.map(
        ([value, label], i) => html`<label class="check">
          <input type="checkbox" name=${field} value=${String(value)} id=${i === 0 ? `sg-${field}-first` : nothing}
            .checked=${live((this.draft[field] as Array<string | number>).includes(value))} />
          ${label}
        </label>`,
      );
    return html`<form class="card segment-builder" aria-labelledby="sg-builder-title" @input=${this.onInput} @change=${this.onInput}
      @submit=${(e: Event) => e.preventDefault()}>
      <h2 id="sg-builder-title">${t('sgBuilder')}</h2>
      <p class="muted small">${t('sgBuilderHint')}</p>
      ${this.problem('')}
      <fieldset class="kinds" data-group="memberTypes">
        <legend>${t('sgTypes')}</legend>
        ${checks(
          'memberTypes',
          list.types.map((type) => [type.id, type.name]),
        )}
        ${this.problem('memberTypes')}
      </fieldset>
      <fieldset data-group="age">
        <legend>${t('sgAge')}</legend>
        <div class="grid-2">${this.input('ageMin', t('sgAgeMin'), 'number')} ${this.input('ageMax', t('sgAgeMax'), 'number')}</div>
      </fieldset>
      <div class="grid-2">
        ${this.select('gender', t('sgGender'), [any, ['female', t('mbFemale')], ['male', t('mbMale')]])}
        ${this.input('institution', t('sgInstitution'))}
        ${this.input('city', t('sgCity'))} ${this.input('postalCode', t('sgPostalCode'))}
      </div>
      ${this.pair(t('sgLoans'), [
        ['loansFrom', t('sgFrom')],
        ['loansTo', t('sgTo')],
        ['loansAtLeast', t('sgAtLeast')],
        ['loansAtMost', t('sgAtMost')],
      ])}
      ${this.pair(t('sgLastLoan'), [
        ['lastLoanAfter', t('sgAfter')],
        ['lastLoanBefore', t('sgBefore')],
      ])}
      ${this.pair(t('sgLastVisit'), [
        ['lastVisitAfter', t('sgAfter')],
        ['lastVisitBefore', t('sgBefore')],
      ])}
      ${this.pair(t('sgJoined'), [
        ['joinedFrom', t('sgFrom')],
        ['joinedTo', t('sgTo')],
      ])}
      ${this.pair(t('sgExpiring'), [
        ['expiringFrom', t('sgFrom')],
        ['expiringTo', t('sgTo')],
      ])}
      <fieldset class="kinds" data-group="labels">
        <legend>${t('sgLabels')}</legend>
        ${
          list.labels.length
            ? checks(
                'labels',
                list.labels.map((label) => [label, label]),
              )
            : html`<p class="muted small">${t('sgNoLabels')}</p>`
        }
        ${this.problem('labels')}
      </fieldset>
      <div class="grid-2">
        ${this.select('hasEmail', t('sgHasEmail'), yesNo)} ${this.select('hasPhone', t('sgHasPhone'), yesNo)}
      </div>
      ${this.select(
        'minors',
        t('sgMinors'),
        (Object.keys(MINOR_KEYS) as MinorChoice[]).map((choice) => [choice, t(MINOR_KEYS[choice])]),
        t('sgMinorsHint'),
      )}
      <button class="btn" type="button" @click=${this.clear}>${t('sgClear')}</button>
    </form>`;
  }

  private renderCount(): TemplateResult {
    const t = this.t;
    const c = this.counted;
    const text = c
      ? t('sgCount', { n: this.formatNumber(c.count), count: c.count })
      : this.counting
        ? t('sgCounting')
        : t('sgCountFailed');
    return html`<div class="card segment-count">
      <p class="big-number" role="status" aria-live="polite" aria-busy=${this.counting ? 'true' : 'false'} data-count=${c?.count ?? ''}>
        <strong>${text}</strong>
        ${
          c && c.minorsLeftOut > 0
            ? html`<span class="muted small" data-minors>${t('sgMinorsLeftOut', { n: this.formatNumber(c.minorsLeftOut), count: c.minorsLeftOut })}</span>`
            : nothing
        }
      </p>
    </div>`;
  }

  private renderSave(): TemplateResult | typeof nothing {
    const t = this.t;
    if (this.readOnly) return nothing;
    const invalid = this.problems.name !== undefined;
    return html`<form class="card segment-save" @submit=${this.save}>
      <div class="field">
        <label for="sg-name">${t('sgName')}</label>
        <input id="sg-name" type="text" maxlength="100" .value=${live(this.name)} aria-invalid=${invalid ? 'true' : 'false'}
          aria-describedby=${invalid ? 'sg-name-error' : nothing}
          @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
        ${this.problem('name')}
      </div>
      <div class="actions">
        <button class="btn primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${this.busy ? t('sgSaving') : this.segmentId === null ? t('sgSave') : t('sgSaveChanges')}
        </button>
        ${
          this.segment
            ? html`<button class="btn ghost danger-text" type="button" data-delete @click=${this.deleteSegment}>${t('sgDelete')}</button>`
            : nothing
        }
      </div>
    </form>`;
  }

  private renderSavedList(list: SegmentList): TemplateResult {
    const t = this.t;
    return html`<nav class="card segment-list" aria-labelledby="sg-saved-title">
      <h2 id="sg-saved-title">${t('sgSaved')}</h2>
      <ul>
        <li><a href=${formatRoute({ view: 'segments' })} aria-current=${this.segmentId === null ? 'page' : 'false'}
          @click=${(e: Event) => this.open(e, null)}>${t('sgNew')}</a></li>
        ${list.segments.map(
          (s) => html`<li><a href=${formatRoute({ view: 'segment', id: s.id })} data-segment=${s.id}
            aria-current=${s.id === this.segmentId ? 'page' : 'false'} @click=${(e: Event) => this.open(e, s.id)}>${s.name}</a></li>`,
        )}
      </ul>
      ${list.segments.length ? nothing : html`<p class="muted small">${t('sgNoneSaved')}</p>`}
    </nav>`;
  }

  private open(event: Event, id: number | null): void {
    event.preventDefault();
    this.navigate(id === null ? { view: 'segments' } : { view: 'segment', id });
  }

  private renderMembers(): TemplateResult {
    const t = this.t;
    const page = this.members;
    const pages = page ? Math.max(1, Math.ceil(page.total / page.pageSize)) : 1;
    return html`<section class="card segment-members" aria-labelledby="sg-members-title">
      <div class="page-head">
        <div class="grow">
          <h2 id="sg-members-title">${t('sgMembers')}</h2>
          <p class="muted small">${t('sgMembersHint')}
            ${page ? html`${t('mbTotal', { n: this.formatNumber(page.total), count: page.total })}.` : nothing}</p>
        </div>
        <div>
          <button class="btn" type="button" data-csv aria-describedby="sg-csv-hint" aria-disabled=${this.busy ? 'true' : 'false'}
            @click=${this.downloadCsv}><span aria-hidden="true">⤓</span> ${t('sgCsv')}</button>
          <p class="hint" id="sg-csv-hint">${t('sgCsvHint')}</p>
        </div>
      </div>
      ${
        !page
          ? html`<p class="muted">${t('loading')}</p>`
          : page.items.length === 0
            ? html`<p class="muted" role="status">${t('sgNoMembers')}</p>`
            : html`<table class="members" aria-describedby="sg-keys-hint">
                <thead>
                  <tr>
                    <th scope="col">${t('mbColName')}</th>
                    <th scope="col">${t('mbColCard')}</th>
                    <th scope="col">${t('mbType')}</th>
                    <th scope="col">${t('mbColInstitution')}</th>
                    <th scope="col">${t('mbColExpiry')}</th>
                  </tr>
                </thead>
                <tbody @keydown=${(e: KeyboardEvent) => this.moveBetweenRows(e, 'table.members [data-row-link]')}>
                  ${page.items.map((member) => this.renderMember(member))}
                </tbody>
              </table>
              <p id="sg-keys-hint" class="visually-hidden">${t('mbKeysHint')}</p>
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
              }`
      }
    </section>`;
  }

  private renderMember(member: MemberSummary): TemplateResult {
    const t = this.t;
    const route = { view: 'member', id: member.id } as const;
    return html`<tr data-member=${member.id}>
      <td class="name-cell">
        <a href=${formatRoute(route)} data-row-link @click=${(e: Event) => {
          e.preventDefault();
          this.navigate(route);
        }}>${member.name}</a>
      </td>
      <td data-label=${t('mbColCard')} class="code">${member.id}</td>
      <td data-label=${t('mbType')}>${member.type?.name ?? t('mbNone')}</td>
      <td data-label=${t('mbColInstitution')}>${member.institution ?? t('mbNone')}</td>
      <td data-label=${t('mbColExpiry')}>
        <time datetime=${member.expireDate}>${this.formatDay(member.expireDate)}</time>
        ${member.expired ? html`<span class="badge closed">${t('mbExpired')}</span>` : nothing}
      </td>
    </tr>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-segments': AdminSegments;
  }
}
