// The sign-in's strings in Bahasa Indonesia (the default) and English; both ride in the sign-in's own
// chunk, which is small, so English needs no second request here.
import { fill, type Lang, type Plural } from '../shared/i18n.ts';

const id = {
  title: 'Masuk anggota',
  account: 'Akun anggota',
  signedInHint:
    'Anda dapat menjawab jajak pendapat dan survei khusus anggota, serta mengirim dan mengikuti saran atas nama Anda.',
  card: 'Nomor anggota',
  password: 'Kata sandi',
  passwordHint: 'Kata sandi yang sama dengan katalog online (OPAC) perpustakaan.',
  submit: 'Masuk',
  submitting: 'Memeriksa…',
  signedIn: 'Masuk sebagai {name}',
  signOut: 'Keluar',
  signedOut: 'Anda sudah keluar.',
  expired: 'Sesi Anda sudah berakhir. Silakan masuk lagi.',
  validation_failed: 'Isi nomor anggota dan kata sandi Anda.',
  invalid_credentials: 'Nomor anggota atau kata sandi salah.',
  member_pending: 'Keanggotaan Anda sedang ditangguhkan. Silakan hubungi perpustakaan.',
  member_expired: 'Masa keanggotaan Anda sudah habis. Silakan perpanjang di perpustakaan.',
  no_password: 'Akun Anda belum memiliki kata sandi OPAC. Mintalah perpustakaan untuk membuatkannya.',
  rate_limited: 'Terlalu banyak percobaan masuk. Silakan coba lagi nanti.',
  // The sidecar's own words (server/errors.ts signInLockedMessage), from Retry-After.
  rateLimitedFor: { other: 'Terlalu banyak percobaan masuk. Coba lagi dalam {count} menit.' } as Plural,
  rateLimitedForSeconds: { other: 'Terlalu banyak percobaan masuk. Coba lagi dalam {count} detik.' } as Plural,
  checking: 'Memeriksa…',
  proof_required: 'Pemeriksaan keamanan tidak selesai. Silakan coba lagi.',
  offline: 'Tidak dapat terhubung. Periksa koneksi internet Anda.',
  origin_not_allowed: 'Layanan ini belum tersedia di situs ini.',
  error: 'Maaf, terjadi gangguan. Silakan coba lagi.',
};

export type Words = typeof id;

const en: Words = {
  title: 'Member sign-in',
  account: 'Member account',
  signedInHint: 'You can answer members-only polls and surveys, and send and follow suggestions under your name.',
  card: 'Member number',
  password: 'Password',
  passwordHint: 'The same password as the library’s online catalogue (OPAC).',
  submit: 'Sign in',
  submitting: 'Checking…',
  signedIn: 'Signed in as {name}',
  signOut: 'Sign out',
  signedOut: 'You have signed out.',
  expired: 'Your session has ended. Please sign in again.',
  validation_failed: 'Enter your member number and password.',
  invalid_credentials: 'Wrong member number or password.',
  member_pending: 'Your membership is on hold. Please contact the library.',
  member_expired: 'Your membership has expired. Please renew it at the library.',
  no_password: 'Your account has no OPAC password yet. Please ask the library to set one.',
  rate_limited: 'Too many sign-in attempts. Please try again later.',
  rateLimitedFor: {
    one: 'Too many sign-in attempts. Try again in {count} minute.',
    other: 'Too many sign-in attempts. Try again in {count} minutes.',
  },
  rateLimitedForSeconds: {
    one: 'Too many sign-in attempts. Try again in {count} second.',
    other: 'Too many sign-in attempts. Try again in {count} seconds.',
  },
  checking: 'Checking…',
  proof_required: 'The security check did not finish. Please try again.',
  offline: 'Cannot connect. Please check your internet connection.',
  origin_not_allowed: 'This service is not available on this site.',
  error: 'Sorry, something went wrong. Please try again.',
};

export const words = (lang: Lang): Words => (lang === 'en' ? en : id);

/** Error codes with a message of their own (a timeout reads as offline); the rest get `error`. */
const CODES = [
  'invalid_credentials',
  'member_pending',
  'member_expired',
  'no_password',
  'rate_limited',
  'proof_required',
  'validation_failed',
  'offline',
  'origin_not_allowed',
] as const;
const known = (code: string): code is (typeof CODES)[number] => (CODES as readonly string[]).includes(code);

/** What to tell the member about a failed sign-in; `retryAfter` (seconds) says how long, in seconds under a minute, else whole minutes. */
export function errorMessage(code: string, lang: Lang, retryAfter?: number): string {
  const m = words(lang);
  if (code === 'rate_limited' && retryAfter) {
    const [count, forms] =
      retryAfter < 60
        ? [Math.ceil(retryAfter), m.rateLimitedForSeconds]
        : [Math.ceil(retryAfter / 60), m.rateLimitedFor];
    return fill(forms[new Intl.PluralRules(lang).select(count)] ?? forms.other, { count });
  }
  if (code === 'timeout') code = 'offline';
  return known(code) ? m[code] : m.error;
}
