// End to end, the suggestion box's whole loop in real Chromium against the real sidecar and a real SMTP server:
// a visitor sends a suggestion with an e-mail address and consent (solving the real proof of work), a librarian
// signs in to the staff app, answers it publicly, marks it done and publishes it, the board shows it, and the
// submitter's mailbox holds the notices.
import { existsSync, mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { openDatabase, type DatabaseHandle } from '../../server/db/connection.ts';
import { startBackgroundWork } from '../../server/jobs.ts';
import { ensureDemoContent, ensureDemoFeedback } from '../../server/site/demo-content.ts';
import { openChromium } from '../helpers/chromium.ts';
import { prepareDatabase, testConfig, testSecret } from '../helpers/app.ts';
import { startMailbox } from '../helpers/mailbox.ts';

const widgetsDir = fileURLToPath(new URL('../../dist/widgets', import.meta.url));

const SUGGESTION = 'Mohon sediakan ruang diskusi kelompok yang bisa dipesan <b>lewat</b> OPAC.';
const REPLY = 'Ruang diskusi di lantai 3 kini bisa dipesan lewat OPAC, mulai hari ini.';

/** Polls for a selector that may sit inside shadow roots (`>>>`): mutation-based waits do not see into them. */
async function find(page: Page, selector: string, timeoutMs = 20_000): Promise<ElementHandle<Element>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const element = await page.$(selector);
    if (element !== null) return element;
    if (Date.now() > end) throw new Error(`not found within ${timeoutMs} ms: ${selector}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function until(condition: () => Promise<boolean> | boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The element's text with white space folded, or '' while it is not there. */
const textOf = async (page: Page, selector: string) =>
  (await (await page.$(selector))?.evaluate((el) => el.textContent?.replace(/\s+/g, ' ').trim() ?? '')) ?? '';

describe('suggestion box loop in Chromium', () => {
  let handle: DatabaseHandle;
  let server: ServerType;
  let browser: Browser;
  let background: { stop(): Promise<void> };
  let base = '';
  const mailbox = startMailbox();

  beforeAll(async () => {
    if (!existsSync(join(widgetsDir, 'slims-crm.js')))
      throw new Error('Widgets are not built: run npm run build (npm test does)');
    handle = await openDatabase({
      url: null,
      sqliteFile: join(mkdtempSync(join(tmpdir(), 'crm-e2e-')), 'demo.sqlite'),
    });
    await prepareDatabase(handle);
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
    const config = testConfig({
      publicUrl: base,
      allowedOrigins: [],
      smtpUrl: (await mailbox).url,
      mailFrom: 'Perpustakaan <layanan@perpustakaan.test>',
    });
    app = createApp({
      db: handle.db,
      config,
      secret: testSecret(),
      clock: () => new Date(),
      log: () => {},
      widgetsDir,
    });
    background = startBackgroundWork({
      db: handle.db,
      config,
      sendEveryMs: 100,
      log: () => {},
    });
    browser = await openChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await background?.stop();
    await new Promise((resolve) => server?.close(resolve));
    await handle?.close();
    await (await mailbox).close();
  });

  it('takes a suggestion, lets staff answer and close it, shows it on the board and mails the submitter', async () => {
    const errors: string[] = [];
    const visitor = await browser.newPage();
    visitor.on('pageerror', (error) => errors.push(String(error)));
    await visitor.goto(`${base}/`, { waitUntil: 'load' });

    // The visitor writes a suggestion, leaves an address and agrees to be contacted.
    await (await find(visitor, 'slims-suggestion-box >>> input[name="kind"][value="suggestion"]')).click();
    await (await find(visitor, 'slims-suggestion-box >>> #text')).type(SUGGESTION);
    await (
      await find(visitor, 'slims-suggestion-box >>> input[name="contact.email"]')
    ).type('pemustaka@perpustakaan.test');
    await (await find(visitor, 'slims-suggestion-box >>> #consent')).click();
    await (await find(visitor, 'slims-suggestion-box >>> button[part="submit"]')).click();
    await find(visitor, 'slims-suggestion-box >>> #code');
    const code = await textOf(visitor, 'slims-suggestion-box >>> #code');
    expect(code).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    const stored = await handle.db
      .selectFrom('crm_feedback')
      .selectAll()
      .where('code', '=', code.replace('-', ''))
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({
      kind: 'suggestion',
      body: SUGGESTION,
      status: 'new',
      published: 0,
      contact_email: 'pemustaka@perpustakaan.test',
    });
    expect(await handle.db.selectFrom('crm_pow_spent').select('challenge').execute()).toHaveLength(1);

    // A librarian signs in to the staff app and finds it in the inbox.
    const staff = await browser.newPage();
    staff.on('pageerror', (error) => errors.push(String(error)));
    await staff.goto(`${base}/admin`, { waitUntil: 'load' });
    await (await find(staff, 'slims-crm-admin >>> #signin-username')).type('pustakawan');
    await (await find(staff, 'slims-crm-admin >>> #signin-password')).type('pustakawan');
    await staff.keyboard.press('Enter');
    await (await find(staff, 'slims-crm-admin >>> a[data-section="feedback"]')).click();
    await (await find(staff, `slims-crm-admin >>> tr[data-feedback="${stored.id}"] [data-row-link]`)).click();
    await until(async () => (await textOf(staff, 'slims-crm-admin >>> [data-text]')) === SUGGESTION, 'the item view');

    // Answers publicly, marks it done and publishes it.
    await (await find(staff, 'slims-crm-admin >>> #fb-reply')).type(REPLY);
    await (await find(staff, 'slims-crm-admin >>> input[name="fb-visibility"][value="public"]')).click();
    await (await find(staff, 'slims-crm-admin >>> form:has(#fb-reply) button[type="submit"]')).click();
    await find(staff, 'slims-crm-admin >>> [data-public-reply]');
    await staff.select('slims-crm-admin >>> #fb-status', 'done');
    await (await find(staff, 'slims-crm-admin >>> form:has(#fb-status) button[type="submit"]')).click();
    await until(
      async () => (await textOf(staff, 'slims-crm-admin >>> [data-status-badge]')) === 'Selesai',
      'the done badge',
    );
    await (await find(staff, 'slims-crm-admin >>> #fb-publish[data-publish="publish"]')).click();
    await find(staff, 'slims-crm-admin >>> #fb-publish[data-publish="hide"]');

    const handled = await handle.db
      .selectFrom('crm_feedback')
      .selectAll()
      .where('id', '=', stored.id)
      .executeTakeFirstOrThrow();
    expect(handled).toMatchObject({ status: 'done', published: 1, public_reply: REPLY });
    expect(handled.closed_at).not.toBeNull();
    const events = await handle.db
      .selectFrom('crm_feedback_event')
      .select(['type', 'staff_name'])
      .where('feedback_id', '=', stored.id)
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.type)).toEqual(['created', 'reply_public', 'status', 'publish']);
    expect(events.slice(1).every((e) => e.staff_name === 'Siti Rahmawati')).toBe(true);

    // The board shows it, done, with the library's answer; the member's markup stays text.
    await visitor.reload({ waitUntil: 'load' });
    const item = `slims-feedback-board >>> li[data-id="${stored.id}"]`;
    await find(visitor, item);
    const shown = await textOf(visitor, item);
    expect(shown).toContain(SUGGESTION);
    expect(shown).toContain(REPLY);
    expect(await textOf(visitor, `${item} [part~="badge"]`)).toBe('Selesai');
    expect(await visitor.$(`${item} b`)).toBeNull();

    // The submitter's mailbox: a notice of the answer and of the new status, in Indonesian, each once.
    const box = await mailbox;
    await until(() => box.received.length >= 2, 'two notices');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(box.received.map((m) => [m.to, m.subject]).sort()).toEqual(
      [
        [['pemustaka@perpustakaan.test'], `Perpustakaan menjawab saran Anda ${code}`],
        [['pemustaka@perpustakaan.test'], `Saran Anda ${code}: Selesai`],
      ].sort(),
    );
    expect(box.received.find((m) => m.subject.startsWith('Perpustakaan menjawab'))?.text).toContain(REPLY);
    expect(errors).toEqual([]);
  }, 90_000);
});
