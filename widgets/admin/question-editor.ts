// The question editor of the survey builder: each question's type, prompt, options (typed like a
// list: Enter in the last adds the next), length limit and whether an answer is required, and the
// questions' order; with the checks a question must pass and its shapes to and from the server.
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Kind, QuestionType, SurveyDetail, SurveyInput } from './api.ts';
import type { FieldProblems, Problem } from './fields.ts';
import type { MessageKey, Translate } from './i18n.ts';

export interface DraftOption {
  key: number;
  label: string;
}

export interface DraftQuestion {
  key: number;
  /** The server's id, for questions that came from it (422 details may name it). */
  id?: number;
  type: QuestionType;
  prompt: string;
  required: boolean;
  maxLength: string;
  options: DraftOption[];
}

/** The part of the builder's draft that holds the questions. */
export interface QuestionList {
  kind: Kind;
  questions: DraftQuestion[];
}

const TYPES: [QuestionType, MessageKey][] = [
  ['single', 'typeSingle'],
  ['multiple', 'typeMultiple'],
  ['rating', 'typeRating'],
  ['nps', 'typeNps'],
  ['text', 'typeText'],
];
export const isChoice = (type: QuestionType) => type === 'single' || type === 'multiple';

let nextKey = 1;
export const key = () => nextKey++;

export function blankQuestion(type: QuestionType = 'single'): DraftQuestion {
  return {
    key: key(),
    type,
    prompt: '',
    required: true,
    maxLength: '500',
    options: [
      { key: key(), label: '' },
      { key: key(), label: '' },
    ],
  };
}

export function questionFromDetail(q: SurveyDetail['questions'][number]): DraftQuestion {
  return {
    key: key(),
    id: q.id,
    type: q.type,
    prompt: q.prompt,
    required: q.required,
    maxLength: q.maxLength === null ? '' : String(q.maxLength),
    options: q.options.map((o) => ({ key: key(), label: o.label })),
  };
}

export function questionToInput(q: DraftQuestion): SurveyInput['questions'][number] {
  return {
    type: q.type,
    prompt: q.prompt.trim(),
    required: q.required,
    maxLength: q.type === 'text' && q.maxLength.trim() ? Number(q.maxLength) : null,
    options: isChoice(q.type) ? q.options.map((o) => ({ label: o.label.trim() })) : [],
  };
}

/** What is wrong with the question at `index` (as the staff member counts: from 1 in the messages). */
export function questionProblems(q: DraftQuestion, index: number, t: Translate): Problem[] {
  const problems: Problem[] = [];
  const n = index + 1;
  if (!q.prompt.trim()) problems.push({ field: `q-${q.key}-prompt`, message: t('errPrompt', { n }) });
  if (isChoice(q.type)) {
    const filled = q.options.filter((o) => o.label.trim());
    q.options.forEach((o, j) => {
      if (!o.label.trim() && (filled.length >= 2 || j < 2)) {
        problems.push({ field: `q-${q.key}-o-${o.key}`, message: t('errOptionEmpty', { n, m: j + 1 }) });
      }
    });
    if (q.options.length < 2) problems.push({ field: `q-${q.key}-add-option`, message: t('errOptionsMin', { n }) });
    const seen = new Set<string>();
    for (const o of q.options) {
      const label = o.label.trim().toLowerCase();
      if (label && seen.has(label)) {
        problems.push({ field: `q-${q.key}-o-${o.key}`, message: t('errOptionDup', { n, label: o.label.trim() }) });
      }
      seen.add(label);
    }
  }
  if (q.type === 'text' && q.maxLength.trim()) {
    const max = Number(q.maxLength);
    if (!Number.isInteger(max) || max < 1 || max > 5000)
      problems.push({ field: `q-${q.key}-max`, message: t('errMaxLength', { n }) });
  }
  return problems;
}

