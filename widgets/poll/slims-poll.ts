// <slims-poll>: a one-question poll that a library embeds on any page, with results after voting.
import { define } from '../shared/define.ts';
import { SurveyElement } from '../shared/survey-element.ts';

/**
 * A poll from the library's CRM: `<slims-poll poll="jam-buka"></slims-poll>`. The events bubble and are
 * composed, so `document.addEventListener` sees them; the element never throws into the page.
 *
 * Reserve the poll's height in the page's own CSS (`slims-poll { display: block; min-height: 14rem }`):
 * before its code arrives the element has no height of its own.
 *
 * @summary A one-question poll, with its results after voting.
 * @tag slims-poll
 *
 * @attr poll - The poll's slug (required).
 * @prop {string} slug - The poll's slug (required), as in the `poll` attribute.
 *
 * @fires {CustomEvent<{ slug: string; responseId: number }>} slims-vote - The visitor's vote was recorded.
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
