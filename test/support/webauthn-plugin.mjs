// Test-runner plugin: Chrome's virtual WebAuthn authenticator (DevTools protocol), driven
// from browser tests through `executeServerCommand('webauthn:…')`. The relying party is
// the real reference backend; this only plays the user's authenticator.
const DEFAULT_AUTHENTICATOR = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
};

export function webauthnPlugin() {
  // The runner reuses pages across test files: authenticators are tracked per page and
  // removed by 'webauthn:remove-authenticators' (each suite's after hook).
  const pages = new WeakMap();
  const cdpSessions = new Set();

  async function pageState(session) {
    if (session.browser.type !== 'puppeteer') throw new Error('the webauthn plugin needs the Chrome launcher');
    const page = session.browser.getPage(session.id);
    let state = pages.get(page);
    if (!state) {
      const cdp = await page.createCDPSession();
      await cdp.send('WebAuthn.enable', { enableUI: false });
      state = { cdp, ids: new Set() }; // authenticators live as long as their CDP session
      pages.set(page, state);
      cdpSessions.add(cdp);
    }
    return state;
  }

  async function removeAll(state) {
    for (const id of state.ids) await state.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: id });
    state.ids.clear();
  }

  return {
    name: 'webauthn-virtual-authenticator',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('webauthn:')) return undefined;
      const state = await pageState(session);
      const authenticatorId = payload?.authenticatorId ?? [...state.ids].at(-1);
      switch (command) {
        case 'webauthn:add-authenticator': {
          await removeAll(state);
          const { authenticatorId: id } = await state.cdp.send('WebAuthn.addVirtualAuthenticator', {
            options: { ...DEFAULT_AUTHENTICATOR, ...(payload?.options ?? {}) },
          });
          state.ids.add(id);
          return { authenticatorId: id };
        }
        case 'webauthn:remove-authenticators':
          await removeAll(state);
          return true;
        case 'webauthn:get-credentials': {
          const { credentials } = await state.cdp.send('WebAuthn.getCredentials', { authenticatorId });
          return credentials.map(({ privateKey: _privateKey, ...rest }) => rest); // never ship private keys
        }
        case 'webauthn:set-automatic-presence':
          // false: prompts wait for a touch that never comes (a user who has not acted yet)
          await state.cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled: Boolean(payload?.value) });
          return true;
        case 'webauthn:set-user-verified':
          await state.cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified: Boolean(payload?.value) });
          return true;
        default:
          throw new Error(`unknown command ${command}`);
      }
    },
    async serverStop() {
      await Promise.all([...cdpSessions].map((cdp) => cdp.detach().catch(() => {})));
      cdpSessions.clear();
    },
  };
}
