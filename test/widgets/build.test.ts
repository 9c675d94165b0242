// The built loader (dist/widgets, from `vite build`) still works after minification: skipped when
// there is no build yet (`npm test` builds first).
import { assert, equal, json, mount, shadow, stubFetch, surveyPayload, until } from './helpers.ts';

describe('built loader (dist/widgets/slims-crm.js)', () => {
  it('loads a poll from its chunks and styles it', async () => {
    const built = await fetch('/dist/widgets/slims-crm.js', { method: 'HEAD' });
    if (!built.ok) return;
    const stub = stubFetch({ 'GET /api/v1/surveys/jam-buka': () => json(200, surveyPayload({ description: 'x' })) });
    try {
      const loader = '/dist/widgets/slims-crm.js';
      await import(loader);
      equal(window.SlimsCRM?.apiBase, `${location.origin}/dist/`);
      const el = mount<HTMLElement>(`<slims-poll poll="jam-buka" api="${location.origin}"></slims-poll>`);
      await until(() => el.shadowRoot?.querySelectorAll('input[type=radio]').length === 3, 'the poll to render');
      const button = shadow(el).querySelector('button');
      assert(button);
      equal(getComputedStyle(button).minHeight, '44px');
      equal(button.textContent?.trim(), 'Kirim');
      equal(stub.calls[0]?.path, '/api/v1/surveys/jam-buka');
    } finally {
      stub.restore();
    }
  });
});
