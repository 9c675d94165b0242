// Answers of the staff feedback API, shaped as its types in widgets/admin/api.ts (which follow the
// server's feedback routes), for the inbox, item and measures tests; the nasty strings stand in for anything a visitor or staff member may type.
import type {
  FeedbackEvent,
  FeedbackItem,
  FeedbackPage,
  FeedbackSummary,
  Measures,
} from '../../../widgets/admin/api.ts';

export const BASE = '/api/v1/staff/feedback';

export const XSS = '<img src=x onerror="window.__pwned=true"><script>window.__pwned=true</script><b>tebal</b>';

/** A staff token the app can read (a JWT without a meaningful signature), with SLiMS privileges when given. */
export const tokenFor = (uid: number, name: string, priv?: Record<string, { r: boolean; w: boolean }>): string => {
  const part = (value: object) =>
    btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  return `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ sub: String(uid), name, typ: 'staff', ...(priv ? { priv } : {}) })}.signature`;
};

export const staff = [
  { uid: 1, name: 'Admin' },
  { uid: 3, name: 'Sari Pustakawan' },
];

const summary = (over: Partial<FeedbackSummary>): FeedbackSummary => ({
  id: 1,
  code: 'ABCDE-FGHJK',
  kind: 'suggestion',
  text: 'Tolong tambah jam buka pada hari Sabtu',
  purchase: null,
  category: null,
  status: 'new',
  published: false,
  votes: 0,
  assigned: null,
  fromMember: false,
  hasContact: false,
  createdAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  updatedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
  firstResponseAt: null,
  closedAt: null,
  mergedInto: null,
  ...over,
});

export const items: FeedbackSummary[] = [
  summary({
    id: 41,
    code: 'KQ7MX-9RT2P',
    kind: 'suggestion',
    text: 'Tolong tambah jam buka pada hari Sabtu, banyak mahasiswa yang hanya bisa datang di akhir pekan dan ruang baca selalu penuh pada hari kerja sehingga kami harus antre lama sekali.',
    votes: 12,
    published: true,
    category: 'Jam layanan',
    status: 'in_review',
    assigned: { uid: 3, name: 'Sari Pustakawan' },
  }),
  summary({
    id: 42,
    code: 'P2W8N-HJ4KD',
    kind: 'complaint',
    text: 'AC di ruang baca lantai 2 mati.',
    status: 'new',
    createdAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
  }),
  summary({
    id: 43,
    code: 'Z9Y8X-W7V6U',
    kind: 'purchase',
    text: 'Untuk mata kuliah algoritma.',
    purchase: { title: 'Pengantar Algoritma', author: 'Cormen', isbn: '9780262046305' },
    votes: 3,
    status: 'planned',
  }),
];

export const page = (over: Partial<FeedbackPage> = {}): FeedbackPage => ({
  items,
  total: items.length,
  page: 1,
  pageSize: 25,
  counts: { new: 5, in_review: 2, planned: 1, done: 7, declined: 1 },
  ...over,
});

const at = (iso: string) => iso;

export const events: FeedbackEvent[] = [
  { id: 1, type: 'created', from: null, to: 'new', text: null, staff: null, at: at('2026-03-01T02:00:00Z') },
  {
    id: 2,
    type: 'status',
    from: 'new',
    to: 'in_review',
    text: null,
    staff: { uid: 1, name: 'Admin' },
    at: at('2026-03-01T03:00:00Z'),
  },
  {
    id: 3,
    type: 'assign',
    from: null,
    to: 'Sari Pustakawan',
    text: null,
    staff: { uid: 1, name: 'Admin' },
    at: at('2026-03-01T03:05:00Z'),
  },
  {
    id: 4,
    type: 'category',
    from: null,
    to: 'Jam layanan',
    text: null,
    staff: { uid: 1, name: 'Admin' },
    at: at('2026-03-01T03:06:00Z'),
  },
  {
    id: 5,
    type: 'note',
    from: null,
    to: null,
    text: 'Tanyakan ke kepala perpustakaan.',
    staff: { uid: 3, name: 'Sari Pustakawan' },
    at: at('2026-03-01T04:00:00Z'),
  },
  {
    id: 6,
    type: 'publish',
    from: null,
    to: null,
    text: null,
    staff: { uid: 1, name: 'Admin' },
    at: at('2026-03-01T05:00:00Z'),
  },
];

export const item = (over: Partial<FeedbackItem> = {}): FeedbackItem => ({
  ...items[0]!,
  text: 'Tolong tambah jam buka pada hari Sabtu.\nBanyak mahasiswa hanya bisa datang di akhir pekan.',
  memberId: null,
  contact: { email: 'budi@example.org', phone: null, consentAt: '2026-03-01T02:00:00Z' },
  publicReply: null,
  events,
  watchers: 1,
  merged: [],
  hasContact: true,
  ...over,
});

export const purchaseItem = (over: Partial<FeedbackItem> = {}): FeedbackItem =>
  item({
    ...items[2]!,
    text: 'Untuk mata kuliah algoritma.',
    memberId: 'M000123',
    fromMember: true,
    contact: null,
    hasContact: false,
    watchers: 0,
    events: [events[0]!],
    ...over,
  });

/** The item as the server returns it after a change: the fields changed and one more event. */
export const after = (
  base: FeedbackItem,
  change: Partial<FeedbackItem>,
  event: Omit<FeedbackEvent, 'id' | 'at'>,
): FeedbackItem => ({
  ...base,
  ...change,
  events: [...base.events, { id: base.events.length + 100, at: '2026-03-02T06:30:00Z', ...event }],
});

export const measures: Measures = {
  from: '2026-01-05',
  to: '2026-03-29',
  bucket: 'week',
  firstResponse: { count: 40, medianHours: 5.5, meanHours: 20.25, p90Hours: 72 },
  close: { count: 25, medianHours: 96, meanHours: 130, p90Hours: 400 },
  openByAge: [
    { bucket: '0-1d', count: 4 },
    { bucket: '1-3d', count: 3 },
    { bucket: '7-30d', count: 2 },
    { bucket: '30d+', count: 1 },
  ],
  volume: [
    { period: '2026-01-05', kind: 'suggestion', category: 'Koleksi', count: 3 },
    { period: '2026-01-05', kind: 'complaint', category: null, count: 2 },
    { period: '2026-01-19', kind: 'suggestion', category: XSS, count: 1 },
    { period: '2026-01-19', kind: 'purchase', category: 'Koleksi', count: 4 },
  ],
  byKind: { suggestion: 4, complaint: 2, praise: 0, question: 0, purchase: 4 },
};

export const problem = (status: number, code: string, message: string) => ({
  status,
  body: { error: { code, message } },
});
