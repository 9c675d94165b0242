// <slims-poll>: a one-question poll that a library embeds on any page, with results after voting.
import { define } from '../shared/define.ts';
import { SurveyElement } from '../shared/survey-element.ts';

/**
 * A poll from the library's CRM: `<slims-poll poll="jam-buka"></slims-poll>`.
 *
 * Attributes
 * - `poll`: the poll's slug (required).
 * - `lang`: `id` (default) or `en`; otherwise the closest `[lang]` ancestor, then the document's.
 * - `api`: base URL of the sidecar, when it is not the origin the loader came from.
 *
 * Events (all bubble and are composed, so `document.addEventListener` sees them)
 * - `slims-loading` `{ slug }`: the poll is being fetched.
 * - `slims-loaded` `{ slug, state }`: shown; state is open | answered | closed | scheduled | members.
 * - `slims-vote` `{ slug, responseId }`: the visitor's vote was recorded.
 * - `slims-error` `{ slug, code, message }`: loading or voting failed (code as in the API, or
 *   `offline`, `timeout`, `bad_response`); the element shows a polite state, never throws.
 *
 * Parts: `container`, `title`, `description`, `status` (live region), `form`, `question`, `prompt`,
 * `option`, `input` (text answers), `error`, `button` (also `retry`), `results`, `results-title`,
 * `results-list`, `result`, `result-label`, `result-value`, `bar`, `bar-fill`, `results-summary`,
 * `results-total`, `note`.
 *
 * CSS custom properties: `--slims-accent`, `--slims-accent-fg`, `--slims-font`, `--slims-fg`,
 * `--slims-bg`, `--slims-muted`, `--slims-border`, `--slims-radius`, `--slims-padding`,
 * `--slims-max-width`, `--slims-selected`, `--slims-focus`, `--slims-error`, `--slims-track`,
 * `--slims-bar`.
 *
 * Reserve the poll's height in the page's own CSS (`slims-poll { display: block; min-height: 14rem }`):
 * before its code arrives the element has no height of its own.
 */
export class SlimsPoll extends SurveyElement {
  static override properties = { slug: { attribute: 'poll' } };

  constructor() {
    super('poll');
  }
}

define('slims-poll', SlimsPoll);

declare global {
  interface HTMLElementTagNameMap {
    'slims-poll': SlimsPoll;
  }
}
