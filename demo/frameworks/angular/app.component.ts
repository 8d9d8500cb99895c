import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import { initializeStepUp, stepUpFetch } from 'step-up-kit';
import type { StepUpCancelEvent, StepUpElevatedEvent } from 'step-up-kit/components';
import { API_BASE, demoSignIn } from '../shared/sign-in.js';

@Component({
  selector: 'app-root',
  // <step-up-dialog> is a custom element: Angular binds its properties and events as they are.
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <h1>Angular</h1>
    <p data-testid="session">{{ user() ? 'Signed in as ' + user() + '.' : 'Not signed in.' }}</p>
    <button type="button" data-testid="sign-in" (click)="signIn()">Sign in as bob</button>
    <button type="button" data-testid="link" [disabled]="!user()" (click)="linkEmail()">Link a new email</button>
    <p data-testid="outcome">{{ outcome() }}</p>
    <p data-testid="status">{{ status() }}</p>

    <step-up-dialog (elevated)="onElevated($event)" (stepupcancel)="onCancel($event)"></step-up-dialog>
  `,
})
export class AppComponent {
  readonly user = signal<string | undefined>(undefined);
  readonly outcome = signal('');
  readonly status = signal('');

  async signIn(): Promise<void> {
    const { jwt, environmentId } = await demoSignIn('bob');
    initializeStepUp({ apiBaseUrl: API_BASE, environmentId, getAuthToken: () => jwt });
    this.user.set('bob');
  }

  async linkEmail(): Promise<void> {
    // No check first: the server's refusal opens the dialog, then the call is sent once more.
    const response = await stepUpFetch(`${API_BASE}/protected/credentials/link`, { method: 'POST' });
    this.status.set(`POST credentials/link → ${response.status}`);
  }

  onElevated(event: StepUpElevatedEvent): void {
    const { method, alreadyElevated, scope } = event.detail;
    this.outcome.set(alreadyElevated ? `already elevated (${scope})` : `elevated via ${method} (${scope})`);
  }

  onCancel(event: StepUpCancelEvent): void {
    this.outcome.set(`cancelled (${event.detail.scope})`);
  }
}
