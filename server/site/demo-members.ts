// The demo's staff work on member profiles: a few logged interactions, staff notes and labels on the busiest
// borrowers (and one with a book overdue), and what those members stated themselves (interests, media, channel,
// consents), so a newcomer who opens a profile sees a full one.
import { sql } from 'kysely';
import type { DatabaseHandle } from '../db/connection.ts';
import type { InteractionChannel, PreferredChannel } from '../db/database.ts';
import { CONSENT_WORDING } from '../members/consent-wording.ts';
import type { MediaKind } from '../members/codes.ts';
import { saveStatedPreferences, type ConsentChange } from '../members/preferences.queries.ts';
import { localDate } from '../db/time.ts';
import { addInteraction, setMemberLabels, setMemberNote, type StaffRef } from '../members/staff-members.queries.ts';
import { DEMO_STAFF } from '../seed/generate.ts';

interface DemoWork {
  labels: string[];
  note: string;
  /** What the member said in <slims-interest-profile>; their topics are the two they borrow most. */
  stated: { tags: string[]; media: MediaKind[]; channel: PreferredChannel; consents: ConsentChange[] };
  interactions: Array<{
    channel: InteractionChannel;
    note: string;
    outcome: string | null;
    daysAgo: number;
    hour: number;
  }>;
}

const work: DemoWork[] = [
  {
    labels: ['peneliti', 'komunitas baca'],
    note: 'Sedang menulis skripsi; senang dikabari bila ada koleksi baru di subjek yang sering dipinjamnya.',
    stated: {
      tags: ['metodologi penelitian'],
      media: ['print', 'ebook'],
      channel: 'email',
      consents: [
        { channel: 'email', purpose: 'service', granted: true },
        { channel: 'email', purpose: 'news', granted: true },
        { channel: 'email', purpose: 'recommendations', granted: true },
      ],
    },
    interactions: [
      {
        channel: 'event',
        note: 'Hadir di bedah buku bulanan dan ikut bertanya kepada penulis.',
        outcome: null,
        daysAgo: 40,
        hour: 14,
      },
      {
        channel: 'consultation',
        note: 'Konsultasi mencari sumber untuk bab tinjauan pustaka skripsi.',
        outcome: 'Diberi daftar 8 judul dan 2 jurnal daring',
        daysAgo: 12,
        hour: 10,
      },
      {
        channel: 'email',
        note: 'Menanyakan lewat e-mail apakah pinjamannya bisa diperpanjang.',
        outcome: 'Diperpanjang 7 hari',
        daysAgo: 3,
        hour: 9,
      },
    ],
  },
  {
    labels: ['guru'],
    note: 'Guru; meminjam untuk bahan ajar kelas dan pojok baca sekolah.',
    stated: {
      tags: ['buku cerita anak'],
      media: ['print', 'video'],
      channel: 'whatsapp',
      consents: [
        { channel: 'whatsapp', purpose: 'service', granted: true },
        { channel: 'whatsapp', purpose: 'news', granted: true },
      ],
    },
    interactions: [
      {
        channel: 'phone',
        note: 'Menanyakan koleksi buku cerita anak untuk pojok baca sekolah.',
        outcome: 'Disiapkan 20 judul untuk dipinjam kolektif',
        daysAgo: 20,
        hour: 11,
      },
      {
        channel: 'desk',
        note: 'Meminta kartu anggota baru karena yang lama hilang.',
        outcome: 'Kartu dicetak ulang',
        daysAgo: 5,
        hour: 13,
      },
    ],
  },
  {
    labels: ['komunitas baca'],
    note: '',
    stated: {
      tags: [],
      media: ['audio'],
      channel: 'sms',
      consents: [{ channel: 'sms', purpose: 'service', granted: true }],
    },
    interactions: [
      {
        channel: 'whatsapp',
        note: 'Mengingatkan buku yang terlambat dikembalikan.',
        outcome: 'Berjanji mengembalikan minggu ini',
        daysAgo: 2,
        hour: 15,
      },
    ],
  },
];

