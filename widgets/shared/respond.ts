// What happens once a visitor answers: checking, sending, mapping the server's verdict, and the
// results. Loaded right after the first render, so it is off the first-paint path but in place
// before anyone can click.
import { css, html, nothing, type TemplateResult } from 'lit';
import type { Answer, FieldError, Question, QuestionResults, ResponseCreated, Results } from './contract.ts';
import { fill, langOf, locale, messages, type Lang, type Plural } from './i18n.ts';
import { apiPost, uuid } from './send.ts';
import { readResults, type SurveyElement, type View } from './survey-element.ts';

// Strings for checking answers and showing results (the views' own are in i18n.ts); counts are Plural.
const id = {
  submitting: 'Mengirim…',
  thanks: 'Terima kasih, jawaban Anda sudah tercatat.',
  results: 'Hasil',
  vote: { other: '{count} suara' } as Plural,
  respondent: { other: '{count} responden' } as Plural,
  total: 'Total: {count}',
  mean: 'Rata-rata {mean} dari {max}',
  nps: 'Skor NPS: {score}',
  missing: 'Pertanyaan ini wajib dijawab.',
  tooLong: 'Jawaban terlalu panjang, maksimal {max} karakter.',
  fix: 'Ada {count} jawaban yang perlu diperbaiki.',
};

type Words = typeof id;

const en: Words = {
  submitting: 'Sending…',
  thanks: 'Thank you, your answer has been recorded.',
  results: 'Results',
  vote: { one: '{count} vote', other: '{count} votes' },
  respondent: { one: '{count} respondent', other: '{count} respondents' },
  total: 'Total: {count}',
  mean: 'Average {mean} out of {max}',
  nps: 'NPS score: {score}',
  missing: 'Please answer this question.',
  tooLong: 'Your answer is too long; at most {max} characters.',
  fix: 'Answers to check: {count}.',
};

const words = (lang: Lang): Words => (lang === 'en' ? en : id);

/** Error codes of a submission that have a view of their own; anything else keeps the form. */
const VIEWS: Record<string, View> = {
  survey_not_open: 'scheduled',
  members_only: 'members',
  invalid_token: 'members',
};

/** Checks and sends the form of `el`, then shows thanks, errors or the state the server reports. */
export async function submit(el: SurveyElement, form: HTMLFormElement): Promise<void> {
  const { _data: data, slug, _seq: seq } = el;
  if (el._view !== 'open' || !data) return;
  const lang = langOf(el);
  const m = words(lang);
  const { answers, errors } = collect(form, data.questions, m);
  if (errors.size) return showErrors(el, errors, m);
  const hadFocus = el.matches(':focus-within');
  el._view = 'submitting';
  el._errors = errors;
  el._note = m.submitting;
  el._key ||= uuid();
  const res = await apiPost<ResponseCreated>(
    `${el._path}/responses`,
    { answers, lang },
    { base: el.api, lang, key: el._key },
  );
  if (seq !== el._seq) return;
  if (res.ok) {
    el._key = '';
    el._results = readResults(res.data?.results);
    el._view = 'thanks';
    el._note = m.thanks;
    el._emit(el._kind === 'poll' ? 'slims-vote' : 'slims-submit', { slug, responseId: Number(res.data?.responseId) });
    // The form and its focused button are gone: keep keyboard users at the thank-you message.
    if (hadFocus)
      await el.updateComplete.then(() => el.renderRoot.querySelector<HTMLElement>('[role=status]')?.focus());
    return;
  }
  const { code, message, status, details } = res.error;
  // A key is only worth keeping while the server may not have acted (no answer, or a 5xx).
  if (status && status < 500) el._key = '';
  el._fail(code, message, VIEWS[code] ?? 'open');
  // The member's token ran out and could not be renewed (apiPost forgot it): show the survey again as it is
  // for a visitor (a poll open to anyone can be answered right away).
  if (code === 'invalid_token') return el._load();
  if (code === 'already_answered' || code === 'survey_closed' || code === 'survey_changed') return el._load();
  if (code !== 'validation_failed') {
    el._note = code === 'origin_not_allowed' ? message : messages(lang)[status ? 'error' : 'offline'];
    return;
  }
  const known = new Set(data.questions.map((q) => q.id));
  const byQuestion = new Map<number, string>();
  const other: string[] = [];
  for (const d of Array.isArray(details) ? (details as FieldError[]) : []) {
    if (known.has(d?.questionId as number)) byQuestion.set(d.questionId!, String(d.message));
    else if (d?.message) other.push(String(d.message));
  }
  showErrors(el, byQuestion, m, other.join(' ') || message);
}

