// The demo's own polls, surveys and suggestion-box items, with a few weeks of history, so a newcomer sees
// results, a filled board and a working inbox at once.
import type { DatabaseHandle } from '../db/connection.ts';
import type { FeedbackEventType, FeedbackKind, FeedbackStatus } from '../db/database.ts';
import { toDbTime } from '../db/time.ts';
import { CODE_ALPHABET } from '../feedback/code.ts';
import { Random } from '../seed/random.ts';
import { createSurvey, getSurveyById, insertResponse, setSurveyStatus } from '../surveys/surveys.queries.ts';
import type { AnswerRow, SurveyInput } from '../surveys/surveys.schemas.ts';
import { DEMO_POLL, DEMO_SURVEY } from './pages.ts';

const poll: SurveyInput = {
  slug: DEMO_POLL,
  title: 'Jam layanan mana yang paling Anda butuhkan?',
  description: 'Kami sedang menimbang penambahan jam buka perpustakaan.',
  audience: 'anyone',
  opensAt: null,
  closesAt: null,
  resultsVisibility: 'after_answer',
  questions: [
    {
      type: 'single',
      prompt: 'Jam layanan mana yang paling Anda butuhkan?',
      required: true,
      maxLength: null,
      options: ['Malam hari (16.00–20.00)', 'Hari Minggu', 'Pagi lebih awal (07.00)', 'Jam sekarang sudah cukup'],
    },
  ],
};

const survey: SurveyInput = {
  slug: DEMO_SURVEY,
  title: 'Survei Kepuasan Layanan Perpustakaan 2026',
  description: 'Lima pertanyaan singkat tentang layanan kami. Jawaban Anda anonim.',
  audience: 'anyone',
  opensAt: null,
  closesAt: null,
  resultsVisibility: 'after_answer',
  questions: [
    {
      type: 'rating',
      prompt: 'Seberapa puas Anda dengan keramahan petugas?',
      required: true,
      maxLength: null,
      options: [],
    },
    {
      type: 'rating',
      prompt: 'Seberapa mudah menemukan buku yang Anda cari?',
      required: true,
      maxLength: null,
      options: [],
    },
    {
      type: 'multiple',
      prompt: 'Layanan apa saja yang Anda gunakan?',
      required: false,
      maxLength: null,
      options: ['Peminjaman buku', 'Ruang baca', 'Internet / Wi-Fi', 'Pojok anak', 'Kelas dan acara'],
    },
    {
      type: 'nps',
      prompt: 'Seberapa mungkin Anda merekomendasikan perpustakaan ini kepada teman?',
      required: true,
      maxLength: null,
      options: [],
    },
    { type: 'text', prompt: 'Saran Anda untuk kami', required: false, maxLength: 500, options: [] },
  ],
};

const suggestions = [
  'Tambah koleksi novel terbaru dan komik edukasi.',
  'Wi-Fi sering putus di lantai dua.',
  'Mohon buka juga hari Minggu untuk pelajar.',
  'Petugas sangat ramah, terima kasih!',
  'Kursi di ruang baca kurang nyaman untuk lama.',
  'Perbanyak buku pertanian dan peternakan.',
];

/** Creates the demo poll and survey once, open, with answers spread over the last three weeks. */
export async function ensureDemoContent(handle: DatabaseHandle, now: Date): Promise<boolean> {
  const existing = await handle.db.selectFrom('crm_survey').select('id').limit(1).executeTakeFirst();
  if (existing !== undefined) return false;
  const random = new Random(2026);
  const start = now.getTime() - 21 * 86_400_000;
  for (const [input, count] of [
    [poll, 140],
    [survey, 60],
  ] as const) {
    const id = await createSurvey(handle.db, input, 1, new Date(start));
    await setSurveyStatus(handle.db, id, 'open', new Date(start));
    const definition = await getSurveyById(handle.db, id);
    if (definition === null) continue;
    for (let i = 0; i < count; i++) {
      const answers: AnswerRow[] = [];
      for (const q of definition.questions) {
        if (q.type === 'single') {
          const weights = [0.38, 0.31, 0.12, 0.19];
          let pick = random.next();
          let index = 0;
          while (index < weights.length - 1 && pick > (weights[index] ?? 0)) pick -= weights[index++] ?? 0;
          answers.push({ question_id: q.id, option_id: q.options[index]?.id ?? null, value: null, text: null });
        } else if (q.type === 'multiple') {
          for (const o of q.options)
            if (random.chance(0.4)) answers.push({ question_id: q.id, option_id: o.id, value: null, text: null });
        } else if (q.type === 'rating') {
          answers.push({
            question_id: q.id,
            option_id: null,
            value: Math.min(5, random.between(2, 5) + (random.chance(0.3) ? 1 : 0)),
            text: null,
          });
        } else if (q.type === 'nps') {
          answers.push({
            question_id: q.id,
            option_id: null,
            value: Math.min(10, random.between(4, 10) + (random.chance(0.3) ? 1 : 0)),
            text: null,
          });
        } else if (random.chance(0.35)) {
          answers.push({
            question_id: q.id,
            option_id: null,
            value: null,
            text: suggestions[random.int(suggestions.length)] ?? '',
          });
        }
      }
      const at = new Date(start + random.int(now.getTime() - start));
      const key = `demo-${id}-${i}`;
      await insertResponse(
        handle.db,
        { surveyId: id, voterKey: `d:${key}`, memberId: null, network: null, idempotencyKey: key, lang: 'id', answers },
        definition.version,
        at,
      );
    }
  }
  return true;
}

