// The DevTools-protocol session of a test page, one per page and plugin, for the test-runner
// plugins that drive Chrome itself (emulated media, network failures).
const sessionsByPage = new WeakMap();

/**
 * The plugin's CDP session with the page running `session` (a test-runner session), made the
 * first time; `setUp` runs then (to subscribe to the session's events).
 */
export async function pageCdp(session, pluginName, setUp = () => undefined) {
  if (session.browser.type !== 'puppeteer') throw new Error(`the ${pluginName} plugin needs the Chrome launcher`);
  const page = session.browser.getPage(session.id);
  let sessions = sessionsByPage.get(page);
  if (!sessions) sessionsByPage.set(page, (sessions = new Map()));
  let cdp = sessions.get(pluginName);
  if (!cdp) {
    cdp = await page.createCDPSession();
    setUp(cdp);
    sessions.set(pluginName, cdp);
  }
  return cdp;
}
