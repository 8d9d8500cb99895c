// Where tokens live: 'memory' keeps them in the page, 'session' also in sessionStorage;
// never localStorage or cookies.
import { expect } from '@open-wc/testing';
import { checkStepUpAuth, createStepUpClient, hasElevatedAccessToken, sendEmailOTP, verifyOTP, type StepUpClient } from '../src/index.js';
import { latestCode, resetBackend, signedInClient } from './support/backend.js';

async function elevate(client: StepUpClient) {
  await checkStepUpAuth({ scope: 'credential:link' }, client);
  await sendEmailOTP({}, client);
  const { code } = await latestCode('bob', 'email');
  const { elevatedAccessToken } = await verifyOTP({ type: 'email', token: code, requestedScopes: ['credential:link'] }, client);
  return elevatedAccessToken!;
}

function everywhereButMemory(): string {
  return JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage }, cookie: document.cookie });
}

describe('token storage', () => {
  beforeEach(async () => {
    await resetBackend();
    sessionStorage.clear();
  });

  it("'memory' (the default) writes the token nowhere: a reload forgets it", async () => {
    const { client } = await signedInClient('bob');
    const token = await elevate(client);
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(true);
    expect(everywhereButMemory()).not.to.contain(token);
    const afterReload = createStepUpClient(client.config);
    expect(hasElevatedAccessToken('credential:link', afterReload)).to.equal(false);
  });

  it("'session' keeps the token in sessionStorage only: it survives a reload and clears on sign-out", async () => {
    const { client } = await signedInClient('bob', { storage: 'session' });
    const token = await elevate(client);
    expect(JSON.stringify({ ...sessionStorage })).to.contain(token);
    expect(JSON.stringify({ ...localStorage })).not.to.contain(token);
    expect(document.cookie).not.to.contain(token);

    const afterReload = createStepUpClient(client.config);
    expect(hasElevatedAccessToken('credential:link', afterReload)).to.equal(true);

    afterReload.clearElevatedTokens(); // sign-out
    expect(everywhereButMemory()).not.to.contain(token);
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(false);
  });
});
