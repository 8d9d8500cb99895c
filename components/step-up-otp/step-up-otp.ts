import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import {
  displayAlias,
  hasPendingOTP,
  methodOf,
  sendEmailOTP,
  sendSmsOTP,
  StepUpError,
  verifyOTP,
  type OtpChannel,
  type StepUpCredential,
  type StepUpMethod,
} from '../../src/index.js';
import { Task, TaskStatus } from '@lit/task';
import { StepUpCodeElement } from '../internal/code-element.js';
import { CountdownController } from '../internal/countdown.js';
import { asStepUpError } from '../internal/method-element.js';
import styles from './step-up-otp.styles.js';

/** The part of the Web OTP API this element uses (not in TypeScript's DOM library yet). */
interface OtpCredentialRequest extends CredentialRequestOptions {
  otp: { transport: ['sms'] };
}

/**
 * A one-time code sent by email or SMS. It sends the code when it first renders — unless this
 * client sent one to the same place that can still be typed (sending again would void it) —
 * says where it went, offers a new code (respecting the server's cooldown), and on SMS fills
 * the code in by itself where the browser supports the Web OTP API.
 *
 * @tag step-up-otp
 * @summary Step-up with a code sent by email or text message.
 * @event elevated - The code was accepted (standalone use).
 * @event stepuperror - Sending or verifying failed (standalone use).
 * @csspart form - The form.
 * @csspart intro - Where the code went.
 * @csspart label - The label.
 * @csspart input - The code field.
 * @csspart error - The error message.
 * @csspart icon - The error message's icon (decorative).
 * @csspart countdown - Rate-limit countdown.
 * @csspart button - Any button.
 * @csspart submit-button - The Verify button.
 * @csspart status - The status message.
 * @csspart resend - The "send a new code" row.
 * @csspart resend-button - Its button.
 * @cssproperty --step-up-color-accent - Buttons and links.
 */
export class StepUpOtp extends StepUpCodeElement {
  static override styles = styles;

  protected readonly resendCountdown = new CountdownController(this);

  /** The credential found by the element's own check, when used without one. */
  #found?: StepUpCredential;
  #webOtp?: AbortController;
  /** Codes sent by this element: after the first, a send is a resend and says so. */
  #sends = 0;

  protected readonly sendTask = new Task<readonly [], string>(this, {
    task: (_args, { signal }) => this.#send(this.signalFor(signal)),
    autoRun: false,
    onError: (error) => this.#sendFailed(asStepUpError(error)),
  });

  /** Where the code goes: `email` or `sms`. */
  @property({ reflect: true }) channel: OtpChannel = 'email';

  get method(): StepUpMethod {
    return this.channel === 'sms' ? 'sms' : 'email';
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#webOtp?.abort();
  }

  protected override firstUpdated(): void {
    // after this update, so that starting the send does not schedule an update inside one
    void this.updateComplete.then(() => this.sendTask.run([]));
  }

  protected override get activeCredential(): StepUpCredential | undefined {
    return super.activeCredential ?? this.#found;
  }

  protected get codeLabel(): string {
    return this.channel === 'sms' ? this.t.otpLabelSms : this.t.otpLabelEmail;
  }

  protected verifyCode(code: string, signal: AbortSignal) {
    this.#webOtp?.abort();
    return this.backendCall('verifyOTP', verifyOTP)({ type: this.channel, token: code, requestedScopes: [this.activeScope], signal });
  }

  async #credential(): Promise<StepUpCredential> {
    const given = this.activeCredential;
    if (given) return given;
    const { result } = await this.activeBackend.checkStepUpAuthWithReason({ scope: this.activeScope });
    this.#found = result.credentials.find((c) => methodOf(c) === this.method);
    if (!this.#found) throw new StepUpError('credential_not_found');
    return this.#found;
  }

