// The demo's own polls and surveys, with a few weeks of answers, so a newcomer sees results at once.
import type { DatabaseHandle } from '../db/connection.ts';
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
    { type: 'rating', prompt: 'Seberapa puas Anda dengan keramahan petugas?', required: true, maxLength: null, options: [] },
    { type: 'rating', prompt: 'Seberapa mudah menemukan buku yang Anda cari?', required: true, maxLength: null, options: [] },
    {
      type: 'multiple',
      prompt: 'Layanan apa saja yang Anda gunakan?',
      required: false,
      maxLength: null,
      options: ['Peminjaman buku', 'Ruang baca', 'Internet / Wi-Fi', 'Pojok anak', 'Kelas dan acara'],
    },
    { type: 'nps', prompt: 'Seberapa mungkin Anda merekomendasikan perpustakaan ini kepada teman?', required: true, maxLength: null, options: [] },
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
          for (const o of q.options) if (random.chance(0.4)) answers.push({ question_id: q.id, option_id: o.id, value: null, text: null });
        } else if (q.type === 'rating') {
          answers.push({ question_id: q.id, option_id: null, value: Math.min(5, random.between(2, 5) + (random.chance(0.3) ? 1 : 0)), text: null });
        } else if (q.type === 'nps') {
          answers.push({ question_id: q.id, option_id: null, value: Math.min(10, random.between(4, 10) + (random.chance(0.3) ? 1 : 0)), text: null });
        } else if (random.chance(0.35)) {
          answers.push({ question_id: q.id, option_id: null, value: null, text: suggestions[random.int(suggestions.length)] ?? '' });
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
