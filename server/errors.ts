// The one error shape, { error: { code, message, details } }, with messages in Indonesian and English.
// Every layer shares it, so server/db/preflight.ts importing this file is intended, not a layering break.
import type { Context } from 'hono';
import type { AppEnv } from './http.ts';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type Lang = 'id' | 'en';

/** A problem a person must fix before the sidecar can work, said in Indonesian and English. */
export class BilingualError extends Error {
  constructor(
    readonly id: string,
    readonly en: string,
  ) {
    super(`${id}\n${en}`);
    this.name = new.target.name;
  }
}

const messages = {
  not_found: ['Tidak ditemukan.', 'Not found.'],
  survey_not_found: ['Jajak pendapat atau survei ini tidak ditemukan.', 'This poll or survey was not found.'],
  validation_failed: [
    'Isian belum benar. Periksa kembali jawaban Anda.',
    'Some input is not valid. Please check your answers.',
  ],
  survey_closed: ['Jajak pendapat ini sudah ditutup.', 'This poll is closed.'],
  survey_not_open: ['Jajak pendapat ini belum dibuka.', 'This poll is not open yet.'],
  already_answered: ['Anda sudah menjawab. Terima kasih!', 'You have already answered. Thank you!'],
  members_only: [
    'Hanya untuk anggota perpustakaan. Silakan masuk terlebih dahulu.',
    'For library members only. Please sign in first.',
  ],
  invalid_token: [
    'Sesi tidak sah atau sudah berakhir. Silakan masuk lagi.',
    'Your session is invalid or has expired. Please sign in again.',
  ],
  unauthorized: ['Silakan masuk sebagai staf.', 'Please sign in as staff.'],
  forbidden: ['Anda tidak memiliki hak akses untuk tindakan ini.', 'You do not have permission for this action.'],
  two_factor_required: [
    'Akun ini memakai verifikasi dua langkah di SLiMS: buka CRM dari menu Keanggotaan > CRM di SLiMS.',
    'This account uses two-step sign-in in SLiMS: open the CRM from Membership > CRM inside SLiMS.',
  ],
  invalid_credentials: ['Nama pengguna atau kata sandi salah.', 'Wrong username or password.'],
  unsupported_media_type: [
    'Permintaan harus berupa JSON (Content-Type: application/json).',
    'The request must be JSON (Content-Type: application/json).',
  ],
  invalid_json: ['Isi permintaan bukan JSON yang sah.', 'The request body is not valid JSON.'],
  idempotency_key_required: [
    'Header Idempotency-Key wajib ada (8–64 karakter A-Z, a-z, 0-9, _ atau -).',
    'The Idempotency-Key header is required (8–64 characters A-Z, a-z, 0-9, _ or -).',
  ],
  idempotency_key_reused: [
    'Idempotency-Key ini sudah dipakai untuk jawaban lain.',
    'This Idempotency-Key was already used for another answer.',
  ],
  origin_not_allowed: [
    'Situs ini tidak diizinkan memanggil layanan CRM perpustakaan.',
    'This site is not allowed to call the library CRM service.',
  ],
  rate_limited: [
    'Terlalu banyak permintaan. Coba lagi beberapa saat lagi.',
    'Too many requests. Please try again in a while.',
  ],
  proof_required: [
    'Banyak percobaan masuk yang gagal dari jaringan ini: perangkat Anda perlu memeriksa sebentar. Kirim lagi dengan pemeriksaan itu.',
    'Many failed sign-ins came from this network: your device needs to run a short check. Send again with that check.',
  ],
  body_too_large: ['Isi permintaan terlalu besar.', 'The request body is too large.'],
  slug_taken: ['Alamat (slug) ini sudah dipakai survei lain.', 'This slug is already used by another survey.'],
  survey_changed: [
    'Jajak pendapat ini baru saja diubah. Muat ulang lalu jawab lagi.',
    'This poll has just been changed. Reload it and answer again.',
  ],
  has_responses: [
    'Pertanyaan tidak dapat diubah karena sudah ada jawaban.',
    'Questions cannot be changed because responses already exist.',
  ],
  member_pending: [
    'Keanggotaan Anda sedang ditangguhkan. Silakan hubungi perpustakaan.',
    'Your membership is on hold. Please contact the library.',
  ],
  member_expired: [
    'Masa keanggotaan Anda sudah berakhir. Silakan perpanjang di perpustakaan.',
    'Your membership has expired. Please renew it at the library.',
  ],
  no_password: [
    'Kartu anggota ini belum memiliki kata sandi OPAC. Mintalah perpustakaan untuk membuatkannya.',
    'This member card has no OPAC password yet. Ask the library to set an OPAC password.',
  ],
  bad_signature: [
    'Tanda tangan tidak cocok: plugin SLiMS dan sidecar memegang rahasia bersama yang berbeda.',
    'The signature does not match: the SLiMS plugin and the sidecar hold different shared secrets.',
  ],
  stale_timestamp: [
    'Waktu webhook berselisih lebih dari 5 menit dengan jam layanan CRM. Periksa jam server SLiMS.',
    'The webhook time is more than 5 minutes away from the CRM service clock. Check the SLiMS server clock.',
  ],
  replayed: ['Peristiwa ini sudah diterima sebelumnya.', 'This event was already received.'],
  feedback_not_found: [
    'Masukan ini tidak ditemukan. Periksa kode pelacakan Anda.',
    'This feedback was not found. Check your tracking code.',
  ],
  spam_suspected: [
    'Formulir tampak diisi oleh program otomatis. Jika Anda manusia, muat ulang halaman lalu kirim lagi.',
    'The form looks as if a program filled it in. If you are a person, reload the page and send it again.',
  ],
  too_fast: [
    'Formulir dikirim terlalu cepat. Tunggu beberapa detik lalu kirim lagi.',
    'The form was sent too quickly. Wait a few seconds and send it again.',
  ],
  pow_required: [
    'Pemeriksaan anti-spam belum selesai. Kirim lagi.',
    'The anti-spam check has not finished. Please send again.',
  ],
  pow_invalid: [
    'Pemeriksaan anti-spam gagal. Muat ulang halaman lalu kirim lagi.',
    'The anti-spam check failed. Reload the page and send again.',
  ],
  pow_expired: [
    'Pemeriksaan anti-spam sudah kedaluwarsa. Kirim lagi.',
    'The anti-spam check has expired. Please send again.',
  ],
  pow_replayed: [
    'Pemeriksaan anti-spam ini sudah dipakai. Kirim lagi.',
    'This anti-spam check was already used. Please send again.',
  ],
  not_on_board: ['Masukan ini tidak ada di papan tanggapan.', 'This item is not on the board.'],
  voting_closed: ['Usulan ini tidak dapat didukung.', 'This item cannot be voted on.'],
  merge_invalid: [
    'Masukan tidak dapat digabung ke dirinya sendiri atau ke masukan yang sudah digabung.',
    'An item cannot be merged into itself or into an item that was merged.',
  ],
  consent_wording_changed: [
    'Kata-kata persetujuan baru saja diperbarui. Muat ulang halaman, baca, lalu simpan lagi.',
    'The consent wording has just been updated. Reload the page, read it, and save again.',
  ],
  member_not_found: ['Anggota dengan nomor ini tidak ada di SLiMS.', 'SLiMS has no member with this card number.'],
  segment_not_found: ['Segmen ini tidak ditemukan.', 'This segment was not found.'],
  segment_name_taken: ['Nama segmen ini sudah dipakai segmen lain.', 'This name is already used by another segment.'],
  already_placed: ['Widget ini sudah tampil di tempat itu.', 'This widget is already shown in that place.'],
  database_unavailable: [
    'Layanan sedang tidak dapat menghubungi basis data. Coba lagi sebentar lagi.',
    'The service cannot reach its database right now. Please try again in a moment.',
  ],
  internal_error: [
    'Terjadi kesalahan pada server. Silakan coba lagi.',
    'Something went wrong on the server. Please try again.',
  ],
} as const satisfies Record<string, readonly [string, string]>;

