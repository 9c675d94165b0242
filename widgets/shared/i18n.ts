// The strings of the element's views, in Bahasa Indonesia (the default) and English (i18n-en.ts);
// those only needed once a visitor answers (checks, results) live in respond.ts, after first paint.
// `{}` marks where a value goes (see fill); keys named like a view are that view's status line.

export type Lang = 'id' | 'en';

const id = {
  loading: 'Memuat…',
  submit: 'Kirim',
  submitting: 'Mengirim…',
  retry: 'Coba lagi',
  thanks: 'Terima kasih, jawaban Anda sudah tercatat.',
  answered: 'Anda sudah menjawab.',
  closed: '{} ditutup.',
  scheduled: '{} belum dibuka.',
  notfound: '{} tidak ditemukan.',
  opens: 'Dibuka {}.',
  poll: 'Jajak pendapat',
  survey: 'Survei',
  members: 'Khusus anggota perpustakaan. Silakan masuk untuk menjawab.',
  offline: 'Tidak dapat terhubung. Periksa koneksi internet Anda.',
  error: 'Maaf, terjadi gangguan. Silakan coba lagi.',
  later: 'Hasil akan ditampilkan setelah ditutup.',
  required: 'wajib',
  ratingHint: '1 = sangat buruk, 5 = sangat baik',
  npsHint: '0 = sangat tidak mungkin, 10 = sangat mungkin',
};

export type Messages = typeof id;

// English beyond the loading line comes in its own chunk (most pages are Indonesian), fetched
// alongside the survey (see ready); until it is here, or if it cannot come, Indonesian fills in.
const en: Partial<Messages> = { loading: 'Loading…' };
let english: Promise<unknown> | undefined;

/** Resolves (never rejects) once the strings of `lang` are here or known not to come. */
export const ready = (lang: Lang): Promise<unknown> =>
  lang === 'en'
    ? (english ??= import('./i18n-en.ts').then(
        (mod) => Object.assign(en, mod.en),
        () => (english = undefined),
      ))
    : Promise.resolve();

/**
 * The element's own lang, else the closest [lang] ancestor's below <html>, else the page's as the SLiMS plugin
 * knows it (window.SlimsCRM.lang), else <html lang>; Indonesian otherwise.
 */
export function langOf(el: Element): Lang {
  const near = el.closest('[lang]');
  const root = document.documentElement;
  return /^en\b/i.test((near !== root && near?.getAttribute('lang')) || window.SlimsCRM?.lang || root.lang)
    ? 'en'
    : 'id';
}

export const messages = (lang: Lang): Messages => (lang === 'en' ? { ...id, ...en } : id);

export const fill = (message: string, value: unknown): string => message.replace('{}', String(value));

export const locale = (lang: Lang): string => (lang === 'en' ? 'en' : 'id-ID');
