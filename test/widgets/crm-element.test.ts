// The base element (widgets/shared/crm-element.ts) in each of the six public elements, in a real browser:
// a view that throws shows the polite message in the page's language, logs with our prefix and never
// reaches the page; events cross shadow roots to document; each observes the attributes it documents.
import '../../widgets/feedback-board/slims-feedback-board.ts';
import '../../widgets/interest-profile/slims-interest-profile.ts';
import '../../widgets/member-signin/slims-member-signin.ts';
import '../../widgets/poll/slims-poll.ts';
import '../../widgets/suggestion-box/slims-suggestion-box.ts';
import '../../widgets/survey/slims-survey.ts';
import type { CrmElement } from '../../widgets/shared/crm-element.ts';
import { PUBLIC_ELEMENTS } from '../helpers/elements.ts';
import {
  assert,
  equal,
  json,
  shadow,
  stubFetch,
  surveyPayload,
  until,
  watchUncaught,
  type FetchStub,
} from './helpers.ts';

const FALLBACK = {
  id: 'Maaf, terjadi gangguan. Silakan coba lagi.',
  en: 'Sorry, something went wrong. Please try again.',
};

/** What each element needs to draw: its slug, if it has one. */
const ATTRIBUTES: Record<string, Record<string, string>> = {
  'slims-poll': { poll: 'jam-buka' },
  'slims-survey': { survey: 'jam-buka' },
};

let stub: FetchStub | undefined;

/** The element, its view made to throw before it first draws, in a new block of the page. */
function broken(tag: string, lang: 'id' | 'en'): CrmElement {
  const el = document.createElement(tag) as CrmElement;
  for (const [name, value] of Object.entries({ ...ATTRIBUTES[tag], lang })) el.setAttribute(name, value);
  el._renderView = () => {
    throw new Error('the view broke');
  };
  document.body.append(el);
  return el;
}

const fallbackShown = (el: Element): string | undefined => {
  const status = shadow(el).querySelector('[part=container] > [part=status][role=status]');
  return status?.textContent?.trim();
};

describe('CrmElement in the public elements', () => {
  beforeEach(() => {
    stub = stubFetch({
      'GET /api/v1/surveys/jam-buka': () => json(200, surveyPayload()),
      'GET /api/v1/feedback/board': () => json(200, { items: [], total: 0, page: 1, pageSize: 20 }),
    });
  });
  afterEach(() => {
    stub?.restore();
    document.body.replaceChildren();
  });

  for (const { tag, attributes } of PUBLIC_ELEMENTS) {
    describe(tag, () => {
      it('observes the attributes it documents', () => {
        const element = customElements.get(tag) as
          (CustomElementConstructor & { observedAttributes: string[] }) | undefined;
        assert(element, `${tag} is defined`);
        equal([...element.observedAttributes].sort(), [...attributes].sort());
      });

      for (const lang of ['id', 'en'] as const) {
        it(`shows the polite message (${lang}) when its view throws, logs it with our prefix and keeps it from the page`, async () => {
          const watch = watchUncaught();
          const warn = console.warn;
          const warnings: unknown[][] = [];
          console.warn = (...args: unknown[]) => void warnings.push(args);
          try {
            const el = broken(tag, lang);
            await until(() => fallbackShown(el) === FALLBACK[lang], `${tag} to show its fallback in ${lang}`);
            await el.updateComplete;
            await new Promise((r) => setTimeout(r, 50));
            equal(watch.errors, [], 'nothing reached the page');
            const logged = warnings.find((w) => w[0] === '[slims-crm]' && String(w[1]).includes('the view broke'));
            assert(logged, `the error is logged with the [slims-crm] prefix: ${JSON.stringify(warnings.map(String))}`);
            assert(
              warnings.every((w) => String(w[0]).startsWith('[slims-crm]')),
              'every warning is prefixed',
            );
            // Once the view draws again, so does the element.
            delete (el as Partial<CrmElement>)._renderView;
            el.requestUpdate();
            await until(() => shadow(el).querySelector('[part=title]'), `${tag} to draw its view again`);
          } finally {
            console.warn = warn;
            watch.stop();
          }
        });
      }

      it('sends its events bubbling and composed, so document hears them from inside another shadow root', async () => {
        const host = document.createElement('div');
        document.body.append(host);
        const el = document.createElement(tag) as CrmElement;
        for (const [name, value] of Object.entries(ATTRIBUTES[tag] ?? {})) el.setAttribute(name, value);
        host.attachShadow({ mode: 'open' }).append(el);
        await el.updateComplete;
        const heard: { event: CustomEvent; target: EventTarget | null }[] = [];
        // the target as document sees it (it is cleared once the event has left the shadow root)
        const listen = (e: Event): void => void heard.push({ event: e as CustomEvent, target: e.target });
        document.addEventListener('slims-error', listen);
        try {
          el._emit('slims-error', { slug: 'x', code: 'offline', message: 'no network' });
          equal(heard.length, 1);
          const [{ event, target }] = heard as [(typeof heard)[number]];
          assert(event.bubbles && event.composed, 'bubbles and composed');
          equal(event.detail, { slug: 'x', code: 'offline', message: 'no network' });
          assert(target === host, 'document sees the host of the shadow root as the target');
        } finally {
          document.removeEventListener('slims-error', listen);
        }
      });
    });
  }
});
