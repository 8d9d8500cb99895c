import { css } from 'lit';
import { theme } from '../internal/theme.styles.js';

export default [
  theme,
  css`
    .expected {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em;
      padding: 0.5em 0.75em;
      border-radius: var(--_radius);
      background: var(--_subtle);
    }
    .expected code {
      font-family: ui-monospace, SFMono-Regular, Menlo, monospace;
      overflow-wrap: anywhere;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5em;
    }
    .wallet {
      inline-size: 100%;
    }
    .wallet img {
      inline-size: 1.5em;
      block-size: 1.5em;
      border-radius: 0.25em;
    }
  `,
];
