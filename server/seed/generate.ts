// The deterministic demo-library generator: members, catalogue, loans and visits in SLiMS's own tables.
// Same seed and same `today` give the same rows, byte for byte, in both dialects. Times in SLiMS tables are the
// library's local wall-clock times (SLiMS writes them that way); opening hours are 08:00–16:30.
import bcrypt from 'bcryptjs';
import { sql, type Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import { dialectOf } from '../db/dialect.ts';
import { datetimeOf, libraryDay, toDay, weekday, ymdOf, yearOf } from './calendar.ts';
import {
  cities,
  emailDomains,
  geographicTopics,
  internationalAuthors,
  nameGroups,
  offices,
  organisationAuthors,
  phonePrefixes,
  publishers,
  schoolKinds,
  streets,
  titlePatterns,
  topics,
  universities,
  type City,
} from './names.ts';
import { Random, WeightedSampler, pickWeighted, shuffle } from './random.ts';
import { BulkSink, type Progress, type TableWriter } from './writer.ts';

/** Documented demo credentials (never for a production SLiMS). */
export const DEMO_STAFF = [
  { uid: 1, username: 'admin', password: 'admin', realname: 'Administrator Perpustakaan', groupId: 1 },
  { uid: 2, username: 'pustakawan', password: 'pustakawan', realname: 'Pustakawan Layanan', groupId: 2 },
] as const;
/** OPAC password of the first members (see `SeedSummary.membersWithPassword`). */
export const DEMO_MEMBER_PASSWORD = 'anggota';

export type SeedSize = 'demo' | 'bench';

export interface SeedOptions {
  size: SeedSize;
  seed: number;
  /** 'YYYY-MM-DD'; defaults to today's date (UTC). History ends on this day. */
  today?: string;
  /**
   * The generator refuses a database whose member, biblio, item, loan or visitor_count table holds rows.
   * With `reset: true` it first empties the tables it fills (and its own staff rows), then seeds afresh.
   */
  reset?: boolean;
  onProgress?: (progress: Progress) => void;
}

export type SeededTable =
  | 'mst_member_type'
  | 'mst_gmd'
  | 'mst_coll_type'
  | 'mst_location'
  | 'mst_language'
  | 'mst_publisher'
  | 'mst_topic'
  | 'mst_author'
  | 'biblio'
  | 'biblio_topic'
  | 'biblio_author'
  | 'item'
  | 'member'
  | 'loan'
  | 'visitor_count'
  | 'user'
  | 'user_group'
  | 'group_access';

export interface SeedSummary {
  /** Rows written per table by this run. */
  rows: Record<SeededTable, number>;
  /** Member ids whose OPAC password is DEMO_MEMBER_PASSWORD. */
  membersWithPassword: string[];
  openLoans: number;
  overdueLoans: number;
  firstDay: string;
  today: string;
}

interface Size {
  members: number;
  titles: number;
  loans: number;
  /** Years of circulation and visit history before `today`. */
  years: number;
  authors: number;
  /** Members given DEMO_MEMBER_PASSWORD; the bench shares one hash among them. */
  passwordMembers: number;
}

const SIZES: Record<SeedSize, Size> = {
  demo: { members: 400, titles: 1_500, loans: 8_000, years: 2, authors: 450, passwordMembers: 5 },
  bench: { members: 200_000, titles: 300_000, loans: 5_000_000, years: 3, authors: 40_000, passwordMembers: 1_000 },
};

/** Tables the generator refuses to write into when they already hold rows (a real library's data). */
const GUARDED_TABLES = ['member', 'biblio', 'item', 'loan', 'visitor_count'] as const;
/** Tables emptied by `reset` (lookup tables SLiMS ships with are kept and filled with INSERT IGNORE). */
const RESET_TABLES = [
  'loan',
  'visitor_count',
  'member',
  'item',
  'biblio',
  'biblio_topic',
  'biblio_author',
  'mst_topic',
  'mst_author',
  'mst_publisher',
  'mst_member_type',
] as const;
/** MyISAM tables whose non-unique keys are rebuilt once at the end instead of row by row. */
const BULK_TABLES = [
  'loan',
  'visitor_count',
  'member',
  'item',
  'biblio',
  'biblio_topic',
  'biblio_author',
  'mst_author',
] as const;

interface MemberType {
  id: number;
  name: string;
  loanLimit: number;
  loanPeriod: number;
  weight: number;
  activity: number;
}

const MEMBER_TYPES: readonly MemberType[] = [
  { id: 1, name: 'Umum', loanLimit: 3, loanPeriod: 7, weight: 25, activity: 0.7 },
  { id: 2, name: 'Pelajar', loanLimit: 2, loanPeriod: 7, weight: 35, activity: 1.1 },
  { id: 3, name: 'Mahasiswa', loanLimit: 4, loanPeriod: 14, weight: 30, activity: 1.5 },
  { id: 4, name: 'Guru/Dosen', loanLimit: 5, loanPeriod: 21, weight: 10, activity: 1.2 },
];

/** SLiMS's own GMD ids and codes, so the rows agree with a real install's. */
const GMDS = [
  { id: 1, code: 'TE', name: 'Text', weight: 92 },
  { id: 21, code: 'SO', name: 'Sound Recording', weight: 1.5 },
  { id: 24, code: 'VI', name: 'Video Recording', weight: 2 },
  { id: 28, code: 'CD', name: 'CD-ROM', weight: 3 },
  { id: 30, code: 'ER', name: 'Electronic Resource', weight: 1.5 },
] as const;
const COLL_TYPES = [
  { id: 1, name: 'Reference' },
  { id: 2, name: 'Textbook' },
  { id: 3, name: 'Fiction' },
] as const;

/** Within-topic and global title popularity: weight 1/(rank+1)^s. */
const ZIPF_S = 1.0;
/** Share of a member's loans drawn from the topics they like. */
const AFFINITY = 0.85;
const OPEN_SECONDS = 8 * 3600;
const CLOSE_SECONDS = 16 * 3600 + 1800;
const NEVER = 2_000_000_000;
/** Subjects in proportion to their share of the collection (and of members' interests). */
const topicSampler = new WeightedSampler(topics.map((topic) => topic.weight));

export async function seedDemoLibrary(handle: DatabaseHandle, opts: SeedOptions): Promise<SeedSummary> {
  const size = SIZES[opts.size];
  const today = toDay(opts.today ?? new Date().toISOString().slice(0, 10));
  const onProgress = opts.onProgress ?? (() => {});
  return handle.db.connection().execute(async (db) => {
    await guard(db, opts.reset === true);
    const restore = await prepareForBulk(db);
    const sink = new BulkSink(db, onProgress);
    try {
      const summary = await generate(db, sink, size, opts.seed, today);
      await sink.drain();
      return summary;
    } catch (error) {
      await sink.abandon();
      throw error;
    } finally {
      await restore();
    }
  });
}

async function countRows(db: Kysely<Database>, table: (typeof GUARDED_TABLES)[number]): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function guard(db: Kysely<Database>, reset: boolean): Promise<void> {
  if (reset) {
    for (const table of RESET_TABLES) await db.deleteFrom(table).execute();
    await db
      .deleteFrom('user')
      .where(
        'username',
        'in',
        DEMO_STAFF.map((staff) => staff.username),
      )
      .execute();
    await db.deleteFrom('group_access').where('group_id', '>', 1).execute();
    await db.deleteFrom('user_group').where('group_id', '>', 1).execute();
    return;
  }
  for (const table of GUARDED_TABLES) {
    const rows = await countRows(db, table);
    if (rows > 0) {
      throw new Error(
        `Refusing to seed: table ${table} already holds ${rows} rows. The generator is for demo and test databases; ` +
          'reset: true (npm run seed -- --force) empties its tables first.',
      );
    }
  }
}

/** Speeds up bulk loading; returns what puts the connection back. */
async function prepareForBulk(db: Kysely<Database>): Promise<() => Promise<void>> {
  if (dialectOf(db) === 'sqlite') {
    await sql`PRAGMA synchronous = OFF`.execute(db);
    await sql`PRAGMA cache_size = -262144`.execute(db);
    await sql`PRAGMA temp_store = MEMORY`.execute(db);
    // Building an index once from sorted rows is several times faster than updating it row by row: drop the
    // secondary indexes of the big tables and re-create them afterwards from the definitions SQLite kept.
    const indexes = await db
      .selectFrom(sql<{ type: string; name: string; tbl_name: string; sql: string | null }>`sqlite_master`.as('m'))
      .select(['m.name', 'm.sql'])
      .where('m.type', '=', 'index')
      .where('m.tbl_name', 'in', [...BULK_TABLES])
      .where('m.sql', 'is not', null)
      .orderBy('m.name')
      .execute();
    for (const index of indexes) await sql`DROP INDEX ${sql.id(index.name)}`.execute(db);
    return async () => {
      for (const index of indexes) await sql.raw(index.sql!).execute(db);
      await sql`PRAGMA synchronous = NORMAL`.execute(db);
      await sql`PRAGMA cache_size = -2000`.execute(db);
      await sql`PRAGMA temp_store = DEFAULT`.execute(db);
    };
  }
  for (const table of BULK_TABLES) await sql`ALTER TABLE ${sql.table(table)} DISABLE KEYS`.execute(db);
  return async () => {
    for (const table of BULK_TABLES) await sql`ALTER TABLE ${sql.table(table)} ENABLE KEYS`.execute(db);
  };
}

/** A bcrypt hash in PHP's `$2y$` form with a salt drawn from the seeded PRNG, so reruns give equal rows. */
function demoHash(random: Random, password: string): string {
  const salt = Array.from({ length: 16 }, () => random.int(256));
  return bcrypt.hashSync(password, `$2y$10$${bcrypt.encodeBase64(salt, 16)}`);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

async function add(writer: TableWriter, row: readonly (string | number | null)[]): Promise<void> {
  if (writer.add(row)) await writer.flush();
}

interface Timeline {
  /** The last day of history, and the first (years before it). */
  today: number;
  firstDay: number;
  todayYmd: string;
}

async function generate(
  db: Kysely<Database>,
  sink: BulkSink,
  size: Size,
  seed: number,
  today: number,
): Promise<SeedSummary> {
  // Each part draws from its own stream, so changing one part leaves the others' rows as they were.
  const root = new Random(seed);
  const timeline: Timeline = { today, firstDay: today - Math.round(size.years * 365.25), todayYmd: ymdOf(today) };
  const lookups = await seedLookups(db, root.fork('staff'), timeline);
  const authors = await seedAuthors(sink, root.fork('authors'), size, lookups.authorBase, timeline);
  const catalogue = await seedCatalogue(sink, root.fork('catalogue'), size, lookups, authors, timeline);
  const members = await seedMembers(sink, root.fork('members'), size, timeline);
  const circulation = await seedCirculation(sink, root.fork('loans'), size, catalogue, members, timeline);
  return {
    rows: {
      ...lookups.rows,
      mst_author: authors.count,
      ...catalogue.rows,
      member: members.count,
      loan: circulation.loans,
      visitor_count: circulation.visits,
    },
    membersWithPassword: members.withPassword,
    openLoans: circulation.openLoans,
    overdueLoans: circulation.overdueLoans,
    firstDay: ymdOf(timeline.firstDay),
    today: timeline.todayYmd,
  };
}

interface Lookups {
  rows: Record<LookupTable, number>;
  topicBase: number;
  authorBase: number;
  publisherBase: number;
}

type LookupTable =
  | 'mst_member_type'
  | 'mst_gmd'
  | 'mst_coll_type'
  | 'mst_location'
  | 'mst_language'
  | 'user_group'
  | 'group_access'
  | 'user'
  | 'mst_topic'
  | 'mst_publisher';

/** Member types, GMDs, collection types, location, languages, subjects, publishers and the demo staff. */
async function seedLookups(
  db: Kysely<Database>,
  staffRandom: Random,
  { firstDay, todayYmd }: Timeline,
): Promise<Lookups> {
  const rows = {} as Record<LookupTable, number>;
  rows.mst_member_type = await insertIgnore(
    db,
    'mst_member_type',
    MEMBER_TYPES.map((type) => ({
      member_type_id: type.id,
      member_type_name: type.name,
      loan_limit: type.loanLimit,
      loan_periode: type.loanPeriod,
      enable_reserve: 1,
      reserve_limit: 2,
      member_periode: 365,
      reborrow_limit: 1,
      fine_each_day: 500,
      grace_periode: 1,
      input_date: ymdOf(firstDay - 3650),
      last_update: ymdOf(firstDay - 3650),
    })),
  );
  rows.mst_gmd = await insertIgnore(
    db,
    'mst_gmd',
    GMDS.map((gmd) => ({
      gmd_id: gmd.id,
      gmd_code: gmd.code,
      gmd_name: gmd.name,
      icon_image: null,
      input_date: todayYmd,
      last_update: todayYmd,
    })),
  );
  rows.mst_coll_type = await insertIgnore(
    db,
    'mst_coll_type',
    COLL_TYPES.map((type) => ({
      coll_type_id: type.id,
      coll_type_name: type.name,
      input_date: todayYmd,
      last_update: todayYmd,
    })),
  );
  rows.mst_location = await insertIgnore(db, 'mst_location', [
    { location_id: 'SL', location_name: 'Perpustakaan Utama', input_date: todayYmd, last_update: todayYmd },
  ]);
  rows.mst_language = await insertIgnore(db, 'mst_language', [
    { language_id: 'id', language_name: 'Indonesia', input_date: todayYmd, last_update: todayYmd },
    { language_id: 'en', language_name: 'English', input_date: todayYmd, last_update: todayYmd },
  ]);

  rows.user_group = await insertIgnore(db, 'user_group', [
    { group_id: 2, group_name: 'Pustakawan', input_date: todayYmd, last_update: todayYmd },
  ]);
  rows.group_access = await insertIgnore(db, 'group_access', [
    { group_id: 2, module_id: 3, menus: null, r: 1, w: 1 },
    { group_id: 2, module_id: 2, menus: null, r: 1, w: 0 },
  ]);
  rows.user = await insertIgnore(
    db,
    'user',
    DEMO_STAFF.map((staff) => ({
      user_id: staff.uid,
      username: staff.username,
      realname: staff.realname,
      passwd: demoHash(staffRandom, staff.password),
      email: `${staff.username}@perpustakaan.example`,
      user_type: staff.uid === 1 ? null : 1,
      // PHP serialize() of ['<group id>']: SLiMS keeps group ids as strings.
      groups: `a:1:{i:0;s:${String(staff.groupId).length}:"${staff.groupId}";}`,
      input_date: ymdOf(firstDay),
      last_update: todayYmd,
    })),
  );

  // Ids continue after whatever a fresh SLiMS already holds (it ships 17 generic topics).
  const topicBase = await maxId(db, 'mst_topic', 'topic_id');
  const authorBase = await maxId(db, 'mst_author', 'author_id');
  const publisherBase = await maxId(db, 'mst_publisher', 'publisher_id');

  const allTopics = [
    ...topics.map((topic) => ({ topic: topic.topic, type: 't' as const, ddc: topic.ddc })),
    ...geographicTopics.map((topic) => ({ topic: topic.topic, type: 'g' as const, ddc: topic.ddc })),
  ];
  rows.mst_topic = await insertIgnore(
    db,
    'mst_topic',
    allTopics.map((topic, i) => ({
      topic_id: topicBase + i + 1,
      topic: topic.topic,
      topic_type: topic.type,
      auth_list: null,
      classification: topic.ddc,
      input_date: ymdOf(firstDay - 3650),
      last_update: ymdOf(firstDay - 3650),
    })),
  );
  rows.mst_publisher = await insertIgnore(
    db,
    'mst_publisher',
    publishers.map((publisher, i) => ({
      publisher_id: publisherBase + i + 1,
      publisher_name: publisher.name,
      input_date: ymdOf(firstDay - 3650),
      last_update: ymdOf(firstDay - 3650),
    })),
  );

  return { rows, topicBase, authorBase, publisherBase };
}

interface Authors {
  count: number;
  base: number;
  names: string[];
  nIndonesian: number;
  nInternational: number;
  nOrganisations: number;
  pools: { id: { sample(r: Random): number }; en: { sample(r: Random): number } };
}

async function seedAuthors(
  sink: BulkSink,
  authorRandom: Random,
  size: Size,
  authorBase: number,
  { firstDay }: Timeline,
): Promise<Authors> {
  const authorWriter = sink.writer(
    'mst_author',
    ['author_id', 'author_name', 'author_year', 'authority_type', 'input_date', 'last_update'],
    size.authors,
  );
  const nOrganisations = Math.min(organisationAuthors.length, Math.max(3, Math.round(size.authors * 0.02)));
  const nInternational = Math.round(size.authors * 0.25);
  const nIndonesian = size.authors - nOrganisations - nInternational;
  const authorNames: string[] = [];
  const seenAuthors = new Set<string>();
  // Common names repeat; after a few clashes an initial tells two authors apart, as catalogues do.
  const uniqueName = (make: (initial: string) => string): string => {
    for (let attempt = 0; ; attempt++) {
      const initial = attempt < 8 ? '' : `${String.fromCharCode(65 + authorRandom.int(26))}.`;
      const name = attempt < 40 ? make(initial) : `${make(initial)} (${attempt})`;
      if (!seenAuthors.has(name)) {
        seenAuthors.add(name);
        return name;
      }
    }
  };
  for (let i = 0; i < size.authors; i++) {
    let name: string;
    let type: 'p' | 'o' = 'p';
    if (i < nIndonesian) {
      name = uniqueName((initial) => {
        const person = personName(authorRandom, authorRandom.chance(0.5) ? 1 : 0, true);
        return initial === '' || person.family === null ? person.name : `${person.given} ${initial} ${person.family}`;
      });
    } else if (i < nIndonesian + nInternational) {
      name = uniqueName(
        (initial) =>
          `${authorRandom.pick(internationalAuthors.family)}, ${authorRandom.pick(internationalAuthors.first)}${initial === '' ? '' : ` ${initial}`}`,
      );
    } else {
      name = organisationAuthors[i - nIndonesian - nInternational] as string;
      type = 'o';
    }
    authorNames.push(name);
    await add(authorWriter, [authorBase + i + 1, name, null, type, ymdOf(firstDay - 3650), ymdOf(firstDay - 3650)]);
  }
  await authorWriter.flush();
  // Some authors are prolific: each pool is sampled with a mild Zipf law over a shuffled order.
  const authorPools = {
    id: poolSampler(authorRandom, 0, nIndonesian),
    en: poolSampler(authorRandom, nIndonesian, nIndonesian + nInternational),
  };

  return {
    count: authorWriter.count,
    base: authorBase,
    names: authorNames,
    nIndonesian,
    nInternational,
    nOrganisations,
    pools: authorPools,
  };
}

interface Catalogue {
  rows: Record<'biblio' | 'item' | 'biblio_topic' | 'biblio_author', number>;
  titleDay: Int32Array;
  firstItem: Int32Array;
  itemCount: Uint8Array;
  itemLendable: Uint8Array;
  busyUntil: Int32Array;
  itemWidth: number;
  topicTitles: number[][];
  topicTitleSamplers: WeightedSampler[];
  globalTitles: WeightedSampler;
}

/** Biblios with subjects and authors, and their items (copies). */
async function seedCatalogue(
  sink: BulkSink,
  catalogueRandom: Random,
  size: Size,
  { topicBase, publisherBase }: Lookups,
  authors: Authors,
  { today, firstDay }: Timeline,
): Promise<Catalogue> {
  const {
    base: authorBase,
    names: authorNames,
    nIndonesian,
    nInternational,
    nOrganisations,
    pools: authorPools,
  } = authors;
  const nTitles = size.titles;
  const titleTopic = new Uint8Array(nTitles);
  const titleDay = new Int32Array(nTitles);
  const firstItem = new Int32Array(nTitles);
  const itemCount = new Uint8Array(nTitles);
  // Popularity rank of each title (0 = most popular), independent of its id.
  const titleRank = shuffle(
    catalogueRandom,
    Int32Array.from({ length: nTitles }, (_, i) => i),
  );
  const estimatedItems = Math.round(nTitles * 1.9);
  const biblioWriter = sink.writer(
    'biblio',
    [
      'biblio_id',
      'gmd_id',
      'title',
      'sor',
      'edition',
      'isbn_issn',
      'publisher_id',
      'publish_year',
      'collation',
      'call_number',
      'language_id',
      'classification',
      'notes',
      'opac_hide',
      'promoted',
      'input_date',
      'last_update',
      'uid',
    ],
    nTitles,
  );
  const itemWriter = sink.writer(
    'item',
    [
      'item_id',
      'biblio_id',
      'coll_type_id',
      'item_code',
      'inventory_code',
      'received_date',
      'location_id',
      'item_status_id',
      'source',
      'price',
      'price_currency',
      'input_date',
      'last_update',
      'uid',
    ],
    estimatedItems,
  );
  const biblioTopicWriter = sink.writer('biblio_topic', ['biblio_id', 'topic_id', 'level'], Math.round(nTitles * 1.3));
  const biblioAuthorWriter = sink.writer(
    'biblio_author',
    ['biblio_id', 'author_id', 'level'],
    Math.round(nTitles * 1.5),
  );
  const lendable: number[] = [];
  // A copy can be lent from the day it was received.
  const receivedDay: number[] = [];
  const itemWidth = Math.max(6, String(nTitles * 4).length);
  const publishersId = publishers.flatMap((publisher, i) =>
    publisher.language === 'id' ? [publisherBase + i + 1] : [],
  );
  const publishersEn = publishers.flatMap((publisher, i) =>
    publisher.language === 'en' ? [publisherBase + i + 1] : [],
  );
  const collectionStart = firstDay - 8 * 365;
  const gmdWeights = GMDS.map((gmd) => [gmd.id, gmd.weight] as const);

  let items = 0;
  for (let b = 0; b < nTitles; b++) {
    const r = catalogueRandom;
    const biblioId = b + 1;
    const topicIndex = topicSampler.sample(r);
    const topic = topics[topicIndex]!;
    titleTopic[b] = topicIndex;
    const english = topic.id.length === 0 || (topic.en.length > 0 && r.chance(0.22));
    const phrase = r.pick(english ? topic.en : topic.id);
    const patterns = topic.fiction
      ? english
        ? titlePatterns.fictionEn
        : titlePatterns.fictionId
      : english
        ? titlePatterns.en
        : titlePatterns.id;
    const title = r.pick(patterns).replace('{s}', phrase);

    // Most of the collection predates the loan history; new arrivals keep coming, a few in the last weeks.
    const u = r.next();
    const day =
      u < 0.65
        ? collectionStart + r.int(firstDay - collectionStart)
        : u < 0.97
          ? firstDay + r.int(today - firstDay - 30)
          : today - r.int(30);
    titleDay[b] = day;
    const year = yearOf(day);
    const publishYear = Math.max(1960, year - Math.floor(-Math.log(1 - r.next()) * 4));

    const nAuthors = topic.fiction
      ? r.chance(0.9)
        ? 1
        : 2
      : pickWeighted(r, [
          [1, 60],
          [2, 30],
          [3, 10],
        ] as const);
    const authorIds: number[] = [];
    const organisation = !topic.fiction && r.chance(0.02);
    if (organisation) authorIds.push(authorBase + nIndonesian + nInternational + 1 + r.int(nOrganisations));
    while (authorIds.length < nAuthors) {
      const pool = english ? authorPools.en : authorPools.id;
      const id = authorBase + pool.sample(r) + 1;
      if (!authorIds.includes(id)) authorIds.push(id);
    }
    const mainAuthor = authorNames[authorIds[0]! - authorBase - 1]!;
    const sor = authorIds.map((id) => displayName(authorNames[id - authorBase - 1]!)).join(', ');
    const classification = topic.ddc.includes(' ') || r.chance(0.4) ? topic.ddc : refine(r, topic.ddc);
    const callNumber = `${classification} ${cutter(mainAuthor)} ${title.charAt(0).toLowerCase()}`;
    const pages = 60 + r.int(480);
    const collation = english
      ? `${roman(r.between(6, 24))}, ${pages} p. : ill. ; ${r.pick([21, 23, 24])} cm`
      : `${roman(r.between(6, 24))}, ${pages} hlm. : ilus. ; ${r.pick([21, 23, 24])} cm`;
    const inputAt = datetimeOf(day, OPEN_SECONDS + r.int(CLOSE_SECONDS - OPEN_SECONDS));
    await add(biblioWriter, [
      biblioId,
      pickWeighted(r, gmdWeights),
      title,
      sor,
      r.chance(0.2) ? edition(r.between(2, 5), english) : null,
      r.chance(0.9) ? isbn(r, english) : null,
      r.pick(english ? publishersEn : publishersId),
      String(publishYear),
      collation,
      callNumber,
      english ? 'en' : 'id',
      classification,
      r.chance(0.1)
        ? english
          ? 'Includes bibliographical references and index'
          : 'Bibliografi: hlm. akhir; indeks'
        : null,
      r.chance(0.01) ? 1 : 0,
      r.chance(0.01) ? 1 : 0,
      inputAt,
      inputAt,
      r.chance(0.5) ? 1 : 2,
    ]);

    await add(biblioTopicWriter, [biblioId, topicBase + topicIndex + 1, 1]);
    if (r.chance(0.3))
      await add(biblioTopicWriter, [biblioId, topicBase + topics.length + 1 + r.int(geographicTopics.length), 2]);
    for (let a = 0; a < authorIds.length; a++)
      await add(biblioAuthorWriter, [biblioId, authorIds[a]!, a === 0 ? 1 : 2]);

    // Popular titles get more copies, as libraries buy them.
    const rank = titleRank[b]!;
    const copies = rank < nTitles * 0.02 ? r.between(3, 4) : rank < nTitles * 0.2 ? r.between(2, 3) : r.between(1, 2);
    firstItem[b] = items;
    itemCount[b] = copies;
    const collType = topic.fiction ? 3 : r.chance(0.06) ? 1 : 2;
    for (let c = 0; c < copies; c++) {
      items += 1;
      // Reference copies stay in the library.
      lendable.push(collType === 1 ? 0 : 1);
      const received = Math.min(today, day + (c === 0 ? 0 : r.int(400)));
      receivedDay.push(received);
      const at = datetimeOf(received, OPEN_SECONDS + r.int(CLOSE_SECONDS - OPEN_SECONDS));
      await add(itemWriter, [
        items,
        biblioId,
        collType,
        `B${pad(items, itemWidth)}`,
        `INV/${yearOf(received)}/${pad(items, itemWidth)}`,
        ymdOf(received),
        'SL',
        '0',
        r.chance(0.85) ? 1 : 2,
        500 * r.between(60, 500),
        'Rp',
        at,
        at,
        r.chance(0.5) ? 1 : 2,
      ]);
    }
  }
  for (const writer of [biblioWriter, itemWriter, biblioTopicWriter, biblioAuthorWriter]) await writer.flush();
  const itemLendable = Uint8Array.from(lendable);
  // The last day each copy is away (before it arrives, or out on loan); NEVER when it is not coming back.
  const busyUntil = Int32Array.from(receivedDay, (day) => day - 1);

  // Per-topic and global title samplers: weight by global popularity rank.
  const rankWeight = (b: number) => 1 / Math.pow(titleRank[b]! + 1, ZIPF_S);
  const topicTitles: number[][] = topics.map(() => []);
  for (let b = 0; b < nTitles; b++) topicTitles[titleTopic[b]!]!.push(b);
  const topicTitleSamplers = topicTitles.map((list) => new WeightedSampler(list.map(rankWeight)));
  const globalTitles = new WeightedSampler(Float64Array.from({ length: nTitles }, (_, b) => rankWeight(b)));

  return {
    rows: {
      biblio: biblioWriter.count,
      item: itemWriter.count,
      biblio_topic: biblioTopicWriter.count,
      biblio_author: biblioAuthorWriter.count,
    },
    titleDay,
    firstItem,
    itemCount,
    itemLendable,
    busyUntil,
    itemWidth,
    topicTitles,
    topicTitleSamplers,
    globalTitles,
  };
}

interface Members {
  count: number;
  withPassword: string[];
  width: number;
  /** Days each member may borrow: from joining to the end of their last registration (or today). */
  from: Int32Array;
  until: Int32Array;
  type: Uint8Array;
  /** Up to three liked topics per member (indexes into `topics`, -1 = none). */
  topics: Int16Array;
  activity: Float64Array;
  names: string[];
  institutions: (string | null)[];
}

async function seedMembers(
  sink: BulkSink,
  memberRandom: Random,
  size: Size,
  { today, firstDay }: Timeline,
): Promise<Members> {
  const nMembers = size.members;
  const memberWidth = Math.max(6, String(nMembers).length);
  const memberFrom = new Int32Array(nMembers);
  const memberUntil = new Int32Array(nMembers);
  const memberType = new Uint8Array(nMembers);
  const memberTopics = new Int16Array(nMembers * 3).fill(-1);
  const memberActivity = new Float64Array(nMembers);
  const memberNames: string[] = new Array<string>(nMembers);
  const memberInstitutions: (string | null)[] = new Array<string | null>(nMembers);
  const membersWithPassword: string[] = [];
  const sharedHash =
    size.passwordMembers > 20 ? demoHash(memberRandom.fork('shared-hash'), DEMO_MEMBER_PASSWORD) : null;
  const memberWriter = sink.writer(
    'member',
    [
      'member_id',
      'member_name',
      'gender',
      'birth_date',
      'member_type_id',
      'member_address',
      'member_email',
      'postal_code',
      'inst_name',
      'pin',
      'member_phone',
      'member_since_date',
      'register_date',
      'expire_date',
      'is_pending',
      'mpasswd',
      'last_login',
      'last_login_ip',
      'input_date',
      'last_update',
    ],
    nMembers,
  );
  const typeWeights = MEMBER_TYPES.map((type) => [type, type.weight] as const);

  for (let m = 0; m < nMembers; m++) {
    const r = memberRandom;
    const showcase = m < size.passwordMembers;
    const type = showcase ? MEMBER_TYPES[2 + (m % 2)]! : pickWeighted(r, typeWeights);
    const gender = r.chance(0.55) ? 0 : 1;
    const age = memberAge(r, type.id);
    const person = personName(r, gender, false);
    const city = pickWeighted(r, cityWeights);
    const institution = memberInstitution(r, type.id, age, city);
    const birthDay = today - Math.round(age * 365.25) - r.int(365);

    // Joined somewhere in the six years before the history or during it; most keep renewing every year.
    const since = showcase
      ? firstDay - 200 - r.int(400)
      : r.chance(0.45)
        ? firstDay - r.int(6 * 365)
        : firstDay + r.int(today - firstDay);
    const years = Math.floor((today - since) / 365);
    const lapsed = !showcase && r.chance(0.22);
    const register = since + 365 * (lapsed ? r.int(years + 1) : years);
    const expire = register + 365;
    const pending = !showcase && r.chance(0.012);

    const memberId = `M${pad(m + 1, memberWidth)}`;
    memberNames[m] = person.name;
    memberInstitutions[m] = institution;
    memberType[m] = type.id;
    memberFrom[m] = since;
    memberUntil[m] = Math.min(expire, today);
    memberActivity[m] =
      pending || memberUntil[m]! < firstDay
        ? 0
        : showcase
          ? 6
          : r.chance(0.25)
            ? 0
            : type.activity * Math.min(40, Math.pow(1 - r.next(), -1 / 1.6));
    // 1–3 liked topics; young children mostly read children's stories.
    const liked = showcase
      ? 3
      : pickWeighted(r, [
          [1, 35],
          [2, 40],
          [3, 25],
        ] as const);
    for (let t = 0; t < liked; t++) {
      let topicIndex =
        t === 0 && age < 13 ? topics.findIndex((topic) => topic.topic === 'Cerita Anak') : topicSampler.sample(r);
      for (let tries = 0; tries < 5 && memberTopics.subarray(m * 3, m * 3 + t).includes(topicIndex); tries++) {
        topicIndex = topicSampler.sample(r);
      }
      memberTopics[m * 3 + t] = topicIndex;
    }

    const hasEmail = showcase || r.chance(age < 13 ? 0.2 : 0.8);
    const hasPhone = showcase || r.chance(age < 13 ? 0.5 : 0.88);
    let password: string | null = null;
    let lastLogin: string | null = null;
    if (showcase) {
      password = sharedHash ?? demoHash(r, DEMO_MEMBER_PASSWORD);
      membersWithPassword.push(memberId);
      lastLogin = datetimeOf(today - r.int(20), OPEN_SECONDS + r.int(12 * 3600));
    }
    await add(memberWriter, [
      memberId,
      person.name,
      gender,
      ymdOf(birthDay),
      type.id,
      `${r.pick(streets)} No. ${r.between(1, 250)}, ${city.name}`,
      hasEmail ? email(r, person) : null,
      `${city.postalPrefix}${pad(r.between(11, 99), 2)}`,
      institution,
      r.chance(0.4) ? nik(r, city, birthDay, gender) : null,
      hasPhone ? `0${r.pick(phonePrefixes)}${pad(r.int(100_000_000), r.chance(0.5) ? 8 : 7).slice(-8)}` : null,
      ymdOf(since),
      ymdOf(register),
      ymdOf(expire),
      pending ? 1 : 0,
      password,
      lastLogin,
      lastLogin === null ? null : `10.0.${r.int(256)}.${r.between(2, 254)}`,
      ymdOf(since),
      ymdOf(register),
    ]);
  }
  await memberWriter.flush();

  return {
    count: memberWriter.count,
    withPassword: membersWithPassword,
    width: memberWidth,
    from: memberFrom,
    until: memberUntil,
    type: memberType,
    topics: memberTopics,
    activity: memberActivity,
    names: memberNames,
    institutions: memberInstitutions,
  };
}

/** Loans and visits, day by day: copies go out and come back, members come and go, guests sign in. */
async function seedCirculation(
  sink: BulkSink,
  loanRandom: Random,
  size: Size,
  catalogue: Catalogue,
  members: Members,
  { today, firstDay }: Timeline,
): Promise<{ loans: number; visits: number; openLoans: number; overdueLoans: number }> {
  const {
    titleDay,
    firstItem,
    itemCount,
    itemLendable,
    busyUntil,
    itemWidth,
    topicTitles,
    topicTitleSamplers,
    globalTitles,
  } = catalogue;
  const {
    width: memberWidth,
    from: memberFrom,
    until: memberUntil,
    type: memberType,
    topics: memberTopics,
    activity: memberActivity,
    names: memberNames,
    institutions: memberInstitutions,
  } = members;
  const memberSampler = new WeightedSampler(memberActivity);
  const days: { day: number; weight: number }[] = [];
  const closed = new Uint8Array(today - firstDay + 1);
  let totalWeight = 0;
  for (let day = firstDay; day <= today; day++) {
    const info = libraryDay(day);
    if (!info.open) {
      closed[day - firstDay] = 1;
      continue;
    }
    // Circulation grows a little over the years.
    const weight = info.weight * (0.8 + 0.4 * ((day - firstDay) / Math.max(1, today - firstDay)));
    days.push({ day, weight });
    totalWeight += weight;
  }
  const loansPerVisit = 1.7;
  const loanWriter = sink.writer(
    'loan',
    [
      'loan_id',
      'item_code',
      'member_id',
      'loan_date',
      'due_date',
      'renewed',
      'is_lent',
      'is_return',
      'return_date',
      'input_date',
      'last_update',
      'uid',
    ],
    size.loans,
  );
  const visitWriter = sink.writer(
    'visitor_count',
    ['visitor_id', 'member_id', 'member_name', 'institution', 'checkin_date'],
    Math.round((size.loans / loansPerVisit) * 1.6 * 1.35),
  );
  let loanId = 0;
  let visitId = 0;
  let openLoans = 0;
  let overdueLoans = 0;
  const memberIdOf = (m: number) => `M${pad(m + 1, memberWidth)}`;

  const pickTitle = (r: Random, m: number): number => {
    if (r.chance(AFFINITY)) {
      const liked = memberTopics.subarray(m * 3, m * 3 + 3).filter((t) => t >= 0);
      const topicIndex = liked[Math.min(liked.length - 1, Math.floor(Math.pow(r.next(), 1.5) * liked.length))]!;
      return topicTitles[topicIndex]![topicTitleSamplers[topicIndex]!.sample(r)]!;
    }
    return globalTitles.sample(r);
  };

  for (const { day, weight } of days) {
    const r = loanRandom;
    const expected = (size.loans * weight) / totalWeight;
    let toLend = Math.floor(expected) + (r.chance(expected % 1) ? 1 : 0);
    const sunday = weekday(day) === 0;
    const opens = sunday ? 9 * 3600 : OPEN_SECONDS;
    const closes = sunday ? 14 * 3600 : CLOSE_SECONDS;
    const visitsToday: { at: number; member: number; name: string; institution: string | null }[] = [];
    const lentToday: { at: number; row: (string | number | null)[] }[] = [];
    const seen = new Set<number>();

    let attempts = 0;
    while (toLend > 0 && attempts < expected * 4 + 20) {
      attempts += 1;
      let m = -1;
      for (let tries = 0; tries < 10; tries++) {
        const candidate = memberSampler.sample(r);
        if (memberFrom[candidate]! <= day && memberUntil[candidate]! >= day && !seen.has(candidate)) {
          m = candidate;
          break;
        }
      }
      if (m < 0) continue;
      const type = MEMBER_TYPES[memberType[m]! - 1]!;
      const wanted = Math.min(
        type.loanLimit,
        toLend,
        pickWeighted(r, [
          [1, 50],
          [2, 30],
          [3, 20],
        ] as const),
      );
      const at = opens + 300 + r.int(closes - opens - 900);
      let lent = 0;
      for (let k = 0; k < wanted; k++) {
        let item = -1;
        for (let tries = 0; tries < 6 && item < 0; tries++) {
          const b = pickTitle(r, m);
          if (titleDay[b]! > day) continue;
          for (let c = 0; c < itemCount[b]!; c++) {
            const candidate = firstItem[b]! + c;
            if (itemLendable[candidate] === 1 && busyUntil[candidate]! < day) {
              item = candidate;
              break;
            }
          }
        }
        if (item < 0) continue;
        const renewed = r.chance(0.12) ? (r.chance(0.75) ? 1 : 2) : 0;
        const due = day + type.loanPeriod * (1 + renewed);
        const u = r.next();
        let back =
          u < 0.7
            ? day + 1 + r.int(due - day)
            : u < 0.9
              ? due + 1 + r.int(14)
              : u < 0.995
                ? due + 15 + r.int(75)
                : NEVER;
        while (back <= today && closed[back - firstDay] === 1) back += 1;
        const returned = back <= today;
        busyUntil[item] = returned ? back : NEVER;
        const lentAt = datetimeOf(day, at + 60 * k + r.int(50));
        if (!returned) {
          openLoans += 1;
          if (due < today) overdueLoans += 1;
        }
        lentToday.push({
          at: at + 60 * k,
          row: [
            0,
            `B${pad(item + 1, itemWidth)}`,
            memberIdOf(m),
            ymdOf(day),
            ymdOf(due),
            renewed,
            1,
            returned ? 1 : 0,
            returned ? ymdOf(back) : null,
            lentAt,
            returned ? datetimeOf(back, OPEN_SECONDS + r.int(CLOSE_SECONDS - OPEN_SECONDS)) : lentAt,
            r.chance(0.7) ? 2 : 1,
          ],
        });
        lent += 1;
      }
      if (lent === 0) continue;
      toLend -= lent;
      // SLiMS records one visit per member per day when a loan transaction is finished.
      seen.add(m);
      visitsToday.push({
        at: Math.max(opens, at - 60 - r.int(600)),
        member: m,
        name: memberNames[m]!,
        institution: memberInstitutions[m]!,
      });
    }

    // Members who come to read without borrowing, and guests who type their name at the counter.
    const readers = Math.round(seen.size * 0.6 * (0.7 + r.next() * 0.6));
    for (let i = 0; i < readers; i++) {
      const m = memberSampler.sample(r);
      if (memberFrom[m]! > day || memberUntil[m]! < day || seen.has(m)) continue;
      seen.add(m);
      visitsToday.push({
        at: opens + r.int(closes - opens),
        member: m,
        name: memberNames[m]!,
        institution: memberInstitutions[m]!,
      });
    }
    const guests = Math.round(visitsToday.length * 0.35 * (0.6 + r.next() * 0.8));
    for (let i = 0; i < guests; i++) {
      const guest = personName(r, r.chance(0.5) ? 1 : 0, false);
      const style = r.next();
      const name = style < 0.1 ? guest.name.toUpperCase() : style < 0.2 ? guest.name.toLowerCase() : guest.name;
      const age = pickWeighted(r, [
        [10, 15],
        [16, 35],
        [21, 30],
        [40, 20],
      ] as const);
      const institution = r.chance(0.15)
        ? null
        : memberInstitution(r, age < 18 ? 2 : r.chance(0.5) ? 3 : 1, age, pickWeighted(r, cityWeights));
      visitsToday.push({ at: opens + r.int(closes - opens), member: -1, name, institution });
    }

    visitsToday.sort((a, b) => a.at - b.at);
    for (const visit of visitsToday) {
      visitId += 1;
      await add(visitWriter, [
        visitId,
        visit.member < 0 ? null : memberIdOf(visit.member),
        visit.name,
        visit.institution,
        datetimeOf(day, visit.at),
      ]);
    }
    lentToday.sort((a, b) => a.at - b.at);
    for (const loan of lentToday) {
      loanId += 1;
      loan.row[0] = loanId;
      await add(loanWriter, loan.row);
    }
  }
  await loanWriter.flush();
  await visitWriter.flush();

  return { loans: loanWriter.count, visits: visitWriter.count, openLoans, overdueLoans };
}

/** Small lookup rows: kept when already there (a fresh SLiMS ships some of them). Returns rows inserted. */
async function insertIgnore(db: Kysely<Database>, table: LookupTable, values: readonly object[]): Promise<number> {
  let inserted = 0;
  for (let start = 0; start < values.length; start += 500) {
    const result = await db
      .insertInto(table)
      .values(values.slice(start, start + 500) as never)
      .orIgnore()
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

async function maxId(
  db: Kysely<Database>,
  table: 'mst_topic' | 'mst_author' | 'mst_publisher',
  column: 'topic_id' | 'author_id' | 'publisher_id',
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<number | string | null>`max(${sql.ref(column)})`.as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

function poolSampler(random: Random, from: number, to: number): { sample(r: Random): number } {
  const order = shuffle(
    random,
    Int32Array.from({ length: to - from }, (_, i) => from + i),
  );
  const sampler = new WeightedSampler(Float64Array.from({ length: to - from }, (_, i) => 1 / Math.pow(i + 1, 0.6)));
  return { sample: (r) => order[sampler.sample(r)]! };
}

interface Person {
  name: string;
  given: string;
  family: string | null;
}

const groupWeights = nameGroups.map((group) => [group, group.weight] as const);
const cityWeights = cities.map((city) => [city, city.weight] as const);

function personName(random: Random, gender: number, author: boolean): Person {
  const group = pickWeighted(random, groupWeights);
  const given = random.pick(gender === 1 ? group.male : group.female);
  let name = given;
  if (random.chance(0.45)) {
    const second = random.pick(gender === 1 ? group.male : group.female);
    if (second !== given) name += ` ${second}`;
  }
  const family = random.chance(author ? Math.max(group.familyChance, 0.8) : group.familyChance)
    ? random.pick(group.family)
    : null;
  if (family !== null && !name.endsWith(family)) name += ` ${family}`;
  return { name, given, family };
}

/** "Family, Given" for foreign authors becomes "Given Family" in a statement of responsibility. */
function displayName(authorName: string): string {
  const comma = authorName.indexOf(', ');
  return comma < 0 ? authorName : `${authorName.slice(comma + 2)} ${authorName.slice(0, comma)}`;
}

function memberAge(random: Random, typeId: number): number {
  switch (typeId) {
    case 2:
      return random.between(7, 18);
    case 3:
      return random.between(18, 25);
    case 4:
      return random.between(25, 65);
    default:
      return random.chance(0.75) ? random.between(18, 45) : random.between(46, 75);
  }
}

function memberInstitution(random: Random, typeId: number, age: number, city: City): string | null {
  const school = (kinds: readonly string[]) => `${random.pick(kinds)} ${random.between(1, 20)} ${city.name}`;
  switch (typeId) {
    case 2:
      return school(age <= 12 ? schoolKinds.primary : age <= 15 ? schoolKinds.junior : schoolKinds.senior);
    case 3:
      return random.pick(universities);
    case 4:
      return random.chance(0.55)
        ? school(random.chance(0.5) ? schoolKinds.senior : schoolKinds.junior)
        : random.pick(universities);
    default:
      return random.chance(0.3) ? null : random.pick(offices);
  }
}

function email(random: Random, person: Person): string {
  const clean = (text: string) => text.toLowerCase().replace(/[^a-z]/g, '');
  const local =
    person.family !== null && random.chance(0.6)
      ? `${clean(person.given)}.${clean(person.family)}`
      : clean(person.name);
  return `${local}${random.chance(0.6) ? random.between(1, 999) : ''}@${random.pick(emailDomains)}`;
}

/** A plausible NIK: province, regency, district, birth date (day + 40 for women), serial. */
function nik(random: Random, city: City, birthDay: number, gender: number): string {
  const birth = ymdOf(birthDay);
  const date = Number(birth.slice(8, 10)) + (gender === 0 ? 40 : 0);
  return `${city.nik}${pad(random.between(1, 79), 2)}${pad(random.between(1, 30), 2)}${pad(date, 2)}${birth.slice(5, 7)}${birth.slice(2, 4)}${pad(random.between(1, 9999), 4)}`;
}

function isbn(random: Random, english: boolean): string {
  const digits = english ? `978${random.chance(0.5) ? '0' : '1'}` : `978${random.chance(0.6) ? '602' : '623'}`;
  let body = digits;
  while (body.length < 12) body += String(random.int(10));
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(body[i]) * (i % 2 === 0 ? 1 : 3);
  return body + String((10 - (sum % 10)) % 10);
}

/** One more digit of DDC precision, e.g. '005.13' → '005.133', '630' → '630.9'. */
function refine(random: Random, ddc: string): string {
  return `${ddc}${ddc.includes('.') ? '' : '.'}${random.between(1, 9)}`;
}

/** The first three letters of the main entry, as SLiMS call numbers use them. */
function cutter(authorName: string): string {
  const comma = authorName.indexOf(',');
  const entry = comma > 0 ? authorName.slice(0, comma) : (authorName.split(' ').at(-1) ?? authorName);
  return entry
    .replace(/[^A-Za-z]/g, '')
    .slice(0, 3)
    .toUpperCase();
}

function edition(n: number, english: boolean): string {
  if (!english) return `Ed. ${n}`;
  return `${n}${n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'} ed.`;
}

function roman(n: number): string {
  const numerals: [number, string][] = [
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [value, numeral] of numerals) {
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  }
  return out;
}
