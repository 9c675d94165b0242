// Takes the README's screenshots from a running sidecar: npx tsx test/helpers/screenshots.ts http://localhost:3000
import puppeteer from 'puppeteer-core';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = new URL('../screenshots/', import.meta.url);
const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${base}/`, { waitUntil: 'networkidle0' });
  await page.waitForSelector('slims-poll >>> input[type="radio"]');
  await page.waitForSelector('slims-survey >>> form');
  await page.screenshot({ path: new URL('demo.png', out).pathname as `${string}.png`, fullPage: true });

  const staff = await browser.newPage();
  await staff.setViewport({ width: 1280, height: 900 });
  await staff.goto(`${base}/admin`, { waitUntil: 'networkidle0' });
  await staff.type('slims-crm-admin >>> #signin-username', 'admin');
  await staff.type('slims-crm-admin >>> #signin-password', 'admin');
  await staff.click('slims-crm-admin >>> button[type="submit"]');
  await staff.waitForFunction(() => /Jam layanan/.test(document.querySelector('slims-crm-admin')?.shadowRoot?.textContent ?? ''), { timeout: 15_000 });
  await staff.screenshot({ path: new URL('staff-list.png', out).pathname as `${string}.png` });
  // The satisfaction survey's live results.
  await staff.evaluate(() => {
    const root = document.querySelector('slims-crm-admin')?.shadowRoot;
    const row = [...(root?.querySelectorAll('tr') ?? [])].find((tr) => tr.textContent?.includes('Survei Kepuasan'));
    const results = [...(row?.querySelectorAll('a, button') ?? [])].find((el) => el.textContent?.trim() === 'Hasil');
    (results as HTMLElement | undefined)?.click();
  });
  await staff.waitForSelector('slims-crm-admin >>> canvas', { timeout: 15_000 });
  await new Promise((resolve) => setTimeout(resolve, 4000));
  await staff.screenshot({ path: new URL('staff-results.png', out).pathname as `${string}.png`, fullPage: true });
} finally {
  await browser.close();
}
