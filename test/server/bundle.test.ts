// The built widgets as `npm run build` leaves them in dist/widgets: Lit's hooks for code we never load are gone
// (vite.config.ts dropLitHooks), while Lit itself is whole; the browser test test/widgets/build.test.ts draws a
// poll from the same files.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const dist = join(resolve(dirname(fileURLToPath(import.meta.url)), '../..'), 'dist/widgets');

describe('built widgets (dist/widgets)', () => {
  it('was built: npm test builds before the suites run', () => {
    expect(existsSync(join(dist, 'slims-crm.js'))).toBe(true);
  });

  it('the shared chunk carries Lit without its polyfill, hydration and version-registry hooks', () => {
    const chunks = readdirSync(join(dist, 'chunks'));
    const base = chunks.filter((f) => /^base-.*\.js$/.test(f));
    expect(base).toHaveLength(1);
    const code = readFileSync(join(dist, 'chunks', base[0]!), 'utf8');
    // Lit is there: its element class and its template marker
    expect(code).toContain('_$litElement$');
    expect(code).toContain('_$litPart$');
    for (const file of [...chunks.filter((f) => f.endsWith('.js')).map((f) => join('chunks', f)), 'slims-crm.js']) {
      const text = readFileSync(join(dist, file), 'utf8');
      expect(text, file).not.toMatch(/PolyfillSupport|HydrateSupport|(litHtml|litElement|reactiveElement)Versions/);
    }
  });
});
