// A step-up client: one API endpoint, one signed-in session source, one token store.
import { memoryPersistence, sessionPersistence } from './token-persistence.js';
import { ElevatedTokenStore, type HeldTokenSummary } from './token-store.js';
import type { PendingCodes } from './pending-codes.js';
import type { StepUpClientEventMap } from './client-events.js';
import type { StepUpError } from './errors.js';
import type { StepUpCheckResponse, StepUpCredential } from '@step-up-kit/protocol';

export interface StepUpClientConfig {
  /** Base of the API, e.g. '/api/v0' (same origin) or 'https://api.example.com/api/v0'. */
  apiBaseUrl: string;
  environmentId: string;
  /** The signed-in session JWT, sent as `Authorization: Bearer …`; null when signed out. */
  getAuthToken(): string | null | undefined | Promise<string | null | undefined>;
  fetch?: typeof fetch;
  /** Where elevated tokens live: 'memory' (default) or also 'session' (sessionStorage). */
  storage?: 'memory' | 'session';
  /** Clock in milliseconds, for tests. */
  now?: () => number;
  /** A request that takes longer than this fails with `network_error`. Default 15 000 ms. */
  requestTimeoutMs?: number;
}

export type OtpChannel = 'email' | 'sms';

const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

function resolveApiBase(apiBaseUrl: string): URL {
  const base = globalThis.location?.href;
  if (!base && !/^https?:\/\//i.test(apiBaseUrl)) {
    throw new TypeError('step-up-kit: apiBaseUrl must be an absolute URL outside a browser.');
  }
  return new URL(apiBaseUrl.replace(/\/+$/, '') + '/', base);
}

export class StepUpClient extends EventTarget {
  readonly config: Readonly<StepUpClientConfig>;
  /** Absolute API base, ending with '/'. */
  readonly apiBase: URL;
  /** @internal The elevated-token store; use the exported token functions instead. */
  readonly tokens: ElevatedTokenStore;
  /** @internal Identical checks in flight, by scope, share one request (and its failure, if any). */
  readonly inFlightChecks = new Map<string, Promise<{ result: StepUpCheckResponse; failure?: StepUpError }>>();
  /** @internal The code each channel's next `verifyOTP` answers (its verificationUUID), where it went, when (client clock, ms). */
  readonly pendingOtp: PendingCodes<string> = new Map();
  /** @internal Credentials from the last server check, for method defaults. */
  lastCredentials: readonly StepUpCredential[] = [];

  constructor(config: StepUpClientConfig) {
    super();
    if (!config.environmentId) throw new TypeError('step-up-kit: environmentId is required.');
    this.config = Object.freeze({ ...config });
    this.apiBase = resolveApiBase(config.apiBaseUrl);
    const persistence =
      config.storage === 'session'
        ? sessionPersistence(`step-up-kit:elevated:${config.environmentId}`)
        : memoryPersistence();
    this.tokens = new ElevatedTokenStore({ persistence, now: () => this.now(), events: this });
  }

  get origin(): string {
    return this.apiBase.origin;
  }

  get requestTimeoutMs(): number {
    return this.config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  }

  now(): number {
    return this.config.now ? this.config.now() : Date.now();
  }

  fetch(input: URL, init: RequestInit): Promise<Response> {
    return (this.config.fetch ?? globalThis.fetch).call(globalThis, input, init);
  }

  /** URL of a step-up API path, e.g. 'stepUp/check'. */
  sdkUrl(path: string): URL {
    return new URL(`sdk/${encodeURIComponent(this.config.environmentId)}/${path}`, this.apiBase);
  }

  /** Scopes and expiry of the elevated tokens held (never the tokens themselves). */
  listElevatedTokens(): HeldTokenSummary[] {
    return this.tokens.list();
  }

  /** Forgets every elevated token and pending code; call it on sign-out. */
  clearElevatedTokens(): void {
    this.tokens.clear();
    this.pendingOtp.clear();
    this.lastCredentials = [];
  }

  override addEventListener<K extends keyof StepUpClientEventMap>(
    type: K,
    listener: (event: StepUpClientEventMap[K]) => void,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void;
  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener, options);
  }

  override removeEventListener<K extends keyof StepUpClientEventMap>(
    type: K,
    listener: (event: StepUpClientEventMap[K]) => void,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void;
  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: boolean | EventListenerOptions,
  ): void {
    super.removeEventListener(type, listener, options);
  }
}

/** A new client. Most apps call `initializeStepUp` instead, which also makes it the default. */
export function createStepUpClient(config: StepUpClientConfig): StepUpClient {
  return new StepUpClient(config);
}
