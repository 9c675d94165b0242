// Test harness for a REAL SLiMS (9.7.0 or 9.4.2): installs it from the release tarball into a temp folder, serves
// it with `php -S`, and drives it over HTTP exactly as a librarian's browser would (same URLs, same bodies, same
// X-Requested-With and header capitals as SLiMS's jQuery in Chromium), so plugin tests see what a library sees.
// Install facts: ../shared/SLIMS-INSTALL.md beside this repository. SLiMS's code is never copied into it.
//
// HTTP flows (read from the admin/ and lib/contents/ sources of both tarballs; the same in 9.7.0 and 9.4.2 unless
// noted). "Plain post" = a normal form submission (into a hidden iframe in the real UI); "XHR" = jQuery's AJAX.
// - Staff login: GET index.php?p=login, POST it userName, passWord, the CSRF hidden field, logMeIn=Login.
//               9.7: 302 to admin/index.php. 9.4.2: 200 `<script>location.href = '/admin/index.php';</script>`.
// - Add member: GET  admin/modules/membership/index.php?action=detail&ajaxload=1 (XHR; the "Add New Member" link),
//               POST the same URL, multipart: every mainForm field + saveData=Save (plain post). Success, HTTP 200:
//               9.7 `top.toastr.success("New Member Data Successfully Saved", "Success", {…})`, 9.4.2
//               `alert("New Member Data Successfully Saved")`; both then
//               `parent.$('#mainContent').simbioAJAX('/admin/modules/membership/index.php')`.
// - Member login: GET index.php?p=member, POST index.php?p=member&destination= memberID, memberPassWord, CSRF,
//               logMeIn=Login → 302 (see memberLogin for 9.4.2's Location).
// - Loan:       POST circulation/circulation_action.php memberID=M0001 (XHR: gui.js submits "Start Transaction"
//               through simbioAJAX) → the member panel with <form id="finishForm">;
//               GET  circulation/loan.php (the "Loans" tab iframe);
//               POST circulation_action.php tempLoanID=B00001 (plain post from that iframe) → on success only
//               `<script>location.href = 'loan.php';</script>` (a refusal adds a toastr (9.7) / alert (9.4.2) first);
//               GET  circulation/loan.php (now lists the item).
// - Finish:     POST circulation_action.php finish=true (plain post). This writes the `loan` rows and fires
//               `circulation_after_successful_transaction`. Success, HTTP 200, only
//               `<script>parent.$('#mainContent').simbioAJAX('/admin/modules/circulation/index.php', {method:
//               'post', addData: 'finishID=M0001'});</script>` (plus a "Transaction finished" toastr/alert when the
//               setting transaction_finished_notification is on; it is off by default). The page then does
//               POST circulation/index.php finishID=M0001 (XHR) → "Transaction with member M0001 is completed".
// - Quick Return: GET circulation/quick_return.php (XHR), POST circulation/ajax_action.php quickReturnID=B00001
//               (plain post) → a script relaying to POST circulation_action.php quickReturnID=B00001 (XHR) → 200, a
//               table "Item B00001 successfully returned on&nbsp;<date>". 9.7 fires
//               `circulation_after_successful_transaction` here too; 9.4.2 fires no hook on quick return.
// - Plugin on:  GET admin/modules/system/plugins.php (XHR) lists plugins; the toggle's id is md5(plugin file path).
//               9.7   POST admin/modules/system/plugin_action.php, Content-Type application/json,
//                     {"format":"json","enable":true,"id":"<md5>","runDown":false}
//                     → {"status":true,"message":"Plugin <name> enabled"} (application/json).
//               9.4.2 POST admin/modules/system/plugins.php, the JSON string {"enable":true,"id":…,"runDown":false}
//                     as fetch() sends a string body (text/plain;charset=UTF-8) → the same JSON, as text/html.
// Hooks: 9.7 calls hook callbacks with positional arguments; 9.4.2 with named ones (call_user_func_array with
// ['data' => …]), so on 9.4.2 a callback's parameter must be called $data or PHP throws "Unknown named parameter".
import { execFile as execFileCb, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createConnection as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createConnection, createPool, type Pool } from 'mysql2/promise';
import type { Page } from 'puppeteer-core';
import { openChromium } from './chromium.ts';

export { openChromium };
import { freePort } from './ports.ts';

const execFile = promisify(execFileCb);
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export type SlimsVersion = '9.7.0' | '9.4.2';
export const SLIMS_VERSIONS: readonly SlimsVersion[] = ['9.7.0', '9.4.2'];
/** The items of the installer's sample data (one copy each of the first ten titles), free to lend. */
export const SAMPLE_ITEM_CODES: readonly string[] = Array.from(
  { length: 10 },
  (_, i) => `B${String(i + 1).padStart(5, '0')}`,
);
/** The admin account the installer creates (install/api.php do-install). */
export const SLIMS_ADMIN = { user: 'admin', password: 'admin' } as const;

/** The tarball of a SLiMS release, or null when it is not on this machine (tests then skip). */
export function slimsTarball(version: SlimsVersion): string | null {
  const folder = process.env.CRM_TEST_SLIMS_DIR ?? join(REPO, '..', 'shared', 'slims');
  const file = join(folder, `slims-${version}.tar.xz`);
  return existsSync(file) ? file : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Error detection

export interface SlimsProblem {
  /** page: SLiMS 9.7's error renderer; json: its JSON form; php: PHP's own message text; env / sql: see below. */
  kind: 'page' | 'json' | 'php' | 'env' | 'sql';
  /** 'Warning', 'Deprecated', 'Fatal error', … for php; the exception class or 'error' for 9.7's renderer. */
  level: string;
  message: string;
  file: string | null;
  line: number | null;
}

const PHP_MESSAGE =
  /(?:^|[\n>])[ \t]*(?:\[[^\]\n]*\] )*(?:PHP )?(?:<b>)?(Fatal error|Parse error|Recoverable fatal error|Warning|Notice|Deprecated|Strict Standards)(?:<\/b>)?:\s+([\s\S]{0,600}?) in (?:<b>)?([^\s<]+?)(?:<\/b>)? on line (?:<b>)?(\d+)/g;

/**
 * Every piece of SLiMS's or PHP's error output in a response body (or a php -S log):
 * - 9.7 development renderer (template/exception.php): a "PHP 8.2.x | SLiMS v9.7.0" bar, <h4>class</h4><h1>message</h1>,
 *   "in <strong>file</strong> on line <strong>n</strong>", then "Traces". Sent with HTTP 500, and it ends the request,
 *   for every E_WARNING (even an @-silenced one: the handler ignores error_reporting) and every uncaught exception.
 *   9.7's handler swallows notices, deprecations and E_USER_WARNING without a trace, so those never show on 9.7.
 * - 9.7 production renderer (template/errorproduction.php): title "Oops Error", <h1>Error</h1>, "change system
 *   environment to development".
 * - 9.7's JSON form of both, for requests with Content-Type or X-Response-With application/json:
 *   {"status":false,"message":…,"file":…,"line":…,"traces":[…]}, or {"status":false,"message":"Something error"}.
 * - PHP's display_errors text: 9.4.2 has no handler of its own, so in development mode every message is printed
 *   into the page: "<br />\n<b>Deprecated</b>:  … in <b>file</b> on line <b>n</b><br />" (also Warning, Notice,
 *   Fatal error, …). The php -S log has the same as "[pid] [date] PHP Deprecated:  … in file on line n".
 * - 9.7's 503 page when config/env.php is missing, and the datagrid's "MySQL Server said" box (development mode).
 */
