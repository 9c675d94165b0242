// Proof-of-work solve time in Chromium: the browser half of altcha-lib (the same code and the same
// challenge parameters the suggestion box uses) solving challenges made by the sidecar's createPowChallenge,
// once at full speed and once with the CPU throttled 4x (DevTools' low-end mobile preset).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import puppeteer from 'puppeteer-core';
import { createPowChallenge, POW_COUNTER } from '../../server/feedback/pow.ts';
import { ms, type Row } from './table.ts';

const TARGET_MS = 1_500;

async function solverBundle(): Promise<string> {
  const entry = `import { solveChallenge } from 'altcha-lib'; import { deriveKey } from 'altcha-lib/algorithms/web/sha';
    window.solve = async (challenge) => { const t = performance.now(); const s = await solveChallenge({ challenge, deriveKey }); return { ms: performance.now() - t, ok: s !== null }; };`;
  const out = await build({
    stdin: { contents: entry, resolveDir: fileURLToPath(new URL('../..', import.meta.url)) },
    bundle: true,
    format: 'iife',
    write: false,
    minify: true,
  });
  return out.outputFiles[0]!.text;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

export async function measurePow(runs = 15): Promise<{ rows: Row[]; details: string[] }> {
  // crypto.subtle needs a secure context: a page served from 127.0.0.1 is one (about:blank and data: are not).
  const server = createServer((_req, res) => res.end('<!doctype html><title>pow</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    await page.addScriptTag({ content: await solverBundle() });
    const session = await page.createCDPSession();
    const results: Record<string, number[]> = {};
    for (const rate of [1, 4]) {
      await session.send('Emulation.setCPUThrottlingRate', { rate });
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const challenge = await createPowChallenge('bench-secret-0123456789abcdef0123456789', new Date());
        const result = await page.evaluate(
          (c) => (window as unknown as { solve: (c: unknown) => Promise<{ ms: number; ok: boolean }> }).solve(c),
          challenge as unknown,
        );
        if (!result.ok) throw new Error('a challenge was not solved');
        times.push(result.ms);
      }
      results[rate] = times;
    }
    const full = results[1]!;
    const slow = results[4]!;
    return {
      details: [
        `proof-of-work: SHA-256, counter ${POW_COUNTER.min.toLocaleString('en-US')}..${POW_COUNTER.max.toLocaleString('en-US')} (random), ${runs} challenges per setting; ` +
          `median ${ms(percentile(full, 0.5))} at full speed, ${ms(percentile(slow, 0.5))} with CPU x4 (p90 ${ms(percentile(slow, 0.9))})`,
      ],
      rows: [
        {
          what: 'proof-of-work solve, Chromium, median',
          measured: ms(percentile(full, 0.5)),
          baseline: '',
          ratio: '',
          target: '',
          pass: null,
        },
        {
          what: 'proof-of-work solve, CPU x4 (low-end phone), median',
          measured: ms(percentile(slow, 0.5)),
          baseline: '',
          ratio: '',
          target: `~1 s, <= ${ms(TARGET_MS)}`,
          pass: percentile(slow, 0.5) <= TARGET_MS,
        },
        {
          what: 'proof-of-work solve, CPU x4, p90',
          measured: ms(percentile(slow, 0.9)),
          baseline: '',
          ratio: '',
          target: '',
          pass: null,
        },
      ],
    };
  } finally {
    await browser.close();
    server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { details, rows } = await measurePow();
  console.log(details.join('\n'));
  console.table(rows);
}
