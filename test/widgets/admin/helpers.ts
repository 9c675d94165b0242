// Helpers for the staff app's browser tests: small assertions, a fetch stub routed by method and
// path that answers with JSON shaped as the staff API's types (widgets/admin/api.ts, which mirror the
// server's route answers), and a mounted <slims-crm-admin> to poke at.
import '../../../widgets/admin/index.ts';
import type { SlimsCrmAdmin } from '../../../widgets/admin/slims-crm-admin.ts';
import type { ResultsResponse, SurveyDetail, SurveySummary } from '../../../widgets/admin/api.ts';

declare global {
  function describe(name: string, body: () => void): void;
  function it(name: string, body: () => void | Promise<void>): void;
  function beforeEach(body: () => void | Promise<void>): void;
  function afterEach(body: () => void | Promise<void>): void;
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, message = ''): void {
  if (actual !== expected)
    throw new Error(`${message} expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

export function deepEqual(actual: unknown, expected: unknown, message = ''): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message}\n expected ${e}\n got      ${a}`);
}

export function includes(haystack: string, needle: string, message = ''): void {
  if (!haystack.includes(needle))
    throw new Error(
      `${message} expected to find ${JSON.stringify(needle)} in ${JSON.stringify(haystack.slice(0, 600))}`,
    );
}

export interface Call {
  method: string;
  url: string;
  path: string;
  headers: Headers;
  body: unknown;
}

type Reply = { status?: number; body?: unknown; text?: string; type?: string };
type Route = Reply | ((call: Call) => Reply);

/** Replaces window.fetch; routes are keyed 'METHOD /path'. Unknown routes answer 404 not_found. */
export function stubFetch(routes: Record<string, Route>): { calls: Call[]; restore: () => void } {
  const original = window.fetch;
  const calls: Call[] = [];
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    const method = (init?.method ?? 'GET').toUpperCase();
    const path = new URL(url, location.href).pathname;
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { method, url, path, headers: new Headers(init?.headers), body };
    calls.push(call);
    const route = routes[`${method} ${path}`];
    const reply: Reply =
      route === undefined
        ? { status: 404, body: { error: { code: 'not_found', message: 'Tidak ditemukan' } } }
        : typeof route === 'function'
          ? route(call)
          : route;
    const status = reply.status ?? 200;
    if (status === 204) return Promise.resolve(new Response(null, { status }));
    const payload = reply.text ?? JSON.stringify(reply.body ?? {});
    return Promise.resolve(
      new Response(payload, { status, headers: { 'Content-Type': reply.type ?? 'application/json' } }),
    );
  };
  return { calls, restore: () => (window.fetch = original) };
}

export const API = 'https://crm.example';

/** Takes the URL's fragment off (the app's route), without a history entry. */
export function clearHash(): void {
  history.replaceState(null, '', location.pathname + location.search);
}

/**
 * Mounts the app; with `signedIn`, a staff token is already in sessionStorage; with `hash`, the page's
 * URL already names a view (a reload, or a link from a colleague).
 */
