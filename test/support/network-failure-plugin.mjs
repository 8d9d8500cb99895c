// Test-runner plugin: the browser's own network failure for chosen URLs, through the DevTools
// protocol (Fetch.failRequest), from browser tests with
// `executeServerCommand('network:fail', { urlPatterns: ['*/step-up-dialog/dialog-view.*'] })`:
// a matching request fails as it would offline (`net::ERR_INTERNET_DISCONNECTED`), before it
// reaches the server. An empty list lets every request through again.
export function networkFailurePlugin() {
  const sessions = new WeakMap();
  return {
    name: 'network-failure',
    async executeCommand({ command, payload, session }) {
      if (command !== 'network:fail') return undefined;
      if (session.browser.type !== 'puppeteer') throw new Error('the network-failure plugin needs the Chrome launcher');
      const page = session.browser.getPage(session.id);
      let cdp = sessions.get(page);
      if (!cdp) {
        cdp = await page.createCDPSession();
        cdp.on('Fetch.requestPaused', ({ requestId }) =>
          cdp.send('Fetch.failRequest', { requestId, errorReason: 'InternetDisconnected' }).catch(() => undefined),
        );
        sessions.set(page, cdp);
      }
      const urlPatterns = payload?.urlPatterns ?? [];
      if (urlPatterns.length === 0) await cdp.send('Fetch.disable');
      else await cdp.send('Fetch.enable', { patterns: urlPatterns.map((urlPattern) => ({ urlPattern, requestStage: 'Request' })) });
      return true;
    },
  };
}
