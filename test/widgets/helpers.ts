// Test helpers for the widget tests: a minimal assert, waiting, and a window.fetch stub routed by
// "METHOD /path" that serves contract-shaped JSON and records every request.

declare global {
  // mocha's globals, provided by web-test-runner in the page
  function describe(name: string, fn: () => void): void;
  function it(name: string, fn: () => void | Promise<void>): void;
  function beforeEach(fn: () => void | Promise<void>): void;
  function afterEach(fn: () => void | Promise<void>): void;
}

export function assert(condition: unknown, message = 'assertion failed'): asserts condition {
  if (!condition) throw new Error(message);
}

export function equal<T>(actual: T, expected: T, message = ''): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new Error(`${message ? `${message}: ` : ''}expected ${e}, got ${a}`);
}

export function includes(text: string | null | undefined, part: string, message = ''): void {
  if (!text?.includes(part))
    throw new Error(
      `${message ? `${message}: ` : ''}expected ${JSON.stringify(text)} to include ${JSON.stringify(part)}`,
    );
}

/** Polls until `fn` returns something truthy (or stops throwing). */
export async function until<T>(fn: () => T, what = 'condition', timeoutMs = 3000): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = fn();
      if (value) return value as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export interface Call {
  method: string;
  path: string;
  url: URL;
  headers: Headers;
  body: unknown;
}

/** Answer for a route: a Response, or 'offline' to reject the way a dropped connection does. */
export type Route = (call: Call, n: number) => Response | 'offline' | Promise<Response | 'offline'>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

export const apiError = (status: number, code: string, message = code, details?: unknown): Response =>
  json(status, { error: { code, message, ...(details ? { details } : {}) } });

export interface FetchStub {
  calls: Call[];
  routes: Record<string, Route>;
  restore(): void;
}

export function stubFetch(routes: Record<string, Route>): FetchStub {
  const original = window.fetch;
  const counts = new Map<string, number>();
  const stub: FetchStub = { calls: [], routes, restore: () => void (window.fetch = original) };
  window.fetch = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (!url.pathname.startsWith('/api/')) return original(input, init);
    const method = (init.method ?? 'GET').toUpperCase();
    const call: Call = {
      method,
      path: url.pathname,
      url,
      headers: new Headers(init.headers),
      body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined,
    };
    stub.calls.push(call);
    const key = `${method} ${url.pathname}`;
    const n = counts.get(key) ?? 0;
    counts.set(key, n + 1);
    const route = stub.routes[key];
    const answer = route ? await route(call, n) : apiError(404, 'not_found');
    if (answer === 'offline') throw new TypeError('Failed to fetch');
    return answer;
  };
  return stub;
}

/** A survey payload as GET /api/v1/surveys/:slug returns it. */
export function surveyPayload(overrides: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): unknown {
  return {
    survey: {
      slug: 'jam-buka',
      kind: 'poll',
      title: 'Jam buka perpustakaan',
      description: null,
      audience: 'anyone',
      state: 'open',
      opensAt: null,
      closesAt: null,
      resultsVisibility: 'after_answer',
      questions: [
        {
          id: 12,
          type: 'single',
          prompt: 'Kapan sebaiknya perpustakaan buka pada hari Sabtu?',
          required: true,
          maxLength: null,
          options: [
            { id: 31, label: 'Pagi' },
            { id: 32, label: 'Siang' },
            { id: 33, label: 'Sore' },
          ],
        },
      ],
      ...overrides,
    },
    answered: false,
    results: null,
    ...extra,
  };
}

export const pollResults = {
  total: 120,
  questions: [
    {
      id: 12,
      type: 'single',
      answered: 120,
      options: [
        { id: 31, label: 'Pagi', count: 80, percent: 66.7 },
        { id: 32, label: 'Siang', count: 30, percent: 25 },
        { id: 33, label: 'Sore', count: 10, percent: 8.3 },
      ],
      mean: null,
      distribution: [],
      nps: null,
    },
  ],
};

