// The public elements as the README and their JSDoc promise them to webmasters: the tag, the module that
// defines it, the attributes it observes and the events it sends. The manifest test (test/server) holds
// custom-elements.json to it, and the base element's browser test holds the real elements to it.

export interface PublicElement {
  tag: string;
  /** The module that defines the tag, from the project root. */
  module: string;
  attributes: string[];
  events: string[];
}

export const PUBLIC_ELEMENTS: PublicElement[] = [
  {
    tag: 'slims-poll',
    module: 'widgets/poll/slims-poll.ts',
    attributes: ['poll', 'api', 'lang'],
    events: ['slims-loading', 'slims-loaded', 'slims-vote', 'slims-error'],
  },
  {
    tag: 'slims-survey',
    module: 'widgets/survey/slims-survey.ts',
    attributes: ['survey', 'api', 'lang'],
    events: ['slims-loading', 'slims-loaded', 'slims-submit', 'slims-error'],
  },
  {
    tag: 'slims-member-signin',
    module: 'widgets/member-signin/slims-member-signin.ts',
    attributes: ['api', 'lang'],
    events: ['slims-signin', 'slims-signout', 'slims-error'],
  },
  {
    tag: 'slims-suggestion-box',
    module: 'widgets/suggestion-box/slims-suggestion-box.ts',
    attributes: ['kinds', 'kind', 'privacy-url', 'api', 'lang'],
    events: ['slims-loading', 'slims-loaded', 'slims-feedback-sent', 'slims-error'],
  },
  {
    tag: 'slims-feedback-board',
    module: 'widgets/feedback-board/slims-feedback-board.ts',
    attributes: ['kind', 'status', 'sort', 'page-size', 'api', 'lang'],
    events: ['slims-loading', 'slims-loaded', 'slims-error'],
  },
  {
    tag: 'slims-interest-profile',
    module: 'widgets/interest-profile/slims-interest-profile.ts',
    attributes: ['privacy-url', 'api', 'lang'],
    events: ['slims-loading', 'slims-loaded', 'slims-profile-saved', 'slims-erasure-requested', 'slims-error'],
  },
];
