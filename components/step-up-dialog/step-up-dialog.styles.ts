import { css } from 'lit';
import { theme } from '../internal/theme.styles.js';

export default [
  theme,
  css`
    :host {
      display: contents;
    }
    dialog {
      inline-size: min(var(--step-up-dialog-width, 28rem), calc(100vw - 2rem));
      max-block-size: calc(100dvh - 2rem);
      padding: 0;
      border: 1px solid var(--_border);
      border-radius: calc(var(--_radius) * 2);
      background: var(--_surface);
      color: var(--_text);
      box-shadow: var(--step-up-dialog-shadow, 0 20px 50px rgb(0 0 0 / 0.25));
    }
    dialog::backdrop {
      background: var(--step-up-backdrop, rgb(15 23 42 / 0.55));
    }
    .panel {
      display: flex;
      flex-direction: column;
      gap: var(--_space);
      padding: calc(var(--_space) * 1.5);
      /* as tall as the window allows: then the other methods scroll, the current one stays whole */
      max-block-size: calc(100dvh - 2rem - 2px);
    }
    .header {
      display: flex;
      align-items: flex-start;
      gap: calc(var(--_space) * 0.5);
    }
    .header slot {
      display: block;
    }
    h2:focus {
      outline: none; /* focused on opening so the title is read first; not a control */
    }
    h2 {
      flex: 1;
      margin: 0;
      font-size: 1.25em;
      line-height: 1.3;
    }
    h3 {
      margin: 0;
      font-size: 1em;
    }
    .close {
      display: inline-grid;
      place-items: center;
      inline-size: 2.25rem;
      block-size: 2.25rem;
      margin-block-start: -0.25rem;
      margin-inline-end: -0.5rem;
      border: 0;
      background: transparent;
      color: var(--_muted);
    }
    .close:hover {
      background: var(--_subtle);
    }
    .body {
      display: flex;
      flex-direction: column;
      gap: calc(var(--_space) * 1.25);
      min-block-size: 0;
    }
    .body > section[part='method'] {
      flex: none;
    }
    .checking {
      display: flex;
      align-items: center;
      gap: 0.75em;
      color: var(--_muted);
    }
    .method-title {
      display: flex;
      align-items: center;
      gap: 0.5em;
      margin-block-end: calc(var(--_space) * 0.5);
    }
    .others {
      border-block-start: 1px solid var(--_border);
      padding-block-start: var(--_space);
      display: flex;
      flex-direction: column;
      min-block-size: 6rem;
    }
    .others ul {
      min-block-size: 0;
      overflow-y: auto;
      /* room for the focus ring inside the scrolling box */
      padding: 5px;
      margin-inline: -5px;
    }
    ul {
      list-style: none;
      margin: calc(var(--_space) * 0.5) 0 0;
      padding: 0;
      display: grid;
      /* never wider than the dialog: long aliases shrink to an ellipsis instead */
      grid-template-columns: minmax(0, 1fr);
      gap: 0.5em;
    }
    .option {
      display: flex;
      align-items: center;
      gap: 0.75em;
      inline-size: 100%;
      padding: 0.6em 0.8em;
      border: 1px solid var(--_border);
      background: transparent;
      color: var(--_text);
      text-align: start;
    }
    .option:hover {
      background: var(--_subtle);
    }
    .option .label {
      font-weight: 600;
      white-space: nowrap;
    }
    /* one line: a long address ends in an ellipsis (the button's name and title keep it whole) */
    .option .alias {
      min-inline-size: 0;
      margin-inline-start: auto;
      overflow: hidden;
      color: var(--_muted);
      font-size: 0.875em;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .none {
      display: flex;
      flex-direction: column;
      gap: 0.75em;
      align-items: flex-start;
    }
    .approval {
      display: block;
      margin-block-start: 0.25em;
    }
    .details {
      display: grid;
      grid-template-columns: auto 1fr;
      gap: 0.25em 1em;
      margin: 0;
      padding: 0.75em;
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
    }
    .details div {
      display: contents;
    }
    .details dt {
      color: var(--_muted);
    }
    .details dd {
      margin: 0;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
  `,
];
