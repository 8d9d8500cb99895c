// Property-based: whatever tokens arrive, whatever the clock does and in whatever order
// callers ask, the store never hands out a token for a scope it does not carry, after its
// expiry, or a single-use token twice.
import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { readElevatedToken } from './jwt-payload.js';
import { memoryPersistence } from './token-persistence.js';
import { CLOCK_SKEW_MARGIN_SECONDS, ElevatedTokenStore } from './token-store.js';
import { craftToken } from '../test/support/scripted.js';

const SCOPES = ['wallet:export', 'wallet:sign', 'credential:link', 'user:delete'];
const T0 = 1_800_000_000;

const claimsArbitrary = fc.record(
  {
    scope: fc.oneof(
      fc.subarray(SCOPES).map((s) => s.join(' ')),
      fc.constant(''),
      fc.string(),
      fc.integer(),
    ),
    exp: fc.oneof(fc.integer({ min: T0 - 100, max: T0 + 2000 }), fc.constant('soon'), fc.double()),
    singleUse: fc.oneof(fc.boolean(), fc.constant('yes')),
    jti: fc.uuid(),
  },
  { requiredKeys: [] },
);

const operation = fc.oneof(
  claimsArbitrary.map((claims) => ({ kind: 'add' as const, claims })),
  fc.integer({ min: 0, max: 400 }).map((seconds) => ({ kind: 'advance' as const, seconds })),
  fc.record({ kind: fc.constant('take' as const), scope: fc.constantFrom(...SCOPES, 'other'), consume: fc.boolean() }),
);

describe('elevated token store (properties)', () => {
  it('never yields a token without the scope, past its expiry, or a single-use token twice', () => {
    fc.assert(
      fc.property(fc.array(operation, { maxLength: 60 }), (operations) => {
        let now = T0 * 1000;
        const store = new ElevatedTokenStore({ persistence: memoryPersistence(), now: () => now, events: new EventTarget() });
        const spent = new Set<string>();
        for (const op of operations) {
          if (op.kind === 'advance') now += op.seconds * 1000;
          else if (op.kind === 'add') {
            try {
              store.add(craftToken(op.claims));
            } catch {
              // refused: fine, checked below by what comes out
            }
          } else {
            const token = store.take(op.scope, op.consume);
            if (token === undefined) continue;
            const info = readElevatedToken(token)!;
            expect(info.scopes).to.include(op.scope);
            expect(info.exp - CLOCK_SKEW_MARGIN_SECONDS).to.be.greaterThan(now / 1000);
            expect(spent.has(token), 'single-use token handed out again').to.equal(false);
            if (op.consume && info.singleUse) spent.add(token);
          }
        }
      }),
      { numRuns: 300, seed: 20261127 },
    );
  });

  it('reads scope, exp and single-use exactly as the claims say, and refuses anything else', () => {
    fc.assert(
      fc.property(claimsArbitrary, fc.constantFrom('ES256', 'RS256', 'none', 'NONE'), (claims, alg) => {
        const info = readElevatedToken(craftToken(claims, { alg }));
        const wellFormed =
          alg.toLowerCase() !== 'none' &&
          typeof claims.scope === 'string' &&
          claims.scope.trim() !== '' &&
          typeof claims.exp === 'number' &&
          Number.isFinite(claims.exp) &&
          (claims.singleUse === undefined || typeof claims.singleUse === 'boolean');
        if (!wellFormed) {
          expect(info).to.equal(undefined);
          return;
        }
        expect(info!.exp).to.equal(claims.exp);
        expect(info!.singleUse).to.equal(claims.singleUse === true);
        expect(info!.scopes).to.deep.equal([...new Set((claims.scope as string).split(/\s+/).filter(Boolean))].sort());
      }),
      { numRuns: 500, seed: 20261127 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        readElevatedToken(text);
        readElevatedToken(`${text}.${text}.${text}`);
      }),
      { numRuns: 500, seed: 20261127 },
    );
  });
});
