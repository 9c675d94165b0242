// The reply composer of a feedback item: the text, whether it is public or private, and what each
// choice means for the member (on the board, by e-mail, or neither). The item view that holds it
// sends the reply and shows the server's answer.
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { FeedbackItem } from './api.ts';
import type { Translate } from './i18n.ts';

/** The longest reply or note the server takes. */
export const TEXT_MAX = 4000;

export type Visibility = 'public' | 'private';

/** What the form shows besides its own state, given by the item view at each render. */
export interface ComposerState {
  item: FeedbackItem;
  t: Translate;
  /** Whether the sidecar sends e-mail at all. */
  emailOn: boolean;
  sending: boolean;
  /** Our check's or the server's objection to the reply. */
  problem: string | undefined;
}

export class ReplyComposer {
  text = '';
  visibility: Visibility = 'public';

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly on: {
      /** The text changed: a draft to keep. */
      input: () => void;
      send: (text: string, visibility: Visibility) => void;
    },
  ) {}

  /** After sending, or when the staff member chose to drop the reply. */
  clear(): void {
    this.text = '';
    this.host.requestUpdate();
    this.on.input();
  }

  private setVisibility(visibility: Visibility): void {
    this.visibility = visibility;
    this.host.requestUpdate();
  }

  private readonly onInput = (event: Event): void => {
    this.text = (event.target as HTMLTextAreaElement).value;
    this.host.requestUpdate();
    this.on.input();
  };

  private readonly onSubmit = (event: Event): void => {
    event.preventDefault();
    this.on.send(this.text.trim(), this.visibility);
  };

  render({ item, t, emailOn, sending, problem }: ComposerState): TemplateResult {
    return html`<form @submit=${this.onSubmit} novalidate>
        <div class="field">
          <label for="fb-reply">${t('fbReplyText')}</label>
          <textarea id="fb-reply" rows="4" maxlength=${TEXT_MAX} .value=${this.text} aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${problem ? 'fb-reply-error' : nothing}
            @input=${this.onInput}></textarea>
          ${problem ? html`<p id="fb-reply-error" class="error-text">${problem}</p>` : nothing}
        </div>
        <fieldset>
          <legend>${t('fbVisibility')}</legend>
          <div class="choices">
            <label class="choice-card">
              <input type="radio" name="fb-visibility" value="public" .checked=${this.visibility === 'public'}
                aria-describedby="fb-vis-public-hint" @change=${() => this.setVisibility('public')} />
              <span>${t('fbVisPublic')}<small id="fb-vis-public-hint">${t(
                item.published
                  ? emailOn
                    ? 'fbVisPublicHint'
                    : 'fbVisPublicHintNoMail'
                  : emailOn
                    ? 'fbVisPublicHiddenHint'
                    : 'fbVisPublicHiddenHintNoMail',
              )}</small></span>
            </label>
            <label class="choice-card">
              <input type="radio" name="fb-visibility" value="private" .checked=${this.visibility === 'private'}
                aria-describedby="fb-vis-private-hint" @change=${() => this.setVisibility('private')} />
              <span>${t('fbVisPrivate')}<small id="fb-vis-private-hint">${t(
                !emailOn ? 'fbVisPrivateNoMail' : item.watchers > 0 ? 'fbVisPrivateHint' : 'fbVisPrivateNoEmail',
              )}</small></span>
            </label>
          </div>
        </fieldset>
        ${emailOn ? nothing : html`<p class="muted" data-email-off>${t('fbEmailOff')}</p>`}
        <button class="btn primary" type="submit" aria-disabled=${sending ? 'true' : 'false'}>${sending ? t('fbSending') : t('fbSendReply')}</button>
      </form>`;
  }
}
