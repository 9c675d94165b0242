// Widget events are public API: prefixed, bubbling and composed so a host page can listen on document
// (CrmElement._emit in crm-element.ts sends them). Their details, by event:

export interface SlimsEventDetail {
  'slims-loading': { slug: string };
  /** `state` is the view shown once loaded: open, answered, closed, scheduled, members. */
  'slims-loaded': { slug: string; state: string };
  'slims-vote': { slug: string; responseId: number };
  'slims-submit': { slug: string; responseId: number };
  'slims-error': { slug: string; code: string; message: string };
}

declare global {
  interface GlobalEventHandlersEventMap {
    'slims-loading': CustomEvent<SlimsEventDetail['slims-loading']>;
    'slims-loaded': CustomEvent<SlimsEventDetail['slims-loaded']>;
    'slims-vote': CustomEvent<SlimsEventDetail['slims-vote']>;
    'slims-submit': CustomEvent<SlimsEventDetail['slims-submit']>;
    'slims-error': CustomEvent<SlimsEventDetail['slims-error']>;
  }
}