/** What the editor needs from the form that holds it. */
export interface QuestionForm {
  t: () => Translate;
  draft: () => QuestionList | null;
  fields: FieldProblems;
  /** Applies a change to a copy of the draft, as the builder does for its own fields. */
  edit: (change: (d: QuestionList) => void) => void;
  /** Moves focus to a control by id once the form has rendered. */
  focus: (id: string) => void;
  /** Says something in the form's status line (a move, for screen readers). */
  say: (status: string) => void;
}

export class QuestionEditor {
  constructor(private readonly form: QuestionForm) {}

  render(d: QuestionList, q: DraftQuestion, i: number): TemplateResult {
    const t = this.form.t();
    const f = this.form.fields;
    const n = i + 1;
    const id = `q-${q.key}`;
    const last = d.questions.length - 1;
    return html`<fieldset class="question" aria-labelledby="${id}-title" data-question=${q.key}>
      <div class="question-head">
        <h3 id="${id}-title">${t('questionN', { n })}</h3>
        ${
          d.kind === 'survey'
            ? html`<button class="btn icon sm" type="button" id="${id}-up" aria-label=${t('moveUp', { n })} ?disabled=${i === 0}
                @click=${() => this.move(q.key, -1)}><span aria-hidden="true">↑</span></button>
              <button class="btn icon sm" type="button" id="${id}-down" aria-label=${t('moveDown', { n })} ?disabled=${i === last}
                @click=${() => this.move(q.key, 1)}><span aria-hidden="true">↓</span></button>
              <button class="btn ghost sm danger-text" type="button" id="${id}-remove" aria-label=${t('removeQuestion', { n })}
                @click=${() => this.removeQuestion(q.key)}>${t('actDelete')}</button>`
            : nothing
        }
      </div>
      <div class="q-grid">
        <div class="field">
          <label for="${id}-type">${t('questionType')}</label>
          <select id="${id}-type" aria-invalid=${f.invalid(`${id}-type`)} aria-describedby=${f.describedBy(`${id}-type`)}
            @change=${(e: Event) => this.form.edit((x) => (this.question(x, q.key).type = (e.target as HTMLSelectElement).value as QuestionType))}>
            ${TYPES.map(([type, label]) => html`<option value=${type} ?selected=${q.type === type}>${t(label)}</option>`)}
          </select>
          ${f.errorFor(`${id}-type`)}
        </div>
        ${f.textField(
          `${id}-prompt`,
          t('prompt'),
          q.prompt,
          (v) => this.form.edit((x) => (this.question(x, q.key).prompt = v)),
          {
            maxlength: 500,
            required: true,
          },
        )}
      </div>
      ${isChoice(q.type) ? this.renderChoiceOptions(q, id) : nothing}
      ${
        q.type === 'text'
          ? html`<div class="field" style="max-width: 260px">
            <label for="${id}-max">${t('maxLength')}</label>
            <input id="${id}-max" type="number" min="1" max="5000" inputmode="numeric" .value=${q.maxLength}
              aria-invalid=${f.invalid(`${id}-max`)} aria-describedby=${f.describedBy(`${id}-max`)}
              @input=${(e: Event) => this.form.edit((x) => (this.question(x, q.key).maxLength = (e.target as HTMLInputElement).value))} />
            ${f.errorFor(`${id}-max`)}
          </div>`
          : nothing
      }
      <label class="check"><input type="checkbox" id="${id}-required" .checked=${q.required}
        @change=${(e: Event) => this.form.edit((x) => (this.question(x, q.key).required = (e.target as HTMLInputElement).checked))} />
        ${t('required')}</label>
    </fieldset>`;
  }