interface DemoFeedback {
  kind: FeedbackKind;
  body: string;
  purchase?: { title: string; author: string; isbn: string | null };
  daysAgo: number;
  status: FeedbackStatus;
  category: string;
  votes: number;
  /** Days after it came in that staff first answered; absent = not yet. */
  answeredAfter?: number;
  reply?: string;
  published: boolean;
}

const demoFeedback: DemoFeedback[] = [
  {
    kind: 'suggestion',
    body: 'Mohon perpustakaan buka juga hari Minggu pagi, banyak pelajar yang hanya bisa datang di akhir pekan.',
    daysAgo: 40,
    status: 'planned',
    category: 'Jam layanan',
    votes: 37,
    answeredAfter: 2,
    reply: 'Mulai Januari 2027 kami mencoba buka hari Minggu pukul 09.00–13.00. Terima kasih atas usulannya!',
    published: true,
  },
  {
    kind: 'complaint',
    body: 'Wi-Fi di lantai dua sering putus sejak bulan lalu.',
    daysAgo: 33,
    status: 'done',
    category: 'Fasilitas',
    votes: 0,
    answeredAfter: 1,
    reply: 'Titik akses baru sudah dipasang di lantai dua pada 30 Oktober. Silakan kabari kami bila masih terputus.',
    published: true,
  },
  {
    kind: 'purchase',
    body: 'Untuk bahan belajar kelompok tani di kecamatan kami.',
    purchase: { title: 'Budidaya Kopi Robusta', author: 'Pusat Penelitian Kopi dan Kakao', isbn: null },
    daysAgo: 28,
    status: 'done',
    category: 'Koleksi',
    votes: 14,
    answeredAfter: 3,
    reply: 'Sudah kami beli 3 eksemplar; bisa dipinjam di rak 633.',
    published: true,
  },
  {
    kind: 'praise',
    body: 'Petugas layanan anak sangat sabar dan ramah. Anak saya jadi rajin membaca.',
    daysAgo: 20,
    status: 'done',
    category: 'Petugas',
    votes: 0,
    answeredAfter: 1,
    reply: 'Terima kasih! Pujian Anda sudah kami sampaikan kepada tim layanan anak.',
    published: true,
  },
  {
    kind: 'suggestion',
    body: 'Sediakan colokan listrik di meja ruang baca untuk laptop.',
    daysAgo: 15,
    status: 'in_review',
    category: 'Fasilitas',
    votes: 22,
    answeredAfter: 4,
    reply: 'Kami sedang menghitung biaya pemasangan bersama bagian umum.',
    published: true,
  },
  {
    kind: 'purchase',
    body: 'Novel ini banyak dicari teman-teman di sekolah.',
    purchase: { title: 'Laut Bercerita', author: 'Leila S. Chudori', isbn: '9786024246945' },
    daysAgo: 9,
    status: 'planned',
    category: 'Koleksi',
    votes: 18,
    answeredAfter: 2,
    reply: 'Masuk daftar pengadaan bulan Desember.',
    published: true,
  },
  {
    kind: 'question',
    body: 'Apakah anggota bisa meminjam e-book dari rumah?',
    daysAgo: 6,
    status: 'done',
    category: 'Website & OPAC',
    votes: 0,
    answeredAfter: 0,
    reply: 'Bisa: masuk ke OPAC dengan nomor anggota, lalu pilih menu e-book.',
    published: true,
  },
  {
    kind: 'suggestion',
    body: 'Tambahkan rak buku berbahasa daerah (Melayu Riau).',
    daysAgo: 3,
    status: 'new',
    category: 'Koleksi',
    votes: 5,
    published: true,
  },
  {
    kind: 'complaint',
    body: 'Antrean pengembalian buku lama sekali pada jam istirahat siang.',
    daysAgo: 2,
    status: 'new',
    category: 'Layanan',
    votes: 0,
    published: false,
  },
  {
    kind: 'suggestion',
    body: 'Adakan kelas membuat video pendek untuk remaja.',
    daysAgo: 1,
    status: 'new',
    category: 'Lainnya',
    votes: 0,
    published: false,
  },
];

