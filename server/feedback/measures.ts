// Service measures for the feedback inbox: time to first response and to close, open items by age, volume.
// Durations are taken over the items created in the range (merged duplicates left out: the kept item answers
// for them); open items by age are a snapshot at `now`; volume counts every item created in the range.
import type { Kysely } from 'kysely';
import type { Database, FeedbackKind } from '../db/database.ts';
import { fromDbTime, toDbTime } from '../db/time.ts';
import { pick, type Lang } from '../errors.ts';
import { csvLine } from '../surveys/csv.ts';
import { CLOSED_STATUSES, type MeasureBucket, type MeasuresQuery } from './feedback.schemas.ts';
import { FEEDBACK_KINDS, FEEDBACK_WORDS } from './words.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

export interface DurationStats {
  count: number;
  /** Null when count is 0. Rounded to a tenth of an hour. */
  medianHours: number | null;
  meanHours: number | null;
  /** Nearest rank: the smallest duration that at least 90% of the items did not exceed. */
  p90Hours: number | null;
}

export const AGE_BUCKETS = ['0-1d', '1-3d', '3-7d', '7-30d', '30d+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];
const AGE_LIMITS_DAYS = [1, 3, 7, 30];

export interface VolumeEntry {
  /** Local date the bucket starts on: the day, the Monday of the week, or the first of the month. */
  period: string;
  kind: FeedbackKind;
  category: string | null;
  count: number;
}

export interface Measures {
  from: string;
  to: string;
  bucket: MeasureBucket;
  firstResponse: DurationStats;
  close: DurationStats;
  openByAge: Array<{ bucket: AgeBucket; count: number }>;
  volume: VolumeEntry[];
  byKind: Record<FeedbackKind, number>;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function durationStats(hours: number[]): DurationStats {
  if (hours.length === 0) return { count: 0, medianHours: null, meanHours: null, p90Hours: null };
  const sorted = [...hours].sort((a, b) => a - b);
  const n = sorted.length;
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const p90 = sorted[Math.ceil(0.9 * n) - 1]!;
  return { count: n, medianHours: round1(median), meanHours: round1(mean), p90Hours: round1(p90) };
}

/** The local date (YYYY-MM-DD) of a stored UTC time. */
function localDay(stored: string, utcOffsetMinutes: number): string {
  return new Date(Date.parse(fromDbTime(stored)) + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

export function periodStart(day: string, bucket: MeasureBucket): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return `${day.slice(0, 7)}-01`;
  const date = new Date(`${day}T00:00:00Z`);
  const sinceMonday = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

export async function computeMeasures(
  db: Kysely<Database>,
  query: MeasuresQuery,
  utcOffsetMinutes: number,
  now: Date,
): Promise<Measures> {
  const offsetMs = utcOffsetMinutes * 60_000;
  const start = new Date(Date.parse(`${query.from}T00:00:00Z`) - offsetMs);
  const end = new Date(Date.parse(`${query.to}T00:00:00Z`) + DAY_MS - offsetMs);
  const rows = await db
    .selectFrom('crm_feedback')
    .select(['kind', 'category', 'created_at', 'first_response_at', 'closed_at', 'merged_into'])
    .where('created_at', '>=', toDbTime(start))
    .where('created_at', '<', toDbTime(end))
    .execute();

  const hoursBetween = (from: string, to: string) =>
    (Date.parse(fromDbTime(to)) - Date.parse(fromDbTime(from))) / HOUR_MS;
  const handled = rows.filter((r) => r.merged_into === null);
  const firstResponse = durationStats(
    handled.flatMap((r) => (r.first_response_at === null ? [] : [hoursBetween(r.created_at, r.first_response_at)])),
  );
  const close = durationStats(
    handled.flatMap((r) => (r.closed_at === null ? [] : [hoursBetween(r.created_at, r.closed_at)])),
  );

  const byKind = Object.fromEntries(FEEDBACK_KINDS.map((k) => [k, 0])) as Record<FeedbackKind, number>;
  const volume = new Map<string, VolumeEntry>();
  for (const row of rows) {
    byKind[row.kind] = (byKind[row.kind] ?? 0) + 1;
    const period = periodStart(localDay(row.created_at, utcOffsetMinutes), query.bucket);
    const key = JSON.stringify([period, row.kind, row.category]);
    const entry = volume.get(key) ?? { period, kind: row.kind, category: row.category, count: 0 };
    entry.count++;
    volume.set(key, entry);
  }

  const open = await db
    .selectFrom('crm_feedback')
    .select('created_at')
    .where('merged_into', 'is', null)
    .where('status', 'not in', CLOSED_STATUSES)
    .execute();
  const ages = new Map<AgeBucket, number>(AGE_BUCKETS.map((b) => [b, 0]));
  for (const row of open) {
    const days = (now.getTime() - Date.parse(fromDbTime(row.created_at))) / DAY_MS;
    const index = AGE_LIMITS_DAYS.findIndex((limit) => days < limit);
    const bucket = AGE_BUCKETS[index === -1 ? AGE_BUCKETS.length - 1 : index]!;
    ages.set(bucket, (ages.get(bucket) ?? 0) + 1);
  }

  const kindOrder = (k: FeedbackKind) => FEEDBACK_KINDS.indexOf(k);
  return {
    from: query.from,
    to: query.to,
    bucket: query.bucket,
    firstResponse,
    close,
    openByAge: AGE_BUCKETS.map((bucket) => ({ bucket, count: ages.get(bucket) ?? 0 })),
    volume: [...volume.values()].sort(
      (a, b) =>
        a.period.localeCompare(b.period) ||
        kindOrder(a.kind) - kindOrder(b.kind) ||
        (a.category === null ? 1 : 0) - (b.category === null ? 1 : 0) ||
        (a.category ?? '').localeCompare(b.category ?? ''),
    ),
    byKind,
  };
}

/** The measures as a spreadsheet: one row per volume entry, then the summary blocks, separated by blank lines. */
export function measuresCsv(measures: Measures, lang: Lang): string {
  const t = (id: string, en: string) => pick(lang, id, en);
  const kind = (k: FeedbackKind) => FEEDBACK_WORDS[lang].kinds[k];
  const hours = (value: number | null) => (value === null ? '' : String(value));
  const stats = (label: string, s: DurationStats) =>
    csvLine([label, String(s.count), hours(s.medianHours), hours(s.meanHours), hours(s.p90Hours)]);
  const blank = csvLine(['']);
  return [
    csvLine([t('periode', 'period'), t('jenis', 'kind'), t('kategori', 'category'), t('jumlah', 'count')]),
    ...measures.volume.map((v) =>
      csvLine([v.period, kind(v.kind), v.category ?? t('(tanpa kategori)', '(uncategorised)'), String(v.count)]),
    ),
    blank,
    csvLine([
      t('ukuran', 'measure'),
      t('jumlah', 'count'),
      t('median_jam', 'median_hours'),
      t('rata_rata_jam', 'mean_hours'),
      t('p90_jam', 'p90_hours'),
    ]),
    stats(t('respons pertama', 'first response'), measures.firstResponse),
    stats(t('selesai', 'close'), measures.close),
    blank,
    csvLine([t('umur_terbuka', 'open_age'), t('jumlah', 'count')]),
    ...measures.openByAge.map((a) => csvLine([a.bucket, String(a.count)])),
    blank,
    csvLine([t('jenis', 'kind'), t('jumlah', 'count')]),
    ...FEEDBACK_KINDS.map((k) => csvLine([kind(k), String(measures.byKind[k])])),
  ].join('');
}
