// The embed panel: the three lines a webmaster pastes. The <style> line reserves the widget's height
// outside its shadow root, because an undefined element has no height of its own (DESIGN.md 5).
import { html, nothing, type TemplateResult } from 'lit';
import type { Lang, Question, SurveyDetail } from './api.ts';
import { AdminView } from './view.ts';

/** The height, in CSS pixels, that the widget will take once drawn: generous, rounded up to 10. */
export function reservedHeight(survey: Pick<SurveyDetail, 'description' | 'questions'>): number {
  // Measured in Chromium on a ~350 px wide sidebar: frame (padding, border, two-line title, button row).
  const frame = 34 + 56 + 12 + 44;
  const description = survey.description ? Math.min(3, Math.ceil(survey.description.length / 45)) * 20 + 12 : 0;
  const question = (q: Question): number => {
    const prompt = 48 + 20; // two-line legend, gap to the next block
    switch (q.type) {
      case 'single':
      case 'multiple':
        return prompt + 44 * Math.max(q.options.length, 1);
      case 'rating':
        return prompt + 64;
      case 'nps':
        return prompt + 88;
      case 'text':
        return prompt + (q.maxLength !== null && q.maxLength <= 150 ? 48 : 94);
    }
  };
  const total = frame + description + survey.questions.reduce((sum, q) => sum + question(q), 0);
  return Math.ceil(total / 10) * 10;
}

/** The snippet for a survey: `sidecar` is the sidecar's origin, `lang` the widget's language. */
export function embedSnippet(
  survey: Pick<SurveyDetail, 'kind' | 'slug' | 'description' | 'questions'>,
  sidecar: string,
  lang: Lang,
): string {
  const tag = survey.kind === 'poll' ? 'slims-poll' : 'slims-survey';
  const attr = survey.kind === 'poll' ? 'poll' : 'survey';
  const slug = survey.slug.replace(/[^a-z0-9-]/g, '');
  const langAttr = lang === 'en' ? ' lang="en"' : '';
  return [
    // A plain min-height (not only while undefined) also holds the space while the widget loads its data.
    `<style>${tag}[${attr}="${slug}"]{display:block;min-height:${reservedHeight(survey)}px}</style>`,
    `<script type="module" src="${sidecar.replace(/\/+$/, '')}/widgets/slims-crm.js" async></script>`,
    `<${tag} ${attr}="${slug}"${langAttr}></${tag}>`,
  ].join('\n');
}

export class AdminEmbed extends AdminView {
  static override properties = {
    ...AdminView.properties,
    surveyId: { attribute: false },
    survey: { state: true },
    error: { state: true },
    widgetLang: { state: true },
    copyHint: { state: true },
  };

  declare surveyId: number | null;
  declare survey: SurveyDetail | null;
  declare error: string;
  declare widgetLang: Lang;
  declare copyHint: string;

  constructor() {
    super();
    this.surveyId = null;
    this.survey = null;
    this.error = '';
    this.widgetLang = 'id';
    this.copyHint = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    if (!this.api || this.surveyId === null) return;
    this.error = '';
    const result = await this.api.getSurvey(this.surveyId);
    if (result.ok) this.survey = result.data.survey;
    else if (result.status !== 401) this.error = this.errorMessage(result.error);
  }

  private get snippet(): string {
    return this.survey && this.api ? embedSnippet(this.survey, this.api.base, this.widgetLang) : '';
  }

  override render(): TemplateResult {
    const t = this.t;
    const s = this.survey;
    return html`
      <div class="crumb"><button class="btn ghost sm" type="button" @click=${() => this.navigate({ view: 'list' })}>← ${t('navSurveys')}</button></div>
      <div class="page-head"><div class="grow">
        <h1 tabindex="-1">${t('embedTitle')}</h1>
        <p class="muted">${s ? s.title : ''}</p>
      </div>
      ${s ? html`<button class="btn" type="button" @click=${() => this.navigate({ view: 'results', id: s.id })}>${t('actResults')}</button>` : nothing}
      </div>
      ${
        this.error
          ? html`<div class="notice error" role="alert">${this.error}
            <div><button class="btn sm" type="button" @click=${this.load}>${t('retry')}</button></div></div>`
          : s
            ? this.renderPanel(s)
            : this.renderLoading()
      }
    `;
  }

  private renderPanel(s: SurveyDetail): TemplateResult {
    const t = this.t;
    const snippet = this.snippet;
    return html`<section class="card" aria-labelledby="embed-code-label">
      <p style="margin-bottom: 1rem">${t('embedIntro')}</p>
      ${s.state === 'draft' || s.state === 'closed' ? html`<div class="notice warning">${t('embedDraftNote')}</div>` : nothing}
      <fieldset>
        <legend>${t('embedLang')}</legend>
        <div class="choices">
          ${(['id', 'en'] as const).map(
            (
              l,
            ) => html`<label class="choice-card"><input type="radio" name="embed-lang" value=${l} .checked=${this.widgetLang === l}
              @change=${() => (this.widgetLang = l)} /><span lang=${l}>${t(l === 'id' ? 'embedLangId' : 'embedLangEn')}</span></label>`,
          )}
        </div>
      </fieldset>
      <div class="field">
        <label id="embed-code-label" for="embed-code">${t('embedCode')}</label>
        <textarea id="embed-code" class="code" readonly rows=${snippet.split('\n').length + 1} spellcheck="false"
          aria-describedby="embed-note" .value=${snippet} @focus=${(e: Event) => (e.target as HTMLTextAreaElement).select()}></textarea>
        <p class="hint" id="embed-note">${t('embedNote')}</p>
      </div>
      <button class="btn primary" type="button" id="embed-copy" @click=${this.copy}>${t('copy')}</button>
      <span class="small muted" role="status" style="margin-left: .75rem">${this.copyHint}</span>
    </section>
    <slims-crm-admin-placements .api=${this.api} .lang=${this.lang} .ask=${this.ask} .survey=${s}></slims-crm-admin-placements>`;
  }

  private async copy(): Promise<void> {
    const text = this.snippet;
    try {
      await navigator.clipboard.writeText(text);
      this.copyHint = this.t('copied');
      return;
    } catch {
      // No clipboard API (http page, old browser, permission): select the text so Ctrl+C works.
    }
    const area = this.querySelector<HTMLTextAreaElement>('#embed-code');
    area?.focus();
    area?.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    this.copyHint = this.t(copied ? 'copied' : 'copyFallback');
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'slims-crm-admin-embed': AdminEmbed;
  }
}
