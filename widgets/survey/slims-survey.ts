// <slims-survey>: a multi-question survey (choice, rating, NPS, text) on one accessible page.
import { define } from '../shared/define.ts';
import { SurveyElement } from '../shared/survey-element.ts';

/**
 * A survey from the library's CRM: `<slims-survey survey="kepuasan-2026"></slims-survey>`.
 * All questions sit on one page, numbered, with "(wajib)" on required ones; answers are checked in
 * the visitor's language before sending, and the server's per-question errors (422) are shown
 * under the question they belong to, which receives focus.
 *
 * Attributes: `survey` (the slug, required), `lang` (`id` default, or `en`), `api` (sidecar base URL).
 *
 * Events (bubbling, composed): `slims-loading` `{ slug }`, `slims-loaded` `{ slug, state }`,
 * `slims-submit` `{ slug, responseId }`, `slims-error` `{ slug, code, message }`.
 *
 * Parts and CSS custom properties: the same as `<slims-poll>` (see widgets/poll/slims-poll.ts).
 */
export class SlimsSurvey extends SurveyElement {
  static override properties = { slug: { attribute: 'survey' } };

  constructor() {
    super('survey');
  }
}

define('slims-survey', SlimsSurvey);

declare global {
  interface HTMLElementTagNameMap {
    'slims-survey': SlimsSurvey;
  }
}
