// The embed panel: the exact snippet for a poll and a survey, the language option, copying.
import { embedSnippet, reservedHeight } from '../../../widgets/admin/embed.ts';
import { expectAccessible } from '../axe.ts';
import {
  $,
  assert,
  button,
  cleanup,
  equal,
  includes,
  mount,
  pollDetail,
  stubFetch,
  surveyDetail,
  textOf,
  waitFor,
} from './helpers.ts';

describe('slims-crm-admin: embed snippet', () => {
  afterEach(cleanup);

  it('builds the poll snippet with space reserved before the script runs', () => {
    const height = reservedHeight(pollDetail);
    assert(height >= 200 && height % 10 === 0, `a sensible height, got ${height}`);
    equal(
      embedSnippet(pollDetail, 'https://crm.example/', 'id'),
      [
        `<style>slims-poll[poll="jam-buka"]{display:block;min-height:${height}px}</style>`,
        '<script type="module" src="https://crm.example/widgets/slims-crm.js" async></script>',
        '<slims-poll poll="jam-buka"></slims-poll>',
      ].join('\n'),
    );
  });

  it('builds the survey snippet, taller for more questions, with lang="en" when asked', () => {
    const snippet = embedSnippet(surveyDetail, 'https://crm.example', 'en');
    const height = reservedHeight(surveyDetail);
    assert(height > reservedHeight(pollDetail), 'a survey reserves more room than a poll');
    includes(snippet, `<style>slims-survey[survey="kepuasan-2026"]{display:block;min-height:${height}px}</style>`);
    includes(snippet, '<slims-survey survey="kepuasan-2026" lang="en"></slims-survey>');
  });

  it('shows the snippet in the app, switches its language and copies it', async () => {
    const fetch = stubFetch({ 'GET /api/v1/staff/surveys/7': { body: { survey: pollDetail } } });
    const written: string[] = [];
    const descriptor = Object.getOwnPropertyDescriptor(Navigator.prototype, 'clipboard');
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: (text: string) => (written.push(text), Promise.resolve()) },
    });
    try {
      const el = await mount({ signedIn: true });
      el.route = { view: 'embed', id: 7 };
      const code = await waitFor(() => $<HTMLTextAreaElement>(el, '#embed-code'), 'the snippet');
      includes(code.value, '<slims-poll poll="jam-buka"></slims-poll>');
      includes(code.value, 'src="https://crm.example/widgets/slims-crm.js"');
      $<HTMLInputElement>(el, 'input[name="embed-lang"][value="en"]')!.click();
      await el.updateComplete;
      includes(code.value, '<slims-poll poll="jam-buka" lang="en"></slims-poll>');
      button(el, 'Salin kode').click();
      await waitFor(() => written.length === 1, 'the clipboard write');
      equal(written[0], code.value);
      await waitFor(() => textOf(el.shadowRoot).includes('Kode disalin ke papan klip.'), 'the copied message');
      await expectAccessible(el, 'the embed view with its placements');
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      if (descriptor) Object.defineProperty(Navigator.prototype, 'clipboard', descriptor);
      fetch.restore();
    }
  });

  it('falls back to selecting the code when the clipboard API refuses', async () => {
    const fetch = stubFetch({ 'GET /api/v1/staff/surveys/8': { body: { survey: surveyDetail } } });
    Object.defineProperty(navigator, 'clipboard', {
      configurable: true,
      value: { writeText: () => Promise.reject(new Error('denied')) },
    });
    try {
      const el = await mount({ signedIn: true });
      el.route = { view: 'embed', id: 8 };
      const code = await waitFor(() => $<HTMLTextAreaElement>(el, '#embed-code'), 'the snippet');
      includes(code.value, 'slims-survey survey="kepuasan-2026"');
      button(el, 'Salin kode').click();
      await waitFor(() => el.shadowRoot!.activeElement === code, 'focus on the code');
      await expectAccessible(el, 'the embed view of a survey, the code selected');
      equal(code.selectionStart, 0);
      equal(code.selectionEnd, code.value.length);
    } finally {
      delete (navigator as { clipboard?: unknown }).clipboard;
      fetch.restore();
    }
  });
});
