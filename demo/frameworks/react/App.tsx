import { useState } from 'react';
import { initializeStepUp, stepUpFetch } from 'step-up-kit';
import type { StepUpCancelEvent, StepUpElevatedEvent } from 'step-up-kit/components';
import { API_BASE, demoSignIn } from '../shared/sign-in.js';

export function App() {
  const [user, setUser] = useState<string>();
  const [outcome, setOutcome] = useState('');
  const [status, setStatus] = useState('');

  async function signIn() {
    const { jwt, environmentId } = await demoSignIn('bob');
    initializeStepUp({ apiBaseUrl: API_BASE, environmentId, getAuthToken: () => jwt });
    setUser('bob');
  }

  async function linkEmail() {
    // No check first: the server's refusal opens the dialog, then the call is sent once more.
    const response = await stepUpFetch(`${API_BASE}/protected/credentials/link`, { method: 'POST' });
    setStatus(`POST credentials/link → ${response.status}`);
  }

  function onElevated(event: StepUpElevatedEvent) {
    const { method, alreadyElevated, scope } = event.detail;
    setOutcome(alreadyElevated ? `already elevated (${scope})` : `elevated via ${method} (${scope})`);
  }

  function onCancel(event: StepUpCancelEvent) {
    setOutcome(`cancelled (${event.detail.scope})`);
  }

  return (
    <>
      <h1>React 19</h1>
      <p data-testid="session">{user ? `Signed in as ${user}.` : 'Not signed in.'}</p>
      <button type="button" data-testid="sign-in" onClick={() => void signIn()}>
        Sign in as bob
      </button>
      <button type="button" data-testid="link" disabled={!user} onClick={() => void linkEmail()}>
        Link a new email
      </button>
      <p data-testid="outcome">{outcome}</p>
      <p data-testid="status">{status}</p>

      <step-up-dialog onelevated={onElevated} onstepupcancel={onCancel} />
    </>
  );
}
