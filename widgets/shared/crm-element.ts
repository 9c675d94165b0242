// The base of every public widget: a render that never throws into the host page, the widget's events,
// its strings in its language, and following the member when the page's member token changes.
import { LitElement, html, type TemplateResult } from 'lit';
import type { SlimsEventDetail } from './events.ts';
import { TOKEN_EVENT } from './global.ts';

/**
 * The base of every public element; what it gives them all appears on each in custom-elements.json.
 * Every public element draws with shared/styles.ts, so its custom properties are documented once here.
 *
 * @csspart container - The widget's box.
 * @csspart status - The status line (a live region); also the polite message shown when drawing fails.
 *
 * @cssprop [--slims-font=inherit] - Font family.
 * @cssprop [--slims-fg=#1f2328] - Text colour.
 * @cssprop [--slims-bg=#fff] - Background of the box and of its input fields.
 * @cssprop [--slims-border=1px solid #d0d7de] - The box's border (a `border` shorthand).
 * @cssprop [--slims-radius=0.5rem] - Corner radius of the box, fields and buttons.
 * @cssprop [--slims-padding=1rem] - Space inside the box.
 * @cssprop [--slims-max-width=40rem] - The box's widest width.
 * @cssprop [--slims-accent=#0a58a8] - Accent colour: buttons, links, choices.
 * @cssprop [--slims-accent-fg=#fff] - Text on accent buttons.
 * @cssprop [--slims-muted=#59636e] - Hints, notes and field borders.
 * @cssprop [--slims-focus=var(--slims-accent)] - The keyboard focus ring.
 * @cssprop [--slims-error=#b42318] - Error messages and invalid fields.
 */
export abstract class CrmElement extends LitElement {
  /** The element's strings in its language; `error` is the polite line shown when rendering fails. */
  abstract get _words(): { error: string };

  /** What the element shows; render() keeps its errors from escaping. */
  abstract _renderView(): TemplateResult;

  /** Another element or the page changed the member (SlimsCRM.setMemberToken). */
  abstract readonly _onToken: () => void;

  /** Tells the page: a slims-* event that bubbles and is composed, so document sees it. */
  _emit<K extends keyof SlimsEventDetail>(type: K, detail: SlimsEventDetail[K]): void {
    /** @internal The name is the caller's: each element lists the events it sends with `@fires`. */
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