export function slimsProblems(text: string): SlimsProblem[] {
  const problems: SlimsProblem[] = [];
  const dev =
    /<h4>([^<]*)<\/h4>\s*<h1>([\s\S]*?)<\/h1>\s*<span>in <strong>([^<]*)<\/strong> on line <strong>(\d+)<\/strong>/.exec(
      text,
    );
  if (dev && /\| SLiMS [^<]*<\/strong>|<h4>Traces<\/h4>/.test(text)) {
    problems.push({
      kind: 'page',
      level: dev[1] ?? 'Exception',
      message: stripTags(dev[2] ?? '').trim(),
      file: dev[3] ?? null,
      line: Number(dev[4]),
    });
  } else if (
    /<title>Oops Error<\/title>/.test(text) ||
    /system environment to development<\/strong> at system module/.test(text)
  ) {
    problems.push({
      kind: 'page',
      level: 'error',
      message: 'SLiMS production error page ("Oops Error")',
      file: null,
      line: null,
    });
  }
  for (const m of text.matchAll(PHP_MESSAGE)) {
    problems.push({
      kind: 'php',
      level: m[1] ?? '',
      message: stripTags(m[2] ?? '').trim(),
      file: m[3] ?? null,
      line: Number(m[4]),
    });
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const json = JSON.parse(trimmed) as Record<string, unknown>;
      if (json.status === false && ('traces' in json || json.message === 'Something error')) {
        problems.push({
          kind: 'json',
          level: 'error',
          message: String(json.message),
          file: typeof json.file === 'string' ? json.file : null,
          line: typeof json.line === 'number' ? json.line : null,
        });
      }
    } catch {
      // not JSON after all: nothing to report from this branch
    }
  }
  if (/The Application Environment is not set correctly/i.test(text)) {
    problems.push({
      kind: 'env',
      level: 'error',
      message: 'SLiMS 503: environment not set (config/env.php)',
      file: null,
      line: null,
    });
  }
  for (const m of text.matchAll(/ERROR<br \/>MySQL Server said : ([^<]*)/g)) {
    problems.push({
      kind: 'sql',
      level: 'error',
      message: `datagrid SQL error: ${m[1] ?? ''}`,
      file: null,
      line: null,
    });
  }
  return problems;
}

export function describeProblem(p: SlimsProblem): string {
  const where = p.file ? ` in ${p.file}:${p.line ?? '?'}` : '';
  const label =
    p.kind === 'page'
      ? 'SLiMS error page'
      : p.kind === 'json'
        ? 'SLiMS JSON error'
        : p.kind === 'php'
          ? 'PHP'
          : 'SLiMS';
  return `${label} ${p.level}: ${p.message}${where}`;
}

export type ProblemFilter = (problem: SlimsProblem) => boolean;

/**
 * A short description of the first error output in a response body, or null when there is none.
 * `ignore` drops problems a test does not care about, typically `slimsOwnProblem(install)`.
 */
export function slimsErrorIn(text: string, ignore?: ProblemFilter): string | null {
  const problem = slimsProblems(text).find((p) => !ignore?.(p));
  return problem ? describeProblem(problem) : null;
}

/** The PHP messages in a php -S log, e.g. `phpLogProblems(install.phpLog()).filter((p) => p.level === 'Warning')`. */
export function phpLogProblems(log: string): SlimsProblem[] {
  return slimsProblems(log).filter((p) => p.kind === 'php');
}

/**
 * Messages SLiMS prints by itself in development mode on PHP 8.2, with no plugin enabled (seen while driving the
 * OPAC, the logins, membership, circulation and System > Plugins). File paths are relative to the SLiMS root.
 * 9.7 prints none of these kinds (its handler hides notices and deprecations), so the list is 9.4.2's.
 */
export const SLIMS_OWN_PROBLEMS: Record<
  SlimsVersion,
  ReadonlyArray<{ level: string; file: RegExp; message: RegExp }>
> = {
  '9.7.0': [],
  '9.4.2': [
    // Every Membership > Add New Member save (9.7 tests isset($custom_data) instead).
    {
      level: 'Warning',
      file: /^admin\/modules\/membership\/index\.php$/,
      message: /^Undefined variable \$custom_data$/,
    },
    // GET index.php?p=member (the member login form prints $_GET['destination'] unchecked, into its action).
    { level: 'Warning', file: /^lib\/contents\/member\.inc\.php$/, message: /^Undefined array key "destination"$/ },
  ],
};

/**
 * A filter for slimsErrorIn/phpLogProblems that drops what SLiMS itself prints with no plugin: every Deprecated
 * from a file outside <dir>/plugins/ (9.4.2 predates PHP 8.1/8.2 and is full of them), and the known warnings and
 * notices in SLIMS_OWN_PROBLEMS. Anything raised in a plugin's own files is always kept.
 */
export function slimsOwnProblem(install: Pick<SlimsInstall, 'dir' | 'version'>): ProblemFilter {
  const root = `${install.dir}/`;
  return (p) => {
    if (p.kind !== 'php' || !p.file?.startsWith(root)) return false;
    const relative = p.file.slice(root.length);
    if (relative.startsWith('plugins/')) return false;
    if (p.level === 'Deprecated') return true;
    return SLIMS_OWN_PROBLEMS[install.version].some(
      (k) => k.level === p.level && k.file.test(relative) && k.message.test(p.message),
    );
  };
}

function stripTags(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ''));
}

// ---------------------------------------------------------------------------------------------------------------
// A browser without a browser: fetch + cookie jar + HTML forms

export interface Cookie {
  name: string;
  value: string;
  /** Always host-only here (SLiMS sets no Domain attribute); kept for copying into Chromium. */
  domain: string;
  path: string;
  httpOnly: boolean;
  /** Epoch milliseconds, or null for a session cookie. */
  expires: number | null;
}

export interface BrowserResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The URL that answered (after any redirects that were followed). */
  url: string;
  /** Absolute Location header of a redirect that was not followed, else null. */
  location: string | null;
}

export type FormFields =
  Record<string, string | number | readonly (string | number)[] | undefined> | ReadonlyArray<readonly [string, string]>;

export type PostBody =
  | { form: FormFields }
  | { json: unknown }
  | { multipart: FormFields | FormData }
  /** A body sent as is, e.g. what fetch() sends for a string body: text/plain;charset=UTF-8. */
  | { raw: string; contentType: string };

