// "Tingkat anggota": the thresholds behind the member tiers (baru, aktif, setia, berisiko, tidak aktif), each
// explained with its default, changed with Membership write; and the tier job's status, its progress while it
// runs, the last run, and a button that asks for a full run now. Its URL is #/tiers.
import { html, nothing, type TemplateResult } from 'lit';
import { MEMBER_TIERS, mayWrite, type TierSettings, type TierSettingsView, type TierStatus } from './api.ts';
import { TIER_KEYS } from './members.ts';
import { AdminView } from './view.ts';

/** How often the status is read again while a run is asked for or under way. */
const POLL_MS = 2_000;

/** The thresholds in the order the form shows them: the window, then each tier's rule, then the parts' targets. */
const FIELDS: ReadonlyArray<keyof TierSettings> = [
  'windowDays',
  'newDays',
  'newMaxLoans',
  'activeScore',
  'loyalScore',
  'atRiskDays',
  'lapsedDays',
  'loansTarget',
  'visitsTarget',
  'topicsTarget',
  'engagementTarget',
];

export class AdminTiers extends AdminView {
  static override properties = {
    ...AdminView.properties,
    view: { state: true },
    status: { state: true },
    draft: { state: true },
    error: { state: true },
    formError: { state: true },
    busy: { state: true },
  };