export type ErrorCode = keyof typeof messages;

/** A message in Indonesian and English. */
export type Bilingual = readonly [id: string, en: string];

/** The member route's wrong-credentials wording: members sign in with a card number, not a username. */
export const MEMBER_INVALID_CREDENTIALS: Bilingual = [
  'Nomor anggota atau kata sandi salah.',
  'Wrong card number or password.',
];

/** The sign-in lockout's rate_limited wording, saying how long: whole minutes from a minute on, else seconds. */
export function signInLockedMessage(seconds: number): Bilingual {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    return [
      `Terlalu banyak percobaan masuk. Coba lagi dalam ${s} detik.`,
      `Too many sign-in attempts. Try again in ${s} second${s === 1 ? '' : 's'}.`,
    ];
  }
  const m = Math.ceil(seconds / 60);
  return [
    `Terlalu banyak percobaan masuk. Coba lagi dalam ${m} menit.`,
    `Too many sign-in attempts. Try again in ${m} minute${m === 1 ? '' : 's'}.`,
  ];
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ErrorCode,
    readonly details?: unknown,
    /** Words this answer its own way; the code, which clients act on, stays the same. */
    readonly wording?: Bilingual,
  ) {
    super(code);
    this.name = 'ApiError';
  }
}

export function errorMessage(code: ErrorCode, lang: Lang, wording?: Bilingual): string {
  return (wording ?? messages[code])[lang === 'en' ? 1 : 0];
}

/** The caller's language: ?lang=, then Accept-Language, then Indonesian. */
export function requestLang(c: Context<AppEnv>): Lang {
  const query = c.req.query('lang');
  if (query === 'en' || query === 'id') return query;
  const chosen = c.get('lang');
  if (chosen !== undefined) return chosen;
  const header = c.req.header('accept-language') ?? '';
  for (const part of header.split(',')) {
    const tag = part.trim().slice(0, 2).toLowerCase();
    if (tag === 'id' || tag === 'ms') return 'id';
    if (tag === 'en') return 'en';
  }
  return 'id';
}

/** What every error answer holds under `error`; the widgets' and the staff app's clients read this type. */
export interface ErrorShape {
  code: string;
  message: string;
  details?: unknown;
}

export function errorBody(
  code: ErrorCode,
  lang: Lang,
  details?: unknown,
  wording?: Bilingual,
): { error: ErrorShape & { code: ErrorCode } } {
  return {
    error: {
      code,
      message: errorMessage(code, lang, wording),
      ...(details === undefined ? {} : { details }),
    },
  };
}

/** One problem with one field: the `details` of a 422 validation_failed (`questionId` on a survey's answers). */
export interface FieldProblem {
  field: string;
  message: string;
  questionId?: number;
}

/** A bilingual message for a validation detail. */
export function pick(lang: Lang, id: string, en: string): string {
  return lang === 'en' ? en : id;
}
