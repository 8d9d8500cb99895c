// Locale tables: English registered here explicitly, others loaded on demand the first time
// an element renders in their language. Elements re-render when a table arrives or when the
// page's `lang`/`dir` changes.
import en from '../translations/en.js';
import type { StepUpStrings } from '../translations/strings.js';

type Loader = () => Promise<{ default: StepUpStrings }>;

const tables = new Map<string, StepUpStrings>();
const loaders = new Map<string, Loader>([['de', () => import('../translations/de.js')]]);
const loading = new Map<string, Promise<void>>();
const hosts = new Set<{ requestUpdate(): void }>();
let observer: MutationObserver | undefined;

const refreshAll = () => hosts.forEach((host) => host.requestUpdate());

/** Adds (or replaces) a complete locale table, e.g. `registerTranslation(fr)`. */
export function registerTranslation(strings: StepUpStrings): void {
  tables.set(strings.$lang.toLowerCase(), strings);
  refreshAll();
}

/** Makes a locale loadable on demand: `registerTranslationLoader('fr', () => import('./fr.js'))`. */
export function registerTranslationLoader(lang: string, loader: Loader): void {
  loaders.set(lang.toLowerCase(), loader);
}

registerTranslation(en);

/** The candidate table keys for a language tag, most specific first: 'de-AT' → ['de-at', 'de']. */
const candidates = (lang: string) => {
  const tag = lang.toLowerCase();
  const primary = tag.split('-')[0]!;
  return tag === primary ? [tag] : [tag, primary];
};

/** Loads the table for `lang` if a loader is known; resolves when it is usable (or cannot be). */
export function loadTranslation(lang: string): Promise<void> {
  for (const key of candidates(lang)) {
    if (tables.has(key)) return Promise.resolve();
    const loader = loaders.get(key);
    if (!loader) continue;
    let pending = loading.get(key);
    if (!pending) {
      pending = loader()
        .then((module) => registerTranslation(module.default))
        .catch(() => undefined); // stay in English rather than show nothing
      loading.set(key, pending);
    }
    return pending;
  }
  return Promise.resolve();
}

/** The table for `lang`: exact tag, then primary language, else English (while loading too). */
export function translationFor(lang: string): StepUpStrings {
  for (const key of candidates(lang)) {
    const table = tables.get(key);
    if (table) return table;
  }
  void loadTranslation(lang);
  return en;
}

/** The nearest `attribute` on the element or its ancestors, crossing shadow roots, then the document's. */
export function inheritedAttribute(element: Element, attribute: 'lang' | 'dir'): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) {
      const value = node.getAttribute(attribute);
      if (value) return value;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return '';
}

/** Keeps `host` re-rendering on locale arrivals and document `lang`/`dir` changes while connected. */
export function observeLocale(host: { requestUpdate(): void }): () => void {
  hosts.add(host);
  if (!observer && typeof MutationObserver !== 'undefined') {
    observer = new MutationObserver(refreshAll);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang', 'dir'] });
  }
  return () => {
    hosts.delete(host);
    if (hosts.size === 0) {
      observer?.disconnect();
      observer = undefined;
    }
  };
}
