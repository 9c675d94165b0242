// The plugin inside a real SLiMS 9.4.2 (see real-slims.ts); skipped, and said so, where the tarball is absent.
import { describe } from 'vitest';
import { realSlimsSuite, slimsAvailable } from './real-slims.ts';

if (slimsAvailable('9.4.2')) realSlimsSuite('9.4.2');
else describe.skip('the plugin inside a real SLiMS 9.4.2', () => undefined);