export interface RequestOptions {
  /** Extra request headers; they win over the defaults (User-Agent, Accept, Cookie, Content-Type, …). */
  headers?: Record<string, string>;
  /** Add X-Requested-With: XMLHttpRequest, as jQuery's $.ajax (SLiMS's simbioAJAX) does. */
  xhr?: boolean;
  /** Redirects are returned as is unless this is true (up to 10) or a number of hops. */
  followRedirects?: boolean | number;
}

export interface HistoryEntry {
  method: string;
  url: string;
  status: number;
  text: string;
}

/** A tiny HTTP client (node:http) with a cookie jar, enough to be a librarian's browser to SLiMS. */
export class Browserless {
  readonly baseUrl: string;
  /** Every response this client received, in order (so a test can check them all for PHP errors). */
  readonly history: HistoryEntry[] = [];
  private jar: Cookie[] = [];

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  }

  get(path: string, opts: RequestOptions = {}): Promise<BrowserResponse> {
    return this.request('GET', path, undefined, opts);
  }

  post(path: string, body: PostBody, opts: RequestOptions = {}): Promise<BrowserResponse> {
    return this.request('POST', path, body, opts);
  }

  async request(
    method: string,
    path: string,
    body: PostBody | undefined,
    opts: RequestOptions = {},
  ): Promise<BrowserResponse> {
    let url = new URL(path, this.baseUrl);
    const maxHops =
      opts.followRedirects === true ? 10 : typeof opts.followRedirects === 'number' ? opts.followRedirects : 0;
    for (let hop = 0; ; hop++) {
      // Header names are sent with a browser's capitals: SLiMS 9.7 reads some through getallheaders(), which is
      // case-sensitive under php -S ($headers['Content-Type'], $headers['X-Requested-With'] in lib/Error.php and
      // simbio_security). fetch() would send them lowercased and SLiMS would answer differently than to Chromium.
      const headers: Record<string, string> = {
        'User-Agent': USER_AGENT,
        Accept: opts.xhr ? '*/*' : 'text/html,application/xhtml+xml,*/*;q=0.8',
      };
      const cookie = this.cookieHeader(url);
      if (cookie) headers.Cookie = cookie;
      if (opts.xhr) headers['X-Requested-With'] = 'XMLHttpRequest';
      const payload = body ? await encodeBody(body) : null;
      if (payload) {
        headers['Content-Type'] = payload.contentType;
        headers.Origin = url.origin;
      }
      Object.assign(headers, opts.headers);
      const res = await send(method, url, headers, payload?.bytes ?? null);
      this.storeCookies(url, res.headers.getSetCookie());
      this.history.push({ method, url: url.href, status: res.status, text: res.text });
      const location = res.headers.get('location');
      const target = location !== null ? URL.parse(location, url) : null;
      if (target && res.status >= 300 && res.status < 400 && hop < maxHops) {
        // Browsers turn a POST into a GET on 301/302/303; 307/308 repeat the request.
        if (res.status <= 303) {
          method = 'GET';
          body = undefined;
        }
        url = target;
        continue;
      }
      return {
        status: res.status,
        headers: res.headers,
        text: res.text,
        url: url.href,
        location: target?.href ?? null,
      };
    }
  }

  /** A live copy of the jar (expired cookies dropped). */
  cookies(): Cookie[] {
    const now = Date.now();
    this.jar = this.jar.filter((c) => c.expires === null || c.expires > now);
    return this.jar.map((c) => ({ ...c }));
  }

  cookie(name: string): string | undefined {
    return this.cookies().find((c) => c.name === name)?.value;
  }

  setCookie(cookie: Omit<Cookie, 'domain' | 'httpOnly' | 'expires'> & Partial<Cookie>): void {
    const full: Cookie = { domain: new URL(this.baseUrl).hostname, httpOnly: false, expires: null, ...cookie };
    this.jar = this.jar.filter((c) => !(c.name === full.name && c.path === full.path));
    this.jar.push(full);
  }

  private cookieHeader(url: URL): string {
    return this.cookies()
      .filter((c) => c.domain === url.hostname && pathMatches(url.pathname, c.path))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private storeCookies(url: URL, setCookies: string[]): void {
    for (const line of setCookies) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq < 1) continue;
      const cookie: Cookie = {
        name: pair.slice(0, eq).trim(),
        value: pair.slice(eq + 1).trim(),
        domain: url.hostname,
        path: defaultCookiePath(url.pathname),
        httpOnly: false,
        expires: null,
      };
      let maxAge: number | null = null;
      for (const attr of attrs) {
        const [k = '', ...v] = attr.split('=');
        const key = k.trim().toLowerCase();
        const value = v.join('=').trim();
        if (key === 'path' && value.startsWith('/')) cookie.path = value;
        else if (key === 'httponly') cookie.httpOnly = true;
        else if (key === 'expires') {
          const t = Date.parse(value);
          if (!Number.isNaN(t)) cookie.expires = t;
        } else if (key === 'max-age' && /^-?\d+$/.test(value)) maxAge = Number(value);
      }
      // Max-Age wins over Expires (RFC 6265 §5.3); SLiMS deletes cookies with a past Expires and value "deleted".
      if (maxAge !== null) cookie.expires = Date.now() + maxAge * 1000;
      this.jar = this.jar.filter(
        (c) => !(c.name === cookie.name && c.path === cookie.path && c.domain === cookie.domain),
      );
      if (cookie.expires === null || cookie.expires > Date.now()) this.jar.push(cookie);
    }
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

function defaultCookiePath(requestPath: string): string {
  const slash = requestPath.lastIndexOf('/');
  return slash <= 0 ? '/' : requestPath.slice(0, slash);
}

function fieldEntries(fields: FormFields): Array<[string, string]> {
  if (Array.isArray(fields)) return (fields as ReadonlyArray<readonly [string, string]>).map(([k, v]) => [k, v]);
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(
    fields as Record<string, string | number | readonly (string | number)[] | undefined>,
  )) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v as readonly (string | number)[]) out.push([k, String(item)]);
    else out.push([k, String(v)]);
  }
  return out;
}

const USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 slims-crm-test';

async function encodeBody(body: PostBody): Promise<{ contentType: string; bytes: Buffer }> {
  if ('form' in body) {
    return {
      contentType: 'application/x-www-form-urlencoded',
      bytes: Buffer.from(new URLSearchParams(fieldEntries(body.form)).toString()),
    };
  }
  if ('json' in body) return { contentType: 'application/json', bytes: Buffer.from(JSON.stringify(body.json)) };
  if ('multipart' in body) {
    const fields = body.multipart;
    let data: FormData;
    if (fields instanceof FormData) data = fields;
    else {
      data = new FormData();
      for (const [k, v] of fieldEntries(fields)) data.append(k, v);
    }
    // Response encodes FormData as a browser does and picks the boundary.
    const encoded = new Response(data);
    return {
      contentType: encoded.headers.get('content-type') ?? 'multipart/form-data',
      bytes: Buffer.from(await encoded.arrayBuffer()),
    };
  }
  return { contentType: body.contentType, bytes: Buffer.from(body.raw) };
}

