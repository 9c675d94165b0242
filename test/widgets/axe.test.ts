// The axe helper itself: it must see into shadow roots and say what is wrong, or the widgets' checks prove nothing.
import { expectAccessible } from './axe.ts';
import { assert, includes } from './helpers.ts';

describe('expectAccessible (axe-core)', () => {
  afterEach(() => document.body.replaceChildren());

  it('fails on violations inside a shadow root, naming rule, impact, target and help', async () => {
    const host = document.createElement('div');
    host.id = 'host';
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<button></button><p style="color:#bbb;background:#fff">faint</p>';
    let message = '';
    try {
      await expectAccessible(host, 'the broken element');
    } catch (e) {
      message = String(e);
    }
    includes(message, 'the broken element breaks 2 WCAG rule(s) in 2 place(s)');
    includes(message, '- button-name (critical) at [["#host","button"]]: Buttons must have discernible text');
    includes(message, '- color-contrast (serious)');
  });

  it('passes an element with none', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<button>Kirim</button>';
    await expectAccessible(host, 'a named button');
    assert(window.axe, 'axe is loaded once and kept');
  });
});
