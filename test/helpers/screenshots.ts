// Takes the README's screenshots from a running sidecar: npx tsx test/helpers/screenshots.ts http://localhost:3000
import type { ElementHandle, Page } from 'puppeteer-core';
import { openChromium } from './chromium.ts';

/** Polls for a selector that may sit inside shadow roots: mutation-based waits do not see into them. */
async function find(page: Page, selector: string, timeoutMs = 15_000): Promise<ElementHandle<Element>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const element = await page.$(selector);
    if (element !== null) return element;
    if (Date.now() > end) throw new Error(`not found within ${timeoutMs} ms: ${selector}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const base = process.argv[2] ?? 'http://localhost:3000';
const out = new URL('../screenshots/', import.meta.url);
const browser = await openChromium();
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
  await find(page, 'slims-poll >>> input[type="radio"]');
  await find(page, 'slims-survey >>> form');
  await page.screenshot({ path: new URL('demo.png', out).pathname as `${string}.png`, fullPage: true });
  // The suggestion box (a purchase request being written) and the board, each as an element shot.
  await (await find(page, 'slims-suggestion-box >>> input[name="kind"][value="purchase"]')).click();
  await page.type('slims-suggestion-box >>> input[name="purchase.title"]', 'Bumi Manusia');
  await page.type('slims-suggestion-box >>> input[name="purchase.author"]', 'Pramoedya Ananta Toer');
  await page.type('slims-suggestion-box >>> #text', 'Untuk tugas sastra kelas XI, banyak siswa yang mencarinya.');
  await (
    await page.$('slims-suggestion-box')
  )?.screenshot({ path: new URL('suggestion-box.png', out).pathname as `${string}.png` });
  await find(page, 'slims-feedback-board >>> li[data-id]');
  await (
    await page.$('slims-feedback-board')
  )?.screenshot({ path: new URL('feedback-board.png', out).pathname as `${string}.png` });

  // The member's own profile, signed in as the demo member, a topic being searched.
  const member = await browser.newPage();
  await member.setViewport({ width: 1280, height: 900 });
  await member.goto(`${base}/profil`, { waitUntil: 'networkidle0' });
  await (await find(member, 'slims-member-signin >>> #card')).type('M000001');
  await member.type('slims-member-signin >>> #password', 'anggota');
  await member.keyboard.press('Enter');
  await (await find(member, 'slims-interest-profile >>> #topic-search')).type('sej');
  await find(member, 'slims-interest-profile >>> button[data-topic]');
  await (
    await member.$('slims-interest-profile')
  )?.screenshot({ path: new URL('interest-profile.png', out).pathname as `${string}.png` });

  const staff = await browser.newPage();
  await staff.setViewport({ width: 1280, height: 900 });
  // A full-page shot resizes the viewport, which restarts chart animations: draw them without motion.
  await staff.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: 'reduce' }]);
  await staff.goto(`${base}/admin`, { waitUntil: 'networkidle0' });
  await staff.type('slims-crm-admin >>> #signin-username', 'admin');
  await staff.type('slims-crm-admin >>> #signin-password', 'admin');
  await staff.click('slims-crm-admin >>> button[type="submit"]');
  await staff.waitForFunction(
    () => /Jam layanan/.test(document.querySelector('slims-crm-admin')?.shadowRoot?.textContent ?? ''),
    { timeout: 15_000 },
  );
  await staff.screenshot({ path: new URL('staff-list.png', out).pathname as `${string}.png` });
  // The satisfaction survey's live results.
  await staff.evaluate(() => {
    const root = document.querySelector('slims-crm-admin')?.shadowRoot;
    const row = [...(root?.querySelectorAll('tr') ?? [])].find((tr) => tr.textContent?.includes('Survei Kepuasan'));
    const results = [...(row?.querySelectorAll('a, button') ?? [])].find((el) => el.textContent?.trim() === 'Hasil');
    (results as HTMLElement | undefined)?.click();
  });
  await find(staff, 'slims-crm-admin >>> canvas');
  await new Promise((resolve) => setTimeout(resolve, 4000));
  await staff.screenshot({ path: new URL('staff-results.png', out).pathname as `${string}.png`, fullPage: true });
  // The suggestion-box inbox, one item, and the service measures.
  await staff.click('slims-crm-admin >>> a[data-section="feedback"]');
  await find(staff, 'slims-crm-admin >>> tr[data-feedback]');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await staff.screenshot({ path: new URL('staff-inbox.png', out).pathname as `${string}.png` });
  await staff.click('slims-crm-admin >>> tr[data-feedback] [data-row-link]');
  await find(staff, 'slims-crm-admin >>> [data-text]');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await staff.screenshot({ path: new URL('staff-feedback-item.png', out).pathname as `${string}.png`, fullPage: true });
  await staff.click('slims-crm-admin >>> a[data-section="measures"]');
  await find(staff, 'slims-crm-admin >>> canvas');
  await new Promise((resolve) => setTimeout(resolve, 3000));
  await staff.screenshot({ path: new URL('staff-measures.png', out).pathname as `${string}.png`, fullPage: true });
  // The member search, and the first member's profile (its top: the timeline below runs long).
  await staff.click('slims-crm-admin >>> a[data-section="members"]');
  await find(staff, 'slims-crm-admin >>> tr[data-member]');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await staff.screenshot({ path: new URL('staff-members.png', out).pathname as `${string}.png` });
  await staff.click('slims-crm-admin >>> tr[data-member] [data-row-link]');
  await find(staff, 'slims-crm-admin >>> [data-slims]');
  await staff.setViewport({ width: 1280, height: 1500 });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await staff.screenshot({ path: new URL('staff-member.png', out).pathname as `${string}.png` });
  // The segment builder: a member type and a loan filter, counted.
  await staff.setViewport({ width: 1280, height: 900 });
  await staff.click('slims-crm-admin >>> a[data-section="segments"]');
  await (await find(staff, 'slims-crm-admin >>> input[name="memberTypes"]')).click();
  // Date inputs type in the browser's own order: the days are set as values instead.
  await staff.evaluate(() => {
    const root = document.querySelector('slims-crm-admin')?.shadowRoot;
    for (const [id, value] of [
      ['sg-loansFrom', '2026-01-01'],
      ['sg-loansTo', '2026-12-31'],
      ['sg-loansAtLeast', '3'],
    ]) {
      const input = root?.getElementById(id!) as HTMLInputElement | null;
      if (input === null || input === undefined) continue;
      input.value = value!;
      input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    }
  });
  await staff.type('slims-crm-admin >>> #sg-name', 'Peminjam aktif 2026');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await find(staff, 'slims-crm-admin >>> .segment-count [data-count]:not([data-count=""])');
  await staff.screenshot({ path: new URL('staff-segments.png', out).pathname as `${string}.png`, fullPage: true });
} finally {
  await browser.close();
}