  async #send(signal: AbortSignal): Promise<string> {
    const credential = await this.#credential();
    if (this.#sends === 0 && this.backendCall('hasPendingOTP', hasPendingOTP)({ type: this.channel, to: credential.alias })) {
      // Reopened before the code was used: that code still works, and a new send would void it.
      this.#sends = 1;
      this.announcement = this.t.otpSentTo(this.#shown(credential));
      return this.#shown(credential);
    }
    if (this.channel === 'sms') {
      if (!credential.alias) throw new StepUpError('credential_not_found');
      await this.backendCall('sendSmsOTP', sendSmsOTP)({ phoneNumber: credential.alias, signal }); // the alias is E.164
      this.#listenForSms();
    } else {
      await this.backendCall('sendEmailOTP', sendEmailOTP)({ ...(credential.alias ? { email: credential.alias } : {}), signal });
    }
    this.#sends += 1;
    // News, said once: the first send here (a resend has its own visible status line).
    this.announcement = this.#sends === 1 ? this.t.otpSentTo(this.#shown(credential)) : '';
    return this.#shown(credential);
  }

  #sendFailed(error: StepUpError): void {
    if (this.stopped) return;
    if (error.code === 'rate_limited') {
      // a code went out moments ago, elsewhere: nothing was sent now, and a new one must wait
      this.resendCountdown.start(error.retryAfter ?? 30);
      this.announcement = this.t.otpNotSentYet(this.#shown(this.activeCredential));
      return;
    }
    this.reportFailure(error);
  }

  /** Web OTP: Chrome on Android reads the code from the SMS once the user allows it. */
  #listenForSms(): void {
    if (!('OTPCredential' in window)) return;
    this.#webOtp?.abort();
    this.#webOtp = new AbortController();
    const request: OtpCredentialRequest = { otp: { transport: ['sms'] }, signal: this.#webOtp.signal };
    navigator.credentials
      .get(request)
      .then((credential) => {
        const code = (credential as { code?: unknown } | null)?.code;
        if (typeof code === 'string' && !this.stopped) this.enterCode(code);
      })
      .catch(() => undefined); // declined, aborted or unsupported: the user types the code
  }

  #resend(): void {
    if (this.sendTask.status === TaskStatus.PENDING || this.resendCountdown.running) return;
    this.error = undefined;
    void this.sendTask.run([]).then(() => {
      if (this.sendTask.status === TaskStatus.COMPLETE) this.input.focus();
    });
  }

  /** Where the code goes, for reading: the address, or the number formatted ('+1 202-555-0123'). */
  #shown(credential: StepUpCredential | undefined): string {
    return displayAlias(credential) ?? '';
  }

  protected renderIntro() {
    const t = this.t;
    const alias = this.#shown(this.activeCredential);
    return this.sendTask.render({
      initial: () => t.otpSending(alias),
      pending: () => t.otpSending(alias),
      complete: (sentTo) => t.otpSentTo(sentTo || alias),
      error: (error) => {
        const e = asStepUpError(error);
        // Refused (a code went out moments ago, from elsewhere): say so, never "we sent".
        return e.code === 'rate_limited' ? t.otpNotSentYet(alias) : html`<span class="error" role="alert">${this.messageFor(e)}</span>`;
      },
    });
  }

  protected override renderAfter() {
    const t = this.t;
    const sending = this.sendTask.status === TaskStatus.PENDING;
    const cooling = this.resendCountdown.running;
    return html`<div part="resend" class="resend">
      <button part="button resend-button" class="link" type="button" aria-disabled=${sending || cooling ? 'true' : 'false'} @click=${this.#resend}>
        ${t.otpResend}
      </button>
      ${cooling ? html`<span class="status">${t.otpResendIn(t.duration(this.resendCountdown.remaining))}</span>` : nothing}
      <span class="status" role="status">${this.sendTask.status === TaskStatus.COMPLETE && this.#sends > 1 ? t.otpResent : nothing}</span>
    </div>`;
  }
}
