// The one i18n helper of the widgets and the staff app: `{name}` placeholders (fill), plurals (Plural), English
// loaded on demand (lazyEnglish) and one locale for dates and numbers (locale). Below it, the poll's and the
// survey's own strings in Bahasa Indonesia (the default) and English (i18n-en.ts); those only needed once a visitor
// answers (sending, thanks, checks, results) live in respond.ts, after first paint. Keys named like a view are
// that view's status line.

export type Lang = 'id' | 'en';

const id = {
  loading: 'Memuat…',
  submit: 'Kirim',
  retry: 'Coba lagi',
  answered: 'Anda sudah menjawab.',
  closed: '{kind} ditutup.',
  scheduled: '{kind} belum dibuka.',
  notfound: '{kind} tidak ditemukan.',
  opens: 'Dibuka {date}.',
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

/**
 * An element's strings whose English comes in a chunk of its own (`load`): most pages are Indonesian, and
 * they need not download it. The chunk is fetched once, by the first English element (again after a failure);
 * until it is here, or if it cannot come, Indonesian fills in, bar the few English strings given in `early`.
 */
export function lazyEnglish<T extends object>(id: T, load: () => Promise<{ en: T }>, early: Partial<T> = {}) {
  let en: T = { ...id, ...early };
  let loading: Promise<unknown> | undefined;
  return {
    /** Resolves (never rejects) once the strings of `lang` are here or known not to come. */
    ready: (lang: Lang): Promise<unknown> =>
      lang === 'en'
        ? (loading ??= load().then(
            (mod) => (en = mod.en),
            () => (loading = undefined),
          ))
        : Promise.resolve(),
    words: (lang: Lang): T => (lang === 'en' ? en : id),
  };
}

// The poll's and the survey's English, fetched alongside the survey (see survey-element.ts).
export const { ready, words: messages } = lazyEnglish(id, () => import('./i18n-en.ts'), { loading: 'Loading…' });

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

/**
 * `message` with each `{name}` replaced by `params[name]` (a placeholder with no value stays as it is): the one
 * placeholder style of the widgets and the staff app.
 */
export const fill = (message: string, params: Record<string, unknown>): string =>
  message.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));

/** The one mapping of a language to the locale its dates and numbers are written in. */
export const locale = (lang: Lang): string => (lang === 'en' ? 'en-GB' : 'id-ID');

/** A message for each plural category of a language (Intl.PluralRules: `forms[rules.select(n)] ?? forms.other`); Indonesian has only `other`. */
export type Plural = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