/** Collects uncaught errors and unhandled rejections in the page while a test runs. */
export function watchUncaught(): { errors: unknown[]; stop(): void } {
  const errors: unknown[] = [];
  const onError = (e: ErrorEvent): void => void errors.push(e.error ?? e.message);
  const onRejection = (e: PromiseRejectionEvent): void => void errors.push(e.reason);
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return {
    errors,
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
    },
  };
}

export function mount<T extends HTMLElement>(markup: string): T {
  const host = document.createElement('div');
  host.innerHTML = markup;
  document.body.append(host);
  return host.firstElementChild as T;
}

export const shadow = (el: Element): ShadowRoot => {
  assert(el.shadowRoot, `${el.localName} has no shadow root`);
  return el.shadowRoot;
};

export const statusText = (el: Element): string => shadow(el).querySelector('[role=status]')?.textContent?.trim() ?? '';

/** What the element shows on screen: the rendered text of its shadow DOM (hidden parts left out), spaces collapsed. */
export const visibleText = (el: Element): string =>
  [...shadow(el).children]
    .map((child) => (child instanceof HTMLElement ? child.innerText : ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();

/** A control's accessible name as these widgets give it: aria-label, else aria-labelledby, else its own text. */
export function accessibleName(control: Element): string {
  const root = control.getRootNode() as Document | ShadowRoot;
  const labelledBy = control.getAttribute('aria-labelledby');
  const name =
    control.getAttribute('aria-label') ??
    (labelledBy
      ? labelledBy
          .split(/\s+/)
          .map((id) => root.getElementById(id)?.textContent ?? '')
          .join(' ')
      : control.textContent);
  return (name ?? '').replace(/\s+/g, ' ').trim();
}

/** The first button named `name` (exactly) in a widget's shadow DOM, or under any other element; null when none is. */
export function button(scope: Element, name: string): HTMLButtonElement | null {
  const buttons = (scope.shadowRoot ?? scope).querySelectorAll('button');
  return [...buttons].find((b) => accessibleName(b) === name) ?? null;
}

/** Waits until the element has drawn its status line and that line no longer says it is loading. */
export const loaded = (el: Element, what = `${el.localName} to load`): Promise<unknown> =>
  until(() => {
    const status = shadow(el).querySelector('[role=status]');
    return status && !['Memuat…', 'Loading…'].includes(status.textContent?.trim() ?? '');
  }, what);

/** A SlimsCRM global whose member token the widgets can change, as the loader's can (and that fires its event). */
export function fakeSlimsCRM(initial: string | null): NonNullable<Window['SlimsCRM']> {
  let token = initial;
  window.SlimsCRM = {
    version: 'test',
    apiBase: location.origin,
    get memberToken() {
      return token;
    },
    setMemberToken: (next: string | null) => {
      token = next;
      document.dispatchEvent(new CustomEvent('slims-member-token'));
    },
  };
  return window.SlimsCRM;
}

/** Markup (and replacement patterns) that must stay text wherever a widget shows what someone typed. */
export const HOSTILE = '<img src=x onerror="window.__slimsXss=1"><script>window.__slimsXss=1</script> $& $\'';

/** An item as its submitter sees it (GET /api/v1/feedback/items/:code). */
export function ownItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: 'ABCDE-FGHJK',
    kind: 'suggestion',
    text: 'Mohon tambah colokan listrik di ruang baca.',
    purchase: null,
    status: 'new',
    published: false,
    votes: 0,
    createdAt: '2026-03-02T03:04:05.000Z',
    updatedAt: '2026-03-02T03:04:05.000Z',
    publicReply: null,
    replies: [],
    history: [],
    ...overrides,
  };
}

/** An item on the public board (GET /api/v1/feedback/board). */
export function boardItem(id: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    kind: 'suggestion',
    text: `Saran nomor ${id}`,
    purchase: null,
    status: 'planned',
    votes: 3,
    votable: true,
    voted: false,
    createdAt: '2026-03-02T03:04:05.000Z',
    publicReply: null,
    fromMember: false,
    ...overrides,
  };
}
