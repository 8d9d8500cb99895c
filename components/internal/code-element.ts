// Code entry shared by the TOTP, email/SMS and recovery-code elements: one labelled input
// that takes typing or a pasted code, submits when the code is complete (or on Enter), and
// on a wrong code clears itself, keeps focus and says so. A rate limit locks it with a countdown.
import { html, nothing, type TemplateResult } from 'lit';
import { state } from 'lit/decorators.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { StepUpError, type StepUpErrorCode } from '../../src/index.js';
import { Task, TaskStatus } from '@lit/task';
import { CountdownController } from './countdown.js';
import { icon, spinner } from './icons.js';
import { asStepUpError, StepUpMethodElement } from './method-element.js';

/** Errors after which the typed code is useless: the field is cleared for a fresh one. */
const CLEARS_CODE = new Set<StepUpErrorCode>([
  'invalid_code',
  'code_already_used',
  'code_expired',
  'too_many_attempts',
  'verification_not_found',
  'already_used',
  'rate_limited',
]);

export abstract class StepUpCodeElement extends StepUpMethodElement {
  protected readonly lockoutCountdown = new CountdownController(this, () => this.#unlock());

  protected readonly verifyTask = new Task<readonly [string], unknown>(this, {
    task: ([code], { signal }) => this.verifyCode(code, this.signalFor(signal)),
    autoRun: false,
    onComplete: () => this.reportElevated(),
    onError: (error) => this.#failed(asStepUpError(error)),
  });

  /** The code field (always rendered once the element has rendered). */
  protected get input(): HTMLInputElement {
    return this.renderRoot.querySelector('input')!;
  }

  /** The failure on screen, if any. */
  @state() protected error?: StepUpError;

  /** Said once to screen readers (a lock ended, a code went out): not shown. */
  @state() protected announcement = '';

  /** When the current lock ends (ms), fixed when it began: the alert states it once, it does not tick. */
  #lockEnds?: number;

  /** Characters in a complete code (after `normalize`). */
  protected readonly codeLength: number = 6;
  protected readonly codeInputMode: 'numeric' | 'text' = 'numeric';

  /** Sends the code to the server; resolves when the elevated token is stored. */
  protected abstract verifyCode(code: string, signal: AbortSignal): Promise<unknown>;
  protected abstract get codeLabel(): string;
  protected abstract renderIntro(): unknown;

  /** Content after the form (resend link); nothing by default. */
  protected renderAfter(): TemplateResult | typeof nothing {
    return nothing;
  }

  /** The code as the server wants it: digits only by default. */
  protected normalizeCode(value: string): string {
    return value.replace(/\D/g, '').slice(0, this.codeLength);
  }

  /** What the field shows for a (normalized) value; the code itself by default. */
  protected display(code: string): string {
    return code;
  }

  protected get busy(): boolean {
    return this.verifyTask.status === TaskStatus.PENDING || this.lockoutCountdown.running;
  }

  /** Fills in a code (a pasted one, or one the browser read from an SMS) and submits it when complete. */
  protected enterCode(raw: string): void {
    const code = this.normalizeCode(raw);
    this.input.value = this.display(code);
    if (this.error && this.error.code !== 'rate_limited') this.error = undefined;
    if (code.length === this.codeLength) this.#submit();
  }

  #submit(): void {
    if (this.busy) return;
    const code = this.normalizeCode(this.input.value);
    if (code.length < this.codeLength) {
      this.error = new StepUpError('invalid_code', { message: this.t.codeIncomplete });
      return;
    }
    this.error = undefined;
    void this.verifyTask.run([code]);
  }

  #failed(error: StepUpError): void {
    if (this.stopped) return;
    this.reportFailure(error);
    this.error = error;
    if (CLEARS_CODE.has(error.code)) this.input.value = '';
    this.announcement = '';
    if (error.code === 'rate_limited') {
      const wait = error.retryAfter ?? 30;
      this.#lockEnds = error.lockedUntil ?? Date.now() + wait * 1000;
      this.lockoutCountdown.start(wait);
    }
    this.input.focus();
  }

  #unlock(): void {
    if (this.error?.code === 'rate_limited') {
      this.error = undefined;
      this.announcement = this.t.unlocked;
    }
    this.input?.focus();
  }

  #onInput(): void {
    if (!this.busy) this.enterCode(this.input.value);
  }

  #onPaste(event: ClipboardEvent): void {
    event.preventDefault();
    if (!this.busy) this.enterCode(event.clipboardData?.getData('text') ?? '');
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    this.#submit();
  }

  protected renderMessage(): TemplateResult | typeof nothing {
    const { error, t } = this;
    if (!error) return nothing;
    const text = error.message === t.codeIncomplete ? t.codeIncomplete : this.messageFor(error);
    // What the server counted, not a fixed sentence: the attempts left, or when a lock ends.
    const left = error.attemptsRemaining ? ` ${t.attemptsLeft(error.attemptsRemaining)}` : '';
    const ends = error.code === 'rate_limited' ? this.#lockEnds : undefined;
    const until = ends === undefined ? '' : ` ${t.lockedUntil(new Intl.DateTimeFormat(t.$lang, { timeStyle: 'short' }).format(ends))}`;
    return html`${icon('alert')}<span>${text}${left}${until}</span>`;
  }

  override render() {
    const t = this.t;
    const invalid = this.error !== undefined && this.error.code !== 'rate_limited';
    const pending = this.verifyTask.status === TaskStatus.PENDING;
    return html`
      <form part="form" class="stack" @submit=${this.#onSubmit} novalidate>
        <div part="intro" class="intro" id="intro">${this.renderIntro()}</div>
        <label part="label" for="code">${this.codeLabel}</label>
        <input
          part="input"
          id="code"
          name="code"
          type="text"
          autocomplete=${this.codeInputMode === 'numeric' ? 'one-time-code' : 'off'}
          inputmode=${this.codeInputMode}
          enterkeyhint="done"
          autocapitalize=${ifDefined(this.codeInputMode === 'text' ? 'characters' : undefined)}
          spellcheck="false"
          aria-describedby="intro error"
          aria-invalid=${invalid ? 'true' : 'false'}
          ?readonly=${this.busy}
          @input=${this.#onInput}
          @paste=${this.#onPaste}
        />
        <p part="error" class="error" id="error" role="alert">${this.renderMessage()}</p>
        ${this.lockoutCountdown.running
          ? html`<p part="countdown" class="status">${t.retryIn(t.duration(this.lockoutCountdown.remaining))}</p>`
          : nothing}
        <button part="button submit-button" class="primary" type="submit" aria-disabled=${this.busy ? 'true' : 'false'}>
          ${pending ? html`${spinner}${t.verifying}` : t.verify}
        </button>
        <p part="status" class="status" role="status">${this.verifyTask.render({ pending: () => t.verifying, complete: () => t.verified })}</p>
      </form>
      ${this.renderAfter()}
      <p class="visually-hidden" role="status">${this.announcement}</p>
    `;
  }
}
