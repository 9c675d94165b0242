// Heights the suggestion box and the board (its first three items, answered) take at first paint, measured in
// Chromium in each SLiMS 9.7 theme at 1280 px (test/plugin/real-slims.ts checks them) with some room to spare:
// what the plugin keeps free so the OPAC does not jump when they draw. Measured: the box 867 px in a
// 1108-1170 px column and 1004 px in a 342 px side column; the board 981 and 1486 px. No imports, so the
// tests can read it outside a browser.
export type ReservedWidget = 'suggestion-box' | 'feedback-board';

const WIDE: Record<ReservedWidget, number> = { 'suggestion-box': 900, 'feedback-board': 1060 };
const NARROW: Record<ReservedWidget, number> = { 'suggestion-box': 1060, 'feedback-board': 1600 };

export function reservedPx(widget: ReservedWidget, place: string): number {
  return (place === 'sidebar' ? NARROW : WIDE)[widget];
}
