// Server tests (test/server: vitest against real SQLite and MariaDB) and the plugin inside a real SLiMS
// (test/plugin/*.test.ts: php -S, MariaDB, the sidecar and Chromium), as two projects run by two scripts.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      { test: { name: 'server', include: ['test/server/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      // The two SLiMS versions side by side: each spends most of its time waiting for tokens to run out.
      {
        test: {
          name: 'slims',
          include: ['test/plugin/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 240_000,
          maxWorkers: 2,
        },
      },
    ],
  },
});