  private renderChoiceOptions(q: DraftQuestion, id: string): TemplateResult {
    const t = this.form.t();
    const f = this.form.fields;
    return html`<fieldset class="field">
      <legend>${t('options')}</legend>
      ${repeat(
        q.options,
        (o) => o.key,
        (o, j) => html`<div class="option-row">
          <label class="visually-hidden" for="${id}-o-${o.key}">${t('optionN', { n: j + 1 })}</label>
          <input id="${id}-o-${o.key}" type="text" maxlength="200" .value=${o.label} placeholder=${t('optionN', { n: j + 1 })}
            aria-invalid=${f.invalid(`${id}-o-${o.key}`)} aria-describedby=${f.describedBy(`${id}-o-${o.key}`)}
            @input=${(e: Event) => this.form.edit((x) => (this.question(x, q.key).options[j]!.label = (e.target as HTMLInputElement).value))}
            @keydown=${(e: KeyboardEvent) => this.optionKey(e, q.key, j)} />
          <button class="btn icon sm ghost danger-text" type="button" aria-label=${t('removeOption', { n: j + 1 })}
            ?disabled=${q.options.length <= 2} @click=${() => this.removeOption(q.key, o.key)}><span aria-hidden="true">✕</span></button>
        </div>
        ${f.errorFor(`${id}-o-${o.key}`)}`,
      )}
      <button class="btn sm" type="button" id="${id}-add-option" aria-describedby=${f.describedBy(`${id}-add-option`)}
        @click=${() => this.addOption(q.key)}><span aria-hidden="true">+</span> ${t('addOption')}</button>
      ${f.errorFor(`${id}-add-option`)}
    </fieldset>`;
  }

  /** A blank question at the end, its prompt focused. */
  add(): void {
    const q = blankQuestion();
    this.form.edit((x) => x.questions.push(q));
    this.form.focus(`q-${q.key}-prompt`);
  }

  private removeQuestion(qKey: number): void {
    const d = this.form.draft();
    if (!d) return;
    const index = d.questions.findIndex((q) => q.key === qKey);
    this.form.edit((x) => x.questions.splice(index, 1));
    const neighbour = d.questions[index + 1] ?? d.questions[index - 1];
    this.form.focus(neighbour ? `q-${neighbour.key}-prompt` : 'add-question');
  }

  private move(qKey: number, delta: -1 | 1): void {
    const d = this.form.draft();
    if (!d) return;
    const from = d.questions.findIndex((q) => q.key === qKey);
    const to = from + delta;
    if (to < 0 || to >= d.questions.length) return;
    this.form.edit((x) => {
      const [q] = x.questions.splice(from, 1);
      x.questions.splice(to, 0, q!);
    });
    // Keep the keyboard where it was: on the same button of the moved question, or its twin at the edge.
    const atEdge = to === 0 || to === d.questions.length - 1;
    const button = atEdge ? (delta < 0 ? 'down' : 'up') : delta < 0 ? 'up' : 'down';
    this.form.focus(`q-${qKey}-${button}`);
    this.form.say(this.form.t()('movedTo', { n: to + 1 }));
  }

  private addOption(qKey: number): void {
    const option = { key: key(), label: '' };
    this.form.edit((x) => this.question(x, qKey).options.push(option));
    this.form.focus(`q-${qKey}-o-${option.key}`);
  }

  private removeOption(qKey: number, oKey: number): void {
    const q = this.questionIn(this.form.draft(), qKey);
    if (!q) return;
    const index = q.options.findIndex((o) => o.key === oKey);
    this.form.edit((x) => this.question(x, qKey).options.splice(index, 1));
    const neighbour = q.options[index + 1] ?? q.options[index - 1];
    this.form.focus(neighbour ? `q-${qKey}-o-${neighbour.key}` : `q-${qKey}-add-option`);
  }

  /** Enter in the last option adds another, the way lists are typed. */
  private optionKey(event: KeyboardEvent, qKey: number, index: number): void {
    if (event.key !== 'Enter' || event.isComposing) return;
    event.preventDefault();
    const q = this.questionIn(this.form.draft(), qKey);
    if (q && index === q.options.length - 1) this.addOption(qKey);
    else if (q) this.form.focus(`q-${qKey}-o-${q.options[index + 1]!.key}`);
  }

  private question(d: QuestionList, qKey: number): DraftQuestion {
    return d.questions.find((q) => q.key === qKey)!;
  }

  private questionIn(d: QuestionList | null, qKey: number): DraftQuestion | null {
    return d && this.question(d, qKey);
  }
}
