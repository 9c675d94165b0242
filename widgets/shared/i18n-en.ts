// The views' strings in English, loaded only by elements that speak it (see ready in i18n.ts).
import type { Messages } from './i18n.ts';

export const en: Messages = {
  loading: 'Loading…',
  submit: 'Send',
  retry: 'Try again',
  answered: 'You have already answered.',
  closed: '{kind} closed.',
  scheduled: '{kind} not open yet.',
  notfound: '{kind} not found.',
  opens: 'Opens {date}.',
  poll: 'Poll',
  survey: 'Survey',
  members: 'For library members only. Please sign in to answer.',
  offline: 'Cannot connect. Please check your internet connection.',
  error: 'Sorry, something went wrong. Please try again.',
  later: 'Results will be shown once it closes.',
  required: 'required',
  ratingHint: '1 = very poor, 5 = very good',
  npsHint: '0 = not at all likely, 10 = extremely likely',
};
