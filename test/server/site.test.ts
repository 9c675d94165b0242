// The demo page, the staff page, the widget files and the health check.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import type { DatabaseHandle } from '../../server/db/connection.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { DEMO_POLL, DEMO_SURVEY } from '../../server/site/pages.ts';
import { prepareDatabase, testClock, testConfig, testSecret } from '../helpers/app.ts';

describe('site', () => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  const loader = `export const x = ${JSON.stringify('widget '.repeat(200))};\n`;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-widgets-'));
    mkdirSync(join(dir, 'chunks'));
    writeFileSync(join(dir, 'slims-crm.js'), loader);
    writeFileSync(join(dir, 'chunks/lit-abc123.js'), 'export {};\n');
    handle = await openDatabase({ url: null, sqliteFile: ':memory:' });
    await prepareDatabase(handle);
    app = createApp({
      db: handle.db,
      config: testConfig(),
      secret: testSecret(),
      clock: testClock(),
      log: () => {},
      widgetsDir: dir,
    });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('serves a demo library page in Indonesian with every widget and its reserved space', async () => {
    const res = await app.request('/');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="id">');
    expect(html).toContain(`<slims-poll poll="${DEMO_POLL}"></slims-poll>`);
    expect(html).toContain(`<slims-survey survey="${DEMO_SURVEY}"></slims-survey>`);
    expect(html).toMatch(new RegExp(`slims-poll\\[poll="${DEMO_POLL}"\\] \\{ display:block; min-height:\\d+px; \\}`));
    expect(html).toContain('<slims-suggestion-box privacy-url="/privasi"></slims-suggestion-box>');
    // Relative, so the page works at whatever address reached it (127.0.0.1, a LAN address), not only CRM_PUBLIC_URL.
    expect(html).toContain('<script type="module" src="/widgets/slims-crm.js" async></script>');
    expect(html).not.toContain('http://crm.test');
    expect(html).toContain('<slims-feedback-board></slims-feedback-board>');
    expect(html).toMatch(/slims-suggestion-box \{ display:block; min-height:\d+px; \}/);
    expect(html).toMatch(/slims-feedback-board \{ display:block; min-height:\d+px; \}/);
    // The member's own profile page: sign-in, then the interest profile, its space kept.
    const profile = await (await app.request('/profil')).text();
    expect(profile).toContain('<slims-member-signin></slims-member-signin>');
    expect(profile).toContain('<slims-interest-profile privacy-url="/privasi"></slims-interest-profile>');
    expect(profile).toMatch(/slims-interest-profile \{ display:block; min-height:\d+px;/);
    expect(html).toContain('<a href="/profil">Profil saya</a>');
    const privacy = await app.request('/privasi');
    expect(privacy.status).toBe(200);
    expect(await privacy.text()).toContain('UU No. 27 Tahun 2022');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('shows the demo website only on the embedded demo database', async () => {
    const production = createApp({
      db: handle.db,
      config: testConfig({ databaseUrl: 'mysql://crm@127.0.0.1:3306/slims' }),
      secret: testSecret(),
      clock: testClock(),
      log: () => {},
      widgetsDir: '/nonexistent',
    });
    const res = await production.request('/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin');
    expect((await production.request('/privasi')).status).toBe(404);
    expect((await production.request('/profil')).status).toBe(404);
    expect(await (await production.request('/admin')).text()).toContain('<slims-crm-admin></slims-crm-admin>');
    // A MariaDB test database started with CRM_DEMO=1 shows the demo as the embedded one does.
    const demoOnMysql = createApp({
      db: handle.db,
      config: testConfig({ databaseUrl: 'mysql://crm@127.0.0.1:3306/crm_demo', demo: true }),
      secret: testSecret(),
      clock: testClock(),
      log: () => {},
      widgetsDir: '/nonexistent',
    });
    expect((await demoOnMysql.request('/')).status).toBe(200);
    expect(await (await demoOnMysql.request('/admin')).text()).toContain('<slims-crm-admin demo></slims-crm-admin>');
  });

  it('sends the isolation headers only where a browser keeps them: https and loopback, not plain http on a LAN', async () => {
    const opener = async (url: string, headers: Record<string, string> = {}, on = app) =>
      (await on.request(url, { headers })).headers.get('cross-origin-opener-policy');
    expect(await opener('http://localhost/')).toBe('same-origin');
    expect(await opener('http://127.0.0.1:3000/admin')).toBe('same-origin');
    expect(await opener('https://crm.perpustakaan.test/')).toBe('same-origin');
    const lan = await app.request('http://192.0.2.2:3000/');
    expect(lan.status).toBe(200);
    expect(lan.headers.get('cross-origin-opener-policy')).toBeNull();
    expect(lan.headers.get('origin-agent-cluster')).toBeNull();
    expect(lan.headers.get('x-content-type-options'), 'the other headers stay').toBe('nosniff');
    // Behind a proxy the sidecar trusts (as these tests' config says), its word on https counts; else it does not.
    expect(await opener('http://192.0.2.2:3000/', { 'X-Forwarded-Proto': 'https' })).toBe('same-origin');
    const direct = createApp({
      db: handle.db,
      config: testConfig({ trustProxy: false }),
      secret: testSecret(),
      clock: testClock(),
      log: () => {},
    });
    expect(await opener('http://192.0.2.2:3000/', { 'X-Forwarded-Proto': 'https' }, direct)).toBeNull();
  });

  it('serves the staff app page', async () => {
    const html = await (await app.request('/admin')).text();
    // The embedded demo says its sign-in accounts; a library's own sidecar does not.
    expect(html).toContain('<slims-crm-admin demo></slims-crm-admin>');
    expect(html).toContain('src="/widgets/slims-crm-admin.js"');
  });

  it("lets the sidecar's own pages call the API at whatever address reached it, and no other site", async () => {
    const read = (host: string, origin: string) =>
      app.request('/api/v1/health', { headers: { Host: host, Origin: origin } });
    for (const host of ['127.0.0.1:3000', '192.168.1.10:3000', 'crm-server:3000']) {
      const own = await read(host, `http://${host}`);
      expect(own.status).toBe(200);
      expect(own.headers.get('access-control-allow-origin')).toBe(`http://${host}`);
    }
    // A page elsewhere, even on the same machine's other port, is another site.
    for (const [host, origin] of [
      ['192.168.1.10:3000', 'http://192.168.1.10:8080'],
      ['127.0.0.1:3000', 'http://evil.example'],
      ['127.0.0.1:3000', 'null'],
    ]) {
      const other = await read(host!, origin!);
      expect(other.status).toBe(403);
      expect(((await other.json()) as { error: { code: string } }).error.code).toBe('origin_not_allowed');
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('serves widget files to any origin, compressed, cached and revalidated', async () => {
    const res = await app.request('/widgets/slims-crm.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('cache-control')).toBe('public, max-age=300');
    expect(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(loader);
    const etag = res.headers.get('etag') ?? '';
    expect((await app.request('/widgets/slims-crm.js', { headers: { 'If-None-Match': etag } })).status).toBe(304);
    const chunk = await app.request('/widgets/chunks/lit-abc123.js');
    expect(chunk.headers.get('cache-control')).toContain('immutable');
    expect((await app.request('/widgets/../package.json')).status).toBe(404);
    expect((await app.request('/widgets/nope.js')).status).toBe(404);
  });

  it('reports health with the database check and the time', async () => {
    const res = await app.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'ok',
      database: { dialect: 'sqlite', ok: true },
      time: '2026-11-23T03:00:00.000Z',
    });
  });

  it('answers unknown API paths with the one error shape', async () => {
    const res = await app.request('/api/v1/tidak-ada', { headers: { 'Accept-Language': 'en' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'Not found.' } });
  });
});
