// Live results of one survey: totals, a chart and a table per question, text answers (as text),
// responses over time, and the CSV export. Refreshes every 5 s while the page is visible.
import { html, nothing, type TemplateResult } from 'lit';
import type { ChartConfiguration } from 'chart.js';
import type { Question, QuestionResult, ResultsResponse, SurveyDetail } from './api.ts';
import { chartReady, destroyCharts, drawChart, loadChart } from './charts.ts';
import { locale, type Translate } from './i18n.ts';
import { AdminView, kindLabel, stateLabel } from './view.ts';

const REFRESH_MS = 5000;
const TEXT_PAGE = 20;

export class AdminResults extends AdminView {
  static override properties = {
    ...AdminView.properties,
    surveyId: { attribute: false },
    survey: { state: true },
    data: { state: true },
    error: { state: true },
    updatedAt: { state: true },
    paused: { state: true },
    downloading: { state: true },
    textLimits: { state: true },
  };

  declare surveyId: number | null;
  declare survey: SurveyDetail | null;
  declare data: ResultsResponse | null;
  declare error: string;
  declare updatedAt: Date | null;
  declare paused: boolean;
  declare downloading: boolean;
  declare textLimits: Record<number, number>;

  private timer = 0;
  private running = false;

  constructor() {
    super();
    this.surveyId = null;
    this.survey = null;
    this.data = null;
    this.error = '';
    this.updatedAt = null;
    this.paused = false;
    this.downloading = false;
    this.textLimits = {};
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.running = true;
    document.addEventListener('visibilitychange', this.onVisibility);
    void this.loadSurvey();
    void this.refresh();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.running = false;
    clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibility);
    destroyCharts(this);
  }

  private readonly onVisibility = (): void => {
    clearTimeout(this.timer);
    if (document.hidden) this.paused = true;
    else void this.refresh();
  };

  private async loadSurvey(): Promise<void> {
    if (!this.api || this.surveyId === null) return;
    const result = await this.api.getSurvey(this.surveyId);
    if (result.ok) this.survey = result.data.survey;
    else if (result.status !== 401) this.error = this.errorMessage(result.error);
  }

  /** Fetches the results, then schedules the next fetch; a hidden page (once it has the results
   * to show) waits for visibilitychange instead. */
  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.api || this.surveyId === null || !this.running) return;
    if (document.hidden && this.data) {
      this.paused = true;
      return;
    }
    this.paused = false;
    const result = await this.api.getResults(this.surveyId);
    if (!this.running) return;
    if (result.ok) {
      this.data = result.data;
      this.updatedAt = new Date();
      this.error = '';
    } else if (result.status === 401) {
      return;
    } else {
      this.error = this.errorMessage(result.error);
    }
    clearTimeout(this.timer);
    if (document.hidden) this.paused = true;
    else this.timer = window.setTimeout(() => void this.refresh(), REFRESH_MS);
  }

  protected override updated(): void {
    if (chartReady()) this.drawCharts();
    else void loadChart().then(() => this.isConnected && this.drawCharts());
  }

  override render(): TemplateResult {
    const t = this.t;
    const s = this.survey;
    const id = this.surveyId ?? 0;
    return html`
      <div class="crumb"><button class="btn ghost sm" type="button" @click=${() => this.navigate({ view: 'list' })}>← ${t('navSurveys')}</button></div>
      <div class="page-head">
        <div class="grow">
          <h1 tabindex="-1">${s ? s.title : t('resultsTitle')}</h1>
          <p class="muted">
            ${s ? html`${kindLabel(t, s.kind)} · <span class="badge ${s.state}">${stateLabel(t, s.state)}</span> · ` : nothing}
            <span class="live-dot ${this.paused ? 'paused' : ''}">${this.paused ? t('paused') : t('live')}</span>
            ${this.updatedAt ? html` · <span class="small">${t('updatedAt', { time: this.updatedAt.toLocaleTimeString(locale(this.lang)) })}</span>` : nothing}
          </p>
        </div>
        <button class="btn" type="button" @click=${() => this.navigate({ view: 'edit', id })}>${t('actEdit')}</button>
        <button class="btn" type="button" @click=${() => this.navigate({ view: 'embed', id })}>${t('actEmbed')}</button>
        <button class="btn primary" type="button" id="download-csv" ?disabled=${this.downloading} @click=${this.downloadCsv}>
          <span aria-hidden="true">⤓</span> ${this.downloading ? t('downloading') : t('downloadCsv')}
        </button>
      </div>
      ${this.error ? html`<div class="notice error" role="alert">${this.error}</div>` : nothing}
      ${this.data ? this.renderResults(this.data) : this.error ? nothing : this.renderLoading()}
    `;
  }

  private renderResults(data: ResultsResponse): TemplateResult {
    const t = this.t;
    const { results, timeline } = data;
    const questions = new Map((this.survey?.questions ?? []).map((q) => [q.id, q]));
    const week = lastDays(timeline, 7);
    return html`
      <div class="stats">
        <div class="stat"><p class="label" id="stat-total">${t('totalResponses')}</p>
          <div class="value" aria-describedby="stat-total" data-total>${this.formatNumber(results.total)}</div></div>
        <div class="stat"><p class="label">${t('last7Days')}</p>
          <div class="value">${this.formatNumber(week)}</div></div>
      </div>
      ${results.total === 0 ? html`<div class="notice info">${t('noResponses')}</div>` : nothing}
      ${
        timeline.length > 0
          ? html`<section class="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">${t('timeline')}</h2>
            <div class="chart-box" style="height: 220px">
              <canvas data-chart="timeline" role="img" aria-label=${t('chartOf', {
                summary: timeline.map((p) => `${p.date}: ${p.count}`).join(', '),
              })}></canvas>
            </div>
          </section>`
          : nothing
      }
      ${results.questions.map((r, i) => this.renderQuestion(r, questions.get(r.id), i))}
    `;
  }

  private renderQuestion(r: QuestionResult, q: Question | undefined, i: number): TemplateResult {
    const t = this.t;
    const titleId = `rq-${r.id}`;
    return html`<section class="card" aria-labelledby=${titleId} data-question=${r.id}>
      <h2 id=${titleId}>${i + 1}. ${q?.prompt ?? t('questionN', { n: i + 1 })}</h2>
      <p class="q-meta">${typeLabel(t, r.type)} · ${t('answeredN', { n: this.formatNumber(r.answered) })}</p>
      ${
        r.type === 'single' || r.type === 'multiple'
          ? this.renderChoices(r)
          : r.type === 'rating'
            ? this.renderRating(r)
            : r.type === 'nps'
              ? this.renderNps(r)
              : this.renderTexts(r)
      }
    </section>`;
  }

  private pct(value: number): string {
    return `${this.formatNumber(value, 1)}%`;
  }

  private renderChoices(r: QuestionResult): TemplateResult {
    const t = this.t;
    const options = r.options ?? [];
    const height = Math.max(120, options.length * 40 + 40);
    return html`
      <div class="chart-box" style="height: ${height}px" aria-hidden="true"><canvas data-chart="q-${r.id}"></canvas></div>
      <table class="result-table">
        <thead><tr><th scope="col">${t('option')}</th><th scope="col" class="n">${t('count')}</th><th scope="col" class="n">${t('percent')}</th></tr></thead>
        <tbody>${options.map((o) => html`<tr><td>${o.label}</td><td class="n">${this.formatNumber(o.count)}</td><td class="n">${this.pct(o.percent)}</td></tr>`)}</tbody>
      </table>`;
  }

  private renderRating(r: QuestionResult): TemplateResult {
    const t = this.t;
    const dist = fillDistribution(r.distribution ?? [], 1, 5);
    return html`
      <p><span class="big">${r.mean == null ? '–' : this.formatNumber(r.mean, 1)}</span>
        <span class="muted"> ${r.mean == null ? '' : t('meanOf', { mean: this.formatNumber(r.mean, 1), max: 5 })}</span></p>
      ${this.distribution(r, dist)}`;
  }

  private renderNps(r: QuestionResult): TemplateResult {
    const t = this.t;
    const dist = fillDistribution(r.distribution ?? [], 0, 10);
    const nps = r.nps;
    const total = nps ? nps.promoters + nps.passives + nps.detractors : 0;
    const share = (n: number) => (total ? ` (${this.pct((n / total) * 100)})` : '');
    return html`
      <p><span class="muted">${t('npsScore')}</span><br /> <span class="big" data-nps>${nps ? this.formatNumber(nps.score) : '–'}</span></p>
      ${
        nps
          ? html`<div class="nps-split">
            <div><span class="small muted">${t('promoters')}</span> <strong>${this.formatNumber(nps.promoters)}</strong><span class="small">${share(nps.promoters)}</span></div>
            <div><span class="small muted">${t('passives')}</span> <strong>${this.formatNumber(nps.passives)}</strong><span class="small">${share(nps.passives)}</span></div>
            <div><span class="small muted">${t('detractors')}</span> <strong>${this.formatNumber(nps.detractors)}</strong><span class="small">${share(nps.detractors)}</span></div>
          </div>`
          : nothing
      }
      ${this.distribution(r, dist)}`;
  }

  /** The bar chart for a 1–5 or 0–10 scale; the canvas's label carries every number for screen readers. */
  private distribution(r: QuestionResult, dist: { value: number; count: number }[]): TemplateResult {
    const t = this.t;
    const summary = dist.map((d) => `${d.value}: ${this.formatNumber(d.count)}`).join(', ');
    return html`<div class="chart-box" style="height: 200px">
      <canvas data-chart="q-${r.id}" role="img" aria-label=${t('chartOf', { summary })}></canvas>
    </div>`;
  }

  private renderTexts(r: QuestionResult): TemplateResult {
    const t = this.t;
    const texts = [...(r.texts ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    if (texts.length === 0) return html`<p class="muted">${t('noTexts')}</p>`;
    const limit = this.textLimits[r.id] ?? TEXT_PAGE;
    const rest = texts.length - limit;
    return html`<ul class="texts">
        ${texts.slice(0, limit).map((x) => html`<li>${x.text}<time datetime=${x.createdAt}>${this.formatDate(x.createdAt)}</time></li>`)}
      </ul>
      ${
        rest > 0
          ? html`<button class="btn sm" type="button" @click=${() => (this.textLimits = { ...this.textLimits, [r.id]: limit + 50 })}>
            ${t('showMore', { n: this.formatNumber(Math.min(rest, 50)) })}</button>`
          : nothing
      }`;
  }

  private drawCharts(): void {
    if (!this.data) return;
    const styles = getComputedStyle(this);
    const color = (name: string, fallback: string) => styles.getPropertyValue(name).trim() || fallback;
    const accent = color('--crm-chart-1', '#1d4ed8');
    const green = color('--crm-chart-2', '#0f766e');
    const amber = color('--crm-chart-3', '#b45309');
    const red = color('--crm-chart-4', '#b91c1c');
    const reduced = matchMedia('(prefers-reduced-motion: reduce)').matches;
    const base = {
      responsive: true,
      maintainAspectRatio: false,
      animation: reduced ? (false as const) : { duration: 300 },
    };

    const canvas = (key: string) => this.querySelector<HTMLCanvasElement>(`canvas[data-chart="${key}"]`);
    const timelineCanvas = canvas('timeline');
    if (timelineCanvas) {
      const points = fillTimeline(this.data.timeline);
      drawChart(timelineCanvas, {
        type: 'line',
        data: {
          labels: points.map((p) => this.formatDate(`${p.date}T00:00:00Z`, false)),
          datasets: [
            {
              data: points.map((p) => p.count),
              borderColor: accent,
              backgroundColor: /^#[0-9a-f]{6}$/i.test(accent) ? `${accent}22` : 'transparent',
              fill: true,
              tension: 0.3,
              cubicInterpolationMode: 'monotone',
              pointRadius: 2,
            },
          ],
        },
        options: {
          ...base,
          plugins: { legend: { display: false } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      });
    }

    for (const r of this.data.results.questions) {
      const target = canvas(`q-${r.id}`);
      if (!target) continue;
      let config: ChartConfiguration<'bar'> | null = null;
      if (r.type === 'single' || r.type === 'multiple') {
        const options = r.options ?? [];
        config = {
          type: 'bar',
          data: {
            labels: options.map((o) => `${o.label} · ${this.formatNumber(o.count)} (${this.pct(o.percent)})`),
            datasets: [
              { data: options.map((o) => o.count), backgroundColor: accent, borderRadius: 4, maxBarThickness: 28 },
            ],
          },
          options: {
            ...base,
            indexAxis: 'y',
            plugins: {
              legend: { display: false },
              tooltip: {
                callbacks: {
                  label: (c) => `${this.formatNumber(Number(c.raw))} (${this.pct(options[c.dataIndex]?.percent ?? 0)})`,
                },
              },
            },
            scales: { x: { beginAtZero: true, ticks: { precision: 0 } } },
          },
        };
      } else if (r.type === 'rating' || r.type === 'nps') {
        const dist =
          r.type === 'rating'
            ? fillDistribution(r.distribution ?? [], 1, 5)
            : fillDistribution(r.distribution ?? [], 0, 10);
        const colors = dist.map((d) =>
          r.type === 'rating' ? accent : d.value >= 9 ? green : d.value >= 7 ? amber : red,
        );
        config = {
          type: 'bar',
          data: {
            labels: dist.map((d) => String(d.value)),
            datasets: [{ data: dist.map((d) => d.count), backgroundColor: colors, borderRadius: 4 }],
          },
          options: {
            ...base,
            plugins: { legend: { display: false } },
            scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
          },
        };
      }
      if (config) drawChart(target, config);
    }
  }

  private async downloadCsv(): Promise<void> {
    if (!this.api || this.surveyId === null || this.downloading) return;
    this.downloading = true;
    const result = await this.api.exportCsv(this.surveyId);
    this.downloading = false;
    if (!result.ok) {
      if (result.status !== 401)
        this.announce(`${this.t('downloadFailed')} ${this.errorMessage(result.error)}`, 'error');
      return;
    }
    this.saveFile(result.data, `${this.survey?.slug ?? `survey-${this.surveyId}`}.csv`);
    this.announce(this.t('downloadStarted'));
  }
}

function typeLabel(t: Translate, type: QuestionResult['type']): string {
  const keys = {
    single: 'typeSingle',
    multiple: 'typeMultiple',
    rating: 'typeRating',
    nps: 'typeNps',
    text: 'typeText',
  } as const;
  return t(keys[type]);
}

function fillDistribution(
  dist: { value: number; count: number }[],
  from: number,
  to: number,
): { value: number; count: number }[] {
  const counts = new Map(dist.map((d) => [d.value, d.count]));
  const out = [];
  for (let v = from; v <= to; v++) out.push({ value: v, count: counts.get(v) ?? 0 });
  return out;
}

/** Days without responses are missing from the timeline; draw them as zeros (at most a year). */
function fillTimeline(points: { date: string; count: number }[]): { date: string; count: number }[] {
  if (points.length < 2) return points;
  const sorted = [...points].sort((a, b) => a.date.localeCompare(b.date));
  const counts = new Map(sorted.map((p) => [p.date, p.count]));
  const start = Date.parse(`${sorted[0]!.date}T00:00:00Z`);
  const end = Date.parse(`${sorted[sorted.length - 1]!.date}T00:00:00Z`);
  if (!(end > start) || (end - start) / 86_400_000 > 366) return sorted;
  const out = [];
  for (let day = start; day <= end; day += 86_400_000) {
    const date = new Date(day).toISOString().slice(0, 10);
    out.push({ date, count: counts.get(date) ?? 0 });
  }
  return out;
}

function lastDays(points: { date: string; count: number }[], days: number): number {
  const since = new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return points.filter((p) => p.date >= since).reduce((sum, p) => sum + p.count, 0);
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-results': AdminResults;
  }
}
