// Service measures for the suggestion box: how fast staff first respond and close items, how old
// the open ones are, and what arrives per kind and category over time; charts with their numbers
// as tables, and the same figures as CSV.
import { html, nothing, type TemplateResult } from 'lit';
import type { ChartConfiguration } from 'chart.js';
import {
  FEEDBACK_KINDS,
  fieldProblems,
  type AgeBucket,
  type Durations,
  type MeasureBucket,
  type MeasureRange,
  type Measures,
} from './api.ts';
import { chartReady, destroyCharts, drawChart, loadChart } from './charts.ts';
import type { MessageKey } from './i18n.ts';
import { AdminView, feedbackKindLabel } from './view.ts';

const AGE_BUCKETS: AgeBucket[] = ['0-1d', '1-3d', '3-7d', '7-30d', '30d+'];
const AGE_KEYS: Record<AgeBucket, MessageKey> = {
  '0-1d': 'age0to1',
  '1-3d': 'age1to3',
  '3-7d': 'age3to7',
  '7-30d': 'age7to30',
  '30d+': 'age30plus',
};
const BUCKETS: MeasureBucket[] = ['day', 'week', 'month'];
const BUCKET_KEYS: Record<MeasureBucket, MessageKey> = { day: 'bucketDay', week: 'bucketWeek', month: 'bucketMonth' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/** Enough colours for the five kinds and the default categories; more categories repeat them. */
const PALETTE = ['#1d4ed8', '#0f766e', '#b45309', '#b91c1c', '#7c3aed', '#0e7490', '#4d7c0f', '#be185d', '#475569'];

interface Series {
  label: string;
  counts: number[];
  /** A kind keeps its colour whichever kinds a range holds. */
  color?: string;
}

export class AdminFeedbackMeasures extends AdminView {
  static override properties = {
    ...AdminView.properties,
    data: { state: true },
    error: { state: true },
    forbidden: { state: true },
    loading: { state: true },
    draft: { state: true },
    rangeProblem: { state: true },
    downloading: { state: true },
  };

  declare data: Measures | null;
  declare error: string;
  declare forbidden: boolean;
  declare loading: boolean;
  declare draft: Required<MeasureRange>;
  declare rangeProblem: string;
  declare downloading: boolean;

  /** The range the shown figures are for (empty: the server's default, the last 90 days by week). */
  private applied: MeasureRange = {};

  constructor() {
    super();
    this.data = null;
    this.error = '';
    this.forbidden = false;
    this.loading = false;
    this.draft = { from: '', to: '', bucket: 'week' };
    this.rangeProblem = '';
    this.downloading = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    destroyCharts(this);
  }

  private async load(range: MeasureRange = this.applied): Promise<void> {
    if (!this.api || this.loading) return;
    this.loading = true;
    const result = await this.api.getMeasures(range);
    this.loading = false;
    if (result.ok) {
      this.applied = range;
      this.data = result.data;
      this.error = '';
      this.draft = { from: result.data.from, to: result.data.to, bucket: result.data.bucket };
    } else if (result.status === 422 && this.data) {
      // A range the server refuses (longer than it allows): say so by the fields, keep the figures shown.
      const details = fieldProblems(result.error);
      this.rangeProblem = details.length ? details.map((p) => p.message).join(' ') : this.errorMessage(result.error);
      void this.focusId(details[0]?.field === 'to' ? 'fm-to' : 'fm-from');
    } else if (result.status !== 401) {
      this.error = this.errorMessage(result.error);
      this.forbidden = result.status === 403;
    }
  }

  private apply(event: Event): void {
    event.preventDefault();
    const { from, to, bucket } = this.draft;
    if (!DATE.test(from) || !DATE.test(to)) this.rangeProblem = this.t('errDateInvalid');
    else if (from > to) this.rangeProblem = this.t('fbRangeOrder');
    else this.rangeProblem = '';
    if (this.rangeProblem) {
      void this.focusId(DATE.test(from) ? 'fm-to' : 'fm-from');
      return;
    }
    void this.load({ from, to, bucket });
  }

  protected override updated(): void {
    if (!this.data) return;
    if (chartReady()) this.drawCharts();
    else void loadChart().then(() => this.isConnected && this.drawCharts());
  }

  override render(): TemplateResult {
    const t = this.t;
    return html`
      <div class="page-head">
        <div class="grow">
          <h1 tabindex="-1">${t('fmTitle')}</h1>
          <p class="muted">${t('fmIntro')}</p>
        </div>
        <button class="btn primary" type="button" id="fm-csv" aria-disabled=${this.downloading || !this.data ? 'true' : 'false'} @click=${this.downloadCsv}>
          <span aria-hidden="true">⤓</span> ${this.downloading ? t('downloading') : t('downloadCsv')}
        </button>
      </div>
      ${this.forbidden ? nothing : this.renderRange()}
      ${
        this.error
          ? this.renderLoadFailure(this.error, this.forbidden, () => this.load())
          : this.data
            ? this.renderMeasures(this.data)
            : this.renderLoading()
      }
    `;
  }

  private renderRange(): TemplateResult {
    const t = this.t;
    const d = this.draft;
    const invalid = this.rangeProblem ? 'true' : 'false';
    return html`<form class="toolbar" @submit=${this.apply} novalidate aria-label=${t('fmRange')}>
      <div class="field">
        <label for="fm-from">${t('fmFrom')}</label>
        <input id="fm-from" type="date" .value=${d.from} aria-invalid=${invalid} aria-describedby="fm-range-error"
          @input=${(e: Event) => (this.draft = { ...this.draft, from: (e.target as HTMLInputElement).value })} />
      </div>
      <div class="field">
        <label for="fm-to">${t('fmTo')}</label>
        <input id="fm-to" type="date" .value=${d.to} aria-invalid=${invalid} aria-describedby="fm-range-error"
          @input=${(e: Event) => (this.draft = { ...this.draft, to: (e.target as HTMLInputElement).value })} />
      </div>
      <div class="field">
        <label for="fm-bucket">${t('fmBucket')}</label>
        <select id="fm-bucket" @change=${(e: Event) => (this.draft = { ...this.draft, bucket: (e.target as HTMLSelectElement).value as MeasureBucket })}>
          ${BUCKETS.map((b) => html`<option value=${b} ?selected=${d.bucket === b}>${t(BUCKET_KEYS[b])}</option>`)}
        </select>
      </div>
      <button class="btn" type="submit" aria-disabled=${this.loading ? 'true' : 'false'}>${t('fmApply')}</button>
      <p id="fm-range-error" class="error-text" role=${this.rangeProblem ? 'alert' : nothing}>${this.rangeProblem}</p>
    </form>`;
  }

  private renderMeasures(m: Measures): TemplateResult {
    const t = this.t;
    const open = m.openByAge.reduce((sum, a) => sum + a.count, 0);
    const received = Object.values(m.byKind).reduce((sum, n) => sum + (n ?? 0), 0);
    const age = ageCounts(m);
    const periods = periodsOf(m);
    const byKind = this.kindSeries(m, periods);
    const byCategory = this.categorySeries(m, periods);
    return html`
      <p class="muted small" data-range>${t('fmShowing', { from: this.formatDay(m.from), to: this.formatDay(m.to), bucket: t(BUCKET_KEYS[m.bucket]).toLowerCase() })}</p>
      <div class="stats measures">
        ${this.renderDurations('first', t('fmFirstResponse'), m.firstResponse)}
        ${this.renderDurations('close', t('fmClose'), m.close)}
        <div class="stat" data-measure="received">
          <p class="label">${t('fmReceived')}</p>
          <div class="value">${this.formatNumber(received)}</div>
          <p class="small muted">${FEEDBACK_KINDS.filter((k) => m.byKind[k])
            .map((k) => `${feedbackKindLabel(this.lang, k)} ${this.formatNumber(m.byKind[k] ?? 0)}`)
            .join(' · ')}</p>
        </div>
        <div class="stat" data-measure="open">
          <p class="label">${t('fmOpenNow')}</p>
          <div class="value">${this.formatNumber(open)}</div>
        </div>
      </div>
      <section class="card" aria-labelledby="fm-age-title">
        <h2 id="fm-age-title">${t('fmOpenByAge')}</h2>
        <div class="chart-box" style="height: 220px">
          <canvas data-chart="age" role="img"
            aria-label=${t('chartOf', { summary: AGE_BUCKETS.map((b, i) => `${t(AGE_KEYS[b])}: ${this.formatNumber(age[i] ?? 0)}`).join(', ') })}></canvas>
        </div>
      </section>
      ${this.renderVolume('kind', t('fmVolumeByKind'), periods, byKind)}
      ${this.renderVolume('category', t('fmVolumeByCategory'), periods, byCategory)}
    `;
  }

  private renderDurations(key: string, title: string, d: Durations): TemplateResult {
    const t = this.t;
    return html`<div class="stat" data-measure=${key}>
      <p class="label" id="fm-${key}-label">${title}</p>
      <div class="value" aria-describedby="fm-${key}-label">${this.formatDuration(d.medianHours)}</div>
      <p class="small muted">${t('fmMedian')}</p>
      <dl class="facts compact">
        <dt>${t('mean')}</dt><dd data-mean>${this.formatDuration(d.meanHours)}</dd>
        <dt>P90</dt><dd data-p90>${this.formatDuration(d.p90Hours)}</dd>
        <dt>${t('fmCount')}</dt><dd data-count>${this.formatNumber(d.count)}</dd>
      </dl>
    </div>`;
  }

  private renderVolume(key: string, title: string, periods: string[], series: Series[]): TemplateResult {
    const t = this.t;
    const labels = periods.map((p) => this.periodLabel(p));
    return html`<section class="card" aria-labelledby="fm-${key}-title">
      <h2 id="fm-${key}-title">${title}</h2>
      ${
        periods.length === 0
          ? html`<p class="muted">${t('fmNoVolume')}</p>`
          : html`<div class="chart-box" style="height: 260px" aria-hidden="true"><canvas data-chart="volume-${key}"></canvas></div>
            <details class="data-table">
              <summary>${t('fmTable')}</summary>
              <div class="scroll">
                <table class="result-table" data-volume=${key}>
                  <thead><tr><th scope="col">${t('fmPeriod')}</th>${series.map((s) => html`<th scope="col" class="n">${s.label}</th>`)}</tr></thead>
                  <tbody>${labels.map((label, i) => html`<tr><th scope="row">${label}</th>${series.map((s) => html`<td class="n">${this.formatNumber(s.counts[i] ?? 0)}</td>`)}</tr>`)}</tbody>
                </table>
              </div>
            </details>`
      }
    </section>`;
  }

  private kindSeries(m: Measures, periods: string[]): Series[] {
    const kinds = FEEDBACK_KINDS.filter((k) => m.volume.some((v) => v.kind === k));
    return kinds.map((k) => ({
      label: feedbackKindLabel(this.lang, k),
      counts: countBy(m, periods, (v) => v.kind === k),
      color: PALETTE[FEEDBACK_KINDS.indexOf(k)],
    }));
  }

  private categorySeries(m: Measures, periods: string[]): Series[] {
    const named = [...new Set(m.volume.map((v) => v.category).filter((c): c is string => c !== null))].sort((a, b) =>
      a.localeCompare(b),
    );
    const series = named.map((c) => ({ label: c, counts: countBy(m, periods, (v) => v.category === c) }));
    if (m.volume.some((v) => v.category === null))
      series.push({ label: this.t('fmUncategorised'), counts: countBy(m, periods, (v) => v.category === null) });
    return series;
  }

  /** Hours as hours below two days, else days; minutes below one hour. */
  private formatDuration(hours: number | null): string {
    const t = this.t;
    if (hours === null || !Number.isFinite(hours)) return '–';
    // The count that chooses the word is the number as shown (1.04 hours reads "1 hour").
    const shown = (value: number, digits: number) => ({
      n: this.formatNumber(value, digits),
      count: +value.toFixed(digits),
    });
    if (hours < 1) return t('fmMinutes', shown(hours * 60, 0));
    if (hours < 48) return t('fmHours', shown(hours, 1));
    return t('fmDays', shown(hours / 24, 1));
  }

  private periodLabel(period: string): string {
    const bucket = this.data?.bucket ?? 'week';
    if (bucket === 'month') return this.formatDay(period, { month: 'short', year: 'numeric' });
    if (bucket === 'week')
      return this.t('fmWeekOf', { date: this.formatDay(period, { day: 'numeric', month: 'short' }) });
    return this.formatDay(period, { day: 'numeric', month: 'short' });
  }

  private drawCharts(): void {
    const m = this.data;
    if (!m) return;
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const base = {
      responsive: true,
      maintainAspectRatio: false,
      animation: reduced ? (false as const) : { duration: 300 },
    };
    const canvas = (key: string) => this.querySelector<HTMLCanvasElement>(`canvas[data-chart="${key}"]`);
    const t = this.t;

    const ageCanvas = canvas('age');
    if (ageCanvas) {
      drawChart(ageCanvas, {
        type: 'bar',
        data: {
          labels: AGE_BUCKETS.map((b) => t(AGE_KEYS[b])),
          datasets: [{ data: ageCounts(m), backgroundColor: PALETTE[0], borderRadius: 4, maxBarThickness: 48 }],
        },
        options: {
          ...base,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    }

    const periods = periodsOf(m);
    const labels = periods.map((p) => this.periodLabel(p));
    // Volume by kind and by category: the same stacked bars, one segment per series and period.
    const stacked = (series: Series[]): ChartConfiguration<'bar'> => ({
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s, i) => ({
          label: s.label,
          data: s.counts,
          backgroundColor: s.color ?? PALETTE[i % PALETTE.length],
          maxBarThickness: 40,
        })),
      },
      options: {
        ...base,
        plugins: { legend: { position: 'bottom' } },
        scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      },
    });
    const kindCanvas = canvas('volume-kind');
    if (kindCanvas) drawChart(kindCanvas, stacked(this.kindSeries(m, periods)));
    const categoryCanvas = canvas('volume-category');
    if (categoryCanvas) drawChart(categoryCanvas, stacked(this.categorySeries(m, periods)));
  }

  private async downloadCsv(): Promise<void> {
    if (!this.api || !this.data || this.downloading) return;
    const { from, to, bucket } = this.data;
    this.downloading = true;
    const result = await this.api.exportMeasuresCsv({ from, to, bucket });
    this.downloading = false;
    if (!result.ok) {
      if (result.status !== 401)
        this.announce(`${this.t('downloadFailed')} ${this.errorMessage(result.error)}`, 'error');
      return;
    }
    this.saveFile(result.data, `layanan-masukan-${from}-${to}.csv`);
    this.announce(this.t('downloadStarted'));
  }
}

function ageCounts(m: Measures): number[] {
  return AGE_BUCKETS.map((b) => m.openByAge.find((a) => a.bucket === b)?.count ?? 0);
}

/** The day a bucket starts on, as the server counts them: the day, the Monday of its week, the 1st of its month. */
function bucketStart(day: string, bucket: MeasureBucket): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** Every bucket of the range, empty ones included, so a quiet stretch shows as zeros (the server allows
 * three years, under 1,100 days). */
function periodsOf(m: Measures): string[] {
  const seen = [...new Set(m.volume.map((v) => v.period))].filter((p) => DATE.test(p)).sort();
  if (seen.length === 0 || !DATE.test(m.from) || !DATE.test(m.to)) return seen;
  const out: string[] = [];
  const last = bucketStart(m.to, m.bucket);
  const day = new Date(`${bucketStart(m.from, m.bucket)}T00:00:00Z`);
  while (out.length < 1200) {
    const period = day.toISOString().slice(0, 10);
    if (period > last) break;
    out.push(period);
    if (m.bucket === 'day') day.setUTCDate(day.getUTCDate() + 1);
    else if (m.bucket === 'week') day.setUTCDate(day.getUTCDate() + 7);
    else day.setUTCMonth(day.getUTCMonth() + 1);
  }
  // Buckets that do not fall on the steps (a server with other week starts) still count.
  return [...new Set([...out, ...seen])].sort();
}

function countBy(m: Measures, periods: string[], match: (v: Measures['volume'][number]) => boolean): number[] {
  const counts = new Map<string, number>();
  for (const v of m.volume) if (match(v)) counts.set(v.period, (counts.get(v.period) ?? 0) + v.count);
  return periods.map((p) => counts.get(p) ?? 0);
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-feedback-measures': AdminFeedbackMeasures;
  }
}
