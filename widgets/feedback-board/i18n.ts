// The board's strings in Bahasa Indonesia (the default); English (i18n-en.ts) comes in a chunk of its own
// that only English pages load. Counts take the plural category of the language (Intl.PluralRules):
// Indonesian has only `other`.
import { lazyEnglish, type Plural } from '../shared/i18n.ts';

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
  votes: { other: '{count} dukungan' } as Plural,
  voted: 'Terima kasih, dukungan Anda tercatat.',
  fromMember: 'Dari anggota',
  fromVisitor: 'Dari pengunjung',
  shown: 'Menampilkan {shown} dari {total}',
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

export const { ready, words } = lazyEnglish(id, () => import('./i18n-en.ts'), { loading: 'Loading…' });
