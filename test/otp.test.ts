// Email and SMS codes through the core against the real backend: every way a code can fail.
import { expect } from '@open-wc/testing';
import { checkStepUpAuth, hasElevatedAccessToken, hasPendingOTP, sendEmailOTP, sendSmsOTP, verifyOTP, type StepUpClient } from '../src/index.js';
import { advanceServerClock, latestCode, outbox, recordingFetch, resetBackend, signedInClient } from './support/backend.js';
import { rejection } from './support/rejection.js';

const SCOPES = ['credential:link'];

/** A code that is certainly not the one sent. */
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('email and SMS codes', () => {
  let client: StepUpClient;
  beforeEach(async () => {
    await resetBackend();
    ({ client } = await signedInClient('bob'));
    await checkStepUpAuth({ scope: 'credential:link' }, client);
  });

  it('sends six digits to the address of the email credential by default', async () => {
    await sendEmailOTP({}, client);
    const message = await latestCode('bob', 'email');
    expect(message.to).to.equal('bob@example.com');
    expect(message.code).to.match(/^\d{6}$/);
  });

  it('refuses to send to an address that is not the user’s', async () => {
    const error = await rejection(sendEmailOTP({ email: 'mallory@example.com' }, client));
    expect(error.code).to.equal('credential_not_found');
    expect(await outbox('bob')).to.deep.equal([]);
  });

  it('a wrong code is refused, says how many tries are left, and the right one still works', async () => {
    await sendEmailOTP({}, client);
    const { code } = await latestCode('bob', 'email');
    const error = await rejection(verifyOTP({ type: 'email', token: wrongCode(code), requestedScopes: SCOPES }, client));
    expect(error.code).to.equal('invalid_code');
    expect(error.message).to.match(/\d/);
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(false);
    await verifyOTP({ type: 'email', token: code, requestedScopes: SCOPES }, client);
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(true);
  });

  it('an expired code is refused', async () => {
    await sendEmailOTP({}, client);
    const { code } = await latestCode('bob', 'email');
    await advanceServerClock(5 * 60 + 1);
    const error = await rejection(verifyOTP({ type: 'email', token: code, requestedScopes: SCOPES }, client));
    expect(error.code).to.equal('code_expired');
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(false);
  });

  it('after five wrong attempts even the right code is refused until a new one is sent', async () => {
    await sendSmsOTP({ countryCode: 'US', phoneNumber: '2025550123' }, client);
    const { code } = await latestCode('bob', 'sms');
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await rejection(verifyOTP({ type: 'sms', token: wrongCode(code), requestedScopes: SCOPES }, client))).code!);
    }
    expect(codes).to.deep.equal(['invalid_code', 'invalid_code', 'invalid_code', 'invalid_code', 'too_many_attempts']);
    // The client forgot the spent request: no code is waiting, a new one must be sent.
    expect((await rejection(verifyOTP({ type: 'sms', token: code, requestedScopes: SCOPES }, client))).code).to.equal('verification_not_found');
    expect(hasPendingOTP({ type: 'sms' }, client)).to.equal(false);
    expect(hasElevatedAccessToken('credential:link', client)).to.equal(false);
  });

  it('a resend inside the cooldown is rate limited with the seconds to wait', async () => {
    await sendEmailOTP({}, client);
    const error = await rejection(sendEmailOTP({}, client));
    expect(error.code).to.equal('rate_limited');
    expect(error.retryAfter).to.be.within(1, 30);
    expect(await outbox('bob')).to.have.length(1);
    await advanceServerClock(31);
    await sendEmailOTP({}, client);
    expect(await outbox('bob')).to.have.length(2);
  });

  it('a new code replaces the previous one', async () => {
    await sendEmailOTP({}, client);
    const first = (await latestCode('bob', 'email')).code;
    await advanceServerClock(31);
    await sendEmailOTP({}, client);
    const second = (await latestCode('bob', 'email')).code;
    if (first !== second) {
      expect((await rejection(verifyOTP({ type: 'email', token: first, requestedScopes: SCOPES }, client))).code).to.equal('invalid_code');
    }
    await verifyOTP({ type: 'email', token: second, requestedScopes: SCOPES }, client);
  });

  it('maps the ISO country to its calling code and refuses a number that is not the user’s', async () => {
    const error = await rejection(sendSmsOTP({ countryCode: 'GB', phoneNumber: '2025550123' }, client));
    expect(error.code).to.equal('credential_not_found');
    await sendSmsOTP({ countryCode: 'us', phoneNumber: '(202) 555-0123' }, client);
    expect((await latestCode('bob', 'sms')).to).to.equal('+12025550123');
  });

  it('sends to the phone credential by default, or to an E.164 number', async () => {
    await sendSmsOTP({}, client);
    expect((await latestCode('bob', 'sms')).to).to.equal('+12025550123');
    await advanceServerClock(31);
    await sendSmsOTP({ phoneNumber: '+1 (202) 555-0123' }, client);
    expect(await outbox('bob')).to.have.length(2);
  });

  it('refuses input it can tell is wrong before sending anything', async () => {
    const recorder = recordingFetch();
    const { client: recorded } = await signedInClient('bob', { fetch: recorder.fetch });
    expect((await rejection(sendSmsOTP({ countryCode: 'ZZ', phoneNumber: '2025550123' }, recorded))).code).to.equal('invalid_request');
    expect((await rejection(sendSmsOTP({ countryCode: 'US', phoneNumber: 'call me' }, recorded))).code).to.equal('invalid_request');
    expect((await rejection(sendSmsOTP({ phoneNumber: '2025550123' }, recorded))).code).to.equal('invalid_request'); // no country
    expect((await rejection(sendSmsOTP({}, recorded))).code).to.equal('invalid_request'); // no check yet: no known phone
    expect((await rejection(verifyOTP({ type: 'email', token: '123456', requestedScopes: SCOPES }, recorded))).code).to.equal(
      'verification_not_found',
    );
    expect((await rejection(sendEmailOTP({}, recorded))).code).to.equal('credential_not_found'); // no check yet: no known address
    expect((await rejection(verifyOTP({ type: 'email', token: '  ', requestedScopes: SCOPES }, recorded))).code).to.equal('invalid_code');
    expect((await rejection(verifyOTP({ type: 'email', token: '123456', requestedScopes: [] }, recorded))).code).to.equal('invalid_scope');
    expect(recorder.urls).to.deep.equal([]);
  });

  it('every error carries a sentence a user can read', async () => {
    await sendEmailOTP({}, client);
    const error = await rejection(verifyOTP({ type: 'email', token: '000000x', requestedScopes: SCOPES }, client));
    expect(error.message).to.match(/^[A-Z].*\.$/);
  });
});
