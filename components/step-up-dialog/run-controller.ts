// One requestStepUp from start to end, for <step-up-dialog>: the promise and the outcome
// (resolved with `elevated`, or rejected `cancelled` with `stepupcancel`; nothing reported
// after the end), the check (through @lit/task) and its "try again", and which credential's
// method is shown. The host does the showing: the controller says when (`show`, `ended`).
// One run at a time across the site's tabs: a run holds a Web Lock from its check to its end,
// so a second tab waits (and says so) instead of sending a code that voids the first tab's.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { Task, TaskStatus } from '@lit/task';
import {
  methodOf,
  offersMethod,
  StepUpError,
  type StepUpBackend,
  type StepUpCheckOutcome,
  type StepUpCredential,
  type StepUpAbout,
  type StepUpElevation,
  type StepUpMethod,
} from '../../src/index.js';
import { StepUpCancelEvent } from '../events/cancel-event.js';
import { StepUpElevatedEvent } from '../events/elevated-event.js';
import { StepUpErrorEvent } from '../events/error-event.js';
import type { StepUpSession } from '../internal/session-context.js';

/** A check that answers faster than this is never shown (no flash when no step-up is needed). */
export const CHECK_SHOW_DELAY_MS = 250;

/** One requestStepUp, from start to end. */
export interface StepUpRun {
  readonly scope: string;
  readonly about: StepUpAbout;
  readonly backend: StepUpBackend;
  /** Fires when the run ends (verified, cancelled, replaced): whatever it started stops. */
  readonly signal: AbortSignal;
  readonly promise: Promise<StepUpElevation>;
}

interface Run extends StepUpRun {
  readonly abort: AbortController;
  resolve(detail: StepUpElevation): void;
  reject(error: unknown): void;
}

/** What the host does for a run. */
export interface StepUpRunOptions {
  /** The backend of a new run. May throw (no default client): the request then rejects. */
  backend(): StepUpBackend;
  /** A run is starting (the previous one has ended). */
  started?(run: StepUpRun): void;
  /** The user must see the run: its check is slow (`checked` false) or answered "required" (true). */
  show(run: StepUpRun, checked: boolean): void;
  /** The run is over: hide it. Called before its outcome is reported. */
  ended(run: StepUpRun): void;
}

type CheckAnswer = StepUpCheckOutcome & { run: Run };

export class StepUpRunController implements ReactiveController {
  readonly #host: ReactiveControllerHost & EventTarget;
  readonly #options: StepUpRunOptions;

  /** The check of a run: once when it starts, again on "try again"; a newer one supersedes it. */
  readonly #checkTask: Task<[Run], CheckAnswer>;

  #run?: Run;
  /** The run waiting for the prompt lock, if any. */
  #waitingRun?: Run;
  /** The current run's latest check answer. */
  #answer?: StepUpCheckOutcome;
  #currentId?: string;
  #showSoon?: ReturnType<typeof setTimeout>;
  #session?: StepUpSession;

