// The demo as a new user opens it: `npm start`'s server (its own process, no configuration) opened in Chromium
// at 127.0.0.1 and at this machine's LAN address, not only at the localhost of CRM_PUBLIC_URL's default. The
// widgets draw and take a vote, and the staff app signs in, at every address the sidecar prints at start.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChromium } from '../helpers/chromium.ts';
import { freePort, startSidecar, type SidecarProcess } from '../helpers/sidecar-process.ts';

describe('the demo from any address', () => {
  let sidecar: SidecarProcess;
  let browser: Browser;
  let port = 0;
  let printed: string[] = [];

  beforeAll(async () => {
    port = await freePort();
    // No CRM_PUBLIC_URL: it defaults to http://localhost:PORT, the case that used to break elsewhere.
    sidecar = await startSidecar({ CRM_PUBLIC_URL: '', HOST: '0.0.0.0', PORT: String(port) }, port, {
      startTimeoutMs: 120_000,
    });
    await sidecar.waitForOutput(/E-mail:/);
    printed = [...new Set([...sidecar.output().matchAll(/http:\/\/[^\s/]+(?=\/\s)/g)].map((m) => m[0]))];
    browser = await openChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await sidecar?.stop();
  });

  it('prints localhost and the LAN addresses it can be opened at', () => {
    expect(printed[0]).toBe(`http://localhost:${port}`);
    for (const url of printed) expect(url).toMatch(new RegExp(`^http://[\\w.-]+:${port}$`));
    expect(sidecar.output()).toContain('admin / admin, pustakawan / pustakawan');
  });

  const shadowHas = (page: Page, tag: string, selector: string) =>
    page.waitForFunction(
      (t, s) => document.querySelector(t)?.shadowRoot?.querySelector(s),
      { timeout: 20_000, polling: 100 },
      tag,
      selector,
    );

  async function voteAt(origin: string): Promise<void> {
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('requestfailed', (request) => problems.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await shadowHas(page, 'slims-poll', 'input[type="radio"]');
    await shadowHas(page, 'slims-suggestion-box', 'textarea');
    const radios = await page.$$('slims-poll >>> input[type="radio"]');
    await radios[0]?.click();
    await page.click('slims-poll >>> button[part~="button"]');
    await shadowHas(page, 'slims-poll', '[part="result"]');
    expect(await page.$eval('slims-poll >>> [part="status"]', (el) => el.textContent ?? '')).toMatch(/Terima kasih/);
    const text = await page.evaluate(() =>
      ['slims-poll', 'slims-survey', 'slims-suggestion-box', 'slims-feedback-board']
        .map((tag) => document.querySelector(tag)?.shadowRoot?.textContent ?? '')
        .join(' '),
    );
    expect(text).not.toMatch(/Tidak dapat terhubung/);
    expect(problems).toEqual([]);
    await page.close();
  }

  async function staffSignInAt(origin: string): Promise<void> {
    const page = await browser.newPage();
    await page.goto(`${origin}/admin`, { waitUntil: 'load' });
    await (await page.waitForSelector('slims-crm-admin >>> #signin-username'))?.type('admin');
    await (await page.waitForSelector('slims-crm-admin >>> #signin-password'))?.type('admin');
    await page.keyboard.press('Enter');
    try {
      await shadowHas(page, 'slims-crm-admin', 'a[data-section="feedback"]');
    } catch (error) {
      const shown = await page.evaluate(() =>
        document.querySelector('slims-crm-admin')?.shadowRoot?.textContent?.replace(/\s+/g, ' '),
      );
      throw new Error(`not signed in at ${origin}/admin; the page shows: ${shown}`, { cause: error });
    }
    await page.close();
  }

  it('takes a vote and signs staff in at 127.0.0.1', async () => {
    await voteAt(`http://127.0.0.1:${port}`);
    await staffSignInAt(`http://127.0.0.1:${port}`);
  }, 90_000);

  it('takes a vote and signs staff in at every LAN address it printed', async () => {
    const lan = printed.filter((url) => !/\/\/(localhost|127\.)/.test(url));
    if (lan.length === 0) console.warn('this machine has no LAN address: only 127.0.0.1 and localhost were tried');
    // Each address is a new origin to the browser, so each votes with a new device.
    for (const origin of lan) {
      await voteAt(origin);
      await staffSignInAt(origin);
    }
  }, 120_000);

  it('themes the member sign-in like the page, keeps its space at first paint, and its heading once signed in', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    try {
      await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'load' });
      await shadowHas(page, 'slims-member-signin', '#card');
      await shadowHas(page, 'slims-survey', 'form button');
      const look = () =>
        page.evaluate(() => {
          const el = document.querySelector('slims-member-signin')!;
          const button = el.shadowRoot!.querySelector('button')!;
          const poll = document.querySelector('slims-survey')!.shadowRoot!.querySelector('form button');
          return {
            height: el.getBoundingClientRect().height,
            content: el.shadowRoot!.querySelector('[part="container"]')!.getBoundingClientRect().height,
            title: el.shadowRoot!.querySelector('[part="title"]')?.textContent ?? '',
            button: getComputedStyle(button).backgroundColor,
            pollButton: poll ? getComputedStyle(poll).backgroundColor : '',
          };
        });
      const form = await look();
      expect(form.button).toBe(form.pollButton); // the page's green, not the widgets' default blue
      expect(form.button).not.toBe('rgb(10, 88, 168)');
      expect(form.height).toBeLessThanOrEqual(350); // the space the page keeps for it (no shift when it draws)
      await (await page.waitForSelector('slims-member-signin >>> #card'))?.type('M000001');
      await (await page.waitForSelector('slims-member-signin >>> #password'))?.type('anggota');
      await page.keyboard.press('Enter');
      await shadowHas(page, 'slims-member-signin', '[part~="signout"]');
      const signedIn = await look();
      expect(signedIn.title).toBe('Akun anggota');
      expect(signedIn.height).toBe(signedIn.content); // no reserved blank below the sign-out button
    } finally {
      await page.close();
    }
  }, 60_000);

  it('lets a demo member sign in on Profil saya, pick a topic and a consent, save, and find them there again', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(String(error)));
    try {
      await page.goto(`http://127.0.0.1:${port}/profil`, { waitUntil: 'load' });
      await shadowHas(page, 'slims-interest-profile', '[part="title"]');
      expect(await page.$eval('slims-interest-profile >>> [part~="status"]', (el) => el.textContent)).toContain(
        'Silakan masuk sebagai anggota',
      );
      await (await page.waitForSelector('slims-member-signin >>> #card'))?.type('M000001');
      await (await page.waitForSelector('slims-member-signin >>> #password'))?.type('anggota');
      await page.keyboard.press('Enter');
      await shadowHas(page, 'slims-interest-profile', 'form');
      // The page's reserved 1800 px hold the whole profile: nothing below it moves when it draws.
      const drawn = await page.$eval(
        'slims-interest-profile >>> [part="container"]',
        (el) => el.getBoundingClientRect().height,
      );
      expect(drawn).toBeLessThanOrEqual(1800);
      await (await page.waitForSelector('slims-interest-profile >>> #topic-search'))?.type('a');
      // Polled: the results appear inside a shadow root, which waitForSelector's mutation watch does not see.
      await shadowHas(page, 'slims-interest-profile', 'button[data-topic]');
      const first = await page.$('slims-interest-profile >>> button[data-topic]');
      const topic = ((await first?.evaluate((b) => b.getAttribute('aria-label'))) ?? '').replace(/^Tambah /, '');
      await first?.click();
      await page.click('slims-interest-profile >>> [data-consent="email:news"]');
      await page.click('slims-interest-profile >>> [part~="save"]');
      await page.waitForFunction(
        () =>
          document.querySelector('slims-interest-profile')?.shadowRoot?.querySelector('[part~="status"]')
            ?.textContent === 'Tersimpan.',
        { timeout: 20_000, polling: 100 },
      );
      // The member's next page in this tab: the same member, the saved profile.
      await page.reload({ waitUntil: 'load' });
      await shadowHas(page, 'slims-interest-profile', 'form');
      const shown = await page.evaluate(() => {
        const root = document.querySelector('slims-interest-profile')!.shadowRoot!;
        return {
          chips: [...root.querySelectorAll('[part="chip"]')].map((c) => (c.textContent ?? '').replace('×', '').trim()),
          news: root.querySelector<HTMLInputElement>('[data-consent="email:news"]')!.checked,
        };
      });
      expect(shown.chips).toContain(topic);
      expect(shown.news).toBe(true);
      expect(problems).toEqual([]);
    } catch (error) {
      const status = await page.evaluate(
        () =>
          document.querySelector('slims-interest-profile')?.shadowRoot?.querySelector('[part~="status"]')?.textContent,
      );
      throw new Error(`the profile says: ${status}; ${problems.join(' ')}`, { cause: error });
    } finally {
      await page.close();
    }
  }, 90_000);

  /** A page of another site (another port is another origin) with the widgets from the sidecar, as a webmaster pastes them. */
  async function otherSite(body: (sidecar: string) => string): Promise<{ origin: string; close: () => Promise<void> }> {
    const server: Server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Perpustakaan lain</title></head><body>${body(`http://127.0.0.1:${port}`)}</body></html>`,
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      close: () =>
        new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections(); // the browser keeps its sockets open
        }),
    };
  }

  const statusOf = (page: Page, selector: string) =>
    page.evaluate(
      (s) => document.querySelector(s)?.shadowRoot?.querySelector('[part="status"]')?.textContent?.trim() ?? '',
      selector,
    );

  it('tells a visitor on a site it does not accept "not available here", and the webmaster what to set', async () => {
    const dead = await freePort();
    const site = await otherSite(
      (api) => `<script type="module" src="${api}/widgets/slims-crm.js"></script>
        <slims-poll poll="jam-layanan" id="refused"></slims-poll>
        <slims-poll poll="jam-layanan" id="english" lang="en"></slims-poll>
        <slims-poll poll="jam-layanan" id="down" api="http://127.0.0.1:${dead}"></slims-poll>
        <slims-member-signin></slims-member-signin>`,
    );
    const page = await browser.newPage();
    const warnings: string[] = [];
    page.on('console', (message) => warnings.push(message.text()));
    try {
      await page.goto(`${site.origin}/`, { waitUntil: 'load' });
      for (const [selector, text] of [
        ['#refused', 'Layanan ini belum tersedia di situs ini.'],
        ['#english', 'This service is not available on this site.'],
        ['#down', 'Tidak dapat terhubung. Periksa koneksi internet Anda.'],
      ]) {
        await page
          .waitForFunction(
            (s, t) =>
              document.querySelector(s)?.shadowRoot?.querySelector('[part="status"]')?.textContent?.trim() === t,
            { timeout: 20_000, polling: 100 },
            selector!,
            text!,
          )
          .catch(async (error: unknown) => {
            throw new Error(`${selector} shows "${await statusOf(page, selector!)}", not "${text}"`, { cause: error });
          });
      }
      // A refused site has no retry button (trying again changes nothing); a dead connection has one.
      expect(await page.$('#refused >>> button')).toBeNull();
      expect(await page.$('#down >>> button')).not.toBeNull();
      expect(warnings.some((w) => w.includes(`CRM_ALLOWED_ORIGINS=${site.origin}`))).toBe(true);

      // The member sign-in's POST is refused at its preflight: the same words, not "check your connection".
      await (
        await page.waitForSelector('slims-member-signin >>> input[name="cardNumber"], slims-member-signin >>> input')
      )?.type('M000001');
      const inputs = await page.$$('slims-member-signin >>> input');
      await inputs[1]?.type('anggota');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () =>
          /belum tersedia di situs ini/.test(
            document.querySelector('slims-member-signin')?.shadowRoot?.textContent ?? '',
          ),
        { timeout: 20_000, polling: 100 },
      );
    } finally {
      await page.close();
      await site.close();
    }
  }, 90_000);

  it('tells staff on a SLiMS it does not accept which setting lets it in', async () => {
    const site = await otherSite(
      (api) =>
        `<script type="module" src="${api}/widgets/slims-crm-admin.js"></script><slims-crm-admin api="${api}"></slims-crm-admin>`,
    );
    const page = await browser.newPage();
    try {
      await page.goto(`${site.origin}/`, { waitUntil: 'load' });
      await (await page.waitForSelector('slims-crm-admin >>> #signin-username'))?.type('admin');
      await (await page.waitForSelector('slims-crm-admin >>> #signin-password'))?.type('admin');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (setting) =>
          document
            .querySelector('slims-crm-admin')
            ?.shadowRoot?.querySelector('#signin-error')
            ?.textContent?.includes(setting),
        { timeout: 20_000, polling: 100 },
        `CRM_ALLOWED_ORIGINS=${site.origin}`,
      );
    } finally {
      await page.close();
      await site.close();
    }
  }, 60_000);

  it("still refuses another site's page", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/surveys/jam-layanan`, {
      headers: { Origin: 'http://perpustakaan-lain.example' },
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      error: {
        code: 'origin_not_allowed',
        details: [
          { field: 'Origin', message: expect.stringContaining('CRM_ALLOWED_ORIGINS=http://perpustakaan-lain.example') },
        ],
      },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const own = await fetch(`http://127.0.0.1:${port}/api/v1/surveys/jam-layanan`, {
      headers: { Origin: `http://127.0.0.1:${port}` },
    });
    expect(own.status).toBe(200);
    expect(own.headers.get('access-control-allow-origin')).toBe(`http://127.0.0.1:${port}`);
  });
});
