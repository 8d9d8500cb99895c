import { css } from 'lit';
import { theme } from '../internal/theme.styles.js';

export default [
  theme,
  css`
    .resend {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5em;
      margin-block-start: calc(var(--_space) * 0.75);
    }
  `,
];