/** Marks the questions, sums up in the status line, and takes focus to the first one. */
function showErrors(el: SurveyElement, errors: Map<number, string>, m: Words, fallback = ''): void {
  el._errors = errors;
  el._note = errors.size ? fill(m.fix, { count: errors.size }) : fallback;
  const [first] = errors.keys();
  void el.updateComplete.then(() =>
    el.renderRoot.querySelector<HTMLElement>(`[data-question="${first}"] :is(input, textarea)`)?.focus(),
  );
}

/** Reads the answers from the form; a question that breaks a rule gets a message instead. */
export function collect(
  form: HTMLFormElement,
  questions: Question[],
  m: Words,
): { answers: Answer[]; errors: Map<number, string> } {
  const data = new FormData(form);
  const answers: Answer[] = [];
  const errors = new Map<number, string>();
  for (const { id: questionId, type, required, maxLength } of questions) {
    const values = data
      .getAll(`q${questionId}`)
      .map((v) => String(v).trim())
      .filter(Boolean);
    const [first = ''] = values;
    if (!values.length) {
      if (required) errors.set(questionId, m.missing);
    } else if (type === 'text') {
      if (maxLength && first.length > maxLength) errors.set(questionId, fill(m.tooLong, { max: maxLength }));
      else answers.push({ questionId, text: first });
    } else if (type === 'single' || type === 'multiple') {
      answers.push({ questionId, optionIds: values.map(Number) });
    } else {
      answers.push({ questionId, value: Number(first) });
    }
  }
  return { answers, errors };
}

/** The results' rules, adopted by each element once this chunk arrives (see survey-element.ts). */
export const styles = css`
  h3 {
    font-size: 1em;
  }
  ul {
    list-style: none;
  }
  li {
    margin: 0.5em 0;
  }
  .row {
    display: flex;
    justify-content: space-between;
    gap: 1em;
  }
  [part='bar'] {
    display: block;
    height: 0.5em;
    background: var(--slims-track, #e6eaef);
    border-radius: 1em;
  }
  [part='bar-fill'] {
    display: block;
    height: 100%;
    border-radius: inherit;
    background: var(--slims-bar, var(--a));
  }
`;

const num = (x: unknown): number => (typeof x === 'number' && isFinite(x) ? x : 0);

// Results come from the network: anything malformed renders as nothing rather than throwing.
function rows(r: QuestionResults): { label: unknown; count: number; percent: number }[] {
  const answered = num(r.answered);
  return Array.isArray(r.options)
    ? r.options.map((o) => ({ label: o?.label, count: num(o?.count), percent: num(o?.percent) }))
    : Array.isArray(r.distribution)
      ? r.distribution.map((d) => ({
          label: d?.value,
          count: num(d?.count),
          percent: answered && (num(d?.count) * 100) / answered,
        }))
      : [];
}

/**
 * Results as a list of text ("Ya", "80 suara (66,7%)") with a decorative bar, so nothing is told
 * by colour or length alone.
 */
export function renderResults(
  results: Results,
  questions: Question[],
  respondents: boolean,
  lang: Lang,
): TemplateResult {
  const m = words(lang);
  const n = new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 1 });
  const plural = new Intl.PluralRules(locale(lang));
  const count = (c: number): string => {
    const forms = respondents ? m.respondent : m.vote;
    return fill(forms[plural.select(c)] ?? forms.other, { count: n.format(c) });
  };
  return html`<section part="results" aria-label=${m.results}>
    ${results.questions.map((r) => {
      const q = questions.length > 1 && questions.find((x) => x.id === r?.id);
      const list = r && typeof r === 'object' ? rows(r) : [];
      if (!list.length) return nothing;
      return html`${q ? html`<h3 part="results-title">${q.prompt}</h3>` : nothing}
        <ul part="results-list">
          ${list.map(
            (row) =>
              html`<li part="result">
                <span class="row">
                  <span part="result-label">${row.label}</span>
                  <span part="result-value">${count(row.count)} (${pct.format(row.percent / 100)})</span>
                </span>
                <span part="bar" aria-hidden="true">
                  <span part="bar-fill" .style=${`width:${Math.min(100, row.percent)}%`}></span>
                </span>
              </li>`,
          )}
        </ul>
        ${
          r.mean != null
            ? html`<p part="results-summary">${fill(m.mean, { mean: n.format(num(r.mean)), max: r.type === 'nps' ? 10 : 5 })}</p>`
            : nothing
        }
        ${r.nps ? html`<p part="results-summary">${fill(m.nps, { score: n.format(num(r.nps.score)) })}</p>` : nothing}`;
    })}
    <p part="results-total" class="m">${fill(m.total, { count: count(num(results.total)) })}</p>
  </section>`;
}
