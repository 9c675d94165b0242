// End to end: real Chromium on the demo page against the real sidecar on a real SQLite file:
// vote on the poll, reload, and see the count kept and the already-answered state; and axe-core finds no
// WCAG 2.1 A/AA violation on the page with every widget drawn.
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { applySlimsSubset, migrate } from '../../server/db/migrate.ts';
import { ensureDemoContent, ensureDemoFeedback } from '../../server/site/demo-content.ts';
import { DEMO_POLL } from '../../server/site/pages.ts';
import { openChromium } from '../helpers/chromium.ts';
import { testConfig, testSecret } from '../helpers/app.ts';

const widgetsDir = fileURLToPath(new URL('../../dist/widgets', import.meta.url));
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('demo page in Chromium', () => {
  let handle: DatabaseHandle;
  let server: ServerType;
  let browser: Browser;
  let base = '';

  beforeAll(async () => {
    if (!existsSync(join(widgetsDir, 'slims-crm.js')))
      throw new Error('Widgets are not built: run npm run build (npm test does)');
    handle = await openDatabase({
      url: null,
      sqliteFile: join(mkdtempSync(join(tmpdir(), 'crm-e2e-')), 'demo.sqlite'),
    });
    await applySlimsSubset(handle);
    await migrate(handle);
    await ensureDemoContent(handle, new Date());
    await ensureDemoFeedback(handle, new Date());
    let app: ReturnType<typeof createApp> | null = null;
    server = serve({
      fetch: (request) => (app ? app.fetch(request) : new Response('starting', { status: 503 })),
      port: 0,
      hostname: '127.0.0.1',
    });
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    app = createApp({
      db: handle.db,
      config: testConfig({ publicUrl: base, allowedOrigins: [] }),
      secret: testSecret(),
      clock: () => new Date(),
      log: () => {},
      widgetsDir,
    });
    browser = await openChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    await handle?.close();
  });

  async function pollCount(page: Page, label: string): Promise<number> {
    const text = await page.$$eval(
      'slims-poll >>> [part="result"]',
      (items, wanted) => {
        const item = items.find((li) => li.querySelector('[part="result-label"]')?.textContent?.trim() === wanted);
        return item?.querySelector('[part="result-value"]')?.textContent ?? '';
      },
      label,
    );
    const match = /^([\d.]+)/.exec(text.trim());
    if (match === null) throw new Error(`no count for "${label}" in "${text}"`);
    return Number(match[1]?.replace(/\./g, ''));
  }

  const status = (page: Page) => page.$eval('slims-poll >>> [part="status"]', (el) => el.textContent?.trim() ?? '');

  it('votes, reloads, and keeps the count and the already-answered state', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(`${base}/`, { waitUntil: 'load' });

    // Polled: a selector wait watches the document's mutations, and the radios appear inside a shadow root.
    await page.waitForFunction(
      () => document.querySelector('slims-poll')?.shadowRoot?.querySelector('input[type="radio"]'),
      {
        timeout: 15_000,
        polling: 100,
      },
    );
    const labels = await page.$$eval('slims-poll >>> label', (els) => els.map((el) => el.textContent?.trim() ?? ''));
    const choice = labels.find((l) => l.startsWith('Hari Minggu'));
    expect(choice).toBeDefined();

    const poll = await handle.db
      .selectFrom('crm_survey')
      .select('id')
      .where('slug', '=', DEMO_POLL)
      .executeTakeFirstOrThrow();
    const before = await handle.db
      .selectFrom('crm_survey_response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', '=', poll.id)
      .executeTakeFirstOrThrow();

    const radios = await page.$$('slims-poll >>> input[type="radio"]');
    await radios[labels.indexOf(choice as string)]?.click();
    await page.click('slims-poll >>> button[part~="button"]');
    await page.waitForFunction(
      () => document.querySelector('slims-poll')?.shadowRoot?.querySelector('[part="result"]') !== null,
      { timeout: 15_000 },
    );
    expect(await status(page)).toMatch(/Terima kasih/);
    const counted = await pollCount(page, 'Hari Minggu');

    const after = await handle.db
      .selectFrom('crm_survey_response')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('survey_id', '=', poll.id)
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n) + 1);

    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(
      () => document.querySelector('slims-poll')?.shadowRoot?.querySelector('[part="result"]') !== null,
      { timeout: 15_000 },
    );
    expect(await status(page)).toMatch(/sudah menjawab/);
    expect(await page.$$('slims-poll >>> input[type="radio"]')).toHaveLength(0);
    expect(await pollCount(page, 'Hari Minggu')).toBe(counted);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('passes axe-core (WCAG 2.1 A/AA) with every widget drawn, shadow roots included', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/`, { waitUntil: 'load' });
    const tags = ['slims-poll', 'slims-survey', 'slims-suggestion-box', 'slims-feedback-board', 'slims-member-signin'];
    // Each widget has drawn itself and left "Memuat…" (loading) behind.
    await page.waitForFunction(
      (names: string[]) =>
        names.every((name) => {
          const text = document.querySelector(name)?.shadowRoot?.textContent?.trim() ?? '';
          return text !== '' && !text.includes('Memuat');
        }),
      { timeout: 15_000, polling: 100 },
      tags,
    );
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
      const result = await axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
        resultTypes: ['violations'],
      });
      return result.violations.flatMap((v) =>
        v.nodes.map((n) => `${v.id} (${v.impact ?? ''}) at ${JSON.stringify(n.target)}: ${v.help}`),
      );
    });
    expect(violations).toEqual([]);
    await page.close();
  });
});
