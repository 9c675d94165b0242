// The element behind <slims-poll> and <slims-survey>: fetch a survey by slug, show the state it is
// in and the form; answering and results live in respond.ts, loaded right after the first render.
import { adoptStyles, html, nothing, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { apiGet } from './api.ts';
import type { PublicSurvey, Results, SurveyPayload } from './contract.ts';
import { CrmElement } from './crm-element.ts';
import { fill, langOf, locale, messages, ready, type Messages } from './i18n.ts';
import { renderQuestion } from './questions.ts';
import { styles } from './styles.ts';

export type View =
  | 'loading'
  | 'open'
  | 'submitting'
  | 'thanks'
  | 'answered'
  | 'closed'
  | 'scheduled'
  | 'members'
  | 'offline'
  | 'error'
  | 'notfound'
  | 'unavailable';

/** Load failures with a view of their own; anything else is the polite error with a retry button. */
const VIEWS: Record<string, View> = {
  not_found: 'notfound',
  offline: 'offline',
  timeout: 'offline',
  members_only: 'members',
  invalid_token: 'members',
  // the sidecar does not accept this site: its words (api.ts blocked), and no retry button
  origin_not_allowed: 'unavailable',
};

type Respond = typeof import('./respond.ts');
let respond: Respond | undefined;
let respondLoading: Promise<Respond> | undefined;

/** The answering code, fetched once for every element; a failed fetch is tried again next time. */
function loadRespond(): Promise<Respond> {
  return (respondLoading ??= import('./respond.ts').then(
    (mod) => (respond = mod),
    (e: unknown) => {
      respondLoading = undefined;
      throw e;
    },
  ));
}

// The payload comes from the network: keep only what can be rendered.
function readSurvey(s: PublicSurvey | undefined): PublicSurvey | null {
  if (!Array.isArray(s?.questions)) return null;
  const questions = s.questions
    .filter((q) => typeof q?.id === 'number' && /^(single|multiple|rating|nps|text)$/.test(q.type))
    .map((q) => ({ ...q, options: Array.isArray(q.options) ? q.options : [] }));
  return { ...s, questions };
}

export const readResults = (r: Results | null | undefined): Results | null => (Array.isArray(r?.questions) ? r : null);

/**
 * What <slims-poll> and <slims-survey> share; custom-elements.json shows it on both.
 *
 * @attr api - Base URL of the sidecar when it is not where the loader came from.
 * @attr {'id' | 'en'} lang - The language: `id` (Bahasa Indonesia, the default) or `en`; when absent, the
 *   closest `[lang]` ancestor's, then the document's.
 *
 * @fires {CustomEvent<{ slug: string }>} slims-loading - The survey is being fetched.
 * @fires {CustomEvent<{ slug: string; state: string }>} slims-loaded - It is shown; `state` is `open`,
 *   `answered`, `closed`, `scheduled` or `members`.
 * @fires {CustomEvent<{ slug: string; code: string; message: string }>} slims-error - Loading or answering
 *   failed (`code` as in the API, or `offline`, `timeout`, `bad_response`); the element shows a polite state.
 *
 * @csspart title - The survey's title.
 * @csspart description - Its description, above the form.
 * @csspart form - The form.
 * @csspart question - One question (a fieldset).
 * @csspart prompt - A question's prompt (its legend).
 * @csspart option - One choice (a label around its radio button or checkbox).
 * @csspart input - A text answer.
 * @csspart error - Why a question's answer is refused.
 * @csspart button - The submit button, and the retry button.
 * @csspart retry - The retry button, after a failed load.
 * @csspart note - Says the results are shown once the survey closes.
 * @csspart results - The results, after answering.
 * @csspart results-title - A question's prompt in the results.
 * @csspart results-list - The list of a question's answers.
 * @csspart result - One answer's row.
 * @csspart result-label - The answer.
 * @csspart result-value - Its count and share.
 * @csspart bar - The bar's track.
 * @csspart bar-fill - The bar, as wide as the share.
 * @csspart results-summary - A rating's mean or the NPS score.
 * @csspart results-total - How many answered.
 *
 * @cssprop [--slims-track=#e6eaef] - The results bars' track.
 * @cssprop [--slims-bar=var(--slims-accent)] - The results bars.
 */
export class SurveyElement extends CrmElement {
  static override properties: PropertyDeclarations = {
    slug: {},
    api: {},
    lang: { reflect: true },
    _view: { state: true },
    _data: { state: true },
    _results: { state: true },
    _errors: { state: true },
    _note: { state: true },
  };

  static override styles = styles;

  /** The survey's slug; subclasses map it to their attribute (poll="…", survey="…"). */
  declare slug: string;
  /** Base URL of the sidecar when it is not where the loader came from. */
  declare api: string | null;
  // The rest is internal (`_`, which the build shortens), not private only so respond.ts can drive it.
  declare _view: View;
  declare _data: PublicSurvey | null;
  declare _results: Results | null;
  /** Message per question id, from local checks or a 422. */
  declare _errors: Map<number, string>;
  /** About the whole form: why a submission failed, or how many answers to fix. */
  declare _note: string;

  readonly _kind: 'poll' | 'survey';
  /** Idempotency-Key of the submission under way, kept until the server has definitely answered. */
  _key = '';
  /** Counts loads, so an answer to an outdated request is dropped. */
  _seq = 0;

  constructor(kind: 'poll' | 'survey') {
    super();
    this._kind = kind;
    this.slug = '';
    this.api = null;
    this._view = 'loading';
    this._data = null;
    this._results = null;
    this._errors = new Map();
    this._note = '';
  }

  readonly _onToken = (): void => {
    if (this._view === 'members') void this._load();
  };

  get _words(): Messages {
    return messages(langOf(this));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('slug') || changed.has('api')) void this._load();
    // English switched on after loading: its strings come in their own chunk
    else if (changed.has('lang')) void ready(langOf(this)).then(() => this.requestUpdate());
  }

  protected override firstUpdated(): void {
    loadRespond().then(
      (mod) => {
        adoptStyles(this.renderRoot as ShadowRoot, [styles, mod.styles]);
        this.requestUpdate();
      },
      () => undefined,
    );
  }

  get _path(): string {
    return `api/v1/surveys/${encodeURIComponent(this.slug)}`;
  }

  /** Shows `view` (if given), logs with our prefix and tells the page with slims-error. */
  _fail(code: string, message: string, view?: View): void {
    if (view) this._view = view;
    console.warn(`[slims-crm] ${this.localName} "${this.slug}":`, code, message);
    this._emit('slims-error', { slug: this.slug, code, message });
  }

  /** Fetches the survey and decides which view to show. Never throws. */
  async _load(): Promise<void> {
    const seq = ++this._seq;
    const { slug } = this;
    this._view = 'loading';
    this._data = null;
    this._errors = new Map();
    this._note = '';
    try {
      this._emit('slims-loading', { slug });
      if (!slug) return this._fail('not_found', `no ${this._kind} attribute`, 'notfound');
      const lang = langOf(this);
      // Stay on "Loading…" until the survey and the strings to show it with are both here.
      const [res] = await Promise.all([apiGet<SurveyPayload>(this._path, { base: this.api, lang }), ready(lang)]);
      if (seq !== this._seq) return;
      if (!res.ok) {
        this._note = res.error.message;
        return this._fail(res.error.code, res.error.message, VIEWS[res.error.code] ?? 'error');
      }
      const survey = readSurvey(res.data?.survey);
      if (!survey) return this._fail('bad_response', 'unexpected survey payload', 'error');
      this._data = survey;
      this._results = readResults(res.data.results);
      this._view =
        survey.state === 'closed'
          ? 'closed'
          : res.data.answered
            ? 'answered'
            : survey.state === 'scheduled'
              ? 'scheduled'
              : survey.audience === 'members' && !window.SlimsCRM?.memberToken
                ? 'members'
                : 'open';
      this._emit('slims-loaded', { slug, state: this._view });
    } catch (e) {
      this._fail('internal', String(e), 'error');
    }
  }

  private async _submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    try {
      await (await loadRespond()).submit(this, form);
    } catch (e) {
      this._fail('internal', String(e), 'open');
      this._note = this._words.offline;
    }
  }

  _renderView(): TemplateResult {
    const { _view: view, _data: data, _kind: kind, _results: results } = this;
    const lang = langOf(this);
    const m = this._words;
    const form = view === 'open' || view === 'submitting';
    const outcome = view === 'thanks' || view === 'answered' || view === 'closed';
    const opens = new Date(data?.opensAt ?? NaN);
    // A view with a line of its own among the element's strings shows it; the others show what their code left
    // in _note (the form's problems, respond.ts's sending and thanks, the sidecar's refusal).
    let status = view in m ? fill(m[view as keyof Messages], { kind: m[kind] }) : this._note;
    if (view === 'scheduled' && !isNaN(+opens)) {
      status += ` ${fill(m.opens, { date: opens.toLocaleString(locale(lang), { dateStyle: 'long', timeStyle: 'short' }) })}`;
    }
    const single = data?.questions.length === 1;
    return html`<div part="container" class="box">
      ${data ? html`<h2 part="title" id="title">${data.title}</h2>` : nothing}
      ${data?.description && form ? html`<p part="description" class="m">${data.description}</p>` : nothing}
      <p part="status" role="status" aria-live="polite" tabindex="-1" class=${form ? 'late error' : ''}>${status}</p>
      ${
        form && data
          ? html`<form part="form" novalidate aria-labelledby="title" @submit=${(e: SubmitEvent) => void this._submit(e)}>
            ${data.questions.map((q, i) =>
              renderQuestion(q, single ? 0 : i + 1, m, this._errors.get(q.id), single && q.prompt === data.title),
            )}
            <button part="button" aria-disabled=${view === 'submitting'}>${view === 'submitting' ? this._note : m.submit}</button>
          </form>`
          : nothing
      }
      ${outcome && results && respond ? respond.renderResults(results, data?.questions ?? [], kind === 'survey', lang) : nothing}
      ${outcome && !results && view !== 'closed' && data?.resultsVisibility === 'after_close' ? html`<p part="note">${m.later}</p>` : nothing}
      ${
        view === 'offline' || view === 'error'
          ? html`<button part="button retry" @click=${() => void this._load()}>${m.retry}</button>`
          : nothing
      }
    </div>`;
  }
}
