// The words for a suggestion's kinds and statuses in Bahasa Indonesia and English, written once: the e-mails
// (notices.ts, digest.ts) and the measures' CSV say them, and so do the suggestion box, the board and the staff app.
// Pure data that imports nothing at run time, so the widgets may import it (test/server/architecture.test.ts).
import type { FeedbackKind, FeedbackStatus } from '../db/database.ts';

export const FEEDBACK_KINDS = [
  'suggestion',
  'complaint',
  'praise',
  'question',
  'purchase',
] as const satisfies readonly FeedbackKind[];

export const FEEDBACK_STATUSES = [
  'new',
  'in_review',
  'planned',
  'done',
  'declined',
] as const satisfies readonly FeedbackStatus[];

interface Words {
  kinds: Record<FeedbackKind, string>;
  statuses: Record<FeedbackStatus, string>;
}

export const FEEDBACK_WORDS: Record<'id' | 'en', Words> = {
  id: {
    kinds: {
      suggestion: 'Saran',
      complaint: 'Keluhan',
      praise: 'Pujian',
      question: 'Pertanyaan',
      purchase: 'Usulan pembelian buku',
    },
    statuses: {
      new: 'Baru',
      in_review: 'Sedang ditinjau',
      planned: 'Direncanakan',
      done: 'Selesai',
      declined: 'Tidak dilanjutkan',
    },
  },
  en: {
    kinds: {
      suggestion: 'Suggestion',
      complaint: 'Complaint',
      praise: 'Praise',
      question: 'Question',
      purchase: 'Purchase request',
    },
    statuses: { new: 'New', in_review: 'In review', planned: 'Planned', done: 'Done', declined: 'Declined' },
  },
};
