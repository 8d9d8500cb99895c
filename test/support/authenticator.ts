// Chrome's virtual authenticator, through the test runner's webauthn plugin.
import { executeServerCommand } from '@web/test-runner-commands';

export const addAuthenticator = (options: Record<string, unknown> = {}) =>
  executeServerCommand<{ authenticatorId: string }, { options: Record<string, unknown> }>('webauthn:add-authenticator', { options });

export const removeAuthenticators = () => executeServerCommand('webauthn:remove-authenticators');

/** false makes the next prompts fail as if the user dismissed them (NotAllowedError). */
export const setUserVerified = (value: boolean) => executeServerCommand('webauthn:set-user-verified', { value });
