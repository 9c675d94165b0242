// Every route of the sidecar's API as integrators read it: what it does, who may call it, what it takes and
// what it answers. The OpenAPI document and the reference page are built from this table and the schemas.
import type { z } from 'zod';
import type { Bilingual } from '../validate.ts';
import {
  boardQuery,
  measuresQuery,
  mergeBody,
  replyBody,
  staffListQuery,
  staffTextBody,
  staffUpdateBody,
  submissionBody,
} from '../feedback/feedback.schemas.ts';
import { eventBody, pingBody } from '../hooks/hooks.schemas.ts';
import { memberSessionBody } from '../members/members.schemas.ts';
import { erasureBody, exportQuery, profileBody, topicQuery } from '../members/preferences.schemas.ts';
import {
  interactionBody,
  labelsBody,
  memberListQuery,
  profileQuery,
  staffNoteBody,
} from '../members/staff-members.schemas.ts';
import { placementBody, placementsQuery } from '../placements/placements.schemas.ts';
import { countBody, segmentBody, segmentMembersQuery } from '../segments/segments.schemas.ts';
import { staffSessionBody } from '../staff/staff.schemas.ts';
import { answersBody, surveyBody } from '../surveys/surveys.schemas.ts';
import { tierRunBody, tierSettingsBody } from '../tiers/tiers.schemas.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

/**
 * `staff`: a staff token (Authorization: Bearer) whose holder has SLiMS Membership read (r) or write (w);
 * `member`: a member token; `member-optional`: a member token when there is one, else the device id;
 * `signed`: the SLiMS plugin's HMAC signature (X-Slims-Crm-Timestamp, X-Slims-Crm-Signature).
 */
export type Access = 'public' | 'member' | 'member-optional' | 'staff-r' | 'staff-w' | 'signed';

export interface RouteDoc {
  method: Method;
  /** As Hono writes it: /api/v1/surveys/:slug. */
  path: string;
  tag: string;
  /** What the route does, in Indonesian and English. */
  summary: { id: string; en: string };
  access: Access;
  /** Widget writes carry an Idempotency-Key: a retry never counts twice. */
  idempotent?: boolean;
  /** The schemas the route checks its input with; the English build documents them. */
  query?: Bilingual<z.ZodObject>;
  body?: Bilingual;
  /** Success answers by status; the error answers are added from `errors`. */
  ok: Record<number, string>;
  /** Error codes this route may answer besides the ones every route may (validation, rate limits, 5xx). */
  errors?: number[];
  /** A CSV download rather than JSON. */
  csv?: boolean;
}

const surveys = 'Surveys and polls';
const feedback = 'Suggestion box';
const staff = 'Staff';
const members = 'Members';
const profiles = 'Member profiles';
const segments = 'Segments';
const plugin = 'SLiMS plugin';
const tiers = 'Member tiers';

