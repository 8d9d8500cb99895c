// Test-runner plugin: the browser's own network failure for chosen URLs, through the DevTools
// protocol (Fetch.failRequest), from browser tests with
// `executeServerCommand('network:fail', { urlPatterns: ['*/step-up-dialog/dialog-view.*'] })`:
// a matching request fails as it would offline (`net::ERR_INTERNET_DISCONNECTED`), before it
// reaches the server. An empty list lets every request through again.
import { pageCdp } from './page-cdp.mjs';

const failEachPausedRequest = (cdp) =>
  cdp.on('Fetch.requestPaused', ({ requestId }) =>
    cdp.send('Fetch.failRequest', { requestId, errorReason: 'InternetDisconnected' }).catch(() => undefined),
  );

export function networkFailurePlugin() {
  return {
    name: 'network-failure',
    async executeCommand({ command, payload, session }) {
      if (command !== 'network:fail') return undefined;
      const cdp = await pageCdp(session, 'network-failure', failEachPausedRequest);
      const urlPatterns = payload?.urlPatterns ?? [];
      if (urlPatterns.length === 0) await cdp.send('Fetch.disable');
      else await cdp.send('Fetch.enable', { patterns: urlPatterns.map((urlPattern) => ({ urlPattern, requestStage: 'Request' })) });
      return true;
    },
  };
}
