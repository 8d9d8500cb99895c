import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'step-up-kit/components';
import { App } from './App.js';

createRoot(document.querySelector('#app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