export const ROUTES: readonly RouteDoc[] = [
  {
    method: 'get',
    path: '/api/v1/health',
    tag: 'Service',
    summary: {
      id: 'Apakah sidecar dan basis datanya menjawab.',
      en: 'Whether the sidecar and its database answer.',
    },
    access: 'public',
    ok: { 200: 'Up.', 503: 'The database does not answer.' },
  },
  {
    method: 'get',
    path: '/api/v1/openapi.json',
    tag: 'Service',
    summary: {
      id: 'Dokumen ini (OpenAPI 3.1).',
      en: 'This document (OpenAPI 3.1).',
    },
    access: 'public',
    ok: { 200: 'The document.' },
  },
  {
    method: 'get',
    path: '/api/v1/docs',
    tag: 'Service',
    summary: {
      id: 'Referensi API sebagai halaman web.',
      en: 'The API reference as a web page.',
    },
    access: 'public',
    ok: { 200: 'An HTML page.' },
  },

  {
    method: 'get',
    path: '/api/v1/surveys/:slug',
    tag: surveys,
    summary: {
      id: 'Jajak pendapat atau survei yang terbit, apakah pengunjung ini sudah menjawab, dan hasilnya bila boleh ditampilkan.',
      en: 'A published poll or survey, whether this visitor answered, and its results when they may be shown.',
    },
    access: 'member-optional',
    ok: { 200: '{ survey, answered, results }' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/surveys/:slug/responses',
    tag: surveys,
    summary: {
      id: 'Menjawab jajak pendapat atau survei sekali (per anggota, selain itu per perangkat).',
      en: 'Answer a poll or survey once (per member, else per device).',
    },
    access: 'member-optional',
    idempotent: true,
    body: answersBody,
    ok: { 201: '{ responseId, results }', 200: 'A replayed Idempotency-Key: the first answer.' },
    errors: [401, 404, 409],
  },

  {
    method: 'get',
    path: '/api/v1/feedback/pow',
    tag: feedback,
    summary: {
      id: 'Tantangan proof-of-work untuk kiriman tanpa nama.',
      en: 'A proof-of-work challenge for an anonymous submission.',
    },
    access: 'public',
    ok: { 200: '{ challenge }' },
  },
  {
    method: 'post',
    path: '/api/v1/feedback',
    tag: feedback,
    summary: {
      id: 'Mengirim saran, keluhan, pujian, pertanyaan atau usulan pengadaan; dijawab dengan kode lacaknya.',
      en: 'Send a suggestion, complaint, praise, question or purchase request; answers with its tracking code.',
    },
    access: 'member-optional',
    idempotent: true,
    body: submissionBody,
    ok: { 201: '{ item }', 200: 'A replayed Idempotency-Key: the first item.' },
    errors: [401, 409],
  },
  {
    method: 'get',
    path: '/api/v1/feedback/items/:code',
    tag: feedback,
    summary: {
      id: 'Satu kiriman menurut kode lacaknya, dengan balasan perpustakaan dan riwayat statusnya.',
      en: "An item by its tracking code, with the library's replies and status history.",
    },
    access: 'public',
    ok: { 200: '{ item }' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/feedback/mine',
    tag: feedback,
    summary: {
      id: 'Kiriman milik anggota yang masuk.',
      en: "The signed-in member's own items.",
    },
    access: 'member',
    ok: { 200: '{ items }' },
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/v1/feedback/board',
    tag: feedback,
    summary: {
      id: 'Papan publik: kiriman yang diterbitkan, dengan dukungan pengunjung ini sendiri.',
      en: "The public board: published items, with this visitor's own votes.",
    },
    access: 'member-optional',
    query: boardQuery,
    ok: { 200: '{ items, total, page, pageSize }' },
  },
  {
    method: 'post',
    path: '/api/v1/feedback/board/:id/votes',
    tag: feedback,
    summary: {
      id: 'Mendukung usulan di papan (sekali per anggota, selain itu per perangkat).',
      en: 'Support an idea on the board (once per member, else per device).',
    },
    access: 'member-optional',
    idempotent: true,
    ok: { 201: '{ votes, voted }', 200: 'Already voted.' },
    errors: [401, 404, 409],
  },

  {
    method: 'post',
    path: '/api/v1/members/session',
    tag: members,
    summary: {
      id: 'Masuk anggota dengan nomor anggota dan kata sandi OPAC; dijawab dengan token anggota berumur pendek.',
      en: 'Member sign-in with card number and OPAC password; answers with a short-lived member token.',
    },
    access: 'public',
    body: memberSessionBody,
    ok: { 200: '{ token, expiresAt, member }' },
    errors: [401, 403],
  },
  {
    method: 'get',
    path: '/api/v1/members/me',
    tag: members,
    summary: {
      id: 'Anggota yang disebut oleh token anggota.',
      en: 'The member a member token names.',
    },
    access: 'member',
    ok: { 200: '{ member }' },
    errors: [401],
  },
  {
    method: 'get',
    path: '/api/v1/members/me/profile',
    tag: members,
    summary: {
      id: 'Profil anggota sendiri: minat, media, saluran dan kontak, izin yang berlaku per saluran dan tujuan (dengan waktu dan versi kata-katanya), kata-kata izin perpustakaan, dan permintaan penghapusan yang menunggu.',
      en: "The member's own profile: interests, media, channel and contact, the current consent per channel and purpose (with when and the wording version), the library's consent wording, and a pending erasure request.",
    },
    access: 'member',
    ok: {
      200: '{ member, interests: { topics, tags }, media, gmds, channel, contact, consents, wording, choices, erasureRequest }',
    },
  },
  {
    method: 'put',
    path: '/api/v1/members/me/profile',
    tag: members,
    summary: {
      id: 'Mengubah profil sendiri; bagian yang tidak dikirim tetap. Setiap perubahan izin ditambahkan sebagai baris baru, tidak pernah menimpa.',
      en: 'Change the own profile; parts left out stay as they are. Each consent change is appended as a new row, never overwritten.',
    },
    access: 'member',
    body: profileBody,
    ok: { 200: 'The profile, as GET answers it.' },
    errors: [409],
  },
  {
    method: 'get',
    path: '/api/v1/members/me/export',
    tag: members,
    summary: {
      id: 'Salinan semua data CRM tentang anggota dan data SLiMS yang ditampilkan CRM: JSON, atau CSV dengan ?format=csv.',
      en: 'A copy of every CRM row about the member and the SLiMS data the CRM shows: JSON, or CSV with ?format=csv.',
    },
    access: 'member',
    query: exportQuery,
    ok: {
      200: '{ exportedAt, slims: { member, loans, visits }, crm: { … } }, or text/csv (section, row, field, value)',
    },
  },
  {
    method: 'post',
    path: '/api/v1/members/me/erasure-request',
    tag: members,
    summary: {
      id: 'Meminta penghapusan data CRM; masuk antrean yang dikonfirmasi staf, paling lambat 3 x 24 jam (UU PDP).',
      en: 'Ask for the CRM data to be erased; it joins a queue staff confirm, due within 3 x 24 hours (UU PDP).',
    },
    access: 'member',
    body: erasureBody,
    ok: { 201: '{ request: { id, status, requestedAt, dueAt } }', 200: 'A request was already pending: that one.' },
  },
  {
    method: 'get',
    path: '/api/v1/topics',
    tag: members,
    summary: {
      id: 'Mencari topik perpustakaan (mst_topic SLiMS) untuk memilih minat; paling banyak 20.',
      en: "Search the library's topics (SLiMS's mst_topic) to pick interests from; at most 20.",
    },
    access: 'public',
    query: topicQuery,
    ok: { 200: '{ items: [{ id, topic }] }' },
  },

  {
    method: 'post',
    path: '/api/v1/staff/session',
    tag: staff,
    summary: {
      id: 'Masuk staf dengan tabel pengguna SLiMS; dijawab dengan token staf.',
      en: "Staff sign-in against SLiMS's user table; answers with a staff token.",
    },
    access: 'public',
    body: staffSessionBody,
    ok: { 200: '{ token, expiresAt, staff }' },
    errors: [401, 403],
  },
  {
    method: 'delete',
    path: '/api/v1/staff/session',
    tag: staff,
    summary: {
      id: 'Keluar: token dicabut di setiap sidecar.',
      en: 'Sign out: the token is revoked on every sidecar.',
    },
    access: 'staff-r',
    ok: { 204: 'Revoked.' },
    errors: [401],
  },

  {
    method: 'get',
    path: '/api/v1/staff/surveys',
    tag: staff,
    summary: {
      id: 'Semua jajak pendapat dan survei dengan keadaan dan jumlah jawabannya.',
      en: 'Every poll and survey with its state and response count.',
    },
    access: 'staff-r',
    ok: { 200: '{ surveys }' },
  },
  {
    method: 'post',
    path: '/api/v1/staff/surveys',
    tag: staff,
    summary: {
      id: 'Membuat jajak pendapat atau survei (sebagai draf).',
      en: 'Create a poll or survey (a draft).',
    },
    access: 'staff-w',
    body: surveyBody,
    ok: { 201: '{ survey }' },
    errors: [409],
  },
  {
    method: 'get',
    path: '/api/v1/staff/surveys/:id',
    tag: staff,
    summary: {
      id: 'Satu jajak pendapat atau survei dengan pertanyaannya.',
      en: 'A poll or survey with its questions.',
    },
    access: 'staff-r',
    ok: { 200: '{ survey }' },
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/v1/staff/surveys/:id',
    tag: staff,
    summary: {
      id: 'Mengubah jajak pendapat atau survei; pertanyaannya hanya selama belum ada jawaban.',
      en: 'Change a poll or survey; its questions only while it has no responses.',
    },
    access: 'staff-w',
    body: surveyBody,
    ok: { 200: '{ survey }' },
    errors: [404, 409],
  },
  {
    method: 'post',
    path: '/api/v1/staff/surveys/:id/open',
    tag: staff,
    summary: {
      id: 'Menerbitkan (membuka) jajak pendapat atau survei.',
      en: 'Publish (open) a poll or survey.',
    },
    access: 'staff-w',
    ok: { 200: '{ survey }' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/staff/surveys/:id/close',
    tag: staff,
    summary: {
      id: 'Menutup jajak pendapat atau survei.',
      en: 'Close a poll or survey.',
    },
    access: 'staff-w',
    ok: { 200: '{ survey }' },
    errors: [404],
  },
  {
    method: 'delete',
    path: '/api/v1/staff/surveys/:id',
    tag: staff,
    summary: {
      id: 'Menghapus jajak pendapat atau survei beserta jawabannya.',
      en: 'Delete a poll or survey and its responses.',
    },
    access: 'staff-w',
    ok: { 204: 'Deleted.' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/staff/surveys/:id/results',
    tag: staff,
    summary: {
      id: 'Hasil langsung dengan jawaban teks, dan jawaban per hari.',
      en: 'Live results with text answers, and responses per day.',
    },
    access: 'staff-r',
    ok: { 200: '{ results, timeline }' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/staff/surveys/:id/export.csv',
    tag: staff,
    summary: {
      id: 'Semua jawaban sebagai CSV (UTF-8 dengan BOM); dicatat di log audit.',
      en: 'Every response as CSV (UTF-8 with BOM); written to the audit log.',
    },
    access: 'staff-r',
    csv: true,
    ok: { 200: 'CSV.' },
    errors: [404],
  },

  {
    method: 'get',
    path: '/api/v1/staff/feedback',
    tag: staff,
    summary: {
      id: 'Kotak masuk kotak saran: saringan, pencarian, halaman dan jumlah per status.',
      en: 'The suggestion-box inbox: filters, search, pages and counts per status.',
    },
    access: 'staff-r',
    query: staffListQuery,
    ok: { 200: '{ items, total, page, pageSize, counts }' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/feedback/staff',
    tag: staff,
    summary: {
      id: 'Staf yang dapat ditugasi sebuah kiriman.',
      en: 'The staff an item can be assigned to.',
    },
    access: 'staff-r',
    ok: { 200: '{ staff }' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/feedback/categories',
    tag: staff,
    summary: {
      id: 'Kategori yang dipakai, dan yang lazim.',
      en: 'The categories in use, and the usual ones.',
    },
    access: 'staff-r',
    ok: { 200: '{ categories }' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/feedback/measures',
    tag: staff,
    summary: {
      id: 'Ukuran layanan: waktu tanggapan dan penyelesaian, kiriman terbuka menurut umur, volume.',
      en: 'Service measures: response and closing times, open items by age, volume.',
    },
    access: 'staff-r',
    query: measuresQuery,
    ok: { 200: 'The measures.' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/feedback/measures.csv',
    tag: staff,
    summary: {
      id: 'Ukuran layanan sebagai CSV.',
      en: 'The service measures as CSV.',
    },
    access: 'staff-r',
    query: measuresQuery,
    csv: true,
    ok: { 200: 'CSV.' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/feedback/:id',
    tag: staff,
    summary: {
      id: 'Satu kiriman dengan riwayatnya; menampilkan data pribadi dicatat di log audit.',
      en: 'One item with its history; showing personal data is written to the audit log.',
    },
    access: 'staff-r',
    ok: { 200: '{ item, email }' },
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/v1/staff/feedback/:id',
    tag: staff,
    summary: {
      id: 'Mengubah status, kategori, penugasan atau penerbitan; perubahan status diberitahukan kepada pengikut.',
      en: 'Change status, category, assignment or publication; a status change notifies watchers.',
    },
    access: 'staff-w',
    body: staffUpdateBody,
    ok: { 200: '{ item }' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/staff/feedback/:id/notes',
    tag: staff,
    summary: {
      id: 'Menambah catatan internal.',
      en: 'Add an internal note.',
    },
    access: 'staff-w',
    body: staffTextBody,
    ok: { 201: '{ item }' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/staff/feedback/:id/replies',
    tag: staff,
    summary: {
      id: 'Membalas secara publik (di papan) atau pribadi (kepada pengirim).',
      en: 'Reply publicly (on the board) or privately (to the submitter).',
    },
    access: 'staff-w',
    body: replyBody,
    ok: { 201: '{ item }' },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/staff/feedback/:id/merge',
    tag: staff,
    summary: {
      id: 'Menggabungkan kiriman ganda ke kiriman lain; dukungan dan pengikutnya ikut pindah.',
      en: 'Merge a duplicate into another item; its votes and watchers move along.',
    },
    access: 'staff-w',
    body: mergeBody,
    ok: { 200: '{ item } (the kept item)' },
    errors: [404, 409],
  },

  {
    method: 'get',
    path: '/api/v1/staff/placements',
    tag: staff,
    summary: {
      id: 'Widget yang dipasang di OPAC, bisa untuk satu survei saja.',
      en: 'The widgets placed in the OPAC, optionally for one survey.',
    },
    access: 'staff-r',
    query: placementsQuery,
    ok: { 200: '{ placements }' },
  },
  {
    method: 'post',
    path: '/api/v1/staff/placements',
    tag: staff,
    summary: {
      id: 'Memasang widget di halaman OPAC.',
      en: 'Place a widget on OPAC pages.',
    },
    access: 'staff-w',
    body: placementBody,
    ok: { 201: '{ placement }' },
    errors: [404, 409],
  },
  {
    method: 'delete',
    path: '/api/v1/staff/placements/:id',
    tag: staff,
    summary: {
      id: 'Mencabut pemasangan.',
      en: 'Remove a placement.',
    },
    access: 'staff-w',
    ok: { 204: 'Removed.' },
    errors: [404],
  },

  {
    method: 'get',
    path: '/api/v1/staff/members',
    tag: profiles,
    summary: {
      id: 'Mencari anggota menurut nama, nomor anggota, e-mail, telepon atau institusi; saringan jenis, masa berlaku dan tingkat; berhalaman.',
      en: 'Find members by name, card number, e-mail, phone or institution; filter by type, expiry and tier; paged.',
    },
    access: 'staff-r',
    query: memberListQuery,
    ok: {
      200: '{ items: [{ id, name, type, institution, expireDate, expired, pending, tier, score }], total, page, pageSize, types }',
    },
  },
  {
    method: 'get',
    path: '/api/v1/staff/members/:id',
    tag: profiles,
    summary: {
      id: 'Profil anggota: data SLiMS, pinjaman, kunjungan, minat dari pinjaman, catatan dan label staf, dan riwayat terbaru lebih dulu; setiap tampilan dicatat di log audit.',
      en: "A member's profile: SLiMS's data, loans, visits, interests inferred from loans, the staff note and labels, and the timeline newest first; every view is written to the audit log.",
    },
    access: 'staff-r',
    query: profileQuery,
    ok: {
      200: '{ id, name, type, …, tier, score, reasons, interests, consents, loans, visits, inferredInterests, note, labels, timeline, timelineMore }',
    },
    errors: [404],
  },
  {
    method: 'post',
    path: '/api/v1/staff/members/:id/interactions',
    tag: profiles,
    summary: {
      id: 'Mencatat interaksi dengan anggota (loket, telepon, surat, e-mail, WhatsApp, media sosial, konsultasi, acara, lainnya).',
      en: 'Log an interaction with the member (desk, phone, letter, e-mail, WhatsApp, social media, consultation, event, other).',
    },
    access: 'staff-w',
    body: interactionBody,
    ok: { 201: '{ interaction }' },
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/v1/staff/members/:id/note',
    tag: profiles,
    summary: {
      id: 'Mengganti catatan staf tentang anggota; teks kosong menghapusnya.',
      en: 'Replace the staff note on the member; blank text removes it.',
    },
    access: 'staff-w',
    body: staffNoteBody,
    ok: { 200: '{ note }' },
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/v1/staff/members/:id/labels',
    tag: profiles,
    summary: {
      id: 'Mengganti seluruh label anggota (misalnya guru, peneliti, komunitas baca).',
      en: "Replace the member's labels (e.g. guru, peneliti, komunitas baca).",
    },
    access: 'staff-w',
    body: labelsBody,
    ok: { 200: '{ labels }' },
    errors: [404],
  },

  {
    method: 'get',
    path: '/api/v1/staff/tiers/settings',
    tag: tiers,
    summary: {
      id: 'Ambang batas tingkat anggota (baru, aktif, setia, berisiko, tidak aktif) dan skor, dengan nilai bawaan dan penjelasannya.',
      en: 'The thresholds of the member tiers (new, active, loyal, at risk, lapsed) and the score, with the defaults and what each means.',
    },
    access: 'staff-r',
    ok: { 200: '{ settings, defaults, ranges, explanations, maxPoints, updated }' },
  },
  {
    method: 'put',
    path: '/api/v1/staff/tiers/settings',
    tag: tiers,
    summary: {
      id: 'Mengganti semua ambang batas; perhitungan berikutnya menghitung ulang semua anggota.',
      en: 'Replace all thresholds; the next run recomputes every member.',
    },
    access: 'staff-w',
    body: tierSettingsBody,
    ok: { 200: '{ settings, defaults, ranges, explanations, maxPoints, updated }' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/tiers/status',
    tag: tiers,
    summary: {
      id: 'Keadaan perhitungan tingkat: yang sedang berjalan dan kemajuannya, perhitungan terakhir, permintaan, dan jumlah anggota per tingkat.',
      en: 'The tier job: the run under way and its progress, the last run, a pending request, and members per tier.',
    },
    access: 'staff-r',
    ok: { 200: '{ running, last, lastError, requested, asOf, tiers }' },
  },
  {
    method: 'post',
    path: '/api/v1/staff/tiers/runs',
    tag: tiers,
    summary: {
      id: 'Meminta perhitungan tingkat sekarang (penuh atau inkremental); sidecar mana pun menjalankannya dalam beberapa detik.',
      en: 'Ask for a tier run now (full or incremental); a sidecar starts it within seconds.',
    },
    access: 'staff-w',
    body: tierRunBody,
    ok: { 202: '{ requested: { kind, at } }' },
  },

  {
    method: 'post',
    path: '/api/v1/staff/segments/count',
    tag: segments,
    summary: {
      id: 'Menghitung anggota sebuah definisi segmen tanpa menyimpannya; {} berarti semua anggota, dan anggota di bawah 18 tahun tidak termasuk kecuali minors: include.',
      en: 'Count the members of a segment definition without saving it; {} is every member, and members under 18 are left out unless minors is include.',
    },
    access: 'staff-r',
    body: countBody,
    ok: { 200: '{ count, minorsLeftOut }' },
  },
  {
    method: 'get',
    path: '/api/v1/staff/segments',
    tag: segments,
    summary: {
      id: 'Segmen yang tersimpan, beserta jenis anggota dan label yang dapat dipilih pada pembuat segmen.',
      en: 'The saved segments, with the member types and labels the segment builder offers.',
    },
    access: 'staff-r',
    ok: { 200: '{ segments: [{ id, name, definition, createdAt, createdBy, updatedAt, updatedBy }], types, labels }' },
  },
  {
    method: 'post',
    path: '/api/v1/staff/segments',
    tag: segments,
    summary: {
      id: 'Menyimpan segmen bernama: definisinya dihitung ulang setiap kali dipakai, bukan daftar anggota yang dibekukan.',
      en: 'Save a named segment: its definition is evaluated each time it is used, never a frozen list of members.',
    },
    access: 'staff-w',
    body: segmentBody,
    ok: { 201: '{ segment }' },
    errors: [409],
  },
  {
    method: 'get',
    path: '/api/v1/staff/segments/:id',
    tag: segments,
    summary: { id: 'Satu segmen tersimpan.', en: 'One saved segment.' },
    access: 'staff-r',
    ok: { 200: '{ segment }' },
    errors: [404],
  },
  {
    method: 'put',
    path: '/api/v1/staff/segments/:id',
    tag: segments,
    summary: { id: 'Mengganti nama dan definisi segmen.', en: "Replace a segment's name and definition." },
    access: 'staff-w',
    body: segmentBody,
    ok: { 200: '{ segment }' },
    errors: [404, 409],
  },
  {
    method: 'delete',
    path: '/api/v1/staff/segments/:id',
    tag: segments,
    summary: { id: 'Menghapus segmen.', en: 'Delete a segment.' },
    access: 'staff-w',
    ok: { 204: 'Deleted.' },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/staff/segments/:id/members',
    tag: segments,
    summary: {
      id: 'Anggota segmen saat ini, berhalaman seperti daftar anggota, bisa dicari.',
      en: "The segment's members as of now, paged like the member list, searchable.",
    },
    access: 'staff-r',
    query: segmentMembersQuery,
    ok: {
      200: '{ items: [{ id, name, type, institution, expireDate, expired, pending, tier, score }], total, page, pageSize }',
    },
    errors: [404],
  },
  {
    method: 'get',
    path: '/api/v1/staff/segments/:id/members.csv',
    tag: segments,
    summary: {
      id: 'Anggota segmen beserta kontaknya sebagai CSV; setiap unduhan dicatat di log audit (siapa, segmen mana, berapa baris).',
      en: "The segment's members with their contact details as CSV; every download is written to the audit log (who, which segment, how many rows).",
    },
    access: 'staff-r',
    ok: { 200: 'text/csv' },
    errors: [404],
    csv: true,
  },

  {
    method: 'post',
    path: '/api/v1/hooks/slims',
    tag: plugin,
    summary: {
      id: 'Peristiwa dari plugin SLiMS (sirkulasi, anggota, bibliografi), disimpan sekali.',
      en: 'An event from the SLiMS plugin (circulation, members, biblios), kept once.',
    },
    access: 'signed',
    body: eventBody,
    ok: { 202: '{ status: "accepted" }' },
    errors: [401, 403, 409],
  },
  {
    method: 'post',
    path: '/api/v1/hooks/ping',
    tag: plugin,
    summary: {
      id: 'Uji koneksi plugin: membuktikan kedua pihak memegang rahasia yang sama.',
      en: "The plugin's connection test: proves both sides hold the same secret.",
    },
    access: 'signed',
    body: pingBody,
    ok: { 200: '{ status, proof, version, secretSource, time }' },
    errors: [401, 403],
  },
];
