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
  await staff.type('slims-crm-admin >>> input[autocomplete="username"]', 'admin');
  await staff.type('slims-crm-admin >>> input[type="password"]', 'admin');
  await staff.keyboard.press('Enter');
  await staff.waitForSelector('slims-crm-admin >>> table, slims-crm-admin >>> [role="table"], slims-crm-admin >>> ul');
  await new Promise((resolve) => setTimeout(resolve, 800));
  await staff.screenshot({ path: new URL('staff-list.png', out).pathname as `${string}.png` });
} finally {
  await browser.close();
}
