// Locale tables: English registered here explicitly, others loaded on demand the first time
// an element renders in their language. Elements re-render when a table arrives or when the
// page's `lang`/`dir` changes.
import en from '../translations/en.js';
import type { StepUpStrings } from '../translations/strings.js';

type Loader = () => Promise<{ default: StepUpStrings }>;

const tables = new Map<string, StepUpStrings>();
// Each language is its own chunk, fetched the first time an element renders in it. One key
// serves a whole language: 'pt' is Brazilian Portuguese, also for 'pt-PT' (closer to a
// European reader than English; an app with a European table registers it as 'pt-PT');
// 'zh' is Simplified Chinese ('zh-CN', 'zh-Hans', 'zh-SG'), never Traditional (see candidates).
const loaders = new Map<string, Loader>([
  ['de', () => import('../translations/de.js')],
  ['es', () => import('../translations/es.js')],
  ['fr', () => import('../translations/fr.js')],
  ['pt', () => import('../translations/pt-BR.js')],
  ['ja', () => import('../translations/ja.js')],
  ['zh', () => import('../translations/zh-CN.js')],
  ['ko', () => import('../translations/ko.js')],
  ['ar', () => import('../translations/ar.js')],
  ['hi', () => import('../translations/hi.js')],
]);
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

/** Subtags that mark Chinese in Traditional script, which the Simplified table under 'zh' must not serve. */
const TRADITIONAL = new Set(['hant', 'tw', 'hk', 'mo']);

/**
 * The candidate table keys for a language tag, most specific first, dropping one subtag at a
 * time: 'de-AT' → ['de-at', 'de'], 'zh-Hans-CN' → ['zh-hans-cn', 'zh-hans', 'zh']. Traditional
 * Chinese stops before 'zh': English is the fallback there, unless the app registers its table.
 */
const candidates = (lang: string) => {
  const subtags = lang.toLowerCase().split('-');
  const keys = subtags.map((_, i) => subtags.slice(0, subtags.length - i).join('-'));
  return subtags[0] === 'zh' && subtags.some((s) => TRADITIONAL.has(s)) ? keys.slice(0, -1) : keys;
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
        .then((module) => {
          // also under the key it was loaded for: the 'pt' loader's table says 'pt-BR'
          tables.set(key, module.default);
          registerTranslation(module.default);
        })
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

/**
 * Languages written right to left, by language or script subtag: 'ar', 'ar-EG', 'he', 'pa-Arab'.
 * Arabic ships here; the others serve tables an app registers.
 */
const RTL = /^(ar|fa|he|iw|ur|ps|sd|ckb|ug|yi|dv)(-|$)|-(arab|hebr)(-|$)/i;

/**
 * 'rtl' when the nearest `lang` on or above `element` is a right-to-left language and no `dir`
 * is set between the element and that `lang` (inclusive): `lang="ar"` alone lays out right to
 * left, while a `dir` nearer than the `lang`, or beside it, keeps its say. The element's own
 * `dir` is not looked at: whether that one is the app's is for the element to know. `ownLang`:
 * the element's language when its attribute may lag (a property set, not reflected yet).
 */
export function directionOfLanguage(element: Element, ownLang = element.getAttribute('lang')): 'rtl' | undefined {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element) {
      if (node !== element && node.getAttribute('dir')) return undefined;
      const lang = node === element ? ownLang : node.getAttribute('lang');
      if (lang) return RTL.test(lang) ? 'rtl' : undefined;
    }
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return undefined;
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
