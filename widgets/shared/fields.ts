// Form fields (a label above its input) and rows of buttons, on top of styles.ts: the sign-in's, the
// suggestion box's and the board's. Not on any poll's path: a chunk of its own that only these load.
import { css } from 'lit';

export const fieldStyles = css`
  .field {
    display: grid;
    gap: 0.25em;
    width: 100%;
  }
  .field label {
    display: block;
    min-height: 0;
    padding: 0;
    font-weight: 600;
    cursor: auto;
  }
  .field input,
  select {
    width: 100%;
    height: auto;
    min-height: 2.75rem;
    padding: 0 0.5em;
    font: inherit;
    color: inherit;
    background: var(--slims-bg, #fff);
    border: 1px solid var(--m);
    border-radius: var(--r);
  }
  /* the second: above .field input's own border */
  [aria-invalid='true'],
  .field [aria-invalid='true'] {
    border-color: var(--slims-error, #b42318);
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5em;
  }
`;
