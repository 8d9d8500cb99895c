// Test-runner plugin: a second tab in the browser context of the test page, driven from
// browser tests through `executeServerCommand('tabs:…')`. A real tab of the same site shares
// what tabs share (Web Locks, storage) and nothing else; used to test one prompt at a time
// across tabs.
export function tabsPlugin() {
  /** Second tabs by the test page that opened them. */
  const tabs = new WeakMap();

  async function openerOf(session) {
    if (session.browser.type !== 'puppeteer') throw new Error('the tabs plugin needs the Chrome launcher');
    return session.browser.getPage(session.id);
  }

  return {
    name: 'second-tab',
    async executeCommand({ command, payload, session }) {
      if (!command.startsWith('tabs:')) return undefined;
      const opener = await openerOf(session);
      switch (command) {
        case 'tabs:open': {
          await tabs.get(opener)?.close();
          // a window of its own: background tabs get no requestAnimationFrame in headless Chrome
          const tab = await opener.browserContext().newPage({ type: 'window' });
          tabs.set(opener, tab);
          await tab.goto(new URL(payload.path, opener.url()).href);
          return true;
        }
        case 'tabs:evaluate': {
          const tab = tabs.get(opener);
          if (!tab) throw new Error('no second tab is open: tabs:open first');
          // The expression's value, as JSON: what the second tab's page says about itself
          // (wrapped: the runner takes an empty answer for "not my command").
          return { value: await tab.evaluate(payload.expression) };
        }
        case 'tabs:press': {
          // A real key press in the second tab, as its user would.
          await tabs.get(opener).keyboard.press(payload.key);
          return true;
        }
        case 'tabs:close':
          await tabs.get(opener)?.close();
          tabs.delete(opener);
          return true;
        default:
          throw new Error(`unknown command ${command}`);
      }
    },
  };
}