export async function mount(
  options: { signedIn?: boolean; lang?: string; hash?: string } = {},
): Promise<SlimsCrmAdmin> {
  sessionStorage.clear();
  clearHash();
  if (options.hash) history.replaceState(null, '', options.hash);
  localStorage.removeItem('slims-crm:admin-lang');
  if (options.signedIn) {
    sessionStorage.setItem('slims-crm:staff-token', 'staff-token-1');
    sessionStorage.setItem('slims-crm:staff-name', 'Admin');
  }
  const el = document.createElement('slims-crm-admin');
  el.setAttribute('api', API);
  if (options.lang) el.setAttribute('lang', options.lang);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

export function cleanup(): void {
  for (const el of document.querySelectorAll('slims-crm-admin')) el.remove();
  sessionStorage.clear();
  clearHash();
}

export function $<T extends Element = HTMLElement>(el: SlimsCrmAdmin, selector: string): T | null {
  return el.shadowRoot!.querySelector<T>(selector);
}

export function $$<T extends Element = HTMLElement>(el: SlimsCrmAdmin, selector: string): T[] {
  return [...el.shadowRoot!.querySelectorAll<T>(selector)];
}

export function textOf(node: Element | ShadowRoot | null): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Waits until `probe` returns something truthy (the app renders after its fetches resolve). */
export async function waitFor<T>(
  probe: () => T | null | undefined | false | '',
  message: string,
  timeout = 3000,
): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (performance.now() - start > timeout) throw new Error(`timed out waiting for ${message}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function typeInto(input: HTMLInputElement | HTMLTextAreaElement | null, value: string): void {
  assert(input, 'input exists');
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** The button (or link) whose visible text is exactly `label`. */
export function button(el: SlimsCrmAdmin, label: string, scope = ''): HTMLElement {
  const visible = (b: Element) => textOf(b).replace(/^[+←⤓]\s*/, '');
  const found = $$(el, `${scope} button, ${scope} a`).find(
    (b) => visible(b) === label || b.getAttribute('aria-label') === label,
  );
  assert(
    found,
    `a button labelled ${JSON.stringify(label)}; have ${$$(el, 'button')
      .map((b) => textOf(b))
      .join(' | ')}`,
  );
  return found;
}

export const tick = () => new Promise((r) => setTimeout(r, 0));

// Fixtures shaped as the staff survey API answers them (the types in widgets/admin/api.ts, which
// follow the server's surveys routes).

const summary = (over: Partial<SurveySummary>): SurveySummary => ({
  id: 1,
  slug: 'jam-buka',
  kind: 'poll',
  title: 'Jam buka perpustakaan',
  status: 'open',
  state: 'open',
  audience: 'anyone',
  opensAt: null,
  closesAt: null,
  resultsVisibility: 'after_answer',
  responses: 0,
  createdAt: '2026-03-01T02:00:00Z',
  updatedAt: '2026-03-01T02:00:00Z',
  ...over,
});

export const surveys: SurveySummary[] = [
  summary({ id: 7, slug: 'jam-buka', title: 'Jam buka perpustakaan', responses: 128, state: 'open', status: 'open' }),
  summary({
    id: 8,
    slug: 'kepuasan-2026',
    kind: 'survey',
    title: 'Survei kepuasan 2026',
    responses: 0,
    state: 'draft',
    status: 'draft',
  }),
  summary({
    id: 9,
    slug: 'koleksi-baru',
    title: 'Koleksi baru',
    responses: 45,
    state: 'closed',
    status: 'closed',
    closesAt: '2026-02-01T09:00:00Z',
  }),
  summary({
    id: 10,
    slug: 'pameran-buku',
    title: 'Pameran buku',
    responses: 0,
    state: 'scheduled',
    status: 'open',
    opensAt: '2027-01-10T01:00:00Z',
  }),
];

export const pollDetail: SurveyDetail = {
  ...surveys[0]!,
  description: 'Kapan Anda paling sering datang?',
  questions: [
    {
      id: 12,
      type: 'single',
      prompt: 'Jam buka mana yang Anda pilih?',
      required: true,
      maxLength: null,
      options: [
        { id: 31, label: 'Pagi' },
        { id: 32, label: 'Siang' },
        { id: 33, label: 'Malam' },
      ],
    },
  ],
};

export const surveyDetail: SurveyDetail = {
  ...surveys[1]!,
  id: 8,
  responses: 3,
  description: null,
  questions: [
    { id: 20, type: 'rating', prompt: 'Seberapa puas Anda?', required: true, maxLength: null, options: [] },
    {
      id: 21,
      type: 'nps',
      prompt: 'Seberapa mungkin Anda merekomendasikan kami?',
      required: true,
      maxLength: null,
      options: [],
    },
    { id: 22, type: 'text', prompt: 'Saran Anda', required: false, maxLength: 500, options: [] },
    {
      id: 23,
      type: 'multiple',
      prompt: 'Layanan yang dipakai',
      required: false,
      maxLength: null,
      options: [
        { id: 40, label: 'Sirkulasi' },
        { id: 41, label: 'Referensi' },
      ],
    },
  ],
};

export const surveyResults: ResultsResponse = {
  results: {
    total: 128,
    questions: [
      {
        id: 20,
        type: 'rating',
        answered: 120,
        mean: 4.2,
        distribution: [
          { value: 1, count: 3 },
          { value: 4, count: 50 },
          { value: 5, count: 67 },
        ],
        nps: null,
      },
      {
        id: 21,
        type: 'nps',
        answered: 85,
        mean: null,
        distribution: [
          { value: 10, count: 50 },
          { value: 8, count: 20 },
          { value: 3, count: 15 },
        ],
        nps: { score: 41, promoters: 50, passives: 20, detractors: 15 },
      },
      {
        id: 22,
        type: 'text',
        answered: 2,
        texts: [
          { text: '<script>window.__pwned = true</script><b>tebal</b>', createdAt: '2026-03-02T03:00:00Z' },
          { text: 'Tambah koleksi komik <img src=x onerror="window.__pwned=true">', createdAt: '2026-03-01T03:00:00Z' },
        ],
      },
      {
        id: 23,
        type: 'multiple',
        answered: 90,
        options: [
          { id: 40, label: 'Sirkulasi', count: 80, percent: 88.9 },
          { id: 41, label: 'Referensi', count: 30, percent: 33.3 },
        ],
      },
    ],
  },
  timeline: [
    { date: '2026-03-01', count: 100 },
    { date: '2026-03-03', count: 28 },
  ],
};

export const session = {
  token: 'staff-token-1',
  expiresAt: '2026-03-01T10:00:00Z',
  staff: { uid: 1, name: 'Admin', privileges: { membership: { r: true, w: true } } },
};
