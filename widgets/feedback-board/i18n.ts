// The board's strings in Bahasa Indonesia (the default) and English, both in the board's own chunk.
// Counts take the plural category of the language (Intl.PluralRules): Indonesian has only `other`.
import type { Lang } from '../shared/i18n.ts';

type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const id = {
  title: 'Anda berkata, kami lakukan',
  intro: 'Masukan dari pemustaka yang dipilih perpustakaan untuk ditampilkan, dengan tanggapan dan tindak lanjutnya.',
  filters: 'Saring dan urutkan',
  kind: 'Jenis',
  allKinds: 'Semua jenis',
  status: 'Status',
  allStatuses: 'Semua status',
  sort: 'Urutkan',
  sorts: { newest: 'Terbaru', votes: 'Dukungan terbanyak', answered: 'Baru ditanggapi' },
  vote: 'Dukung',
  votes: { other: '{} dukungan' } as Plural,
  voted: 'Terima kasih, dukungan Anda tercatat.',
  fromMember: 'Dari anggota',
  fromVisitor: 'Dari pengunjung',
  shown: 'Menampilkan {} dari {}',
  more: 'Muat lebih banyak',
  loading: 'Memuat…',
  empty: 'Belum ada masukan yang ditampilkan.',
  emptyFiltered: 'Tidak ada masukan yang cocok dengan pilihan ini.',
  loadError: 'Papan masukan tidak dapat dimuat.',
  offline: 'Tidak dapat terhubung. Periksa koneksi internet Anda.',
  error: 'Maaf, terjadi gangguan. Silakan coba lagi.',
  retry: 'Coba lagi',
};

export type Words = typeof id;

const en: Words = {
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
  votes: { one: '{} vote', other: '{} votes' },
  voted: 'Thank you, your support is recorded.',
  fromMember: 'From a member',
  fromVisitor: 'From a visitor',
  shown: 'Showing {} of {}',
  more: 'Load more',
  loading: 'Loading…',
  empty: 'Nothing has been published yet.',
  emptyFiltered: 'Nothing matches these choices.',
  loadError: 'The board could not be loaded.',
  offline: 'Cannot connect. Please check your internet connection.',
  error: 'Sorry, something went wrong. Please try again.',
  retry: 'Try again',
};

export const words = (lang: Lang): Words => (lang === 'en' ? en : id);
