// The one global a host page sees, window.SlimsCRM, created by the loader (widgets/index.ts).

export interface SlimsCRMGlobal {
  readonly version: string;
  /** Where the sidecar lives: the folder above the loader's own URL. */
  readonly apiBase: string;
  /**
   * The signed-in member's token, or null: from the OPAC session (the page sets it), or from
   * <slims-member-signin>, which keeps it for the tab in sessionStorage 'slims-crm:member-token'.
   */
  readonly memberToken: string | null;
  /**
   * The page's language when its <html lang> cannot be trusted: the SLiMS plugin sets the visitor's OPAC
   * language here, since SLiMS prints no lang (default theme) or the library's default (akasia themes).
   */
  readonly lang?: string | undefined;
  /** Give widgets a member token, or null on sign-out; widgets waiting for a member reload. */
  setMemberToken(token: string | null): void;
}

/** Fired on document when the member token changes. */
export const TOKEN_EVENT = 'slims-member-token';

declare global {
  interface Window {
    SlimsCRM?: SlimsCRMGlobal;
  }
}
