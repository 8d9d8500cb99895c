import { expect } from '@open-wc/testing';
import { StepUpError } from './errors.js';
import { StepUpTokenEvent } from './client-events.js';
import { memoryPersistence, sessionPersistence } from './token-persistence.js';
import { CLOCK_SKEW_MARGIN_SECONDS, ElevatedTokenStore } from './token-store.js';
import { craftToken } from '../test/support/scripted.js';

const T0 = 1_800_000_000_000; // a fixed clock, ms

function makeStore(options: { persistence?: ReturnType<typeof memoryPersistence> } = {}) {
  let now = T0;
  const events = new EventTarget();
  const seen: StepUpTokenEvent[] = [];
  for (const type of ['tokenstored', 'tokenconsumed', 'tokenexpired']) {
    events.addEventListener(type, (e) => seen.push(e as StepUpTokenEvent));
  }
  const store = new ElevatedTokenStore({
    persistence: options.persistence ?? memoryPersistence(),
    now: () => now,
    events,
  });
  return { store, seen, advance: (seconds: number) => (now += seconds * 1000) };
}

const inSeconds = (s: number) => T0 / 1000 + s;

function expectRefused(action: () => unknown) {
  expect(action).to.throw(StepUpError).with.property('code', 'invalid_token');
}

describe('elevated token store', () => {
  it('refuses a token with no scope, no exp, an empty scope or an expiry already past, and stores nothing', () => {
    const { store } = makeStore();
    expectRefused(() => store.add(craftToken({ exp: inSeconds(300) })));
    expectRefused(() => store.add(craftToken({ scope: 'wallet:export' })));
    expectRefused(() => store.add(craftToken({ scope: '  ', exp: inSeconds(300) })));
    expectRefused(() => store.add(craftToken({ scope: 'wallet:export', exp: inSeconds(-1) })));
    expectRefused(() => store.add(craftToken({ scope: 'wallet:export', exp: String(inSeconds(300)) })));
    expect(store.list()).to.deep.equal([]);
    expect(store.has('wallet:export')).to.equal(false);
  });

  it('refuses tokens that are not signed-looking JWTs: alg none, two parts, garbage, non-strings', () => {
    const { store } = makeStore();
    const claims = { scope: 'wallet:export', exp: inSeconds(300) };
    expectRefused(() => store.add(craftToken(claims, { alg: 'none' })));
    expectRefused(() => store.add(craftToken(claims).split('.').slice(0, 2).join('.') + '.'));
    expectRefused(() => store.add('not a jwt'));
    expectRefused(() => store.add(undefined));
    expectRefused(() => store.add({ scope: 'wallet:export' }));
    expect(store.list()).to.deep.equal([]);
  });

  it('refuses a token that lacks a scope the caller asked for', () => {
    const { store } = makeStore();
    expectRefused(() => store.add(craftToken({ scope: 'wallet:sign', exp: inSeconds(300) }), ['wallet:export']));
    expect(store.list()).to.deep.equal([]);
  });

  it('keeps one token per normalized scope set: a new one replaces the old', () => {
    const { store } = makeStore();
    const first = craftToken({ scope: 'wallet:sign wallet:export', exp: inSeconds(300), jti: '1' });
    const second = craftToken({ scope: 'wallet:export  wallet:sign wallet:export', exp: inSeconds(600), jti: '2' });
    store.add(first);
    store.add(second);
    expect(store.list()).to.deep.equal([{ scopes: ['wallet:export', 'wallet:sign'], exp: inSeconds(600), singleUse: false }]);
    expect(store.take('wallet:sign', true)).to.equal(second);
    store.add(craftToken({ scope: 'user:delete', exp: inSeconds(300) }));
    expect(store.list()).to.have.length(2);
  });

  it('hands out a token for any scope it carries, preferring the narrowest', () => {
    const { store } = makeStore();
    const broad = craftToken({ scope: 'credential:link credential:unlink', exp: inSeconds(300) });
    const narrow = craftToken({ scope: 'credential:link', exp: inSeconds(600) });
    store.add(broad);
    expect(store.take('credential:unlink', false)).to.equal(broad);
    store.add(narrow);
    expect(store.take('credential:link', false)).to.equal(narrow);
    expect(store.take('user:delete', false)).to.equal(undefined);
  });

  it(`treats a token as expired ${CLOCK_SKEW_MARGIN_SECONDS} s before exp and drops it on the next read`, () => {
    const { store, seen, advance } = makeStore();
    expectRefused(() => store.add(craftToken({ scope: 'wallet:sign', exp: inSeconds(CLOCK_SKEW_MARGIN_SECONDS) })));
    store.add(craftToken({ scope: 'wallet:sign', exp: inSeconds(60) }));
    advance(60 - CLOCK_SKEW_MARGIN_SECONDS - 1);
    expect(store.has('wallet:sign')).to.equal(true);
    advance(1);
    expect(store.has('wallet:sign')).to.equal(false);
    expect(store.take('wallet:sign', false)).to.equal(undefined);
    expect(store.list()).to.deep.equal([]);
    expect(seen.map((e) => e.type)).to.deep.equal(['tokenstored', 'tokenexpired']);
  });

  it('hands a single-use token out exactly once, however many callers race for it', async () => {
    const { store, seen } = makeStore();
    const token = craftToken({ scope: 'wallet:export', exp: inSeconds(300), singleUse: true });
    store.add(token);
    const results = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i % 3));
        return store.take('wallet:export', true);
      }),
    );
    expect(results.filter((r) => r === token)).to.have.length(1);
    expect(results.filter((r) => r === undefined)).to.have.length(99);
    expect(seen.filter((e) => e.type === 'tokenconsumed')).to.have.length(1);
  });

  it('does not remove a single-use token when asked without consume, nor a multi-use token ever', () => {
    const { store } = makeStore();
    const single = craftToken({ scope: 'user:delete', exp: inSeconds(300), singleUse: true });
    const multi = craftToken({ scope: 'wallet:sign', exp: inSeconds(300) });
    store.add(single);
    store.add(multi);
    expect(store.take('user:delete', false)).to.equal(single);
    expect(store.take('user:delete', false)).to.equal(single);
    expect(store.take('wallet:sign', true)).to.equal(multi);
    expect(store.take('wallet:sign', true)).to.equal(multi);
  });

  it('announces stored, consumed and expired tokens with scopes and expiry but never the token', () => {
    const { store, seen, advance } = makeStore();
    const token = craftToken({ scope: 'user:delete', exp: inSeconds(300), singleUse: true });
    store.add(token);
    store.take('user:delete', true);
    store.add(craftToken({ scope: 'wallet:sign', exp: inSeconds(100) }));
    advance(100);
    store.list();
    expect(seen.map((e) => [e.type, e.scopes.join(' '), e.singleUse])).to.deep.equal([
      ['tokenstored', 'user:delete', true],
      ['tokenconsumed', 'user:delete', true],
      ['tokenstored', 'wallet:sign', false],
      ['tokenexpired', 'wallet:sign', false],
    ]);
    for (const event of seen) expect(JSON.stringify({ ...event, scopes: event.scopes })).not.to.contain(token.split('.')[2]);
  });

  it("'session' persistence keeps tokens in sessionStorage only, and drops tampered entries", () => {
    const key = 'step-up-kit:elevated:store-test';
    sessionStorage.removeItem(key);
    const persistence = sessionPersistence(key);
    const { store } = makeStore({ persistence });
    const token = craftToken({ scope: 'credential:link', exp: inSeconds(300) });
    store.add(token);
    expect(JSON.parse(sessionStorage.getItem(key)!)).to.deep.equal([token]);
    expect(JSON.stringify({ ...localStorage })).not.to.contain(token);
    expect(document.cookie).not.to.contain(token);

    // another store on the same key sees it (a reload of the tab)
    expect(makeStore({ persistence: sessionPersistence(key) }).store.has('credential:link')).to.equal(true);

    sessionStorage.setItem(key, JSON.stringify([token, 'forged', 42]));
    expect(store.list()).to.have.length(1);
    expect(JSON.parse(sessionStorage.getItem(key)!)).to.deep.equal([token]);

    store.clear();
    expect(sessionStorage.getItem(key)).to.equal(null);
  });
});
