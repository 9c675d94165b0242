// The views' strings in English, loaded only by elements that speak it (see ready in i18n.ts).
import type { Messages } from './i18n.ts';

export const en: Omit<Messages, 'loading'> = {
  submit: 'Send',
  submitting: 'Sending…',
  retry: 'Try again',
  thanks: 'Thank you, your answer has been recorded.',
  answered: 'You have already answered.',
  closed: '{} closed.',
  scheduled: '{} not open yet.',
  notfound: '{} not found.',
  opens: 'Opens {}.',
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
