// Email and SMS one-time codes: send (to a credential the method policy offers), then verify.
import { randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { assertWithinBudget, spendBudget } from '../daily-budget.js';
import { addToDevOutbox } from '../dev-outbox.js';
import { ApiError, secondsUntil } from '../errors.js';
import { requireOffered, type OfferedCredential } from '../method-policy.js';
import { OTP_CODE_LIFETIME_SECONDS } from '@step-up-kit/protocol';
import { wrongCode } from '../mfa-lockout.js';
import { parseRequestedScopes, readJsonBody, requestedScopesField } from '../request-body.js';
import type { ServerContext } from '../server-context.js';
import type { AppEnv } from '../session.js';
import { e164, type Channel } from '../users.js';
import { verifyResponse } from '../verify-response.js';

export const OTP_LIFETIME_MS = OTP_CODE_LIFETIME_SECONDS * 1000;
export const OTP_MAX_ATTEMPTS = 5;
export const OTP_RESEND_COOLDOWN_MS = 30 * 1000;

const EmailSendBody = z.object({ email: z.string().max(320) });
const SmsSendBody = z.object({
  isoCountryCode: z.string().regex(/^[A-Za-z]{2}$/),
  phoneCountryCode: z.string().max(10),
  phoneNumber: z.string().max(40),
});
const VerifyBody = z.object({
  verificationUUID: z.string().max(100),
  verificationToken: z.string().max(100),
  requestedScopes: requestedScopesField,
});

const digitsOnly = (value: string): string | undefined => {
  const stripped = value.replace(/[\s-]/g, '').replace(/^\+/, '');
  return /^\d+$/.test(stripped) ? stripped : undefined;
};

/** A code request, as the shared store keeps it: the code only as an HMAC. */
interface CodeRequest {
  userId: string;
  channel: Channel;
  to: string;
  codeHash: string;
  /** ms */
  expiresAt: number;
}

/** Code requests stay known this long after they expire, so a late code is "expired", not "unknown". */
const KEPT_AFTER_EXPIRY_MS = OTP_LIFETIME_MS;

/** Creates a code request in the shared store and delivers its code; returns its UUID. */
async function sendCode(ctx: ServerContext, userId: string, channel: Channel, to: string): Promise<string> {
  const { sharedStore: shared, resettableKeys: keys } = ctx;
  const now = ctx.now();
  await assertWithinBudget(ctx, userId, `sent:${channel}`, ctx.dailyLimits.codesSentPerDay, now);
  const cooldownUntil = now + OTP_RESEND_COOLDOWN_MS;
  if (!(await shared.setOnce(keys.codeCooldown(userId, channel), cooldownUntil, String(cooldownUntil)))) {
    const until = Number(await shared.get(keys.codeCooldown(userId, channel))) || cooldownUntil;
    throw new ApiError(429, 'rate_limited', 'A code was sent a moment ago. Wait a little before asking for another.', secondsUntil(until, now));
  }
  const code = randomInt(0, 1_000_000).toString().padStart(6, '0');
  const uuid = randomUUID();
  const expiresAt = now + OTP_LIFETIME_MS;
  const request: CodeRequest = { userId, channel, to, codeHash: ctx.hashCode(uuid, code), expiresAt };
  await shared.put(keys.verification(uuid), JSON.stringify(request), expiresAt + KEPT_AFTER_EXPIRY_MS);
  // Only the newest code of a channel is valid: an older message must not still work.
  await shared.put(keys.latestVerification(userId, channel), uuid, expiresAt + KEPT_AFTER_EXPIRY_MS);
  await spendBudget(ctx, userId, `sent:${channel}`, now);
  if (ctx.devMode) await addToDevOutbox(ctx, { channel, to, code, sentAt: new Date(now).toISOString(), userId });
  try {
    await ctx.deliverCode?.({ channel, to, code, userId });
  } catch (cause) {
    // Nothing was sent: no cooldown for a message that never left, and no code to guess.
    await shared.delete(keys.verification(uuid));
    await shared.delete(keys.codeCooldown(userId, channel));
    console.error('step-up-kit reference server: deliverCode failed', cause);
    throw new ApiError(502, 'delivery_failed', 'The code could not be sent. Try again in a moment.');
  }
  return uuid;
}

async function codeRequest(ctx: ServerContext, uuid: string): Promise<CodeRequest | undefined> {
  const raw = await ctx.sharedStore.get(ctx.resettableKeys.verification(uuid));
  return raw === undefined ? undefined : (JSON.parse(raw) as CodeRequest);
}

/**
 * How a code request ended. A spent request and its attempt count are deleted; what is left is
 * this word in the pointer to the newest request of the user's channel (`latestVerification`,
 * `<uuid> <outcome>`), which exists anyway and lives as long as the request would have: a replay
 * is told why it is refused, and a spent code costs the store nothing per code.
 */
const SPENT = { verified: 'verified', noAttemptsLeft: 'no-attempts-left' } as const;
type Outcome = (typeof SPENT)[keyof typeof SPENT];

/** The newest request of a channel, and how it ended if it did. */
function parseNewest(value: string | undefined): { uuid: string | undefined; outcome: string | undefined } {
  const [uuid, outcome] = (value ?? '').split(' ', 2);
  return { uuid: uuid || undefined, outcome };
}

function sameHash(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Where an offered email or phone credential delivers to: the `to` of its verifications. */
function addressOf(offered: OfferedCredential): string | undefined {
  const { credential } = offered;
  if (credential?.kind === 'email') return credential.address;
  if (credential?.kind === 'phone') return e164(credential);
  return undefined;
}

function verifyCode(ctx: ServerContext, channel: Channel) {
  const invalid = () => new ApiError(422, `invalid_${channel}_verification`, 'This code request is no longer valid. Ask for a new code.');
  return async (c: Context<AppEnv>) => {
    const body = await readJsonBody(c, VerifyBody);
    const scopes = parseRequestedScopes(body.requestedScopes);
    const user = c.get('user');
    requireOffered(ctx, user, channel); // the channel is the method: 'email' or 'sms'
    const { sharedStore: shared, resettableKeys: keys } = ctx;
    const now = ctx.now();
    const uuid = body.verificationUUID;
    const newestKey = keys.latestVerification(user.id, channel);
    const newest = async () => parseNewest(await shared.get(newestKey));
    const v = await codeRequest(ctx, uuid);
    // Only sendCode names the newest request of a user's channel: a uuid that is it was sent to
    // this user on this channel, also after its request was spent and deleted.
    const { uuid: newestUuid, outcome } = await newest();
    if (newestUuid !== uuid || (v && (v.userId !== user.id || v.channel !== channel))) throw invalid();
    // The resend cooldown holds only while a usable code is pending: once this one is spent or
    // has no attempts left, a new code may be sent at once (unless a newer request took over).
    const endCooldown = async () => {
      if ((await newest()).uuid === uuid) await shared.delete(keys.codeCooldown(user.id, channel));
    };
    // No Retry-After: waiting does not help, only a new code does.
    const tooMany = async () => {
      await endCooldown();
      return new ApiError(429, `too_many_${channel}_verification_attempts`, 'Too many wrong codes. Ask for a new code.', undefined, { attemptsRemaining: 0 });
    };
    /** The refusal of a code that is spent, or was replaced by a newer request meanwhile. */
    const refusalOfSpent = async (ended: { uuid: string | undefined; outcome: string | undefined }) => {
      if (ended.uuid !== uuid) return invalid();
      if (ended.outcome === SPENT.noAttemptsLeft) return tooMany();
      return new ApiError(409, 'already_used', 'This code was already used. Ask for a new code.');
    };
    if (outcome !== undefined) throw await refusalOfSpent({ uuid, outcome });
    // Known no more: expired and forgotten.
    if (!v) throw invalid();
    // The address the code went to must still be one the check offers (not removed since).
    requireOffered(ctx, user, channel, (offered) => addressOf(offered) === v.to);
    const kept = v.expiresAt + KEPT_AFTER_EXPIRY_MS;
    if (now >= v.expiresAt) throw new ApiError(422, 'code_expired', 'This code has expired. Ask for a new code.');
    await assertWithinBudget(ctx, user.id, `failed:${channel}`, ctx.dailyLimits.failedAttemptsPerDay, now);
    /**
     * Spends the code: says how it ended in the newest-request pointer (unless a newer request
     * took it over), then takes the request — atomic, so of two requests one gets it: true for
     * that one — and deletes the attempt count. A request that read the code earlier can no
     * longer verify it: the request is gone. (Saying it is a read and a write, not one step: a
     * new code sent in between would be overwritten, and refused as no longer valid.)
     */
    const spend = async (how: Outcome) => {
      if ((await newest()).uuid === uuid) await shared.put(newestKey, `${uuid} ${how}`, kept);
      const taken = (await shared.take(keys.verification(uuid))) !== undefined;
      await shared.delete(keys.verificationAttempts(uuid));
      return taken;
    };
    // Counted before the code is compared: concurrent guesses cannot slip past the limit.
    const attempt = await shared.increment(keys.verificationAttempts(uuid), kept);
    if (attempt > OTP_MAX_ATTEMPTS) throw await tooMany();
    // Spent since we read it: the pointer says so before the count is deleted, so a count that
    // started again after the deletion never reaches a comparison.
    const current = await newest();
    if (current.uuid !== uuid || current.outcome !== undefined) throw await refusalOfSpent(current);
    if (!sameHash(v.codeHash, ctx.hashCode(uuid, body.verificationToken.replace(/\s/g, '')))) {
      await spendBudget(ctx, user.id, `failed:${channel}`, now);
      const remaining = OTP_MAX_ATTEMPTS - attempt;
      if (remaining <= 0) {
        await spend(SPENT.noAttemptsLeft);
        throw await tooMany();
      }
      throw wrongCode(`wrong_${channel}_verification_token`, 'That code is not correct.', remaining);
    }
    // Spent once, even by two requests with the right code at the same moment.
    if (!(await spend(SPENT.verified))) throw await refusalOfSpent(await newest());
    await endCooldown();
    return c.json(await verifyResponse(ctx, c.get('session'), user, scopes, channel));
  };
}

export function registerOtpRoutes(router: Hono<AppEnv>, ctx: ServerContext): void {
  router.post('/emailVerifications/create', async (c) => {
    const { email } = await readJsonBody(c, EmailSendBody);
    const user = c.get('user');
    const wanted = email.trim().toLowerCase();
    const offered = requireOffered(ctx, user, 'email', (o) => addressOf(o)?.toLowerCase() === wanted);
    return c.json({ verificationUUID: await sendCode(ctx, user.id, 'email', addressOf(offered) ?? wanted) });
  });

  router.post('/smsVerifications/create', async (c) => {
    const body = await readJsonBody(c, SmsSendBody);
    const countryCode = digitsOnly(body.phoneCountryCode);
    const number = digitsOnly(body.phoneNumber);
    if (!countryCode || !number) {
      throw new ApiError(400, 'invalid_request', 'The phone number may contain only digits, spaces and dashes.');
    }
    const user = c.get('user');
    const wanted = `+${countryCode}${number}`;
    requireOffered(ctx, user, 'sms', (o) => addressOf(o) === wanted);
    return c.json({ verificationUUID: await sendCode(ctx, user.id, 'sms', wanted) });
  });

  router.post('/emailVerifications/verify', verifyCode(ctx, 'email'));
  router.post('/smsVerifications/verify', verifyCode(ctx, 'sms'));
}
