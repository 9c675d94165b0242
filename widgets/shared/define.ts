// Guarded registration: the host page may load our scripts twice, and a second define would throw.

export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}
