// One member's profile: what SLiMS keeps about them (read only), their loans and visits with a chart per
// month, the interests, channel and consents the member stated, interests inferred from loans, one timeline of what they did and what staff logged (filterable by
// kind), and what staff add: an interaction, the staff note, labels. Unsaved work there guards leaving.
// The fields are bound with live(): a form emptied in the same task it was typed into must show empty.
import type { ChartConfiguration } from 'chart.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import {
  INTERACTION_CHANNELS,
  TIMELINE_KINDS,
  mayWrite,
  type ApiResult,
  type InteractionChannel,
  type MemberProfile,
  type TimelineEntry,
  type TimelineKind,
} from './api.ts';
import { chartReady, destroyCharts, drawChart, loadChart } from './charts.ts';
import type { MessageKey } from './i18n.ts';
import { TIER_KEYS } from './members.ts';
import { AdminView, feedbackKindLabel } from './view.ts';

const CHANNEL_KEYS: Record<InteractionChannel, MessageKey> = {
  desk: 'mbChannelDesk',
  phone: 'mbChannelPhone',
  letter: 'mbChannelLetter',
  email: 'mbChannelEmail',
  whatsapp: 'mbChannelWhatsapp',
  social: 'mbChannelSocial',
  consultation: 'mbChannelConsultation',
  event: 'mbChannelEvent',
  other: 'mbChannelOther',
};

const MEDIA_KEYS: Record<string, MessageKey> = {
  print: 'mbMediaPrint',
  ebook: 'mbMediaEbook',
  audio: 'mbMediaAudio',
  video: 'mbMediaVideo',
};

/** The channels a member may prefer or consent to, beside the interactions' own. */
const PREFERRED_KEYS: Record<string, MessageKey> = {
  email: 'mbChannelEmail',
  whatsapp: 'mbChannelWhatsapp',
  sms: 'mbChannelSms',
  letter: 'mbChannelLetter',
  none: 'mbPreferredNone',
};

const PURPOSE_KEYS: Record<string, MessageKey> = {
  service: 'mbPurposeService',
  news: 'mbPurposeNews',
  recommendations: 'mbPurposeRecommendations',
};

const SOURCE_KEYS: Record<string, MessageKey> = {
  member: 'mbSourceMember',
  staff: 'mbSourceStaff',
  unsubscribe: 'mbSourceUnsubscribe',
};

const KIND_KEYS: Record<TimelineKind, MessageKey> = {
  interaction: 'mbKindInteraction',
  loan: 'mbKindLoan',
  return: 'mbKindReturn',
  visit: 'mbKindVisit',
  survey: 'mbKindSurvey',
  feedback: 'mbKindFeedback',
};

/** The limits the server holds (server/members/staff-members.schemas.ts MEMBER_LIMITS). */
const LIMITS = { note: 4000, outcome: 200, staffNote: 4000, label: 40, labels: 20 } as const;
const LOANS_COLOR = '#1d4ed8';
const VISITS_COLOR = '#0f766e';

type Action = 'interaction' | 'note' | 'labels';

interface InteractionDraft {
  channel: InteractionChannel;
  note: string;
  outcome: string;
  /** A datetime-local value ('YYYY-MM-DDTHH:MM', the browser's time), or '' for now. */
  at: string;
}

const emptyInteraction = (): InteractionDraft => ({ channel: 'desk', note: '', outcome: '', at: '' });

export class AdminMemberProfile extends AdminView {
  static override properties = {
    ...AdminView.properties,
    memberId: { attribute: false },
    photoBase: { attribute: false },
    profile: { state: true },
    error: { state: true },
    forbidden: { state: true },
    kinds: { state: true },
    interaction: { state: true },
    note: { state: true },
    labels: { state: true },
    newLabel: { state: true },
    busy: { state: true },
    problems: { state: true },
  };

