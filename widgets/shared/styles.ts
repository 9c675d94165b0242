// Shadow styles for the survey widgets; the host page themes them with --slims-* properties and ::part.
// Only what the question and its states need: the results' own rules come with respond.ts.
// (The build squeezes whitespace out of this template: never write a space before a pseudo-class.)
import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    font-family: var(--slims-font, inherit);
    color: var(--slims-fg, #1f2328);
    --a: var(--slims-accent, #0a58a8);
    --m: var(--slims-muted, #59636e);
    --r: var(--slims-radius, 0.5rem);
  }
  * {
    margin: 0;
    padding: 0;
    box-sizing: border-box;
  }
  .box {
    display: flex;
    flex-direction: column;
    gap: 0.75em;
    max-width: var(--slims-max-width, 40rem);
    padding: var(--slims-padding, 1rem);
    background: var(--slims-bg, #fff);
    border: var(--slims-border, 1px solid #d0d7de);
    border-radius: var(--r);
  }
  h2 {
    font-size: 1.15em;
  }
  .late {
    order: 1;
  }
  [role='status']:empty {
    margin-top: -0.75em;
  }
  form {
    display: grid;
    gap: 1.25em;
    justify-items: start;
  }
  fieldset {
    border: 0;
    min-width: 0;
    width: 100%;
  }
  legend {
    font-weight: 600;
    padding-bottom: 0.4em;
  }
  /* muted: the required mark, hints, the description, the results' total */
  .m {
    color: var(--m);
    font-weight: 400;
    font-size: 0.9em;
  }
  .scale {
    display: flex;
    flex-wrap: wrap;
  }
  label {
    display: flex;
    align-items: center;
    gap: 0.5em;
    min-height: 2.75rem;
    padding: 0 0.5em;
    cursor: pointer;
  }
  .scale label {
    flex-direction: column;
    justify-content: center;
    gap: 0;
  }
  input {
    accent-color: var(--a);
    width: 1.1em;
    height: 1.1em;
  }
  textarea,
  button {
    font: inherit;
    border-radius: var(--r);
  }
  textarea {
    width: 100%;
    padding: 0.5em;
    border: 1px solid var(--m);
  }
  button {
    min-height: 2.75rem;
    padding: 0 1.25em;
    color: var(--slims-accent-fg, #fff);
    background: var(--a);
    border: 0;
    cursor: pointer;
  }
  :focus-visible {
    outline: 3px solid var(--slims-focus, var(--a));
    outline-offset: 2px;
  }
  .error {
    color: var(--slims-error, #b42318);
  }
  .sr {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
`;
