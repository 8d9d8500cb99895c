// The page of a second tab (tabs-plugin.mjs): the same site with its own dialog, signed in as
// the user in `?user=`. Driven from the test page through `window.secondTab`.
import '../../components/define/step-up-dialog.js';
import type { StepUpDialog } from '../../components/step-up-dialog/step-up-dialog.js';
import { requestLog } from './elements.js';
import { signedInClient } from './backend.js';

const userId = new URL(location.href).searchParams.get('user') ?? 'alice';
const log = requestLog();
const { client } = await signedInClient(userId, { fetch: log.fetch });
const dialog = document.createElement('step-up-dialog') as StepUpDialog;
dialog.lang = 'en';
dialog.client = client;
document.body.append(dialog);

let outcome = 'none';

declare global {
  interface Window {
    secondTab: {
      /** Starts a step-up for `scope`; its outcome shows in `state()`. */
      ask(scope: string): void;
      /** What this tab shows and sent: whether its dialog is open, what its body says, the step-up requests. */
      state(): { open: boolean; body: string; method: string | null; requests: string[]; outcome: string };
    };
  }
}

window.secondTab = {
  ask(scope) {
    outcome = 'running';
    dialog.requestStepUp(scope).then(
      () => (outcome = 'elevated'),
      (error: { code?: string }) => (outcome = error.code ?? 'failed'),
    );
  },
  state() {
    const body = dialog.shadowRoot?.querySelector('[part="body"]');
    return {
      open: dialog.open,
      body: body?.textContent?.replace(/\s+/g, ' ').trim() ?? '',
      method: dialog.shadowRoot?.querySelector('.current > *')?.localName ?? null,
      requests: [...log.requests],
      outcome,
    };
  },

};
document.body.dataset.ready = 'true';
