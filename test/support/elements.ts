// Test helpers for the elements: drive them as a user would, against the reference backend.
import { expect } from '@open-wc/testing';
import { waitUntil } from './wait.js';
import { sendKeys } from '@web/test-runner-commands';
import type { LitElement } from 'lit';
import { elevatedFetch, TokenScope, type StepUpClient } from '../../src/index.js';
import { API_BASE } from './backend.js';
import type { StepUpDialog } from '../../components/step-up-dialog/step-up-dialog.js';

/** The element matching `selector` inside `host`'s shadow root (one level). */
export function inShadow<T extends Element = HTMLElement>(host: Element, selector: string): T {
  const found = host.shadowRoot?.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <${host.localName}>`);
  return found;
}

/** The dialog's current method element if it is `tag` and its code has loaded (methods load on first use), else null. */
export function shownMethod(dialog: StepUpDialog, tag: string): LitElement | null {
  return dialog.shadowRoot?.querySelector<LitElement>(`.current > ${tag}`) ?? null;
}

/** The method element the dialog currently shows. */
export function currentMethod(dialog: StepUpDialog): LitElement {
  return inShadow<LitElement>(dialog, '.current > *');
}

/** The focused element, looking into shadow roots. */
export function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Visible text of an element's shadow root (or the element), whitespace collapsed. */
export function textOf(element: Element): string {
  const root = element.shadowRoot ?? element;
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    node.childNodes.forEach(walk);
  };
  walk(root);
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export async function waitForOpen(dialog: StepUpDialog): Promise<void> {
  await waitUntil(() => dialog.open && dialog.shadowRoot?.querySelector('.current, .none'), 'the dialog did not open', {
    timeout: 5000,
  });
}

/** Types into whatever has focus, like a keyboard. */
export const type = (text: string) => sendKeys({ type: text });
export const press = (key: string) => sendKeys({ press: key });

/** A paste of `text` into `input` (what the browser dispatches for Ctrl+V). */
export function paste(input: HTMLInputElement, text: string): void {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, composed: true, cancelable: true }));
}

/** The code field of a code method element. */
export const codeInput = (method: Element) => inShadow<HTMLInputElement>(method, 'input');

/** proceed: the protected sample endpoint accepts the elevated token. */
export async function expectProtectedExportAccepted(client: StepUpClient): Promise<void> {
  const response = await elevatedFetch(`${API_BASE}/protected/wallet/export`, { method: 'POST', scope: TokenScope.Walletexport }, client);
  expect(response.status).to.equal(200);
}

/** Events of `type` fired on `target`, collected. */
export function collect<E extends Event>(target: EventTarget, type: string): E[] {
  const events: E[] = [];
  target.addEventListener(type, (e) => events.push(e as E));
  return events;
}

/**
 * Real fetch, with every step-up API request logged as 'METHOD path' (the path under
 * `sdk/{environmentId}/`): for counting requests, never for faking them.
 */
export function requestLog(): { fetch: typeof fetch; requests: string[]; since(mark: number): string[] } {
  const requests: string[] = [];
  return {
    requests,
    since: (mark) => requests.slice(mark),
    fetch: (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input), location.href);
      requests.push(`${init?.method ?? 'GET'} ${url.pathname.replace(/^.*?\/sdk\/[^/]+\//, '')}`);
      return fetch(input, init);
    },
  };
}

/**
 * Records every moment focus falls out of the page's controls (to <body>, or nowhere), as a
 * keyboard or screen-reader user would lose their place. `stop()` ends the recording.
 */
export function focusLosses(): { losses: string[]; stop(): void } {
  const losses: string[] = [];
  const onFocusOut = (event: FocusEvent) => {
    if (event.relatedTarget) return; // focus moved to another element
    const from = event.composedPath()[0] as Element;
    // After the event: where focus actually is once the browser is done moving it.
    queueMicrotask(() => {
      const now = deepActive();
      if (!now || now === document.body) losses.push(`${from.localName}${from.getAttribute?.('part') ? `[${from.getAttribute('part')}]` : ''}`);
    });
  };
  document.addEventListener('focusout', onFocusOut, true);
  return { losses, stop: () => document.removeEventListener('focusout', onFocusOut, true) };
}