/** Suggestion-box items for the demo's board and the staff inbox, once. */
export async function ensureDemoFeedback(handle: DatabaseHandle, now: Date): Promise<boolean> {
  const existing = await handle.db.selectFrom('crm_feedback').select('id').limit(1).executeTakeFirst();
  if (existing !== undefined) return false;
  const random = new Random(2027);
  const day = 86_400_000;
  for (const [index, item] of demoFeedback.entries()) {
    const created = new Date(now.getTime() - item.daysAgo * day - random.int(8 * 3600_000));
    const answered =
      item.answeredAfter === undefined
        ? null
        : new Date(created.getTime() + item.answeredAfter * day + random.int(6 * 3600_000) + 3600_000);
    const closed = answered !== null && (item.status === 'done' || item.status === 'declined') ? answered : null;
    const code = Array.from({ length: 10 }, () => CODE_ALPHABET[random.int(CODE_ALPHABET.length)]).join('');
    const inserted = await handle.db
      .insertInto('crm_feedback')
      .values({
        code,
        kind: item.kind,
        body: item.body,
        purchase_title: item.purchase?.title ?? null,
        purchase_author: item.purchase?.author ?? null,
        purchase_isbn: item.purchase?.isbn ?? null,
        category: item.category,
        status: item.status,
        published: item.published ? 1 : 0,
        member_id: null,
        submitter_key: `d:demo-feedback-${index}`,
        contact_email: null,
        contact_phone: null,
        consent_at: null,
        consent_version: null,
        lang: 'id',
        network: null,
        idempotency_key: `demo-feedback-${index}`,
        assigned_uid: null,
        assigned_name: null,
        merged_into: null,
        public_reply: item.reply ?? null,
        public_reply_at: answered && item.reply ? toDbTime(answered) : null,
        first_response_at: answered ? toDbTime(answered) : null,
        closed_at: closed ? toDbTime(closed) : null,
        created_at: toDbTime(created),
        updated_at: toDbTime(answered ?? created),
      })
      .executeTakeFirstOrThrow();
    const feedbackId = Number(inserted.insertId);
    const events: Array<{
      type: FeedbackEventType;
      from?: string;
      to?: string;
      text?: string;
      at: Date;
      staff: boolean;
    }> = [{ type: 'created', at: created, staff: false }];
    if (answered !== null) {
      if (item.status !== 'new')
        events.push({ type: 'status', from: 'new', to: item.status, at: answered, staff: true });
      if (item.reply) events.push({ type: 'reply_public', text: item.reply, at: answered, staff: true });
    }
    if (item.published) events.push({ type: 'publish', at: answered ?? created, staff: true });
    for (const event of events) {
      await handle.db
        .insertInto('crm_feedback_event')
        .values({
          feedback_id: feedbackId,
          type: event.type,
          from_value: event.from ?? null,
          to_value: event.to ?? null,
          text: event.text ?? null,
          staff_uid: event.staff ? 1 : null,
          staff_name: event.staff ? 'Administrator' : null,
          created_at: toDbTime(event.at),
        })
        .execute();
    }
    for (let v = 0; v < item.votes; v++) {
      await handle.db
        .insertInto('crm_feedback_vote')
        .values({
          feedback_id: feedbackId,
          voter_key: `d:demo-voter-${v}`,
          member_id: null,
          created_at: toDbTime(
            new Date(created.getTime() + random.int(Math.max(1, now.getTime() - created.getTime()))),
          ),
        })
        .execute();
    }
  }
  return true;
}