/** The members the demo's staff worked with: the two busiest borrowers, then one with a loan overdue. */
async function demoMembers(handle: DatabaseHandle, today: string): Promise<string[]> {
  const busiest = await handle.db
    .selectFrom('loan')
    .select(['member_id', sql<number>`count(*)`.as('n')])
    .where('member_id', 'is not', null)
    .groupBy('member_id')
    .orderBy('n', 'desc')
    .orderBy('member_id')
    .limit(2)
    .execute();
  const chosen = busiest.flatMap((row) => (row.member_id === null ? [] : [row.member_id]));
  const overdue = await handle.db
    .selectFrom('loan')
    .select('member_id')
    .where('is_lent', '=', 1)
    .where('is_return', '=', 0)
    .where('due_date', '<', today)
    .where('member_id', 'is not', null)
    .$if(chosen.length > 0, (q) => q.where('member_id', 'not in', chosen))
    .orderBy('member_id')
    .limit(1)
    .executeTakeFirst();
  if (overdue?.member_id) chosen.push(overdue.member_id);
  return chosen;
}

/** The two topics the member borrows most. */
async function mostBorrowedTopics(handle: DatabaseHandle, memberId: string): Promise<number[]> {
  const rows = await handle.db
    .selectFrom('loan')
    .innerJoin('item', 'item.item_code', 'loan.item_code')
    .innerJoin('biblio_topic', 'biblio_topic.biblio_id', 'item.biblio_id')
    .select(['biblio_topic.topic_id', sql<number>`count(*)`.as('n')])
    .where('loan.member_id', '=', memberId)
    .groupBy('biblio_topic.topic_id')
    .orderBy('n', 'desc')
    .orderBy('biblio_topic.topic_id')
    .limit(2)
    .execute();
  return rows.map((row) => Number(row.topic_id));
}

/** Interactions, notes, labels and stated preferences on a few demo members, once (nothing when any interaction exists). */
export async function ensureDemoMemberWork(
  handle: DatabaseHandle,
  now: Date,
  utcOffsetMinutes = 420,
): Promise<boolean> {
  const existing = await handle.db.selectFrom('crm_member_interaction').select('id').limit(1).executeTakeFirst();
  if (existing !== undefined) return false;
  const members = await demoMembers(handle, localDate(now, utcOffsetMinutes));
  const [admin, librarian] = DEMO_STAFF;
  const staff: StaffRef[] = [
    { uid: librarian.uid, name: librarian.realname },
    { uid: admin.uid, name: admin.realname },
  ];
  for (const [index, memberId] of members.entries()) {
    const plan = work[index];
    if (plan === undefined) break;
    for (const [i, interaction] of plan.interactions.entries()) {
      // At the given local hour on that day: library hours, as a librarian would log it.
      const day = new Date(now.getTime() - interaction.daysAgo * 86_400_000);
      const at = new Date(
        Date.parse(`${localDate(day, utcOffsetMinutes)}T${String(interaction.hour).padStart(2, '0')}:15:00Z`) -
          utcOffsetMinutes * 60_000,
      );
      await addInteraction(handle.db, memberId, { ...interaction, at }, staff[i % staff.length]!, at);
    }
    if (plan.note) await setMemberNote(handle.db, memberId, plan.note, staff[0]!, now);
    await setMemberLabels(handle.db, memberId, plan.labels, staff[0]!, now);
    // Said a week ago, in the member's own widget.
    const { consents, ...said } = plan.stated;
    await saveStatedPreferences(
      handle.db,
      memberId,
      { topics: await mostBorrowedTopics(handle, memberId), ...said },
      { changes: consents, wordingVersion: CONSENT_WORDING.version },
      new Date(now.getTime() - 7 * 86_400_000),
    );
  }
  return members.length > 0;
}