function send(
  method: string,
  url: URL,
  headers: Record<string, string>,
  body: Buffer | null,
): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((ok, fail) => {
    const req = httpRequest(
      url,
      { method, headers: body ? { ...headers, 'Content-Length': String(body.length) } : headers, timeout: 60_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', fail);
        res.on('end', () => {
          const out = new Headers();
          for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
            // Headers refuses some names and values a PHP script can emit: drop those rather than fail the request.
            try {
              out.append(res.rawHeaders[i] ?? '', res.rawHeaders[i + 1] ?? '');
            } catch {
              // dropped: not representable
            }
          }
          ok({ status: res.statusCode ?? 0, headers: out, text: Buffer.concat(chunks).toString('utf8') });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.href}: no answer in 60 s`)));
    req.on('error', fail);
    req.end(body ?? undefined);
  });
}

// --- HTML forms, parsed the way a browser would submit them ------------------------------------------------------

export interface HtmlForm {
  attrs: Record<string, string>;
  /** Absolute URL the form posts to (action resolved against the page). */
  action: string;
  method: string;
  /** The successful controls a browser sends, without submit buttons, in document order. */
  fields: Array<[string, string]>;
  /** Named submit buttons: [name, value]. A browser adds only the one that was clicked. */
  submits: Array<[string, string]>;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return NAMED_ENTITIES[e.toLowerCase()] ?? m;
  });
}

function parseAttrs(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
  for (let m = re.exec(source); m; m = re.exec(source)) {
    const key = (m[1] ?? '').toLowerCase();
    if (!(key in attrs)) attrs[key] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return attrs;
}

/** Every <form> in a page with the values a browser would submit (regex-based: enough for SLiMS's markup). */
export function parseForms(html: string, pageUrl: string): HtmlForm[] {
  const forms: HtmlForm[] = [];
  let form: HtmlForm | null = null;
  let select: {
    name: string;
    multiple: boolean;
    disabled: boolean;
    options: Array<{ value: string; selected: boolean }>;
  } | null = null;
  const closeSelect = () => {
    if (select && form && !select.disabled && select.name) {
      const chosen = select.options.filter((o) => o.selected);
      const values = chosen.length ? chosen : select.multiple ? [] : select.options.slice(0, 1);
      for (const o of values) form.fields.push([select.name, o.value]);
    }
    select = null;
  };
  const re = /<(\/?)(form|input|select|option|textarea|button)\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    const closing = m[1] === '/';
    const tag = (m[2] ?? '').toLowerCase();
    const attrs = parseAttrs(m[3] ?? '');
    if (tag === 'form') {
      closeSelect();
      if (closing) {
        form = null;
        continue;
      }
      form = {
        attrs,
        action: new URL(attrs.action || pageUrl, pageUrl).href,
        method: (attrs.method || 'get').toLowerCase(),
        fields: [],
        submits: [],
      };
      forms.push(form);
      continue;
    }
    if (!form) continue;
    const name = attrs.name ?? '';
    const disabled = 'disabled' in attrs;
    if (tag === 'select') {
      closeSelect();
      if (!closing) select = { name, multiple: 'multiple' in attrs, disabled, options: [] };
    } else if (tag === 'option' && !closing && select) {
      let value = attrs.value;
      if (value === undefined) value = decodeEntities((/^[^<]*/.exec(html.slice(re.lastIndex))?.[0] ?? '').trim());
      select.options.push({ value, selected: 'selected' in attrs });
    } else if (tag === 'textarea' && !closing) {
      const end = html.indexOf('</textarea', re.lastIndex);
      const content = html.slice(re.lastIndex, end < 0 ? undefined : end).replace(/^\r?\n/, '');
      if (name && !disabled) form.fields.push([name, decodeEntities(content)]);
      if (end >= 0) re.lastIndex = end;
    } else if (tag === 'button' && !closing) {
      if (name && (attrs.type ?? 'submit').toLowerCase() === 'submit') form.submits.push([name, attrs.value ?? '']);
    } else if (tag === 'input' && name && !disabled) {
      const type = (attrs.type ?? 'text').toLowerCase();
      if (type === 'submit' || type === 'image') form.submits.push([name, attrs.value ?? '']);
      else if (type === 'checkbox' || type === 'radio') {
        if ('checked' in attrs) form.fields.push([name, attrs.value ?? 'on']);
      } else if (type !== 'button' && type !== 'reset' && type !== 'file') form.fields.push([name, attrs.value ?? '']);
    }
  }
  closeSelect();
  return forms;
}

/** A form's fields with some replaced (every field of that name is dropped, then the new values appended). */
export function fillForm(
  form: HtmlForm,
  values: Record<string, string | readonly string[] | undefined>,
  submit?: string,
): Array<[string, string]> {
  const out = form.fields.filter(([k]) => !(k in values));
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    if (typeof v === 'string') out.push([k, v]);
    else for (const item of v) out.push([k, item]);
  }
  if (submit !== undefined) {
    const button = form.submits.find(([k]) => k === submit);
    out.push([submit, button?.[1] ?? submit]);
  }
  return out;
}

function findForm(res: BrowserResponse, predicate: (f: HtmlForm) => boolean, what: string): HtmlForm {
  const form = parseForms(res.text, res.url).find(predicate);
  if (!form) throw new SlimsFlowError(`${what}: form not found`, res);
  return form;
}

/** A step of a librarian's flow that did not answer as SLiMS does on success; carries the response. */
export class SlimsFlowError extends Error {
  readonly response: BrowserResponse | null;
  constructor(message: string, response: BrowserResponse | null) {
    const problems = response ? slimsProblems(response.text) : [];
    const found = problems.length
      ? `; ${problems.slice(0, 3).map(describeProblem).join('; ')}${problems.length > 3 ? ` (+${problems.length - 3} more)` : ''}`
      : '';
    const detail = response
      ? ` (HTTP ${response.status} from ${response.url}${found}): ${response.text.slice(0, 600)}`
      : '';
    super(message + detail);
    this.name = 'SlimsFlowError';
    this.response = response;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Installing and serving

export interface SlimsDatabase {
  name: string;
  host: string;
  port: number;
  user: string;
  password: string;
  /** mysql://user:pass@host:port/name */
  url: string;
}

export interface SlimsInstall {
  version: SlimsVersion;
  /**
   * SLiMS root on disk. Its code folders are hard links into a cache shared by every install on the machine: to
   * change a SLiMS file, write a new file and rename it over the old one; writing into it changes them all.
   */
  dir: string;
  /** 'http://127.0.0.1:PORT/' */
  url: string;
  db: SlimsDatabase;
  /** The php -S log so far (PHP's own warnings land here as "PHP Warning:  …"). */
  phpLog(): string;
  /** Runs SQL on the SLiMS database (dates come back as strings, as SLiMS stores them). */
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Restarts php -S on the same port; env is merged over the install's env. */
  restartPhp(env?: Record<string, string>): Promise<void>;
  /** Kills php, drops the database, removes the folder. */
  stop(): Promise<void>;
  /** Milliseconds each install phase took (unpack, copy, php, installer, first page). */
  timings: Record<string, number>;
}

export interface InstallOptions {
  /** MariaDB server for the installer (default CRM_TEST_MYSQL_URL or mysql://root@127.0.0.1:3306/). */
  mysqlUrl?: string;
  /** Extra environment for php -S (e.g. settings a plugin reads with getenv). */
  env?: Record<string, string>;
  /** Load the installer's sample data (15 titles, items B00001–B00010). Default true. */
  sampleData?: boolean;
  /**
   * SLiMS's environment. Default 'development', so PHP messages surface in the pages. 'production' is what
   * libraries run: 9.7 then shows its "Oops Error" page (HTTP 500) for a warning, 9.4.2 shows nothing (PHP still
   * logs warnings, not notices or deprecations, to the php -S log). Use it for Chromium tests of 9.4.2's OPAC
   * member login: in development that form is broken for a real browser (see memberLogin).
   */
  mode?: 'development' | 'production';
}

// An install is the cached tree with its code folders hard-linked and the rest copied. SLiMS writes only into the
// copied folders (uploads, reports, caches, config, plugin folders) and the top-level files are copied too (9.4.2's
// sysconfig.inc.php is edited). A full copy reads ~120 MB, which takes seconds on a VM whose page cache is reclaimed.
const COPIED_FOLDERS = new Set(['config', 'files', 'images', 'repository', 'plugins']);
const MANIFEST = '.slims-crm-manifest.json';

type Manifest = Record<string, [size: number, mtimeMs: number]>;

function linkedFiles(tree: string): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(tree, relative), { withFileTypes: true })) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (relative || !COPIED_FOLDERS.has(entry.name)) walk(path);
      } else if (relative) files.push(path);
    }
  };
  walk('');
  return files;
}

/** The first hard-linked file whose size or mtime changed since unpacking (something wrote into it), or null. */
function changedLinkedFile(tree: string): string | null {
  const manifest = JSON.parse(readFileSync(join(tree, MANIFEST), 'utf8')) as Manifest;
  for (const [path, [size, mtimeMs]] of Object.entries(manifest)) {
    const st = statSync(join(tree, path), { throwIfNoEntry: false });
    if (!st || st.size !== size || st.mtimeMs !== mtimeMs) return path;
  }
  return null;
}

/** The unpacked, never modified tree of one release, shared by all installs (and test processes) on this machine. */
async function unpackedTree(version: SlimsVersion, tarball: string): Promise<string> {
  const st = statSync(tarball);
  const cacheRoot = join(tmpdir(), 'slims-crm-cache');
  const tree = join(cacheRoot, `slims-${version}-${st.size}-${Math.floor(st.mtimeMs)}`);
  if (existsSync(join(tree, MANIFEST))) {
    const changed = changedLinkedFile(tree);
    if (!changed) return tree;
    // A test wrote into a SLiMS code file of its install, and so into the cache (and every install linked to it).
    process.stderr.write(
      `slims.ts: ${changed} of the cached SLiMS ${version} was modified through an install; unpacking again. ` +
        'Replace SLiMS files in an install (write a new file and rename it over) instead of writing into them.\n',
    );
    // Renamed first so no other process picks it up half-deleted; live installs keep their links to its files.
    const stale = `${tree}.stale-${process.pid}-${randomBytes(3).toString('hex')}`;
    if (
      await rename(tree, stale).then(
        () => true,
        () => false,
      )
    )
      await rm(stale, { recursive: true, force: true });
  }
  await mkdir(cacheRoot, { recursive: true });
  // Unpack beside it and rename into place, so a concurrent test process never sees a half-written tree.
  const partial = `${tree}.partial-${process.pid}-${randomBytes(3).toString('hex')}`;
  await mkdir(partial);
  await execFile('tar', ['-xJf', tarball, '-C', partial], { maxBuffer: 16 * 1024 * 1024 });
  const manifest: Manifest = {};
  for (const path of linkedFiles(partial)) {
    const file = statSync(join(partial, path));
    manifest[path] = [file.size, file.mtimeMs];
  }
  writeFileSync(join(partial, MANIFEST), JSON.stringify(manifest));
  try {
    await rename(partial, tree);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (!existsSync(join(tree, MANIFEST))) throw error;
  }
  return tree;
}

/** Builds an install folder from the cached tree: code folders hard-linked, everything else copied. */
async function materialize(tree: string, dir: string): Promise<void> {
  await mkdir(dir);
  const entries = (await readdir(tree, { withFileTypes: true })).filter((e) => e.name !== MANIFEST);
  const linked = entries.filter((e) => e.isDirectory() && !COPIED_FOLDERS.has(e.name)).map((e) => join(tree, e.name));
  const copied = entries
    .filter((e) => !(e.isDirectory() && !COPIED_FOLDERS.has(e.name)))
    .map((e) => join(tree, e.name));
  await Promise.all([execFile('cp', ['-al', ...linked, dir]), execFile('cp', ['-a', ...copied, dir])]);
}

async function waitForPort(port: number, child: ChildProcess, log: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`php -S exited with ${child.exitCode}: ${readLog(log)}`);
    const open = await new Promise<boolean>((ok) => {
      const socket = tcpConnect({ host: '127.0.0.1', port }, () => {
        socket.end();
        ok(true);
      });
      socket.on('error', () => ok(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`php -S did not listen on ${port}: ${readLog(log)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

// php -S servers still running when the test process ends (a crashed test, a missing stop(), Ctrl-C, a test
// runner's SIGTERM) are killed here, and their folders removed: killing only the php parent would orphan its
// workers, which keep the port. (Their databases stay: dropping one needs async I/O; they are named slims_t_*.)
const runningPhp = new Set<ChildProcess>();
const liveRoots = new Set<string>();
let exitHooked = false;
function cleanUpOnExit(): void {
  if (exitHooked) return;
  exitHooked = true;
  const cleanUp = () => {
    for (const child of runningPhp) killGroup(child, 'SIGKILL');
    // A detached rm: removing ~6,000 files takes a while, and a runner may kill this process meanwhile.
    if (process.env.CRM_TEST_KEEP_SLIMS !== '1')
      for (const root of liveRoots) spawn('rm', ['-rf', root], { detached: true, stdio: 'ignore' }).unref();
  };
  process.once('exit', cleanUp);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      cleanUp();
      // Someone else (a test runner) handles the signal: leave the exit to them; otherwise die of it as usual.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    // The server runs in its own process group (detached), with PHP_CLI_SERVER_WORKERS forked workers in it. The
    // group is signalled even when the parent is gone, because its workers outlive it; Linux keeps the group id
    // from being reused while any of them lives.
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopPhp(child: ChildProcess): Promise<void> {
  runningPhp.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) {
    killGroup(child, 'SIGKILL'); // orphaned workers, if any
    return;
  }
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  killGroup(child, 'SIGTERM');
  const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

function parseMysqlUrl(serverUrl: string): { host: string; port: number; user: string; password: string } {
  const url = new URL(serverUrl);
  return {
    host: url.hostname || '127.0.0.1',
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || 'root',
    password: decodeURIComponent(url.password),
  };
}

async function installerCall(client: Browserless, body: Record<string, unknown>): Promise<Record<string, unknown>> {
  // The Vue installer posts JSON; api.php reads php://input and ignores the Bearer csrf token it also sends.
  const res = await client.post('install/api.php', { json: body });
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(res.text.trim()) as Record<string, unknown>;
  } catch {
    throw new SlimsFlowError(`installer ${String(body.action)}: not JSON`, res);
  }
  return json;
}

/** Installs SLiMS `version` in a fresh folder and database, serves it with php -S, and checks GET / answers 200. */
export async function installSlims(version: SlimsVersion, opts: InstallOptions = {}): Promise<SlimsInstall> {
  const timings: Record<string, number> = {};
  let t = Date.now();
  const lap = (name: string) => {
    const now = Date.now();
    timings[name] = now - t;
    t = now;
  };
  const tarball = slimsTarball(version);
  if (!tarball) throw new Error(`SLiMS ${version} tarball not found (set CRM_TEST_SLIMS_DIR)`);
  const tree = await unpackedTree(version, tarball);
  lap('unpack');

  const root = await mkdtemp(join(tmpdir(), `slims-${version}-`));
  liveRoots.add(root);
  const dir = join(root, 'slims');
  await materialize(tree, dir);
  await mkdir(join(root, 'sessions'));
  const development = (opts.mode ?? 'development') === 'development';
  if (version === '9.4.2' && development) {
    // 9.4.2 hard-codes the mode in sysconfig.inc.php (its installer writes only config/sysconfig.local.inc.php,
    // which is read after the mode is applied), so the installed copy's define is switched.
    const file = join(dir, 'sysconfig.inc.php'); // a copy, not a link (see COPIED_FOLDERS)
    const source = await readFile(file, 'utf8');
    if (!source.includes("define('ENVIRONMENT', 'production');"))
      throw new Error('9.4.2 sysconfig.inc.php: ENVIRONMENT define not found');
    await writeFile(
      file,
      source.replace("define('ENVIRONMENT', 'production');", "define('ENVIRONMENT', 'development');"),
    );
  }
  if (version === '9.7.0') {
    // Without this SLiMS writes csp.php lazily during the first request, which then has no CSP header.
    await copyFile(join(dir, 'config/csp.sample.php'), join(dir, 'config/csp.php'));
  }
  lap('copy');

  const server = parseMysqlUrl(opts.mysqlUrl ?? process.env.CRM_TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/');
  const name = `slims_t_${randomBytes(6).toString('hex')}`;
  const dbUrl = new URL(`mysql://${server.host}:${server.port}/${name}`);
  dbUrl.username = encodeURIComponent(server.user);
  dbUrl.password = encodeURIComponent(server.password);
  const db: SlimsDatabase = { name, ...server, url: dbUrl.href };

  let port = await freePort();
  let url = `http://127.0.0.1:${port}/`;
  const logFile = join(root, 'php-server.log');
  let baseEnv: Record<string, string> = { ...(opts.env ?? {}) };
  let php: ChildProcess | null = null;

  const startPhp = async () => {
    const fd = openSync(logFile, 'a');
    const child = spawn(
      'php',
      // Sessions live in the install folder, so stop() removes them and installs never share session files.
      ['-d', `session.save_path=${join(root, 'sessions')}`, '-S', `127.0.0.1:${port}`, '-t', dir],
      {
        cwd: dir,
        // 4 workers: SLiMS pages fire parallel requests (iframes, AJAX), and tests may too.
        env: { ...process.env, PHP_CLI_SERVER_WORKERS: '4', ...baseEnv },
        stdio: ['ignore', fd, fd],
        detached: true,
      },
    );
    closeSync(fd);
    // Not holding the test process open: a forgotten stop() must not hang it (the exit hook then kills php).
    child.unref();
    cleanUpOnExit();
    runningPhp.add(child);
    php = child;
    await waitForPort(port, child, logFile);
  };

  let pool: Pool | null = null;
  let stopped = false;
  const install: SlimsInstall = {
    version,
    dir,
    url,
    db,
    timings,
    phpLog: () => readLog(logFile),
    async query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
      pool ??= createPool({
        host: db.host,
        port: db.port,
        user: db.user,
        password: db.password,
        database: db.name,
        connectionLimit: 2,
        dateStrings: true,
      });
      const [rows] = await pool.query(sql, params);
      return rows as T[];
    },
    async restartPhp(env: Record<string, string> = {}) {
      if (php) await stopPhp(php);
      baseEnv = { ...baseEnv, ...env };
      await startPhp();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (php) await stopPhp(php);
      if (pool) await pool.end();
      const c = await createConnection({ host: db.host, port: db.port, user: db.user, password: db.password });
      await c.query(`DROP DATABASE IF EXISTS \`${db.name}\``);
      await c.end();
      await rm(root, { recursive: true, force: true });
      liveRoots.delete(root);
    },
  };

  try {
    // freePort() closes the port before php binds it, so a parallel test can take it meanwhile: try another.
    for (let attempt = 1; ; attempt++) {
      try {
        await startPhp();
        break;
      } catch (error) {
        if (attempt === 3 || !/Address already in use/i.test(readLog(logFile))) throw error;
        port = await freePort();
        url = `http://127.0.0.1:${port}/`;
        install.url = url;
      }
    }
    lap('php');

    const installer = new Browserless(url);
    const page = await installer.get('install/index.php'); // starts the PHPSESSID session api.php keeps the DB settings in
    if (page.status !== 200) throw new SlimsFlowError('installer page', page);
    const requirements = await installerCall(installer, { action: 'system-requirement' }); // sleeps 1 s server-side
    if (requirements.is_pass !== true)
      throw new Error(`SLiMS ${version} system requirements not met: ${JSON.stringify(requirements)}`);
    const connection = await installerCall(installer, {
      action: 'test-connection',
      host: db.host,
      port: String(db.port),
      name: db.name,
      user: db.user,
      pass: db.password,
    });
    if (connection.status !== true) throw new Error(`installer test-connection: ${JSON.stringify(connection)}`);
    const done = await installerCall(installer, {
      action: 'do-install',
      username: SLIMS_ADMIN.user,
      passwd: SLIMS_ADMIN.password,
      confirmPasswd: SLIMS_ADMIN.password,
      sampleData: opts.sampleData ?? true,
      engine: 'MyISAM', // what the 9.7 UI falls back to before the database exists; 9.4.2 ignores it
    });
    if (done.status !== true) throw new Error(`installer do-install: ${JSON.stringify(done)}`);
    if (version === '9.7.0' && development) {
      // The installer writes env.php with 'production'; development makes SLiMS render warnings instead of hiding them.
      const envFile = join(dir, 'config/env.php');
      const env = await readFile(envFile, 'utf8');
      if (!env.includes("$env = 'production';"))
        throw new Error(`9.7 config/env.php: $env line not found: ${env.slice(0, 300)}`);
      await writeFile(
        envFile,
        env
          .replace("$env = 'production';", "$env = 'development';")
          .replace("$conditional_environment = 'production';", "$conditional_environment = 'development';"),
      );
    }
    lap('installer');

    const home = await new Browserless(url).get('');
    if (home.status !== 200 || slimsErrorIn(home.text, slimsOwnProblem(install)))
      throw new SlimsFlowError(`SLiMS ${version}: GET / after install`, home);
    if (version === '9.7.0' && !home.headers.get('content-security-policy'))
      throw new SlimsFlowError('SLiMS 9.7.0: first page has no CSP header', home);
    lap('firstPage');
    return install;
  } catch (error) {
    // Free the port always; keep the folder and the database when asked, to look at a failed install.
    if (process.env.CRM_TEST_KEEP_SLIMS === '1') {
      if (php) await stopPhp(php);
      liveRoots.delete(root);
      process.stderr.write(`kept failed SLiMS install at ${root} (database ${db.name})\n`);
    } else await install.stop().catch(() => undefined);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Librarian flows

/** A staff client signed in to another install (two installs in one test) would fail in confusing ways. */
function sameServer(install: SlimsInstall, client: Browserless): void {
  if (client.baseUrl !== install.url)
    throw new Error(`client for ${client.baseUrl} used with the SLiMS at ${install.url}`);
}

/** Signs in at index.php?p=login (CSRF token from the form) and returns a client holding the SenayanAdmin cookie. */
export async function staffLogin(
  install: SlimsInstall,
  user: string = SLIMS_ADMIN.user,
  pass: string = SLIMS_ADMIN.password,
): Promise<Browserless> {
  const staff = new Browserless(install.url);
  const page = await staff.get('index.php?p=login');
  const form = findForm(page, (f) => f.fields.some(([k]) => k === 'userName'), 'staff login');
  const res = await staff.post(form.action, { form: fillForm(form, { userName: user, passWord: pass }, 'logMeIn') });
  // Success sets SenayanAdmin (path /admin/) and admin_logged_in=1, deletes SenayanMember, and then
  // 9.7: 302 to admin/index.php; 9.4.2: 200 with `<script>location.href = '/admin/index.php';</script>`.
  const next = res.status === 302 ? res.location : /location\.href = '([^']*admin\/index\.php)'/.exec(res.text)?.[1];
  if (!next?.includes('admin/') || !staff.cookie('SenayanAdmin'))
    throw new SlimsFlowError(`staff login as ${user} failed`, res);
  const admin = await staff.get(next);
  if (
    admin.status !== 200 ||
    !admin.text.includes('logout.php') ||
    slimsErrorIn(admin.text, slimsOwnProblem(install))
  ) {
    throw new SlimsFlowError('admin dashboard after login', admin);
  }
  return staff;
}

export interface NewMember {
  id: string;
  name: string;
  password: string;
  email?: string;
  /** Required by SLiMS; default 1990-01-01. */
  birthDate?: string;
  /** Any other mainForm field (e.g. memberTypeID, gender, memberPhone, 'extend[]': [] to keep expDate). */
  fields?: Record<string, string | readonly string[]>;
}

export interface SaveMemberResult {
  status: number;
  text: string;
  /** The body has SLiMS's success message and no error output but SLiMS's own (see slimsOwnProblem). */
  ok: boolean;
}

/**
 * Membership > Add New Member: loads the form the way the submenu link does and posts it (multipart) with every
 * default a browser would send (hidden csrf_token/form_name, the checked "extend" box, member type 1, …).
 */
export async function addMember(
  install: SlimsInstall,
  staff: Browserless,
  member: NewMember,
): Promise<SaveMemberResult> {
  sameServer(install, staff);
  const page = await staff.get('admin/modules/membership/index.php?action=detail&ajaxload=1', { xhr: true });
  const form = findForm(page, (f) => f.attrs.name === 'mainForm' || f.attrs.id === 'mainForm', 'add member');
  const fields = fillForm(
    form,
    {
      memberID: member.id,
      memberName: member.name,
      birthDate: member.birthDate ?? '1990-01-01',
      memberEmail: member.email ?? '',
      memberPasswd: member.password,
      memberPasswd2: member.password,
      ...member.fields,
    },
    'saveData',
  );
  const res = await staff.post(form.action, { multipart: fields });
  return {
    status: res.status,
    text: res.text,
    ok:
      res.status === 200 &&
      res.text.includes('New Member Data Successfully Saved') &&
      !slimsErrorIn(res.text, slimsOwnProblem(install)),
  };
}

/** Member sign-in at index.php?p=member; returns a client with the member's SenayanMember session. */
export async function memberLogin(install: SlimsInstall, memberId: string, password: string): Promise<Browserless> {
  const member = new Browserless(install.url);
  const page = await member.get('index.php?p=member');
  const form = findForm(page, (f) => f.fields.some(([k]) => k === 'memberID'), 'member login');
  const res = await member.post(form.action, {
    form: fillForm(form, { memberID: memberId, memberPassWord: password }, 'logMeIn'),
  });
  // Success: 302 with a fresh SenayanMember session; a failure answers 200 with the form again. The Location is
  // <base>/?p=member on 9.7. On 9.4.2 it is whatever the form's `destination` parameter held (in production an
  // empty Location, which a browser takes as "reload"): the form prints $_GET['destination'] unchecked. In
  // development mode that prints PHP's "Undefined array key" warning into the <form> tag; its quotes end the tag
  // early, so Chromium loses method="post" and submits the login as a GET, which logs nobody in. This helper posts
  // as the production form does. The session is what counts: the member area must then show the logout link.
  const area = await member.get('index.php?p=member');
  if (res.status !== 302 || area.status !== 200 || !area.text.includes('p=member&logout=1')) {
    throw new SlimsFlowError(`member login as ${memberId} failed`, res.status !== 302 ? res : area);
  }
  return member;
}

export interface LoanResult {
  /** POST circulation_action.php memberID (XHR): the member panel. */
  start: BrowserResponse;
  /** POST circulation_action.php tempLoanID, one per item. */
  loans: BrowserResponse[];
  /** GET loan.php after adding the items: the temporary loan list. */
  loanList: BrowserResponse;
  /** POST circulation_action.php finish=true. */
  finish: BrowserResponse;
  /** POST circulation/index.php finishID (XHR), what the finish answer's script loads. */
  completed: BrowserResponse;
}

const CIRC = 'admin/modules/circulation/';

/** Circulation: starts a transaction for the member, loans the item(s) and presses Finish Transaction. */
export async function loanAndFinish(
  install: SlimsInstall,
  staff: Browserless,
  memberId: string,
  itemCode: string | readonly string[],
): Promise<LoanResult> {
  sameServer(install, staff);
  const open = await staff.get(`${CIRC}index.php?ajaxload=1`, { xhr: true });
  if (!open.text.includes('startCirc') && !open.text.includes('finishForm'))
    throw new SlimsFlowError('circulation page', open);
  const start = await staff.post(`${CIRC}circulation_action.php`, { form: { memberID: memberId } }, { xhr: true });
  // An unfinished transaction in this session would carry on with its own member (SLiMS prefers the session's).
  if (start.status !== 200 || !start.text.includes('finishForm') || !start.text.includes(`>${memberId}<`)) {
    throw new SlimsFlowError(`start transaction for ${memberId}`, start);
  }
  await staff.get(`${CIRC}loan.php`);
  const loans: BrowserResponse[] = [];
  for (const code of typeof itemCode === 'string' ? [itemCode] : itemCode) {
    const loan = await staff.post(`${CIRC}circulation_action.php`, { form: { tempLoanID: code } });
    // Success is only the redirect script; every refusal (not available, limit, expired…) adds a toastr/alert first.
    if (
      loan.status !== 200 ||
      !loan.text.includes("location.href = 'loan.php'") ||
      /toastr\.|alert\(|confirm\(/.test(loan.text)
    ) {
      throw new SlimsFlowError(`loan ${code} to ${memberId}`, loan);
    }
    loans.push(loan);
  }
  const loanList = await staff.get(`${CIRC}loan.php`);
  const finish = await staff.post(`${CIRC}circulation_action.php`, { form: { finish: 'true' } });
  const completed = await staff.post(`${CIRC}index.php`, { form: { finishID: memberId } }, { xhr: true });
  return { start, loans, loanList, finish, completed };
}

/**
 * Is this a finish answer as SLiMS gives on success (the script reloading circulation/index.php with finishID),
 * with no error output (pass `slimsOwnProblem(install)` to let SLiMS's own deprecations through on 9.4.2)?
 */
export function isFinishSuccess(
  res: { status: number; text: string },
  memberId: string,
  ignore?: ProblemFilter,
): boolean {
  return (
    res.status === 200 &&
    res.text.includes(`addData: 'finishID=${memberId}'`) &&
    !slimsErrorIn(res.text, ignore) &&
    !/toastr\.error|ERROR!/.test(res.text)
  );
}

export interface QuickReturnResult {
  /** POST circulation_action.php quickReturnID (XHR): the "successfully returned" table. */
  status: number;
  text: string;
  /** POST ajax_action.php quickReturnID: the relay script the Quick Return form gets back. */
  relay: BrowserResponse;
  /** The body says the item was returned and shows no error. */
  ok: boolean;
}

/** Circulation > Quick Return of one item. */
export async function quickReturn(
  install: SlimsInstall,
  staff: Browserless,
  itemCode: string,
): Promise<QuickReturnResult> {
  sameServer(install, staff);
  const page = await staff.get(`${CIRC}quick_return.php?ajaxload=1`, { xhr: true });
  if (!page.text.includes('quickReturnID')) throw new SlimsFlowError('quick return page', page);
  const relay = await staff.post(`${CIRC}ajax_action.php`, { form: { quickReturnID: itemCode } });
  if (relay.status !== 200 || !relay.text.includes('circulation_action.php'))
    throw new SlimsFlowError(`quick return ${itemCode} (ajax_action.php)`, relay);
  const res = await staff.post(`${CIRC}circulation_action.php`, { form: { quickReturnID: itemCode } }, { xhr: true });
  const ok =
    res.status === 200 &&
    res.text.includes(`Item ${itemCode} successfully returned`) &&
    !slimsErrorIn(res.text, slimsOwnProblem(install));
  return { status: res.status, text: res.text, relay, ok };
}

export interface EnabledPlugin {
  /** md5 of the plugin file's absolute path, as SLiMS computes it. */
  id: string;
  name: string;
  /** The plugin file inside <dir>/plugins/. */
  path: string;
  /** The JSON SLiMS answered: {status: true, message: 'Plugin … enabled'}. */
  response: { status: boolean; message: string };
}

/**
 * Copies a plugin folder into <dir>/plugins/ and switches it on in System > Plugins, as the toggle's fetch() does.
 * The plugin is found on the page by its "Plugin Name:" header; its id is read from the toggle's id attribute.
 */
export async function enablePlugin(
  install: SlimsInstall,
  staff: Browserless,
  pluginFolder: string,
): Promise<EnabledPlugin> {
  sameServer(install, staff);
  const target = join(install.dir, 'plugins', basename(pluginFolder));
  await rm(target, { recursive: true, force: true });
  await execFile('cp', ['-a', pluginFolder, target]);
  const entries = await readdir(target);
  const file = entries.find((f) => f.includes('plugin.php'));
  if (!file) throw new Error(`no *plugin.php in ${pluginFolder}`);
  const path = join(target, file);
  const header = /Plugin Name:(.*)$/m.exec((await readFile(path, 'utf8')).slice(0, 8192));
  const name = header?.[1]?.trim();
  if (!name) throw new Error(`${path} has no "Plugin Name:" header`);

  const page = await staff.get('admin/modules/system/plugins.php?ajaxload=1', { xhr: true });
  const at = page.text.indexOf(`>${name}<`);
  const id = at < 0 ? undefined : /custom-control-input" id="([0-9a-f]{32})"/.exec(page.text.slice(at))?.[1];
  if (!id) throw new SlimsFlowError(`plugin "${name}" not listed in System > Plugins`, page);
  if (id !== createHash('md5').update(path).digest('hex')) throw new Error(`plugin id ${id} is not md5(${path})`);

  const res =
    install.version === '9.4.2'
      ? await staff.post('admin/modules/system/plugins.php', {
          raw: JSON.stringify({ enable: true, id, runDown: false }),
          contentType: 'text/plain;charset=UTF-8',
        })
      : await staff.post('admin/modules/system/plugin_action.php', {
          json: { format: 'json', enable: true, id, runDown: false },
        });
  // 9.4.2 in development mode prints its own deprecations before the JSON (so the real toggle's res.json() fails
  // and shows an error toast although the row is written): the JSON is the last thing in the body.
  const json = /\{"status":[\s\S]*\}\s*$/.exec(res.text)?.[0];
  let response: { status: boolean; message: string };
  try {
    response = JSON.parse(json ?? '') as { status: boolean; message: string };
  } catch {
    throw new SlimsFlowError(`enable plugin "${name}": no JSON answer`, res);
  }
  if (res.status !== 200 || response.status !== true) throw new SlimsFlowError(`enable plugin "${name}"`, res);
  return { id, name, path, response };
}

// ---------------------------------------------------------------------------------------------------------------
// Chromium

/** Gives a Chromium page the client's cookies (e.g. a staffLogin session), so it opens SLiMS's admin signed in. */
export async function copyCookiesToPage(client: Browserless, page: Page): Promise<void> {
  const cookies = client.cookies().map((c) => ({
    name: c.name,
    value: c.value,
    domain: c.domain,
    path: c.path,
    httpOnly: c.httpOnly,
    ...(c.expires === null ? {} : { expires: Math.floor(c.expires / 1000) }),
  }));
  if (cookies.length) await page.browserContext().setCookie(...cookies);
}
