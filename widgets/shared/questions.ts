// Question fields, shared by <slims-poll> and <slims-survey>.
import { html, nothing, type TemplateResult } from 'lit';
import type { Question } from './contract.ts';
import type { Messages } from './i18n.ts';

/**
 * One question as a <fieldset> of native inputs, so arrow keys, Space and Tab work as visitors
 * expect. Rating (1–5) and NPS (0–10) are radio groups too. `number` 0 leaves the prompt unnumbered.
 */
export function renderQuestion(
  q: Question,
  number: number,
  m: Messages,
  error = '',
  hidePrompt = false,
): TemplateResult {
  const { id, type } = q;
  const hint = type === 'rating' ? m.ratingHint : type === 'nps' ? m.npsHint : '';
  const described = [hint && `h${id}`, error && `e${id}`].join(' ').trim() || nothing;
  const invalid = error ? 'true' : nothing;
  const choices =
    type === 'rating' || type === 'nps'
      ? Array.from({ length: type === 'nps' ? 11 : 5 }, (_, i) => ({
          id: type === 'nps' ? i : i + 1,
          label: String(type === 'nps' ? i : i + 1),
        }))
      : q.options;
  return html`<fieldset part="question" data-question=${id}>
    <legend id="l${id}" part="prompt" class=${hidePrompt ? 'sr' : ''}>
      ${number ? `${number}. ` : ''}${q.prompt}
      ${q.required ? html`<span class="m">(${m.required})</span>` : nothing}
    </legend>
    ${hint ? html`<p id="h${id}" class="m">${hint}</p>` : nothing}
    ${
      type === 'text'
        ? html`<textarea
          part="input"
          name="q${id}"
          rows="3"
          maxlength=${q.maxLength ?? nothing}
          ?required=${q.required}
          aria-labelledby="l${id}"
          aria-invalid=${invalid}
          aria-describedby=${described}
        ></textarea>`
        : html`<div class=${type === 'single' || type === 'multiple' ? 'opts' : 'opts scale'}>
          ${choices.map(
            (o) =>
              html`<label part="option">
                <input
                  type=${type === 'multiple' ? 'checkbox' : 'radio'}
                  name="q${id}"
                  value=${o.id}
                  ?required=${q.required && type !== 'multiple'}
                  aria-invalid=${invalid}
                  aria-describedby=${described}
                />
                <span>${o.label}</span>
              </label>`,
          )}
        </div>`
    }
    ${error ? html`<p id="e${id}" part="error" class="error">${error}</p>` : nothing}
  </fieldset>`;
}
