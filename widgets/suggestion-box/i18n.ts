// The suggestion box's strings in Bahasa Indonesia (the default); English (i18n-en.ts) comes in a chunk
// of its own that only English pages load. Those of the views after sending are in tracking.ts.
import type { Kind } from '../shared/feedback.ts';
import { lazyEnglish } from '../shared/i18n.ts';

const id = {
  title: 'Kotak saran',
  intro: 'Sampaikan saran, keluhan, pujian, pertanyaan, atau usulan buku kepada perpustakaan.',
  kind: 'Jenis masukan',
  text: {
    suggestion: 'Saran Anda',
    complaint: 'Keluhan Anda',
    praise: 'Pujian Anda',
    question: 'Pertanyaan Anda',
    purchase: 'Alasan usulan',
  } as Record<Kind, string>,
  textHint: 'Maksimal 2000 karakter.',
  purchaseTitle: 'Judul buku',
  purchaseAuthor: 'Pengarang (opsional)',
  purchaseIsbn: 'ISBN (opsional)',
  as: 'Kirim sebagai',
  asMember: 'Anggota perpustakaan',
  asAnonymous: 'Tanpa nama (anonim)',
  asHint: 'Tanpa nama: petugas tidak melihat siapa Anda, tetapi Anda tetap dapat melihatnya di “Masukan saya”.',
  contact: 'Kontak (opsional)',
  contactHint: 'Isi bila Anda ingin dihubungi tentang masukan ini.',
  email: 'E-mail',
  phone: 'Nomor WhatsApp',
  phoneHint: 'Contoh: 0812 3456 7890',
  consent: 'Saya setuju dihubungi oleh perpustakaan tentang masukan ini melalui kontak di atas.',
  privacy: 'Baca pemberitahuan privasi',
  submit: 'Kirim',
  preparing: 'Menyiapkan pengiriman…',
  sending: 'Mengirim…',
  code: 'Kode pelacakan',
  lookup: 'Sudah pernah mengirim? Cek status dengan kode pelacakan',
  lookupHint: 'Contoh: ABCDE-FGHJK',
  lookupSubmit: 'Cek',
  textMissing: 'Tulis masukan Anda.',
  titleMissing: 'Tulis judul buku yang Anda usulkan.',
  consentMissing: 'Centang persetujuan ini agar kami boleh menghubungi Anda, atau kosongkan kontak.',
  fix: 'Ada {count} isian yang perlu diperbaiki.',
  expired: 'Sesi anggota Anda sudah berakhir. Silakan masuk lagi, atau kirim tanpa nama.',
  offline: 'Tidak dapat terhubung. Periksa koneksi internet Anda, lalu coba lagi.',
  error: 'Maaf, terjadi gangguan. Silakan coba lagi.',
};

export type Words = typeof id;

export const { ready, words } = lazyEnglish(id, () => import('./i18n-en.ts'));
