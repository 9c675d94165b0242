// The loader: the one script a library page includes. It creates window.SlimsCRM and fetches each
// widget's code only when that widget's tag first appears in the document.
import type { SlimsCRMGlobal } from './shared/global.ts';

/** Tag -> its chunk. A new widget is one line here. */
const registry: Record<string, () => Promise<unknown>> = {
  'slims-poll': () => import('./poll/slims-poll.ts'),
  'slims-survey': () => import('./survey/slims-survey.ts'),
  'slims-member-signin': () => import('./member-signin/slims-member-signin.ts'),
  'slims-suggestion-box': () => import('./suggestion-box/slims-suggestion-box.ts'),
  'slims-feedback-board': () => import('./feedback-board/slims-feedback-board.ts'),
  'slims-interest-profile': () => import('./interest-profile/slims-interest-profile.ts'),
};

function start(previous: Partial<SlimsCRMGlobal> | undefined): void {
  // A page may set `window.SlimsCRM = { memberToken }` before this script runs; otherwise the member
  // who signed in with <slims-member-signin> earlier in this tab (STORAGE_KEY in member-signin/session.ts;
  // a property read is getItem in fewer bytes). Its expiry is not checked here, which would cost every
  // page ~65 bytes: a <slims-member-signin> on the page drops an expired one.
  let token: string | null = null;
  try {
    token = previous?.memberToken || sessionStorage['slims-crm:member-token'] || null;
  } catch {
    // storage blocked (privacy settings, sandboxed iframe): no member
  }
  window.SlimsCRM = {
    version: '0.1.0',
    apiBase: new URL(/* @vite-ignore */ '..', import.meta.url).href,
    lang: previous?.lang,
    get memberToken() {
      return token;
    },
    setMemberToken(next) {
      // TOKEN_EVENT in shared/global.ts; spelled out so the loader imports nothing at run time.
      token = next || null;
      document.dispatchEvent(new CustomEvent('slims-member-token'));
    },
  };

  const pending = new Set(Object.keys(registry));
  const scan = (root: Element): void => {
    for (const tag of pending) {
      if (root.localName === tag || root.getElementsByTagName(tag).length) {
        pending.delete(tag);
        registry[tag]!().catch((e: unknown) => console.warn('[slims-crm] could not load', tag, e));
      }
    }
    if (!pending.size) observer.disconnect();
  };
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) if (node instanceof Element) scan(node);
    }
  });
  observer.observe(document, { childList: true, subtree: true });
  scan(document.documentElement);
}

// Loaded twice (two script tags, two URLs): the first copy stays in charge.
if (!window.SlimsCRM?.version) start(window.SlimsCRM);
