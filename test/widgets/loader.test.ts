// The loader: one script, each widget's chunk fetched only when its tag appears, harmless twice.
import { assert, equal, json, shadow, statusText, stubFetch, surveyPayload, until, watchUncaught } from './helpers.ts';

const requested = (file: string): boolean =>
  performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(file));

describe('loader (widgets/index.ts)', () => {
  it('defines elements lazily, once, and leaves unknown tags alone', async () => {
    const watch = watchUncaught();
    const stub = stubFetch({
      'GET /api/v1/surveys/jam-buka': () => json(200, surveyPayload()),
      'GET /api/v1/surveys/kepuasan-2026': () =>
        json(200, surveyPayload({ slug: 'kepuasan-2026', audience: 'members' })),
    });
    try {
      document.body.innerHTML = '<slims-unknown></slims-unknown>';
      await import('../../widgets/index.ts');
      const crm = window.SlimsCRM;
      assert(crm, 'window.SlimsCRM exists');
      equal(typeof crm.version, 'string');
      equal(crm.apiBase, `${location.origin}/`);
      await new Promise((r) => setTimeout(r, 100));
      assert(!requested('/widgets/poll/slims-poll.ts'), 'no poll chunk before a <slims-poll> appears');
      assert(!customElements.get('slims-poll'));

      document.body.insertAdjacentHTML('beforeend', '<div><p><slims-poll poll="jam-buka"></slims-poll></p></div>');
      await until(() => customElements.get('slims-poll'), 'slims-poll defined');
      assert(requested('/widgets/poll/slims-poll.ts'), 'poll chunk requested');
      assert(!requested('/widgets/survey/slims-survey.ts'), 'survey chunk not requested yet');

      // inserted inside an element that is itself added later
      const later = document.createElement('section');
      later.innerHTML = '<article><slims-survey survey="kepuasan-2026"></slims-survey></article>';
      document.body.append(later);
      await until(() => customElements.get('slims-survey'), 'slims-survey defined');
      const survey = document.querySelector('slims-survey')!;
      await until(
        () => statusText(survey) === 'Khusus anggota perpustakaan. Silakan masuk untuk menjawab.',
        'members-only survey asks to sign in',
      );

      // loading the loader again (another URL, so it really runs twice) changes nothing
      const again = '../../widgets/index.ts?again';
      await import(again);
      equal(window.SlimsCRM, crm, 'the first SlimsCRM stays');

      // the member signs in: the waiting survey reloads with the token
      crm.setMemberToken('tok-123');
      await until(() => shadow(survey).querySelector('[part=form]'), 'survey opens for the member');
      equal(stub.calls.at(-1)?.headers.get('Authorization'), 'Bearer tok-123');
      equal(crm.memberToken, 'tok-123');

      equal(stub.calls.filter((c) => c.path === '/api/v1/surveys/jam-buka').length, 1, 'each element loads once');
      assert(!customElements.get('slims-unknown'));
      equal(
        performance.getEntriesByType('resource').filter((e) => e.name.includes('/widgets/poll/slims-poll.ts')).length,
        1,
        'chunk fetched once',
      );
      equal(watch.errors, []);
    } finally {
      stub.restore();
      watch.stop();
    }
  });
});
