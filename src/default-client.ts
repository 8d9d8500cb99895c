import { StepUpClient, type StepUpClientConfig } from './client.js';

let defaultClient: StepUpClient | undefined;

/** Creates a client and makes it the one every function uses when none is passed. */
export function initializeStepUp(config: StepUpClientConfig): StepUpClient {
  defaultClient = new StepUpClient(config);
  return defaultClient;
}

export function getDefaultClient(): StepUpClient {
  if (!defaultClient) {
    throw new Error('step-up-kit: call initializeStepUp() first, or pass a client.');
  }
  return defaultClient;
}