  constructor(host: ReactiveControllerHost & EventTarget, options: StepUpRunOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    this.#checkTask = new Task<[Run], CheckAnswer>(host, {
      // Never rejects: a failed check answers "required" and says why (fail closed).
      task: async ([run], { signal }) => {
        const joined = AbortSignal.any([signal, run.signal]);
        return { run, ...(await run.backend.checkStepUpAuthWithReason({ scope: run.scope, signal: joined })) };
      },
      autoRun: false,
      onComplete: ({ run, ...answer }) => this.#checked(run, answer),
    });
  }

  hostDisconnected(): void {
    this.cancel(); // a dialog taken off the page is closed
  }

  /** The run in progress, if any. */
  get run(): StepUpRun | undefined {
    return this.#run;
  }

  /** True while the current run waits for another tab's (or dialog's) step-up to end. */
  get waiting(): boolean {
    return this.#run !== undefined && this.#waitingRun === this.#run;
  }

  /** True while the current run's check is in flight. */
  get checking(): boolean {
    return this.#run !== undefined && this.#checkTask.status === TaskStatus.PENDING;
  }

  /** Why the current run's last check failed (network, server, signed out): "try again", not "no method". */
  get checkError(): StepUpError | undefined {
    return this.#answer?.failure;
  }

  /** The credentials of the last check that the kit and the backend can present, in the server's order. */
  get credentials(): StepUpCredential[] {
    const backend = this.#run?.backend;
    return (this.#answer?.result.credentials ?? []).filter((c) => {
      const method = methodOf(c);
      return method && backend && offersMethod(backend, method);
    });
  }

  /** The credential whose method is shown: the account's default, until the user chooses another. */
  get current(): StepUpCredential | undefined {
    return this.credentials.find((c) => c.id === this.#currentId);
  }

  /**
   * Runs the step-up for `scope`: see StepUpDialog.requestStepUp. One run at a time: the same
   * scope gets the running one's promise; another scope cancels it first.
   */
  request(scope: string, about: StepUpAbout = {}): Promise<StepUpElevation> {
    if (this.#run?.scope === scope) return this.#run.promise;
    this.cancel();
    let backend: StepUpBackend;
    try {
      backend = this.#options.backend();
    } catch (error) {
      return Promise.reject(error);
    }
    let resolve!: Run['resolve'];
    let reject!: Run['reject'];
    const promise = new Promise<StepUpElevation>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const abort = new AbortController();
    const run: Run = { scope, about, backend, signal: abort.signal, abort, promise, resolve, reject };
    this.#run = run;
    this.#options.started?.(run);
    this.#showSoon = setTimeout(() => this.#options.show(run, false), CHECK_SHOW_DELAY_MS);
    this.#whenOurTurn(run, () => void this.#checkTask.run([run]));
    this.#host.requestUpdate();
    return promise;
  }

  /**
   * Runs `begin` once no other run of this site holds the prompt lock, and holds it until `run`
   * ends: two tabs never both ask (the second's email code would void the first's). The check
   * comes after the wait, so it sees what the other tab's step-up changed. Only a dialog on the
   * page takes the lock: a run that can never be shown must not block other tabs.
   */
  #whenOurTurn(run: Run, begin: () => void): void {
    const locks = globalThis.navigator?.locks;
    if (!locks || !(this.#host as Partial<Element>).isConnected) return begin();
    this.#waitingRun = run;
    const ended = new Promise((resolve) => run.signal.addEventListener('abort', resolve, { once: true }));
    locks
      .request(`step-up-kit prompt ${run.backend.name}`, { signal: run.signal }, () => {
        if (this.#waitingRun === run) this.#waitingRun = undefined;
        if (run.signal.aborted) return;
        begin();
        this.#host.requestUpdate();
        return ended;
      })
      .catch(() => undefined); // aborted while waiting: the run has ended already
  }

  /** Checks again ("try again" after a failed check). */
  retry(): void {
    if (this.#run) void this.#checkTask.run([this.#run]);
  }

  /** Shows `credential`'s method instead of the current one. */
  choose(credential: StepUpCredential): void {
    this.#currentId = credential.id;
    this.#host.requestUpdate();
  }

  /** Ends the run as the user would by closing: rejects `cancelled`, fires `stepupcancel`. */
  cancel(): void {
    const run = this.#run;
    if (!run) return;
    this.#end(run);
    run.reject(new StepUpError('cancelled'));
    this.#host.dispatchEvent(new StepUpCancelEvent({ scope: run.scope }));
  }

  /**
   * What the current method's element is handed. The same object until the run, the
   * credential, `strings` or `prefetched` change, so the element re-renders only then.
   */
  session(strings: StepUpSession['strings'], prefetched: StepUpSession['prefetched']): StepUpSession | undefined {
    const run = this.#run;
    const credential = this.current;
    if (!run || !credential) return undefined;
    const last = this.#session;
    if (last?.signal === run.signal && last.credential === credential && last.strings === strings && last.prefetched === prefetched) {
      return last;
    }
    return (this.#session = {
      backend: run.backend,
      scope: run.scope,
      credential,
      signal: run.signal,
      strings,
      prefetched,
      elevated: (method, credentialId) => this.#succeed(run, method, credentialId, false),
      failed: (method, error) => {
        if (this.#run === run) this.#host.dispatchEvent(new StepUpErrorEvent({ error, method, scope: run.scope }));
      },
    });
  }

  #checked(run: Run, answer: StepUpCheckOutcome): void {
    if (this.#run !== run) return; // ended, or replaced by another run
    clearTimeout(this.#showSoon);
    if (!answer.result.isRequired) {
      this.#succeed(run, undefined, undefined, true);
      return;
    }
    this.#answer = answer;
    const usable = this.credentials;
    this.#currentId = (usable.find((c) => c.id === answer.result.defaultCredentialId) ?? usable[0])?.id;
    this.#host.requestUpdate();
    this.#options.show(run, true);
  }

  #succeed(run: Run, method: StepUpMethod | undefined, credentialId: string | undefined, alreadyElevated: boolean): void {
    if (this.#run !== run || run.signal.aborted) return; // closed: nothing may be reported late
    const detail = run.backend.elevationOf({ scope: run.scope, method, credentialId, alreadyElevated });
    this.#end(run);
    run.resolve(detail);
    this.#host.dispatchEvent(new StepUpElevatedEvent(detail));
  }

  #end(run: Run): void {
    clearTimeout(this.#showSoon);
    this.#run = undefined;
    this.#answer = undefined;
    this.#currentId = undefined;
    this.#session = undefined;
    run.abort.abort(); // the check, the prefetches and the method's requests stop
    this.#options.ended(run);
    this.#host.requestUpdate();
  }
}
