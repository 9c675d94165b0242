// A form's problems beside its controls: which control is invalid, the error text it is described by,
// and a labelled text field wired to both. The survey builder and its question editor share one.
import { html, nothing, type TemplateResult } from 'lit';

/** A problem with the form: the control it belongs to (an element id) and what to say. */
export interface Problem {
  field: string;
  message: string;
}

export class FieldProblems {
  /** `problems` gives our own checks' and the server's, as they are now. */
  constructor(private readonly problems: () => Problem[]) {}

  private messagesFor(field: string): string[] {
    return this.problems()
      .filter((p) => p.field === field)
      .map((p) => p.message);
  }

  invalid(field: string): 'true' | 'false' {
    return this.messagesFor(field).length > 0 ? 'true' : 'false';
  }

  describedBy(field: string): string {
    return this.messagesFor(field).length > 0 ? `${field}-error` : '';
  }

  errorFor(field: string): TemplateResult | typeof nothing {
    const messages = this.messagesFor(field);
    return messages.length ? html`<p class="error-text" id="${field}-error">${messages.join(' ')}</p>` : nothing;
  }

  textField(
    id: string,
    label: string,
    value: string,
    set: (v: string) => void,
    opts: { hint?: string; maxlength?: number; required?: boolean; mono?: boolean } = {},
  ): TemplateResult {
    const hintId = opts.hint ? `${id}-hint` : '';
    const described = [this.describedBy(id), hintId].filter(Boolean).join(' ');
    return html`<div class="field">
      <label for=${id}>${label}</label>
      <input id=${id} type="text" .value=${value} maxlength=${opts.maxlength ?? nothing} ?required=${opts.required ?? false}
        spellcheck=${opts.mono ? 'false' : nothing} aria-invalid=${this.invalid(id)} aria-describedby=${described || nothing}
        @input=${(e: Event) => set((e.target as HTMLInputElement).value)} />
      ${opts.hint ? html`<p class="hint" id=${hintId}>${opts.hint}</p>` : nothing}
      ${this.errorFor(id)}
    </div>`;
  }
}
