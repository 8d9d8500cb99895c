// The code a client sent stays the one to type until it is used or can never work: a wrong
// guess keeps it, a code the server took is forgotten even when its answer is unusable (it is
// spent there), and a refusal for good forgets it. Scripted answers, so each case is exact.
import { expect } from '@open-wc/testing';
import { createStepUpClient, hasPendingOTP, sendEmailOTP, verifyOTP } from '../src/index.js';
import { rejection } from './support/rejection.js';
import { jsonAnswer, scriptedRoutes } from './support/scripted.js';

/** A client whose email code goes out, and whose verify gets `verifyAnswer`. */
async function sentCode(verifyAnswer: ReturnType<typeof jsonAnswer>) {
  const apiBaseUrl = scriptedRoutes({
    'emailVerifications/create': jsonAnswer({ verificationUUID: 'v1', email: 'bob@example.com' }),
    'emailVerifications/verify': verifyAnswer,
  });
  const client = createStepUpClient({ apiBaseUrl, environmentId: 'env', getAuthToken: () => 'session-jwt' });
  await sendEmailOTP({ email: 'bob@example.com' }, client);
  expect(hasPendingOTP({ type: 'email', to: 'bob@example.com' }, client)).to.equal(true);
  const verify = () => rejection(verifyOTP({ type: 'email', token: '123456', requestedScopes: ['wallet:sign'] }, client));
  return { client, verify };
}

describe('the pending code', () => {
  it('a wrong guess keeps it: the dialog asks for the same code again', async () => {
    const { client, verify } = await sentCode(jsonAnswer({ error: 'That code is not correct.', code: 'wrong_email_verification_token' }, 422));
    expect((await verify()).code).to.equal('invalid_code');
    expect(hasPendingOTP({ type: 'email' }, client)).to.equal(true);
  });

  it('a refusal for good forgets it: the next step-up sends a new one', async () => {
    const { client, verify } = await sentCode(jsonAnswer({ error: 'Too many wrong codes.', code: 'too_many_email_verification_attempts' }, 429));
    expect((await verify()).code).to.equal('too_many_attempts');
    expect(hasPendingOTP({ type: 'email' }, client)).to.equal(false);
  });

  it('a code the server took is forgotten even when its answer carries no usable token', async () => {
    const { client, verify } = await sentCode(jsonAnswer({ elevatedAccessToken: 'not-a-jwt', expiresAt: 0 }));
    expect((await verify()).code).to.equal('invalid_token');
    expect(hasPendingOTP({ type: 'email' }, client)).to.equal(false);
  });
});
