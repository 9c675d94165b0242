// The plugin inside a real SLiMS (9.7.0 and 9.4.2 from ../shared/slims), with SLiMS's own error handler in
// development mode, the real sidecar on SLiMS's database and Chromium where a page's scripts matter: what a
// librarian and a member do, from SLiMS's own screens. Each version's file calls realSlimsSuite(version).
import { createHash } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reservedPx } from '../../widgets/admin/reserve.ts';
import { freePort, runCli, startSidecar, type SidecarProcess } from '../helpers/sidecar-process.ts';
import {
  addMember,
  copyCookiesToPage,
  decodeEntities,
  describeProblem,
  enablePlugin,
  installSlims,
  isFinishSuccess,
  loanAndFinish,
  memberLogin,
  openChromium,
  phpLogProblems,
  quickReturn,
  slimsErrorIn,
  slimsOwnProblem,
  slimsTarball,
  staffLogin,
  type Browserless,
  type SlimsInstall,
  type SlimsVersion,
} from '../helpers/slims.ts';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PLUGIN = join(REPO, 'plugin', 'slims_crm');
/** Staff and member tokens live this long here (the plugin's SLIMS_CRM_TOKEN_SECONDS), so they run out in the run. */
const TOKEN_SECONDS = 60;
/** The sidecar accepts a token this long after it ran out (clock skew between the servers). */
const SKEW_SECONDS = 60;
const THEMES = ['default', 'akasia', 'akasia-dz', 'lightweight'] as const;
/** CRM_SCREENSHOTS=1 (with SLiMS 9.7.0) retakes the README's pictures of the plugin at work. */
const SCREENSHOTS = process.env.CRM_SCREENSHOTS === '1' ? join(REPO, 'test', 'screenshots') : null;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Whether this machine can run the suite for `version`; CI (CRM_REQUIRE_SLIMS=1) fails instead of skipping. */
export function slimsAvailable(version: SlimsVersion): boolean {
  const tarball = slimsTarball(version);
  if (tarball !== null && existsSync(join(REPO, 'dist', 'widgets', 'slims-crm.js'))) return true;
  const why =
    tarball === null
      ? `no SLiMS ${version} tarball in ${process.env.CRM_TEST_SLIMS_DIR ?? '../shared/slims'}`
      : 'the widgets are not built (npm run build)';
  if (process.env.CRM_REQUIRE_SLIMS === '1') throw new Error(`CRM_REQUIRE_SLIMS=1 but ${why}`);
  console.log(`\nSkipped: the plugin's tests inside a real SLiMS ${version} (${why}). CI runs them.\n`);
  return false;
}

/** plugin_container.php's id of one of the plugin's admin pages: md5 of its real path, as SLiMS computes it. */
function adminPage(install: SlimsInstall, page: 'settings' | 'staff_app'): string {
  const file = realpathSync(join(install.dir, 'plugins', 'slims_crm', 'pages', `${page}.php`));
  return `admin/plugin_container.php?mod=membership&id=${createHash('md5').update(file).digest('hex')}`;
}

function formToken(html: string): string {
  const token = /name="slims_crm_form" value="([0-9a-f]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no form token in the settings page:\n${html.slice(0, 2000)}`);
  return token;
}

