import { useRef, useState } from 'react';
import { elevatedFetch, initializeStepUp, TokenScope } from 'step-up-kit';
import type { StepUpCancelEvent, StepUpDialog, StepUpElevatedEvent } from 'step-up-kit/components';
import { API_BASE, demoSignIn } from '../shared/sign-in.js';

const scope = TokenScope.Credentiallink;

export function App() {
  const dialog = useRef<StepUpDialog>(null);
  const [user, setUser] = useState<string>();
  const [outcome, setOutcome] = useState('');
  const [status, setStatus] = useState('');

  async function signIn() {
    const { jwt, environmentId } = await demoSignIn('bob');
    initializeStepUp({ apiBaseUrl: API_BASE, environmentId, getAuthToken: () => jwt });
    setUser('bob');
  }

  function linkEmail() {
    // The outcome arrives as `elevated` or `stepupcancel`.
    dialog.current?.requestStepUp(scope).catch(() => {});
  }

  async function onElevated(event: StepUpElevatedEvent) {
    const { method, alreadyElevated } = event.detail;
    setOutcome(alreadyElevated ? 'already elevated' : `elevated via ${method}`);
    const response = await elevatedFetch(`${API_BASE}/protected/credentials/link`, { method: 'POST', scope });
    setStatus(`${scope} → ${response.status}`);
  }

  function onCancel(_event: StepUpCancelEvent) {
    setOutcome('cancelled');
    setStatus('');
  }

  return (
    <>
      <h1>React 19</h1>
      <p data-testid="session">{user ? `Signed in as ${user}.` : 'Not signed in.'}</p>
      <button type="button" data-testid="sign-in" onClick={() => void signIn()}>
        Sign in as bob
      </button>
      <button type="button" data-testid="link" disabled={!user} onClick={linkEmail}>
        Link a new email
      </button>
      <p data-testid="outcome">{outcome}</p>
      <p data-testid="status">{status}</p>

      <step-up-dialog ref={dialog} scope={scope} onelevated={onElevated} onstepupcancel={onCancel} />
    </>
  );
}
