// The styling surface every element shares: --step-up-* custom properties with light and dark
// defaults (light-dark(), driven by --step-up-color-scheme, default: the user's preference),
// and the look of buttons, inputs and messages. Logical properties throughout, for RTL.
import { css } from 'lit';

export const theme = css`
  :host {
    color-scheme: var(--step-up-color-scheme, light dark);
    --_text: var(--step-up-color-text, light-dark(#1b1f24, #e8eaed));
    --_muted: var(--step-up-color-muted, light-dark(#57606a, #a6adb5));
    --_surface: var(--step-up-color-surface, light-dark(#ffffff, #1d2127));
    --_subtle: var(--step-up-color-subtle, light-dark(#f3f4f6, #2a2f36));
    /* controls' borders: at least 3:1 against the surface (WCAG 1.4.11), in both schemes */
    --_border: var(--step-up-color-border, light-dark(#7b8490, #7d8792));
    --_accent: var(--step-up-color-accent, light-dark(#4338ca, #a5b4fc));
    --_on-accent: var(--step-up-color-on-accent, light-dark(#ffffff, #111827));
    --_danger: var(--step-up-color-danger, light-dark(#b42318, #ffb4a8));
    --_radius: var(--step-up-radius, 0.5rem);
    --_space: var(--step-up-spacing, 1rem);
    /* the ring: at least 3:1 against the surface, apart from the control by a gap of surface
       (so it shows on a primary button of the same colour too) */
    --_focus: var(--step-up-focus-ring, 0 0 0 2px var(--_surface), 0 0 0 4px light-dark(#4338ca, #a5b4fc));
    display: block;
    font-family: var(--step-up-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--step-up-font-size, 1rem);
    line-height: 1.5;
    color: var(--_text);
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  p {
    margin: 0;
  }
  .stack {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) * 0.75);
  }
  .intro {
    color: var(--_muted);
  }
  label {
    font-weight: 600;
  }
  input {
    font: inherit;
    font-size: 1.25em;
    letter-spacing: 0.2em;
    font-variant-numeric: tabular-nums;
    inline-size: 100%;
    padding: 0.5em 0.75em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  input[aria-invalid='true'] {
    border-color: var(--_danger);
  }
  input:focus-visible,
  button:focus-visible {
    /* transparent, so the ring is the box-shadow; forced colours (High Contrast) drop shadows
       and paint this outline in the system colour instead, so focus stays visible there */
    outline: 2px solid transparent;
    outline-offset: 2px;
    box-shadow: var(--_focus);
  }
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
  }
  /* aria-disabled, not disabled: a button that pauses keeps focus (a disabled one drops it to <body>) */
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .primary {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    padding: 0.6em 1.2em;
    border: 1px solid var(--_accent);
    background: var(--_accent);
    color: var(--_on-accent);
    font-weight: 600;
  }
  .secondary {
    display: inline-flex;
    align-items: center;
    gap: 0.5em;
    padding: 0.5em 1em;
    border: 1px solid var(--_border);
    background: transparent;
    color: var(--_text);
  }
  .link {
    padding: 0;
    border: 0;
    background: none;
    color: var(--_accent);
    text-decoration: underline;
    justify-self: start;
    align-self: flex-start;
  }
  .status {
    color: var(--_muted);
  }
  /* an empty message takes no room, and stays a live region (one that appears is not announced) */
  .status:empty,
  .error:empty {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  .error {
    display: flex;
    gap: 0.5em;
    align-items: flex-start;
    color: var(--_danger);
  }
  /* heard by screen readers, not seen: one-off announcements */
  .visually-hidden {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .icon {
    flex: none;
    fill: none;
    stroke: currentColor;
    stroke-width: 1.8;
    stroke-linecap: round;
    stroke-linejoin: round;
  }
  @media (prefers-reduced-motion: no-preference) {
    .spinner {
      animation: spin 0.9s linear infinite;
    }
  }
  .spinner {
    inline-size: 1.25em;
    block-size: 1.25em;
    border: 2px solid var(--_border);
    border-block-start-color: var(--_accent);
    border-radius: 50%;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
`;
