// The interest profile's strings in Bahasa Indonesia (the default); English (i18n-en.ts) comes in a chunk of its
// own that only English pages load. The consent texts themselves are the library's, sent by the sidecar.
import { lazyEnglish } from '../shared/i18n.ts';

const id = {
  title: 'Minat dan privasi saya',
  intro:
    'Beri tahu perpustakaan apa yang Anda minati dan bagaimana Anda ingin dihubungi. Anda dapat mengubahnya kapan saja.',
  signin: 'Silakan masuk sebagai anggota untuk mengatur minat dan privasi Anda.',
  expired: 'Sesi anggota Anda sudah berakhir. Silakan masuk lagi untuk melanjutkan.',
  loading: 'Memuat…',
  ready: 'Profil Anda siap diubah.',
  topics: 'Topik yang saya minati',
  search: 'Cari topik',
  searchHint: 'Ketik sebagian nama topik, lalu pilih dari daftar (panah bawah untuk masuk ke daftar).',
  searching: 'Mencari…',
  noTopics: 'Tidak ada topik yang cocok.',
  found: '{count} topik ditemukan.',
  add: 'Tambah {name}',
  remove: 'Hapus {name}',
  noneChosen: 'Belum ada yang dipilih.',
  tags: 'Minat lain (kata Anda sendiri)',
  tagInput: 'Tulis minat lain, lalu Tambah',
  tagAdd: 'Tambah',
  media: 'Media yang saya sukai',
  mediaKinds: { print: 'Cetak', ebook: 'E-book', audio: 'Audio', video: 'Video' },
  gmds: 'Jenis bahan lain',
  channel: 'Cara saya ingin dihubungi',
  channels: { email: 'E-mail', whatsapp: 'WhatsApp', sms: 'SMS', letter: 'Surat', none: 'Jangan hubungi saya' },
  onFile: 'Tercatat di perpustakaan: {value}',
  email: 'Alamat e-mail',
  emailHint: 'Perpustakaan belum mencatat e-mail Anda.',
  whatsapp: 'Nomor WhatsApp',
  whatsappHint: 'Perpustakaan belum mencatat nomor telepon Anda.',
  consents: 'Izin saya',
  consentsIntro:
    'Perpustakaan hanya menghubungi Anda untuk tujuan dan lewat saluran yang Anda izinkan. Izin dapat dicabut kapan saja.',
  privacy: 'Baca pemberitahuan privasi perpustakaan',
  version: 'Versi kata-kata izin: {version}',
  since: 'sejak {date}',
  save: 'Simpan',
  saving: 'Menyimpan…',
  saved: 'Tersimpan.',
  saveError: 'Belum tersimpan.',
  data: 'Data saya',
  dataIntro:
    'Yang disimpan CRM perpustakaan tentang Anda: {topics} topik, {tags} minat lain, {media} media, {consents} izin yang berlaku. Unduh salinan lengkapnya, termasuk data keanggotaan yang ditampilkan CRM.',
  downloadJson: 'Unduh data (JSON)',
  downloadCsv: 'Unduh data (CSV)',
  downloaded: 'Unduhan dimulai.',
  downloadError: 'Data tidak dapat diunduh.',
  erase: 'Minta penghapusan data',
  eraseAsk:
    'Hapus semua data CRM tentang Anda? Minat, izin, catatan, dan riwayat Anda akan dihapus setelah staf memeriksa permintaan ini. Data keanggotaan SLiMS tidak berubah.',
  eraseYes: 'Ya, minta penghapusan',
  eraseNo: 'Batal',
  erasePending:
    'Permintaan penghapusan Anda tercatat pada {requested}. Perpustakaan menindaklanjutinya paling lambat {due}.',
  eraseError: 'Permintaan penghapusan belum terkirim.',
  offline: 'Tidak dapat terhubung. Periksa koneksi internet Anda.',
  error: 'Maaf, terjadi gangguan. Silakan coba lagi.',
  retry: 'Coba lagi',
};

export type Words = typeof id;

export const { ready, words } = lazyEnglish(id, () => import('./i18n-en.ts'), { loading: 'Loading…' });
