// The base of every public widget: a render that never throws into the host page, the widget's events,
// its strings in its language, and following the member when the page's member token changes.
import { LitElement, html, type TemplateResult } from 'lit';
import type { SlimsEventDetail } from './events.ts';
import { TOKEN_EVENT } from './global.ts';

export abstract class CrmElement extends LitElement {
  /** The element's strings in its language; `error` is the polite line shown when rendering fails. */
  abstract get _words(): { error: string };

  /** What the element shows; render() keeps its errors from escaping. */
  abstract _renderView(): TemplateResult;

  /** Another element or the page changed the member (SlimsCRM.setMemberToken). */
  abstract readonly _onToken: () => void;

  /** Tells the page: a slims-* event that bubbles and is composed, so document sees it. */
  _emit<K extends keyof SlimsEventDetail>(type: K, detail: SlimsEventDetail[K]): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    document.addEventListener(TOKEN_EVENT, this._onToken);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    document.removeEventListener(TOKEN_EVENT, this._onToken);
  }

  // A render error must not escape into the host page: show the polite error state instead.
  protected override render(): TemplateResult {
    try {
      return this._renderView();
    } catch (e) {
      console.warn('[slims-crm]', e);
      return html`<div part="container" class="box"><p part="status" role="status">${this._words.error}</p></div>`;
    }
  }
}