function claims(token: string): Json {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Json;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export function realSlimsSuite(version: SlimsVersion): void {
  describe(`the plugin inside a real SLiMS ${version}`, () => {
    let install: SlimsInstall;
    let sidecar: SidecarProcess | null = null;
    let sidecarPort: number;
    let sidecarEnv: Record<string, string>;
    let staff: Browserless;
    let browser: Browser;
    let staffApp: Page;
    let firstStaffToken = '';
    let member: Browserless;
    const crmUser = `crm_t${Math.random().toString(36).slice(2, 8)}`;
    const clients: Browserless[] = [];
    const pageProblems: string[] = [];
    const slimsPageErrors: string[] = [];

    const restartSidecar = async (extra: Record<string, string> = {}) => {
      await sidecar?.stop();
      sidecar = await startSidecar({ ...sidecarEnv, ...extra }, sidecarPort);
    };

    /** The settings page, as the librarian opens it from Membership > CRM > CRM settings. */
    const settingsPage = () => staff.get(adminPage(install, 'settings'), { xhr: true });
    const postSettings = async (fields: Record<string, string>) => {
      const token = formToken((await settingsPage()).text);
      return staff.post(adminPage(install, 'settings'), { form: { slims_crm_form: token, ...fields } }, { xhr: true });
    };
    const testConnection = () => postSettings({ slims_crm_action: 'test' });
    const picture = async (page: Page, name: string) => {
      if (SCREENSHOTS !== null && version === '9.7.0')
        await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) as `${string}.png` });
    };

    /**
     * A page in a browser context of its own (its own cookies and storage: another visitor), signed in with the
     * client's SLiMS cookies when one is given, that records console errors, page errors and CSP violations.
     */
    const openPage = async (client: Browserless | null): Promise<Page> => {
      const page = await (await browser.createBrowserContext()).newPage();
      if (client !== null) await copyCookiesToPage(client, page);
      await page.evaluateOnNewDocument(() => {
        document.addEventListener('securitypolicyviolation', (e) => {
          (window as unknown as { __csp: string[] }).__csp ??= [];
          (window as unknown as { __csp: string[] }).__csp.push(`${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      // SLiMS's own pages have script errors of their own (a theme's missing jQuery plugin, an empty API answer):
      // the ones that count here come from the widgets, whose files the sidecar serves.
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const where = message.location().url ?? '';
        (where.startsWith(sidecar?.url ?? '\0') || /slims-crm/.test(message.text())
          ? pageProblems
          : slimsPageErrors
        ).push(`${page.url()}: console error: ${message.text()} (${where})`);
      });
      page.on('pageerror', (error) => {
        const stack = error instanceof Error ? (error.stack ?? '') : String(error);
        (stack.includes(sidecar?.url ?? '\0') ? pageProblems : slimsPageErrors).push(
          `${page.url()}: page error: ${stack.split('\n').slice(0, 3).join(' | ')}`,
        );
      });
      return page;
    };

    const circulate = async (memberId: string, itemCode: string) => {
      const loan = await loanAndFinish(install, staff, memberId, itemCode);
      const back = await quickReturn(install, staff, itemCode);
      return { loan, back };
    };
    const webhookCount = async (event: string) =>
      Number(
        (await install.query<{ n: number }>('SELECT COUNT(*) AS n FROM crm_webhook_event WHERE event = ?', [event]))[0]
          ?.n ?? 0,
      );

    beforeAll(async () => {
      install = await installSlims(version, { env: { SLIMS_CRM_TOKEN_SECONDS: String(TOKEN_SECONDS) } });
      const slimsOrigin = new URL(install.url).origin;
      // README, "Connecting to a real SLiMS database": the crm_* tables with SLiMS's own account, then a user of the sidecar's own.
      const migrated = await runCli('migrate', { CRM_DATABASE_URL: install.db.url });
      expect(migrated.code, migrated.output).toBe(0);
      const doctor = await runCli('doctor', { CRM_DATABASE_URL: install.db.url });
      expect(doctor.code, doctor.output).toBe(1);
      expect(doctor.output).toMatch(/can change \d+ SLiMS table/);
      expect(doctor.output).toMatch(/holds rights on every database of the server/);
      expect(doctor.output, 'the plugin is not there yet').toMatch(/The "SLiMS CRM" plugin is not enabled/);
      const statements = doctor.output
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => /^(CREATE USER|GRANT) /.test(line));
      expect(statements.length).toBeGreaterThan(10);
      const password = /mysql:\/\/slims_crm:([^@]+)@/.exec(doctor.output)?.[1] ?? '';
      for (const statement of statements) await install.query(statement.replaceAll("'slims_crm'@", `'${crmUser}'@`));
      sidecarPort = await freePort();
      sidecarEnv = {
        CRM_DATABASE_URL: `mysql://${crmUser}:${encodeURIComponent(password)}@127.0.0.1:${install.db.port}/${install.db.name}`,
        CRM_ALLOWED_ORIGINS: slimsOrigin,
      };
      // Step 1 of the README: the sidecar first, before the plugin exists. It makes no secret of its own.
      await restartSidecar();
      expect(sidecar!.output()).toMatch(/Waiting for the SLiMS plugin/);
      staff = await staffLogin(install);
      clients.push(staff);
      await enablePlugin(install, staff, PLUGIN);
      browser = await openChromium();
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await sidecar?.stop();
      if (install) {
        for (const host of ['localhost', '127.0.0.1'])
          await install.query(`DROP USER IF EXISTS '${crmUser}'@'${host}'`).catch(() => undefined);
        await install.stop();
      }
    });

    it('pairs from the settings page: URL saved, Test connection proves both sides hold the same secret, no sidecar restart', async () => {
      const page = await settingsPage();
      expect(page.status).toBe(200);
      expect(page.text).toContain('CRM_DATABASE_URL=&#039;mysql://slims_crm:');
      const saved = await postSettings({ slims_crm_action: 'save', sidecarUrl: sidecar!.url });
      expect(saved.text).toContain('Settings saved.');
      const [row] = await install.query<{ setting_value: string }>(
        "SELECT setting_value FROM setting WHERE setting_name = 'slims_crm'",
      );
      expect(row?.setting_value).toContain(sidecar!.url);
      const test = await testConnection();
      expect(test.text, test.text).toContain('data-paired="1"');
      expect(test.text).toContain('Connected');
      await sidecar!.waitForOutput(/now paired/);
      if (SCREENSHOTS !== null && version === '9.7.0') {
        // The same, in SLiMS's admin as the librarian sees it: Membership > CRM > CRM settings, Test connection.
        const admin = await openPage(staff);
        await admin.setViewport({ width: 1280, height: 860 });
        await admin.goto(`${install.url}admin/index.php?mod=membership`, { waitUntil: 'domcontentloaded' });
        const id = adminPage(install, 'settings').split('&id=')[1]!;
        await admin.waitForSelector(`a[href*="${id}"]`);
        await admin.click(`a[href*="${id}"]`);
        await admin.waitForSelector('input[name="slims_crm_action"][value="test"]');
        await admin.click('form:has(input[value="test"]) input[type="submit"]');
        await admin.waitForSelector('#slimsCrmStatus[data-paired="1"]', { timeout: 15_000 });
        await sleep(1500); // SLiMS fades a page in after loading it
        await picture(admin, 'slims-settings');
        await admin.close();
      }
    });

    it('opens the staff app from SLiMS’s Membership menu, signed in as the librarian, with no sign-in form of its own', async () => {
      staffApp = await openPage(staff);
      await staffApp.setViewport({ width: 1280, height: 860 });
      await staffApp.goto(`${install.url}admin/index.php?mod=membership`, { waitUntil: 'domcontentloaded' });
      const link = adminPage(install, 'staff_app').split('?')[1]!;
      await staffApp.waitForSelector(`a[href*="${link.split('&id=')[1]}"]`, { timeout: 15_000 });
      await staffApp.click(`a[href*="${link.split('&id=')[1]}"]`);
      await staffApp.waitForFunction(
        () => document.querySelector('slims-crm-admin')?.shadowRoot?.querySelector('nav.sections'),
        { timeout: 20_000 },
      );
      firstStaffToken = (await staffApp.$eval('slims-crm-admin', (el) => el.getAttribute('token'))) ?? '';
      expect(claims(firstStaffToken)).toMatchObject({ typ: 'staff', sub: '1' });
      expect(claims(firstStaffToken).exp - claims(firstStaffToken).iat).toBe(TOKEN_SECONDS);
      expect(
        await staffApp.$eval('slims-crm-admin', (el) =>
          Boolean(el.shadowRoot?.querySelector('slims-crm-admin-signin')),
        ),
      ).toBe(false);
    });

    it('places a poll on the OPAC home page and every detail page from the staff app', async () => {
      // The poll itself, made through the staff API with the token the plugin minted.
      const created = await fetch(`${sidecar!.url}/api/v1/staff/surveys`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${firstStaffToken}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          slug: 'layanan-favorit',
          title: 'Layanan favorit',
          audience: 'anyone',
          resultsVisibility: 'after_answer',
          questions: [
            {
              type: 'single',
              prompt: 'Layanan apa yang paling Anda pakai?',
              options: [{ label: 'Peminjaman' }, { label: 'Ruang baca' }],
            },
          ],
        }),
      });
      expect(created.status).toBe(201);
      const poll = ((await created.json()) as Json).survey;
      expect(
        (
          await fetch(`${sidecar!.url}/api/v1/staff/surveys/${poll.id}/open`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${firstStaffToken}` },
          })
        ).status,
      ).toBe(200);
      // In the staff app inside SLiMS: the OPAC section, the poll, home page, Show; then detail pages.
      const inApp = (selector: string) => `slims-crm-admin >>> ${selector}`;
      await staffApp.bringToFront();
      await staffApp.click(inApp('nav.sections a[data-section="opac"]'));
      await staffApp.waitForFunction(
        (title) => {
          const select = document
            .querySelector('slims-crm-admin')
            ?.shadowRoot?.querySelector<HTMLSelectElement>('#placement-widget');
          return select && [...select.options].some((o) => o.textContent?.includes(title));
        },
        {},
        poll.title,
      );
      for (const place of ['home', 'detail']) {
        await staffApp.$eval(
          inApp('#placement-widget'),
          (select, id) => {
            (select as HTMLSelectElement).value = `survey:${id}`;
            select.dispatchEvent(new Event('change'));
          },
          poll.id,
        );
        await staffApp.click(inApp(`input[name="placement-place"][value="${place}"]`));
        await staffApp.click(inApp('#placement-add'));
        await staffApp.waitForFunction(
          (n) =>
            (document.querySelector('slims-crm-admin')?.shadowRoot?.querySelectorAll('#placements-list tbody tr')
              .length ?? 0) >= n,
          {},
          place === 'home' ? 1 : 2,
        );
      }
      await staffApp.evaluate(() => window.scrollTo(0, 0));
      await sleep(300);
      await picture(staffApp, 'slims-staff-app');
      const rows = await install.query<{ widget: string; place: string }>(
        'SELECT widget, place FROM crm_placement ORDER BY id',
      );
      expect(rows).toEqual([
        { widget: 'poll', place: 'home' },
        { widget: 'poll', place: 'detail' },
      ]);
    });

    it('lets a loan, Finish Transaction, Quick Return and a member save answer 200 with the sidecar up, and their webhooks arrive', async () => {
      const saved = await addMember(install, staff, {
        id: 'M0001',
        name: 'Dewi Anggraini',
        password: 'rahasia',
        email: 'dewi@example.invalid',
      });
      expect(saved.ok, saved.text).toBe(true);
      const { loan, back } = await circulate('M0001', 'B00001');
      expect(isFinishSuccess(loan.finish, 'M0001', slimsOwnProblem(install)), loan.finish.text).toBe(true);
      expect(back.ok, back.text).toBe(true);
      expect(await webhookCount('member.saved')).toBe(1);
      // 9.4.2 fires no hook on Quick Return: only Finish Transaction's event comes.
      expect(await webhookCount('circulation.transaction')).toBe(version === '9.4.2' ? 1 : 2);
      const events = (
        await install.query<{ payload: string }>(
          "SELECT payload FROM crm_webhook_event WHERE event = 'circulation.transaction'",
        )
      ).map((row) => JSON.parse(row.payload).data as Json);
      expect(
        events.find((e) => e.loans.length > 0),
        JSON.stringify(events),
      ).toMatchObject({ memberId: 'M0001', loans: [{ itemCode: 'B00001' }] });
      if (version !== '9.4.2')
        expect(
          events.find((e) => e.returns.length > 0),
          JSON.stringify(events),
        ).toMatchObject({ returns: [{ itemCode: 'B00001' }] });
    });

    it('lets them answer 200 with the sidecar down, and with it hung (a bounded wait)', async () => {
      await sidecar!.stop();
      sidecar = null;
      const down = await circulate('M0001', 'B00002');
      expect(isFinishSuccess(down.loan.finish, 'M0001', slimsOwnProblem(install)), down.loan.finish.text).toBe(true);
      expect(down.back.ok, down.back.text).toBe(true);
      expect((await addMember(install, staff, { id: 'M0002', name: 'Budi', password: 'rahasia' })).ok).toBe(true);
      await restartSidecar();
      // Test connection forgets the pause the silence left, so the hung sidecar below is really waited for.
      expect((await testConnection()).text).toContain('data-paired="1"');
      sidecar!.hang();
      const started = Date.now();
      const hung = await circulate('M0001', 'B00003');
      const hungMs = Date.now() - started;
      expect(isFinishSuccess(hung.loan.finish, 'M0001', slimsOwnProblem(install)), hung.loan.finish.text).toBe(true);
      expect(hung.back.ok, hung.back.text).toBe(true);
      expect((await addMember(install, staff, { id: 'M0003', name: 'Citra', password: 'rahasia' })).ok).toBe(true);
      sidecar!.wake();
      console.log(`SLiMS ${version}: loan, finish and quick return with the sidecar hung took ${hungMs} ms in all`);
      // The wait is bounded (1.5 s, then a pause): far below what a hang would cost, with room for a slow machine.
      expect(hungMs).toBeLessThan(10_000);
      // The plugin logged why, with its prefix, and nothing reached SLiMS's error handler.
      expect(install.phpLog()).toMatch(/\[slims-crm\] webhook [a-z.]+ [0-9a-f]{32} not (delivered|sent)/);
      // Test connection clears the pause a silent sidecar left, so events flow again at once.
      expect((await testConnection()).text).toContain('data-paired="1"');
      const before = await webhookCount('circulation.transaction');
      await circulate('M0001', 'B00004');
      expect(await webhookCount('circulation.transaction')).toBeGreaterThan(before);
    });

    it('tells a matching secret from a different one, says what to do, and takes a new secret without a sidecar restart', async () => {
      await restartSidecar({ CRM_SECRET: 'not-the-plugins-secret-0123456789abcdef' });
      const other = await testConnection();
      expect(other.text).toContain('data-paired="0"');
      expect(other.text).toContain('Not connected');
      expect(other.text).toContain('Remove CRM_SECRET from its environment');
      await restartSidecar();
      expect((await testConnection()).text).toContain('data-paired="1"');
      const rotated = await postSettings({ slims_crm_action: 'save', sidecarUrl: sidecar!.url, newSecret: '1' });
      expect(rotated.text).toContain('picks up the new secret by itself');
      expect((await testConnection()).text).toContain('data-paired="1"');
      await sidecar!.waitForOutput(/changed: using the new one/);
    });

    it('offers “CRM profile” (“Profil CRM” in Indonesian) on SLiMS’s member list and edit form to staff who may read membership, opening the staff app on that member’s profile', async () => {
      const staffAppId = adminPage(install, 'staff_app').split('&id=')[1]!;
      /** The CRM profile links of an admin page: the member each opens, and its text. */
      const profileLinks = (html: string) =>
        [...html.matchAll(/<a href="([^"]*plugin_container\.php\?[^"]*&amp;member=[^"]*)"[^>]*>([^<]*)<\/a>/g)].map(
          ([, href, label]) => {
            const url = new URL(decodeEntities(href!), install.url);
            expect(url.pathname).toBe('/admin/plugin_container.php');
            expect(url.searchParams.get('id')).toBe(staffAppId);
            return `${url.searchParams.get('member')} ${label}`;
          },
        );
      const memberList = (client: Browserless) =>
        client.get('admin/modules/membership/index.php?ajaxload=1', { xhr: true });
      // What the list's edit link sends (its href, with postdata as the POST body).
      const editForm = (client: Browserless, id: string) =>
        client.post(
          `admin/modules/membership/index.php?itemID=${encodeURIComponent(id)}&detail=true&ajaxload=1&`,
          { form: { itemID: id, detail: 'true' } },
          { xhr: true },
        );
      const problem = slimsOwnProblem(install);

      const list = await memberList(staff);
      expect(list.status).toBe(200);
      expect(slimsErrorIn(list.text, problem), list.text).toBeNull();
      expect(profileLinks(list.text).sort()).toEqual(['M0001 CRM profile', 'M0002 CRM profile', 'M0003 CRM profile']);
      const search = await staff.get('admin/modules/membership/index.php?keywords=M0002&ajaxload=1', { xhr: true });
      expect(profileLinks(search.text)).toEqual(['M0002 CRM profile']);
      const form = await editForm(staff, 'M0002');
      expect(slimsErrorIn(form.text, problem), form.text).toBeNull();
      expect(form.text).toContain('id="mainForm"');
      expect(profileLinks(form.text)).toEqual(['M0002 CRM profile']);
      expect(
        profileLinks((await staff.get('admin/modules/membership/index.php?action=detail', { xhr: true })).text),
      ).toEqual([]);

      // SLiMS's admin in Indonesian (System > System Configuration, Default App. Language).
      const [language] = await install.query<{ setting_value: string }>(
        "SELECT setting_value FROM setting WHERE setting_name = 'default_lang'",
      );
      await install.query("UPDATE setting SET setting_value = ? WHERE setting_name = 'default_lang'", ['s:5:"id_ID";']);
      try {
        expect(profileLinks((await memberList(staff)).text).sort()).toEqual([
          'M0001 Profil CRM',
          'M0002 Profil CRM',
          'M0003 Profil CRM',
        ]);
        expect(profileLinks((await editForm(staff, 'M0001')).text)).toEqual(['M0001 Profil CRM']);
      } finally {
        await install.query("UPDATE setting SET setting_value = ? WHERE setting_name = 'default_lang'", [
          language!.setting_value,
        ]);
      }

      // A librarian whose group may only read Membership: SLiMS's read-only list (no delete box, no edit link)
      // has the links too; one without Membership sees neither the list nor a link.
      const [{ passwd }] = (await install.query<{ passwd: string }>('SELECT passwd FROM user WHERE user_id = 1')) as [
        { passwd: string },
      ];
      const staffWith = async (username: string, module: string) => {
        await install.query(
          'INSERT INTO user_group (group_name, input_date, last_update) VALUES (?, CURDATE(), CURDATE())',
          [username],
        );
        const [group] = await install.query<{ group_id: number }>(
          'SELECT group_id FROM user_group WHERE group_name = ?',
          [username],
        );
        await install.query(
          'INSERT INTO group_access (group_id, module_id, r, w) SELECT ?, module_id, 1, 0 FROM mst_module WHERE module_path = ?',
          [group!.group_id, module],
        );
        const groups = `a:1:{i:0;s:${String(group!.group_id).length}:"${group!.group_id}";}`;
        await install.query(
          'INSERT INTO user (username, realname, passwd, `groups`, input_date, last_update) VALUES (?, ?, ?, ?, CURDATE(), CURDATE())',
          [username, username, passwd, groups],
        );
        const client = await staffLogin(install, username, 'admin'); // the administrator's password hash, copied
        clients.push(client);
        return client;
      };
      const reader = await staffWith('baca_anggota', 'membership');
      const readOnly = await memberList(reader);
      expect(readOnly.text).not.toContain('name="itemID[]"');
      expect(profileLinks(readOnly.text).sort()).toEqual([
        'M0001 CRM profile',
        'M0002 CRM profile',
        'M0003 CRM profile',
      ]);
      const desk = await staffWith('sirkulasi', 'circulation');
      const refused = await memberList(desk);
      expect(refused.text).toContain('enough privileges');
      expect(profileLinks(refused.text)).toEqual([]);

      // In Chromium, from SLiMS's own screens: the list's link, then an edit form's with the app already loaded.
      const page = await openPage(staff);
      await page.setViewport({ width: 1280, height: 860 });
      await page.goto(`${install.url}admin/index.php?mod=membership`, { waitUntil: 'domcontentloaded' });
      /** The app's view of that member, once it shows the profile or the sidecar's refusal, and the page's URL. */
      const profileOf = async (id: string) => {
        const shown = await page.waitForFunction(
          (card) => {
            const view = document
              .querySelector('slims-crm-admin')
              ?.shadowRoot?.querySelector<HTMLElement & { memberId?: string | null }>('slims-crm-admin-member');
            if (view?.memberId !== card) return false;
            if (view.querySelector('[data-member-line] .code')?.textContent === card) return 'profile';
            return view.querySelector('[data-error]') ? 'error' : false;
          },
          { timeout: 20_000 },
          id,
        );
        const url = new URL(page.url());
        return { shown: await shown.jsonValue(), url: `${url.pathname}${url.search}${url.hash}` };
      };
      // The profiles the app asks the sidecar for: each read is a line in the audit log, so only the one clicked.
      const asked: string[] = [];
      page.on('request', (request) => {
        const path = new URL(request.url()).pathname;
        if (request.method() === 'GET' && path.startsWith('/api/v1/staff/members/'))
          asked.push(decodeURIComponent(path.slice('/api/v1/staff/members/'.length)));
      });
      /** Clicks the element once it is there, in one step in the page: SLiMS swaps its main area as it loads. */
      const clickWhenThere = (selector: string) =>
        page.waitForFunction(
          (target) => {
            const element = document.querySelector<HTMLElement>(target);
            element?.click();
            return element !== null;
          },
          { timeout: 15_000 },
          selector,
        );
      await clickWhenThere('#mainContent a[href*="member=M0001"]');
      expect(await profileOf('M0001')).toEqual({
        shown: 'profile',
        url: '/admin/index.php?mod=membership#/members/M0001',
      });
      // Back to SLiMS's member list, a member's edit form, its link: the app is defined on the page by now.
      await clickWhenThere('a.subMenuItem[href$="/admin/modules/membership/index.php"]');
      await clickWhenThere('#mainContent a.editLink[postdata="itemID=M0003&detail=true"]');
      await clickWhenThere('#mainContent .slims-crm-profile:has(+ form#mainForm) a[href*="member=M0003"]');
      expect(await profileOf('M0003')).toEqual({
        shown: 'profile',
        url: '/admin/index.php?mod=membership#/members/M0003',
      });
      expect(asked).toEqual(['M0001', 'M0003']);
      expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
      await page.close();
    });

    it('shows the placed poll on the OPAC home page and a detail page under SLiMS’s CSP; a logged-in member votes once', async () => {
      member = await memberLogin(install, 'M0001', 'rahasia');
      clients.push(member);
      const home = await member.get('');
      if (version === '9.7.0') {
        const csp = home.headers.get('content-security-policy') ?? '';
        expect(csp).toMatch(new RegExp(`script-src [^;]*${sidecar!.url.replace(/[.:/]/g, '\\$&')}`));
        expect(csp).toMatch(new RegExp(`connect-src [^;]*${sidecar!.url.replace(/[.:/]/g, '\\$&')}`));
      } else {
        expect(home.headers.get('content-security-policy'), 'SLiMS 9.4 sends no CSP').toBeNull();
      }
      expect(home.text).toMatch(
        /<slims-poll poll="layanan-favorit" lang="(id|en)" style="display:block;min-height:\d+px"><\/slims-poll>/,
      );
      const page = await openPage(member);
      await page.goto(install.url, { waitUntil: 'load' });
      await page.waitForFunction(
        () => document.querySelector('slims-poll')?.shadowRoot?.querySelector('input[type="radio"]'),
        { timeout: 20_000 },
      );
      await page.click('slims-poll >>> input[type="radio"]');
      await page.click('slims-poll >>> button[part="button"]');
      await page.waitForFunction(
        () => /Terima kasih|Thank you/.test(document.querySelector('slims-poll')?.shadowRoot?.textContent ?? ''),
        { timeout: 15_000 },
      );
      if (SCREENSHOTS !== null) {
        await page.setViewport({ width: 1280, height: 860 });
        await page.$eval('slims-poll', (el) => el.scrollIntoView({ block: 'center' }));
        await sleep(500);
        await picture(page, 'slims-opac-poll');
      }
      const answers = await install.query<{ member_id: string | null }>('SELECT member_id FROM crm_survey_response');
      expect(answers).toEqual([{ member_id: 'M0001' }]);
      // A detail page, the same member: the poll is there and says they answered; a second vote is refused.
      await page.goto(`${install.url}index.php?p=show_detail&id=1`, { waitUntil: 'load' });
      await page.waitForFunction(
        () =>
          /sudah menjawab|already answered/.test(document.querySelector('slims-poll')?.shadowRoot?.textContent ?? ''),
        { timeout: 20_000 },
      );
      // The same member again, as a second tab would: refused.
      const token = (await page.evaluate(() => window.SlimsCRM?.memberToken)) ?? '';
      const read = await fetch(`${sidecar!.url}/api/v1/surveys/layanan-favorit`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      const question = ((await read.json()) as Json).survey.questions[0];
      const vote = await fetch(`${sidecar!.url}/api/v1/surveys/layanan-favorit/responses`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
          'Idempotency-Key': `second-${Date.now()}`,
          Origin: new URL(install.url).origin,
        },
        body: JSON.stringify({ answers: [{ questionId: question.id, optionIds: [question.options[1].id] }] }),
      });
      const second = { status: vote.status, body: (await vote.json()) as Json };
      expect(second.status).toBe(409);
      expect(second.body.error?.code).toBe('already_answered');
      expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
      await page.close();
    });

    it('shows the widget in English on an English OPAC (the visitor’s choice, or SLiMS’s default_lang)', async () => {
      const page = await openPage(null);
      await page.goto(`${install.url}index.php?select_lang=en_US`, { waitUntil: 'load' });
      await page.waitForFunction(
        () => /\bSend\b/.test(document.querySelector('slims-poll')?.shadowRoot?.textContent ?? ''),
        { timeout: 20_000 },
      );
      expect(await page.$eval('slims-poll', (el) => el.getAttribute('lang'))).toBe('en');
      await page.goto(`${install.url}index.php?select_lang=id_ID`, { waitUntil: 'load' });
      await page.waitForFunction(
        () => /Kirim/.test(document.querySelector('slims-poll')?.shadowRoot?.textContent ?? ''),
        { timeout: 20_000 },
      );
      await page.close();
    });

    it('places the suggestion box and the board (three answered items) at every page’s side and footer, through the staff API', async () => {
      const token = (await staffApp.$eval('slims-crm-admin', (el) => el.getAttribute('token'))) ?? '';
      const staffCall = async (method: string, path: string, body: unknown) => {
        const res = await fetch(`${sidecar!.url}/api/v1/staff${path}`, {
          method,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
        expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
        return (await res.json()) as Json;
      };
      // The member's suggestions, answered and published, so the board has its first page to draw.
      const memberToken = (JSON.parse((await member.get('index.php?p=slims_crm_token')).text) as Json).token as string;
      const texts = [
        'Mohon jam buka diperpanjang sampai pukul 20.00 pada masa ujian, karena banyak mahasiswa belajar sampai malam.',
        'Tambahkan colokan listrik di ruang baca lantai dua.',
        'Koleksi buku pemrograman sudah lama; mohon ditambah judul terbaru tentang Python dan basis data.',
      ];
      for (const [i, text] of texts.entries()) {
        const sent = await fetch(`${sidecar!.url}/api/v1/feedback`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${memberToken}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': `board-item-${i}-${Date.now()}`,
          },
          body: JSON.stringify({ kind: 'suggestion', text, asMember: true }),
        });
        expect(sent.status, await sent.clone().text()).toBe(201);
      }
      const inbox = await fetch(`${sidecar!.url}/api/v1/staff/feedback`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      for (const item of ((await inbox.json()) as Json).items as Json[]) {
        await staffCall('POST', `/feedback/${item.id}/replies`, {
          text: 'Terima kasih, usulan ini sedang kami bahas bersama kepala perpustakaan dan akan kami kabarkan di sini.',
          visibility: 'public',
        });
        await staffCall('PUT', `/feedback/${item.id}`, { status: 'planned', published: true });
      }
      for (const widget of ['suggestion-box', 'feedback-board'] as const) {
        for (const place of ['footer', 'sidebar'] as const)
          await staffCall('POST', '/placements', { widget, place, reservePx: reservedPx(widget, place) });
      }
    });

    it.each(THEMES)(
      'places the widgets in the %s theme’s home and detail pages, side and footer, without moving the page when they draw',
      async (theme) => {
        const css = `template/${theme}/style.css`;
        await install.query("UPDATE setting SET setting_value = ? WHERE setting_name = 'template'", [
          `a:2:{s:5:"theme";s:${theme.length}:"${theme}";s:3:"css";s:${css.length}:"${css}";}`,
        ]);
        const page = await openPage(null);
        await page.setViewport({ width: 1280, height: 900 });
        for (const path of ['', 'index.php?p=show_detail&id=1']) {
          const where = `${theme} ${path || 'home'}`;
          await page.goto(`${install.url}${path}`, { waitUntil: 'load' });
          await page.waitForFunction(() => document.querySelector('slims-poll')?.shadowRoot?.querySelector('button'), {
            timeout: 20_000,
          });
          // The box and the board say when they have drawn (slims-loaded); the poll's button is its sign.
          await page.waitForFunction(
            () =>
              ['slims-suggestion-box', 'slims-feedback-board'].every((tag) =>
                document.querySelector(tag)?.shadowRoot?.querySelector('[part~="container"], form'),
              ),
            { timeout: 20_000 },
          );
          await sleep(1000);
          const boxes = await page.$$eval('slims-poll, slims-suggestion-box, slims-feedback-board', (elements) =>
            elements.map((el) => {
              const rect = el.getBoundingClientRect();
              // Its own height, as it would be without the space kept for it.
              const kept = (el as HTMLElement).style.minHeight;
              (el as HTMLElement).style.minHeight = '0px';
              const content = el.getBoundingClientRect().height;
              (el as HTMLElement).style.minHeight = kept;
              return { tag: el.localName, width: rect.width, height: rect.height, reserved: parseFloat(kept), content };
            }),
          );
          console.log(
            `SLiMS ${version} ${where}: ${boxes.map((b) => `${b.tag} ${Math.round(b.width)}×${Math.round(b.content)} of ${b.reserved}px`).join(', ')}`,
          );
          // The poll, and the box and the board once at the side and once in the footer.
          expect(boxes.map((b) => b.tag).sort(), where).toEqual([
            'slims-feedback-board',
            'slims-feedback-board',
            'slims-poll',
            'slims-suggestion-box',
            'slims-suggestion-box',
          ]);
          for (const box of boxes) {
            // Drawn within the space kept for it: nothing below it moves.
            expect(box.width, `${where} ${box.tag}: laid out in the page`).toBeGreaterThan(200);
            expect(box.content, `${where} ${box.tag}: drawn within its reserved ${box.reserved}px`).toBeLessThanOrEqual(
              box.reserved,
            );
            expect(box.height, `${where} ${box.tag}`).toBe(box.reserved);
          }
        }
        expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
        await page.close();
      },
    );

    it('keeps the staff app signed in past its token’s lifetime, renewing at once a token refused after the PC slept', async () => {
      await staffApp.bringToFront();
      // Stop the page's renewal timer, as a PC asleep past the token's end would: the next call is refused,
      // and the app has the page renew the token at once and sends the call again.
      const held = async () =>
        staffApp.evaluate(() => {
          clearTimeout((window.SlimsCRM as unknown as { staffTokenTimer?: number } | undefined)?.staffTokenTimer);
          return document.querySelector('slims-crm-admin')?.getAttribute('token') ?? '';
        });
      await held();
      await sleep(1500); // a renewal already on its way lands and would set a timer again
      const sleeping = await held();
      const stale = (claims(sleeping).exp + SKEW_SECONDS + 5) * 1000 - Date.now();
      if (stale > 0) await sleep(stale);
      for (const token of [firstStaffToken, sleeping]) {
        const refused = await fetch(`${sidecar!.url}/api/v1/staff/surveys`, {
          headers: { Authorization: `Bearer ${token}` },
        });
        expect(refused.status, 'the token has run out').toBe(401);
      }
      expect(await staffApp.$eval('slims-crm-admin', (el) => el.getAttribute('token'))).toBe(sleeping);
      const before = pageProblems.length;
      await staffApp.click('slims-crm-admin >>> nav.sections a[data-section="surveys"]');
      await staffApp.waitForFunction(
        () => /Layanan favorit/.test(document.querySelector('slims-crm-admin')?.shadowRoot?.textContent ?? ''),
        { timeout: 20_000 },
      );
      // Chromium logs the refused call, the renewal's cause: once, and nothing else.
      const logged = pageProblems.splice(before);
      const refusedCall = /status of 401 .*\/api\/v1\/staff\/surveys/;
      expect(
        logged.filter((p) => refusedCall.test(p)),
        'the one refused call',
      ).toHaveLength(1);
      expect(logged.filter((p) => !refusedCall.test(p))).toEqual([]);
      const token = (await staffApp.$eval('slims-crm-admin', (el) => el.getAttribute('token'))) ?? '';
      expect(token).not.toBe(sleeping);
      expect(
        await staffApp.$eval('slims-crm-admin', (el) =>
          Boolean(el.shadowRoot?.querySelector('slims-crm-admin-signin')),
        ),
      ).toBe(false);
    }, 240_000);

    it('passes npm run doctor on the sidecar’s own user once paired', async () => {
      const doctor = await runCli('doctor', { ...sidecarEnv, CRM_PUBLIC_URL: sidecar!.url });
      expect(doctor.output).toContain('reads SLiMS tables only');
      expect(doctor.output).toContain('holds the plugin’s secret');
      expect(doctor.output).toContain('sidecar URL in SLiMS = CRM_PUBLIC_URL');
      expect(doctor.code, doctor.output).toBe(0);
    });

    it('leaves no PHP warning, notice or error page of its own anywhere, and no console error in Chromium', () => {
      const own = slimsOwnProblem(install);
      const errors = clients.flatMap((c) =>
        c.history.flatMap((h) =>
          slimsErrorIn(h.text, own) ? [`${h.method} ${h.url} → ${h.status}: ${slimsErrorIn(h.text, own)}`] : [],
        ),
      );
      expect(errors).toEqual([]);
      const fromPlugin = phpLogProblems(install.phpLog()).filter((p) => !own(p));
      expect(fromPlugin.map(describeProblem)).toEqual([]);
      expect(install.phpLog()).not.toMatch(/\[slims-crm\] .*(failed|ErrorException)/);
      expect(pageProblems).toEqual([]);
      if (slimsPageErrors.length > 0)
        console.log(
          `SLiMS ${version}'s own script errors (not the widgets'):\n  ${[...new Set(slimsPageErrors)].join('\n  ')}`,
        );
    });
  });
}
