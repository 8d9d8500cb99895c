import { css } from 'lit';
import { theme } from '../internal/theme.styles.js';

export default [theme, css``];
