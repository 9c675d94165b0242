// <slims-survey>: a multi-question survey (choice, rating, NPS, text) on one accessible page.
import { define } from '../shared/define.ts';
import { SurveyElement } from '../shared/survey-element.ts';

/**
 * A survey from the library's CRM: `<slims-survey survey="kepuasan-2026"></slims-survey>`.
 * All questions sit on one page, numbered, with "(wajib)" on required ones; answers are checked in
 * the visitor's language before sending, and the server's per-question errors (422) are shown
 * under the question they belong to, which receives focus. The events bubble and are composed.
 *
 * @summary A multi-question survey (choice, rating, NPS, text) on one accessible page.
 * @tag slims-survey
 *
 * @attr survey - The survey's slug (required).
 * @prop {string} slug - The survey's slug (required), as in the `survey` attribute.
 *
 * @fires {CustomEvent<{ slug: string; responseId: number }>} slims-submit - The visitor's answers were recorded.
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