  declare view: TierSettingsView | null;
  declare status: TierStatus | null;
  declare draft: Record<keyof TierSettings, string>;
  declare error: string;
  declare formError: string;
  declare busy: boolean;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor() {
    super();
    this.view = null;
    this.status = null;
    this.draft = {} as Record<keyof TierSettings, string>;
    this.error = '';
    this.formError = '';
    this.busy = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private get readOnly(): boolean {
    return !mayWrite(this.api?.token ?? null);
  }

  private async load(): Promise<void> {
    if (!this.api) return;
    this.error = '';
    const [settings] = await Promise.all([this.api.getTierSettings(), this.refresh()]);
    if (settings.ok) this.show(settings.data);
    else if (settings.status !== 401) this.error = this.errorMessage(settings.error);
  }

  private show(view: TierSettingsView): void {
    this.view = view;
    this.draft = Object.fromEntries(FIELDS.map((key) => [key, String(view.settings[key])])) as Record<
      keyof TierSettings,
      string
    >;
  }

  /** Reads the status, and again shortly while a run is asked for or under way. */
  private async refresh(): Promise<void> {
    if (!this.api) return;
    const status = await this.api.getTierStatus();
    if (!this.isConnected) return;
    if (status.ok) this.status = status.data;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (status.ok && (status.data.running || status.data.requested))
      this.timer = setTimeout(() => void this.refresh(), POLL_MS);
  }

  private async save(event: Event): Promise<void> {
    event.preventDefault();
    if (!this.api || this.busy) return;
    this.busy = true;
    this.formError = '';
    const body = Object.fromEntries(FIELDS.map((key) => [key, Number(this.draft[key])])) as unknown as TierSettings;
    const saved = await this.api.saveTierSettings(body);
    this.busy = false;
    if (!saved.ok) {
      this.formError = this.refusal(saved.error);
      return;
    }
    this.show(saved.data);
    this.announce(this.t('trSaved'));
    await this.refresh();
  }

  private async runNow(): Promise<void> {
    if (!this.api || this.busy) return;
    this.busy = true;
    const asked = await this.api.requestTierRun('full');
    this.busy = false;
    if (!asked.ok) {
      this.announce(this.errorMessage(asked.error), 'error');
      return;
    }
    this.announce(this.t('trRunAsked'));
    await this.refresh();
  }

  override render(): TemplateResult {
    const t = this.t;
    return html`
      <div class="page-head">
        <div class="grow">
          <h1 tabindex="-1">${t('trTitle')}</h1>
          <p class="muted">${t('trIntro')}</p>
        </div>
      </div>
      ${
        this.error
          ? this.renderLoadFailure(this.error, false, () => this.load())
          : this.view === null
            ? this.renderLoading()
            : html`${this.renderStatus()} ${this.renderSettings(this.view)}`
      }
    `;
  }

  private renderStatus(): TemplateResult {
    const t = this.t;
    const s = this.status;
    return html`<section class="card" aria-labelledby="tr-status-title" data-tier-status>
      <h2 id="tr-status-title">${t('trStatus')}</h2>
      ${
        s === null
          ? html`<p class="muted">${t('loading')}</p>`
          : html`
            ${
              s.running
                ? html`<p role="status" data-running>
                  ${t('trRunning', {
                    kind: t(s.running.kind === 'full' ? 'trKindFull' : 'trKindIncremental'),
                    done: this.formatNumber(s.running.done),
                    total: this.formatNumber(s.running.total),
                  })}
                  <progress max=${Math.max(1, s.running.total)} value=${s.running.done}></progress>
                </p>`
                : s.requested
                  ? html`<p role="status" data-requested>${t('trRequested')}</p>`
                  : nothing
            }
            <p data-last>
              ${
                s.last
                  ? // A small library's run takes milliseconds, which "0 detik" would misstate.
                    t(s.last.durationMs < 1000 ? 'trLastQuick' : 'trLast', {
                      kind: t(s.last.kind === 'full' ? 'trKindFull' : 'trKindIncremental'),
                      when: this.formatDate(s.last.finishedAt),
                      members: this.formatNumber(s.last.members),
                      seconds: this.formatNumber(s.last.durationMs / 1000, 1),
                    })
                  : t('trNever')
              }
            </p>
            ${s.lastError ? html`<div class="notice error" role="alert">${t('trFailed', { error: s.lastError })}</div>` : nothing}
            <ul class="tier-counts" data-tier-counts>
              ${MEMBER_TIERS.map(
                (tier) => html`<li>
                  <a href=${`#/members?tier=${tier}`}>${t(TIER_KEYS[tier])}</a>:
                  <strong data-count=${tier}>${this.formatNumber(s.tiers[tier])}</strong>
                </li>`,
              )}
            </ul>
            ${
              this.readOnly
                ? nothing
                : html`<button class="btn" type="button" data-run-now ?disabled=${this.busy || s.running !== null}
                  @click=${() => void this.runNow()}>${t('trRunNow')}</button>`
            }
          `
      }
    </section>`;
  }

  private renderSettings(view: TierSettingsView): TemplateResult {
    const t = this.t;
    const readOnly = this.readOnly;
    return html`<form class="card" aria-labelledby="tr-settings-title" @submit=${(e: Event) => void this.save(e)} novalidate>
      <h2 id="tr-settings-title">${t('trSettings')}</h2>
      <p class="muted">${t('trScoreHow', {
        recency: view.maxPoints.recency,
        loans: view.maxPoints.loans,
        visits: view.maxPoints.visits,
        breadth: view.maxPoints.breadth,
        engagement: view.maxPoints.engagement,
      })}</p>
      ${readOnly ? html`<div class="notice info" data-read-only>${t('trReadOnly')}</div>` : nothing}
      ${FIELDS.map((key) => {
        const id = `tr-${key}`;
        const range = view.ranges[key];
        return html`<div class="field">
          <label for=${id}>${view.explanations[key]}</label>
          <input id=${id} name=${key} type="number" inputmode="numeric" min=${range.min} max=${range.max} step="1"
            .value=${this.draft[key] ?? ''} ?readonly=${readOnly} aria-describedby=${`${id}-default`}
            @input=${(e: Event) => (this.draft = { ...this.draft, [key]: (e.target as HTMLInputElement).value })} />
          <span class="small muted" id=${`${id}-default`}>${t('trDefault', { value: view.defaults[key] })}</span>
        </div>`;
      })}
      ${view.updated ? html`<p class="small muted" data-updated>${t('trUpdated', { name: view.updated.name, when: this.formatDate(view.updated.at) })}</p>` : nothing}
      ${this.formError ? html`<div class="notice error" role="alert" data-form-error>${this.formError}</div>` : nothing}
      ${
        readOnly
          ? nothing
          : html`<div class="actions">
            <button class="btn primary" type="submit" ?disabled=${this.busy}>${t('trSave')}</button>
            <button class="btn" type="button" ?disabled=${this.busy}
              @click=${() => (this.draft = Object.fromEntries(FIELDS.map((k) => [k, String(view.defaults[k])])) as Record<keyof TierSettings, string>)}>
              ${t('trUseDefaults')}</button>
          </div>`
      }
    </form>`;
  }
}