  declare memberId: string | null;
  /** Where SLiMS's files are (its root URL), when the app runs inside SLiMS; null elsewhere: no photo then. */
  declare photoBase: string | null;
  declare profile: MemberProfile | null;
  declare error: string;
  declare forbidden: boolean;
  /** The timeline's kinds shown. */
  declare kinds: TimelineKind[];
  declare interaction: InteractionDraft;
  /** The staff note as being edited. */
  declare note: string;
  /** The labels as being edited. */
  declare labels: string[];
  declare newLabel: string;
  declare busy: Action | null;
  declare problems: Partial<Record<Action, string>>;

  private requestSeq = 0;

  constructor() {
    super();
    this.memberId = null;
    this.photoBase = null;
    this.profile = null;
    this.error = '';
    this.forbidden = false;
    this.kinds = [...TIMELINE_KINDS];
    this.interaction = emptyInteraction();
    this.note = '';
    this.labels = [];
    this.newLabel = '';
    this.busy = null;
    this.problems = {};
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    destroyCharts(this);
  }

  /** A staff member with Membership read but not write sees the profile without the forms. */
  private get readOnly(): boolean {
    return !mayWrite(this.api?.token ?? null);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('memberId')) {
      this.profile = null;
      this.kinds = [...TIMELINE_KINDS];
      this.interaction = emptyInteraction();
      this.newLabel = '';
      this.problems = {};
      void this.load();
    }
  }

  protected override updated(): void {
    if (!this.profile) return;
    if (chartReady()) this.drawChart();
    else void loadChart().then(() => this.isConnected && this.drawChart());
  }

  private savedNote(): string {
    return this.profile?.note?.text ?? '';
  }

  private labelsChanged(): boolean {
    const saved = this.profile?.labels ?? [];
    return saved.length !== this.labels.length || saved.some((label, i) => label !== this.labels[i]);
  }

  /** An interaction typed, a note or labels changed, and not saved: the app asks before leaving the profile. */
  override get dirty(): boolean {
    if (!this.profile) return false;
    return Boolean(
      this.interaction.note.trim() ||
      this.interaction.outcome.trim() ||
      this.note.trim() !== this.savedNote() ||
      this.labelsChanged() ||
      this.newLabel.trim(),
    );
  }

  override discard(): void {
    this.interaction = emptyInteraction();
    this.note = this.savedNote();
    this.labels = [...(this.profile?.labels ?? [])];
    this.newLabel = '';
  }

  private async load(): Promise<void> {
    if (!this.api || this.memberId === null) return;
    const id = this.memberId;
    const seq = ++this.requestSeq;
    const all = this.kinds.length === TIMELINE_KINDS.length;
    const result = await this.api.getMember(id, all ? undefined : this.kinds);
    // Another member, or another choice of kinds, was asked for meanwhile.
    if (seq !== this.requestSeq || id !== this.memberId) return;
    if (result.ok) {
      const first = this.profile === null;
      this.profile = result.data;
      this.error = '';
      this.forbidden = false;
      // A reload for the timeline's filter keeps what is being edited.
      if (first) {
        this.note = this.savedNote();
        this.labels = [...result.data.labels];
      }
    } else if (result.status !== 401) {
      this.error = this.errorMessage(result.error);
      this.forbidden = result.status === 403;
    }
  }

  private toggleKind(kind: TimelineKind, on: boolean): void {
    this.kinds = TIMELINE_KINDS.filter((k) => (k === kind ? on : this.kinds.includes(k)));
    void this.load();
  }

  /** Runs one write; a refusal is said by its form, and the toast says how it went. */
  private async act<T>(action: Action, call: () => Promise<ApiResult<T>>, done: string): Promise<T | null> {
    const id = this.memberId;
    this.busy = action;
    this.problems = { ...this.problems, [action]: undefined };
    const result = await call();
    this.busy = null;
    if (id !== this.memberId) return null;
    if (!result.ok) {
      if (result.status !== 401) {
        this.problems = { ...this.problems, [action]: this.refusal(result.error) };
        this.announce(this.errorMessage(result.error), 'error');
      }
      return null;
    }
    this.announce(done);
    return result.data;
  }

  private async logInteraction(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.memberId) return;
    const draft = this.interaction;
    if (!draft.note.trim()) {
      this.problems = { ...this.problems, interaction: this.t('mbNoteRequired') };
      void this.focusId('mb-log-note');
      return;
    }
    const at = draft.at ? new Date(draft.at) : null;
    const id = this.memberId;
    const saved = await this.act(
      'interaction',
      () =>
        this.api!.addInteraction(id, {
          channel: draft.channel,
          note: draft.note,
          outcome: draft.outcome,
          ...(at && !Number.isNaN(at.getTime()) ? { at: at.toISOString() } : {}),
        }),
      this.t('mbLogged'),
    );
    if (saved === null) return;
    this.interaction = emptyInteraction();
    await this.load();
  }

  private async saveNote(event: Event): Promise<void> {
    event.preventDefault();
    if (this.busy || !this.memberId || !this.profile) return;
    const saved = await this.act(
      'note',
      () => this.api!.setMemberNote(this.memberId!, this.note),
      this.t('mbStaffNoteSaved'),
    );
    if (saved === null || !this.profile) return;
    this.profile = { ...this.profile, note: saved.note };
    this.note = this.savedNote();
  }

  private addLabel(event: Event): void {
    event.preventDefault();
    const label = this.newLabel.replace(/\s+/g, ' ').trim();
    if (!label) return;
    const key = label.toLocaleLowerCase('id-ID');
    if (!this.labels.some((l) => l.toLocaleLowerCase('id-ID') === key)) this.labels = [...this.labels, label];
    this.newLabel = '';
    void this.focusId('mb-label-new');
  }

  private removeLabel(label: string): void {
    this.labels = this.labels.filter((l) => l !== label);
    void this.focusId('mb-label-new');
  }

  private async saveLabels(): Promise<void> {
    if (this.busy || !this.memberId || !this.profile) return;
    const labels = this.newLabel.trim() ? [...this.labels, this.newLabel.trim()] : this.labels;
    const saved = await this.act(
      'labels',
      () => this.api!.setMemberLabels(this.memberId!, labels),
      this.t('mbLabelsSaved'),
    );
    if (saved === null || !this.profile) return;
    this.profile = { ...this.profile, labels: saved.labels };
    this.labels = [...saved.labels];
    this.newLabel = '';
  }

  override render(): TemplateResult {
    const t = this.t;
    const p = this.profile;
    return html`
      <div class="crumb"><button class="btn ghost sm" type="button" @click=${() => this.navigate({ view: 'members' })}>← ${t('navMembers')}</button></div>
      <div class="page-head member-head">
        ${p?.photo && this.photoBase ? html`<img class="member-photo" src=${new URL(p.photo, this.photoBase).href} alt=${t('mbPhoto', { name: p.name })} />` : nothing}
        <div class="grow">
          <h1 tabindex="-1">${p ? p.name : t('mbLoading')}</h1>
          ${
            p
              ? html`<p class="muted" data-member-line>
                <span class="code">${p.id}</span>${p.type ? html` · ${p.type.name}` : nothing}
                ${p.expired ? html`<span class="badge closed">${t('mbExpired')}</span>` : nothing}
                ${p.pending ? html`<span class="badge draft">${t('mbPending')}</span>` : nothing}
                ${p.minor ? html`<span class="badge scheduled">${t('mbMinor')}</span>` : nothing}
                ${p.labels.map((label) => html`<span class="tag">${label}</span>`)}
              </p>`
              : nothing
          }
        </div>
      </div>
      ${this.renderBody()}
    `;
  }

  private renderBody(): TemplateResult {
    const t = this.t;
    if (this.error) {
      return this.renderLoadFailure(this.error, this.forbidden, () => this.load());
    }
    const p = this.profile;
    if (!p) return this.renderLoading();
    return html`
      ${this.readOnly ? html`<div class="notice info" data-read-only>${t('mbReadOnly')}</div>` : nothing}
      <div class="fb-layout member-profile">
        <div class="fb-main">
          ${this.renderSlimsData(p)} ${this.renderLoans(p)} ${this.renderActivity(p)} ${this.renderStated(p)} ${this.renderInferred(p)}
          ${this.renderTimeline(p)}
        </div>
        <div class="fb-side">
          ${this.readOnly ? nothing : this.renderLog()} ${this.renderNote(p)} ${this.renderLabels(p)} ${this.renderTier(p)}
        </div>
      </div>
    `;
  }

  private renderSlimsData(p: MemberProfile): TemplateResult {
    const t = this.t;
    const row = (label: string, value: unknown) =>
      html`<dt>${label}</dt><dd>${value === null || value === '' ? html`<span class="muted">${t('mbNone')}</span>` : value}</dd>`;
    const day = (value: string | null) => (value ? this.formatDay(value) : null);
    return html`<section class="card" aria-labelledby="mb-slims-title" data-slims>
      <h2 id="mb-slims-title">${t('mbSlimsData')}</h2>
      <p class="hint">${t('mbSlimsDataHint')}</p>
      <dl class="facts two-columns">
        ${row(t('mbColCard'), p.id)}
        ${row(t('mbType'), p.type?.name ?? null)}
        ${row(t('mbGender'), p.gender === null ? null : t(p.gender === 'male' ? 'mbMale' : 'mbFemale'))}
        ${row(t('mbBirthDate'), p.birthDate ? t('mbAge', { date: this.formatDay(p.birthDate), age: p.age ?? '' }) : null)}
        ${row(t('mbColInstitution'), p.institution)}
        ${row(t('mbAddress'), p.address)}
        ${row(t('mbMailAddress'), p.mailAddress)}
        ${row(t('mbPostalCode'), p.postalCode)}
        ${row(t('mbPhone'), p.phone)}
        ${row(t('mbEmail'), p.email ? html`<a href=${`mailto:${p.email}`}>${p.email}</a>` : null)}
        ${row(t('mbSince'), day(p.memberSince))}
        ${row(t('mbRegistered'), day(p.registerDate))}
        ${row(t('mbExpires'), day(p.expireDate))}
        ${row(t('mbStatus'), p.pending ? t('mbPending') : p.expired ? t('mbExpired') : t('mbStatusOk'))}
      </dl>
    </section>`;
  }

  private renderLoans(p: MemberProfile): TemplateResult {
    const t = this.t;
    const l = p.loans;
    const stat = (key: string, label: string, value: number) =>
      html`<div class="stat" data-stat=${key}><p class="label">${label}</p><div class="value">${this.formatNumber(value)}</div></div>`;
    return html`<section class="card" aria-labelledby="mb-loans-title">
      <h2 id="mb-loans-title">${t('mbLoans')}</h2>
      <div class="stats compact">
        ${stat('total', t('mbLoansTotal'), l.total)} ${stat('last12', t('mbLoans12'), l.last12Months)}
        ${stat('onloan', t('mbOnLoan'), l.onLoan.length)} ${stat('overdue', t('mbOverdue'), l.overdue)}
        ${stat('visits', t('mbVisitsTotal'), p.visits.total)}
      </div>
      <dl class="facts compact">
        <dt>${t('mbLastLoan')}</dt>
        <dd data-last-loan>${l.lastLoan ? html`${this.formatDay(l.lastLoan.date)} · ${l.lastLoan.title ?? t('mbUntitled')}` : t('mbNoLoans')}</dd>
        <dt>${t('mbLastVisit')}</dt>
        <dd data-last-visit>${p.visits.last ? this.formatDate(p.visits.last) : t('mbNoVisits')}</dd>
      </dl>
      ${
        l.onLoan.length
          ? html`<h3>${t('mbOnLoanTitle')}</h3>
            <div class="scroll"><table class="result-table" data-on-loan>
              <thead><tr><th scope="col">${t('mbColTitle')}</th><th scope="col">${t('mbColItem')}</th><th scope="col">${t('mbColDue')}</th></tr></thead>
              <tbody>${l.onLoan.map(
                (loan) => html`<tr data-loan=${loan.loanId}>
                  <td>${loan.title ?? t('mbUntitled')}</td>
                  <td class="code">${loan.itemCode ?? t('mbNone')}</td>
                  <td>${this.formatDay(loan.dueDate)} ${loan.overdue ? html`<span class="badge closed">${t('mbOverdue')}</span>` : nothing}</td>
                </tr>`,
              )}</tbody>
            </table></div>`
          : nothing
      }
      ${
        l.topTopics.length || l.topGmds.length
          ? html`<div class="grid-2">
            <div><h3>${t('mbTopTopics')}</h3><ol class="top-list" data-top-topics>
              ${l.topTopics.map((topic) => html`<li>${topic.topic} <span class="muted small">${t('mbLoansN', { n: this.formatNumber(topic.loans), count: topic.loans })}</span></li>`)}
            </ol></div>
            <div><h3>${t('mbTopGmds')}</h3><ol class="top-list" data-top-gmds>
              ${l.topGmds.map((gmd) => html`<li>${gmd.name} <span class="muted small">${t('mbLoansN', { n: this.formatNumber(gmd.loans), count: gmd.loans })}</span></li>`)}
            </ol></div>
          </div>`
          : nothing
      }
    </section>`;
  }

  private monthLabel(month: string): string {
    return this.formatDay(`${month}-01`, { month: 'short', year: 'numeric' });
  }

  private renderActivity(p: MemberProfile): TemplateResult {
    const t = this.t;
    const visits = new Map(p.visits.perMonth.map((m) => [m.month, m.visits]));
    return html`<section class="card" aria-labelledby="mb-activity-title">
      <h2 id="mb-activity-title">${t('mbActivity')}</h2>
      <div class="chart-box" style="height: 220px" aria-hidden="true"><canvas data-chart="activity"></canvas></div>
      <details class="data-table">
        <summary>${t('mbChartTable')}</summary>
        <div class="scroll">
          <table class="result-table" data-activity>
            <thead><tr><th scope="col">${t('mbMonth')}</th><th scope="col" class="n">${t('mbLoans')}</th><th scope="col" class="n">${t('mbVisits')}</th></tr></thead>
            <tbody>${p.loans.perMonth.map(
              (
                m,
              ) => html`<tr><th scope="row">${this.monthLabel(m.month)}</th><td class="n">${this.formatNumber(m.loans)}</td>
                <td class="n">${this.formatNumber(visits.get(m.month) ?? 0)}</td></tr>`,
            )}</tbody>
          </table>
        </div>
      </details>
    </section>`;
  }

  private drawChart(): void {
    const p = this.profile;
    const canvas = this.querySelector<HTMLCanvasElement>('canvas[data-chart="activity"]');
    if (!p || !canvas) return;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const visits = new Map(p.visits.perMonth.map((m) => [m.month, m.visits]));
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: p.loans.perMonth.map((m) => this.monthLabel(m.month)),
        datasets: [
          {
            label: this.t('mbLoans'),
            data: p.loans.perMonth.map((m) => m.loans),
            backgroundColor: LOANS_COLOR,
            maxBarThickness: 28,
          },
          {
            label: this.t('mbVisits'),
            data: p.loans.perMonth.map((m) => visits.get(m.month) ?? 0),
            backgroundColor: VISITS_COLOR,
            maxBarThickness: 28,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: reduced ? false : { duration: 300 },
        plugins: { legend: { position: 'bottom' } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      },
    };
    drawChart(canvas, config);
  }

  /** What the member said about themselves (<slims-interest-profile>): interests, media, channel, consents. */
  private renderStated(p: MemberProfile): TemplateResult {
    const t = this.t;
    const { media, gmds, channel, contact } = p.preferences;
    const chosenMedia = [
      ...media.map((m) => (MEDIA_KEYS[m] ? t(MEDIA_KEYS[m]) : m)),
      ...gmds.map((g) => g.name ?? `GMD ${g.id}`),
    ];
    const given = [contact.email, contact.whatsapp].filter((c): c is string => c !== null);
    return html`<section class="card" aria-labelledby="mb-stated-title" data-stated>
      <h2 id="mb-stated-title">${t('mbStated')}</h2>
      <p class="hint">${t('mbStatedHint')}</p>
      ${
        p.interests.length
          ? html`<ul class="interest-list" data-stated-interests>
            ${p.interests.map(
              (i) =>
                html`<li><span>${i.kind === 'topic' ? (i.topic ?? `#${i.topicId}`) : t('mbStatedTag', { tag: i.tag })}</span></li>`,
            )}
          </ul>`
          : html`<p class="muted">${t('mbStatedNone')}</p>`
      }
      <dl class="facts compact">
        <dt>${t('mbMedia')}</dt>
        <dd data-media>${chosenMedia.length ? chosenMedia.join(', ') : t('mbMediaNone')}</dd>
        <dt>${t('mbPreferred')}</dt>
        <dd data-channel>${channel ? t(PREFERRED_KEYS[channel]!) : t('mbPreferredNotSaid')}</dd>
        ${given.length ? html`<dt>${t('mbContactGiven')}</dt><dd data-contact>${given.join(' · ')}</dd>` : nothing}
      </dl>
      <h3>${t('mbConsents')}</h3>
      ${
        p.consents.length
          ? html`<ul class="consent-list" data-consents>
            ${p.consents.map(
              (c) => html`<li data-consent=${`${c.channel}:${c.purpose}`}>
                <strong>${t(PURPOSE_KEYS[c.purpose]!)}</strong> · ${t(PREFERRED_KEYS[c.channel]!)}:
                ${c.granted ? t('mbConsentGranted') : t('mbConsentWithdrawn')}
                <span class="small muted">${t('mbConsentWhen', {
                  date: this.formatDate(c.at),
                  version: c.wordingVersion,
                  source: t(SOURCE_KEYS[c.source]!),
                })}</span>
              </li>`,
            )}
          </ul>`
          : html`<p class="muted">${t('mbConsentsNone')}</p>`
      }
    </section>`;
  }

  private renderInferred(p: MemberProfile): TemplateResult {
    const t = this.t;
    return html`<section class="card" aria-labelledby="mb-inferred-title">
      <h2 id="mb-inferred-title">${t('mbInferred')}</h2>
      <p class="hint">${t('mbInferredHint')}</p>
      ${
        p.inferredInterests.length
          ? html`<ul class="interest-list" data-inferred>
            ${p.inferredInterests.map(
              (i) => html`<li>
                <span>${i.topic}</span>
                <meter min="0" max="1" value=${i.weight} aria-label=${i.topic}></meter>
                <span class="muted small">${t('mbLoansN', { n: this.formatNumber(i.loans), count: i.loans })}</span>
              </li>`,
            )}
          </ul>`
          : html`<p class="muted">${t('mbNoInferred')}</p>`
      }
    </section>`;
  }

  private renderTier(p: MemberProfile): TemplateResult {
    const t = this.t;
    return html`<section class="card" aria-labelledby="mb-tier-title">
      <h2 id="mb-tier-title">${t('mbTierScore')}</h2>
      <p class="muted" data-tier>${p.tier ? t(TIER_KEYS[p.tier]) : t('mbTierPending')}</p>
    </section>`;
  }

  private renderTimeline(p: MemberProfile): TemplateResult {
    const t = this.t;
    return html`<section class="card" aria-labelledby="mb-timeline-title">
      <h2 id="mb-timeline-title">${t('mbTimeline')}</h2>
      <fieldset class="kinds">
        <legend>${t('mbTimelineKinds')}</legend>
        ${TIMELINE_KINDS.map(
          (kind) => html`<label class="check">
            <input type="checkbox" name="kind" value=${kind} .checked=${this.kinds.includes(kind)}
              @change=${(e: Event) => this.toggleKind(kind, (e.target as HTMLInputElement).checked)} />
            ${t(KIND_KEYS[kind])}
          </label>`,
        )}
      </fieldset>
      ${
        p.timeline.length
          ? html`<ol class="timeline" data-timeline>${p.timeline.map((entry) => this.renderEntry(entry))}</ol>`
          : html`<p class="muted" role="status">${t('mbTimelineEmpty')}</p>`
      }
      ${p.timelineMore ? html`<p class="small muted">${t('mbTimelineMore')}</p>` : nothing}
    </section>`;
  }

  private renderEntry(e: TimelineEntry): TemplateResult {
    const t = this.t;
    const when = html`<time datetime=${e.at}>${e.allDay ? this.formatDate(e.at, false) : this.formatDate(e.at)}</time>`;
    let what: TemplateResult | string;
    let more: TemplateResult | typeof nothing = nothing;
    switch (e.kind) {
      case 'interaction':
        what = t('mbEntryInteraction', { channel: t(CHANNEL_KEYS[e.channel]) });
        more = html`<p class="fb-text">${e.note}</p>
          ${e.outcome ? html`<p class="small">${t('mbOutcome', { outcome: e.outcome })}</p>` : nothing}`;
        break;
      case 'loan':
        what = t('mbEntryLoan', { title: e.title ?? t('mbUntitled') });
        more = html`<p class="small muted">${e.itemCode ?? ''} · ${t('mbEntryDue', { date: this.formatDay(e.dueDate) })}</p>`;
        break;
      case 'return':
        what = t('mbEntryReturn', { title: e.title ?? t('mbUntitled') });
        break;
      case 'visit':
        what = e.room ? t('mbEntryVisitRoom', { room: e.room }) : t('mbEntryVisit');
        break;
      case 'survey':
        what = t('mbEntrySurvey', { title: e.title });
        break;
      case 'feedback':
        what = t('mbEntryFeedback', {
          kind: feedbackKindLabel(this.lang, e.feedbackKind).toLocaleLowerCase(this.lang),
        });
        more = html`<p class="fb-text">${e.text}</p>`;
        break;
    }
    return html`<li data-event=${e.kind}>
      <p><strong>${what}</strong></p>
      ${more}
      <p class="small muted">${when}${e.kind === 'interaction' ? html` · ${t('mbBy', { name: e.staff.name })}` : nothing}</p>
    </li>`;
  }

  private renderLog(): TemplateResult {
    const t = this.t;
    const d = this.interaction;
    const problem = this.problems.interaction;
    const set = (change: Partial<InteractionDraft>) => (this.interaction = { ...this.interaction, ...change });
    return html`<section class="card" aria-labelledby="mb-log-title">
      <h2 id="mb-log-title">${t('mbLogTitle')}</h2>
      <form @submit=${this.logInteraction} novalidate data-log>
        <div class="field">
          <label for="mb-log-channel">${t('mbChannel')}</label>
          <select id="mb-log-channel" @change=${(e: Event) => set({ channel: (e.target as HTMLSelectElement).value as InteractionChannel })}>
            ${INTERACTION_CHANNELS.map((c) => html`<option value=${c} ?selected=${c === d.channel}>${t(CHANNEL_KEYS[c])}</option>`)}
          </select>
        </div>
        <div class="field">
          <label for="mb-log-note">${t('mbNote')}</label>
          <textarea id="mb-log-note" rows="3" maxlength=${LIMITS.note} .value=${live(d.note)} aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${problem ? 'mb-log-error' : nothing}
            @input=${(e: Event) => set({ note: (e.target as HTMLTextAreaElement).value })}></textarea>
        </div>
        <div class="field">
          <label for="mb-log-outcome">${t('mbOutcomeLabel')}</label>
          <input id="mb-log-outcome" type="text" maxlength=${LIMITS.outcome} .value=${live(d.outcome)}
            @input=${(e: Event) => set({ outcome: (e.target as HTMLInputElement).value })} />
        </div>
        <div class="field">
          <label for="mb-log-at">${t('mbWhen')}</label>
          <input id="mb-log-at" type="datetime-local" .value=${live(d.at)} @input=${(e: Event) => set({ at: (e.target as HTMLInputElement).value })} />
        </div>
        ${problem ? html`<p id="mb-log-error" class="error-text">${problem}</p>` : nothing}
        <button class="btn primary" type="submit" aria-disabled=${this.busy === 'interaction' ? 'true' : 'false'}>${t('mbLogSave')}</button>
      </form>
    </section>`;
  }

  private renderNote(p: MemberProfile): TemplateResult {
    const t = this.t;
    const problem = this.problems.note;
    const updated = p.note
      ? html`<p class="small muted" data-note-updated>${t('mbStaffNoteUpdated', { name: p.note.updatedBy.name, date: this.formatDate(p.note.updatedAt) })}</p>`
      : nothing;
    return html`<section class="card" aria-labelledby="mb-note-title">
      <h2 id="mb-note-title">${t('mbStaffNote')}</h2>
      <p class="hint">${t('mbStaffNoteHint')}</p>
      ${
        this.readOnly
          ? html`<p class="fb-text" data-note>${p.note?.text ?? t('mbNone')}</p>${updated}`
          : html`<form @submit=${this.saveNote} novalidate data-note-form>
            <div class="field">
              <label for="mb-note" class="visually-hidden">${t('mbStaffNote')}</label>
              <textarea id="mb-note" rows="4" maxlength=${LIMITS.staffNote} .value=${live(this.note)} aria-invalid=${problem ? 'true' : 'false'}
                aria-describedby=${problem ? 'mb-note-error' : nothing}
                @input=${(e: Event) => (this.note = (e.target as HTMLTextAreaElement).value)}></textarea>
              ${problem ? html`<p id="mb-note-error" class="error-text">${problem}</p>` : nothing}
            </div>
            ${updated}
            <button class="btn" type="submit" aria-disabled=${this.busy === 'note' ? 'true' : 'false'}>${t('mbStaffNoteSave')}</button>
          </form>`
      }
    </section>`;
  }

  private renderLabels(p: MemberProfile): TemplateResult {
    const t = this.t;
    const problem = this.problems.labels;
    if (this.readOnly) {
      return html`<section class="card" aria-labelledby="mb-labels-title">
        <h2 id="mb-labels-title">${t('mbLabels')}</h2>
        ${p.labels.length ? html`<p>${p.labels.map((label) => html`<span class="tag">${label}</span>`)}</p>` : html`<p class="muted">${t('mbLabelsNone')}</p>`}
      </section>`;
    }
    const full = this.labels.length >= LIMITS.labels;
    return html`<section class="card" aria-labelledby="mb-labels-title">
      <h2 id="mb-labels-title">${t('mbLabels')}</h2>
      <p class="hint" id="mb-labels-hint">${t('mbLabelsHint')}</p>
      ${
        this.labels.length
          ? html`<ul class="label-list" data-labels>
            ${this.labels.map(
              (label) => html`<li><span class="tag">${label}</span>
                <button class="btn ghost sm" type="button" aria-label=${t('mbLabelRemove', { label })} @click=${() => this.removeLabel(label)}>×</button></li>`,
            )}
          </ul>`
          : html`<p class="muted">${t('mbLabelsNone')}</p>`
      }
      <form class="inline" @submit=${this.addLabel} novalidate>
        <label for="mb-label-new" class="visually-hidden">${t('mbLabelNew')}</label>
        <input id="mb-label-new" type="text" maxlength=${LIMITS.label} .value=${live(this.newLabel)} ?disabled=${full}
          placeholder=${t('mbLabelNew')} aria-describedby=${problem ? 'mb-labels-hint mb-labels-error' : 'mb-labels-hint'}
          @input=${(e: Event) => (this.newLabel = (e.target as HTMLInputElement).value)} />
        <button class="btn sm" type="submit" ?disabled=${full}>${t('mbLabelAdd')}</button>
      </form>
      ${problem ? html`<p id="mb-labels-error" class="error-text">${problem}</p>` : nothing}
      <button class="btn" type="button" data-save-labels aria-disabled=${this.busy === 'labels' ? 'true' : 'false'}
        @click=${this.saveLabels}>${t('mbLabelsSave')}</button>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-member': AdminMemberProfile;
  }
}
