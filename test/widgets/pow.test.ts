// The proof of work without crypto.subtle (a page over http at a LAN address): our SHA-256 gives the browser's
// digests, and a challenge solved with it is one the sidecar's check (altcha-lib's verifySolution) accepts.
import { createChallenge, solveChallenge, verifySolution } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/web/sha';
import { plainDeriveKey } from '../../widgets/shared/pow.ts';
import { sha256 } from '../../widgets/shared/sha256.ts';
import { equal } from './helpers.ts';

const hex = (bytes: ArrayBuffer | Uint8Array): string =>
  [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');

describe('proof of work without crypto.subtle', () => {
  it('hashes as the browser does, across the block boundaries', async () => {
    equal(
      hex(sha256(new TextEncoder().encode('abc'))),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    for (const length of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const data = Uint8Array.from({ length }, (_, i) => (i * 31 + 7) & 0xff);
      equal(hex(sha256(data)), hex(await crypto.subtle.digest('SHA-256', data)), `${length} bytes`);
    }
  });

  it('solves a signed challenge the way the sidecar verifies it', async () => {
    const secrets = { hmacSignatureSecret: 'test-signature-secret', hmacKeySignatureSecret: 'test-key-secret' };
    for (const cost of [1, 3]) {
      const challenge = await createChallenge({
        algorithm: 'SHA-256',
        cost,
        counter: 40 + Math.floor(Math.random() * 40),
        deriveKey,
        expiresAt: new Date(Date.now() + 60_000),
        ...secrets,
      });
      const ours = await solveChallenge({ challenge, deriveKey: plainDeriveKey });
      const browsers = await solveChallenge({ challenge, deriveKey });
      equal(ours?.counter, browsers?.counter, `cost ${cost}: the same counter`);
      equal(ours?.derivedKey, browsers?.derivedKey, `cost ${cost}: the same key`);
      const result = await verifySolution({ challenge, solution: ours!, deriveKey, ...secrets });
      equal(result.verified, true, `cost ${cost}: verified`);
    }
  });
});
