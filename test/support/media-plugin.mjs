// Test-runner plugin: emulated media features the page cannot set itself (forced colours, as
// Windows High Contrast sets them), through the DevTools protocol, from browser tests with
// `executeServerCommand('media:emulate', { features: [{ name: 'forced-colors', value: 'active' }] })`.
// An empty list restores the real media.
export function mediaPlugin() {
  const sessions = new WeakMap();
  return {
    name: 'emulated-media',
    async executeCommand({ command, payload, session }) {
      if (command !== 'media:emulate') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('the media plugin needs the Chrome launcher');
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        sessions.set(page, cdp);
      }
      await cdp.send('Emulation.setEmulatedMedia', { features: payload?.features ?? [] });
      return true;
    },
  };
}
