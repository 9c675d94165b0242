// Debian's Chromium (CHROME_PATH, else /usr/bin/chromium), headless, with the flags that keep it quiet in a
// container whose network is closed: one launcher for every test and script that drives a browser.
import type { Browser } from 'puppeteer-core';

export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';

export async function openChromium(): Promise<Browser> {
  // Imported on demand: most tests never open a browser, and puppeteer-core is slow to load.
  const puppeteer = (await import('puppeteer-core')).default;
  return puppeteer.launch({
    executablePath: CHROME_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--headless=new',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}
