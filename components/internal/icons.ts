// Inline icons (decorative: aria-hidden, the label next to them says what they mean).
import { html, svg, type SVGTemplateResult } from 'lit';
import type { StepUpMethod } from '../../src/index.js';

const paths: Record<StepUpMethod | 'close' | 'alert', SVGTemplateResult> = {
  passkey: svg`<circle cx="9" cy="8" r="4"/><path d="M3 20c0-3.3 2.7-6 6-6 1.3 0 2.5.4 3.5 1.1"/><circle cx="18" cy="14" r="2.5"/><path d="M18 16.5V21l1.5-1"/>`,
  totp: svg`<rect x="6" y="2.5" width="12" height="19" rx="2.5"/><path d="M12 8v4l2.5 1.5"/><path d="M10 18.5h4"/>`,
  'recovery-code': svg`<path d="M6 10V7a6 6 0 0 1 12 0v3"/><rect x="4" y="10" width="16" height="11" rx="2"/><path d="M9 15.5h.01M12 15.5h.01M15 15.5h.01"/>`,
  email: svg`<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3.5 6 8.5 7 8.5-7"/>`,
  sms: svg`<path d="M4 5h16v11H9l-5 4z"/><path d="M8 10.5h.01M12 10.5h.01M16 10.5h.01"/>`,
  social: svg`<circle cx="12" cy="12" r="9"/><path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z"/>`,
  wallet: svg`<path d="M4 7h15a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1V6a2 2 0 0 1 2-2h11v3"/><path d="M16 13.5h.01"/>`,
  close: svg`<path d="M6 6l12 12M18 6 6 18"/>`,
  alert: svg`<circle cx="12" cy="12" r="9"/><path d="M12 7.5v5.5M12 16.5h.01"/>`,
};

/** The busy indicator (decorative: a status text next to it says what is happening). */
export const spinner = html`<span class="spinner" aria-hidden="true"></span>`;

export function icon(name: keyof typeof paths) {
  // stroke and fill come from the theme's .icon rule
  return html`<svg class="icon" part="icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true" focusable="false">${paths[name]}</svg>`;
}
