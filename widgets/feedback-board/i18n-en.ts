// The board's strings in English, loaded only by English pages (see lazyEnglish in shared/feedback.ts).
import type { Words } from './i18n.ts';

export const en: Words = {
  title: 'You said, we did',
  intro: 'Feedback from library users that the library chose to show, with its replies and what it did.',
  filters: 'Filter and sort',
  kind: 'Kind',
  allKinds: 'All kinds',
  status: 'Status',
  allStatuses: 'All statuses',
  sort: 'Sort by',
  sorts: { newest: 'Newest', votes: 'Most supported', answered: 'Recently answered' },
  vote: 'Support',
  votes: { one: '{count} vote', other: '{count} votes' },
  voted: 'Thank you, your support is recorded.',
  fromMember: 'From a member',
  fromVisitor: 'From a visitor',
  shown: 'Showing {shown} of {total}',
  more: 'Load more',
  loading: 'Loading…',
  empty: 'Nothing has been published yet.',
  emptyFiltered: 'Nothing matches these choices.',
  loadError: 'The board could not be loaded.',
  offline: 'Cannot connect. Please check your internet connection.',
  error: 'Sorry, something went wrong. Please try again.',
  retry: 'Try again',
};
