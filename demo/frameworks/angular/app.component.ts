import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import { elevatedFetch, initializeStepUp, TokenScope } from 'step-up-kit';
import type { StepUpCancelEvent, StepUpDialog, StepUpElevatedEvent } from 'step-up-kit/components';
import { API_BASE, demoSignIn } from '../shared/sign-in.js';

@Component({
  selector: 'app-root',
  // <step-up-dialog> is a custom element: Angular binds its properties and events as they are.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>Angular</h1>
    <p data-testid="session">{{ user() ? 'Signed in as ' + user() + '.' : 'Not signed in.' }}</p>
    <button type="button" data-testid="sign-in" (click)="signIn()">Sign in as bob</button>
    <button type="button" data-testid="link" [disabled]="!user()" (click)="linkEmail(dialog)">Link a new email</button>
    <p data-testid="outcome">{{ outcome() }}</p>
    <p data-testid="status">{{ status() }}</p>

    <step-up-dialog #dialog [scope]="scope" (elevated)="onElevated($event)" (stepupcancel)="onCancel($event)"></step-up-dialog>
  `,
})
export class AppComponent {
  readonly scope = TokenScope.Credentiallink;
  readonly user = signal<string | undefined>(undefined);
  readonly outcome = signal('');
  readonly status = signal('');

  async signIn(): Promise<void> {
    const { jwt, environmentId } = await demoSignIn('bob');
    initializeStepUp({ apiBaseUrl: API_BASE, environmentId, getAuthToken: () => jwt });
    this.user.set('bob');
  }

  linkEmail(dialog: StepUpDialog): void {
    // The outcome arrives as `elevated` or `stepupcancel`.
    dialog.requestStepUp(this.scope).catch(() => {});
  }

  async onElevated(event: StepUpElevatedEvent): Promise<void> {
    const { method, alreadyElevated } = event.detail;
    this.outcome.set(alreadyElevated ? 'already elevated' : `elevated via ${method}`);
    const response = await elevatedFetch(`${API_BASE}/protected/credentials/link`, { method: 'POST', scope: this.scope });
    this.status.set(`${this.scope} → ${response.status}`);
  }

  onCancel(_event: StepUpCancelEvent): void {
    this.outcome.set('cancelled');
    this.status.set('');
  }
}
