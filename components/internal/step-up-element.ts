// The one base class: reactive lang/dir, the localized string table, and the guarded define.
import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';
import type { StepUpStringOverrides, StepUpStrings } from '../translations/strings.js';
import { withOverrides } from '../translations/strings.js';
import { inheritedAttribute, observeLocale, translationFor } from './localize.js';

const warned = new Set<string>();

export class StepUpElement extends LitElement {
  /**
   * Registers `this` as `tagName` unless that tag is taken. Taken by the same class: nothing
   * happens; by another class (another copy of the kit): a warning, once, and the first stays.
   */
  static define(tagName: string): void {
    const existing = customElements.get(tagName);
    if (!existing) {
      customElements.define(tagName, this);
    } else if (existing !== this && !warned.has(tagName)) {
      warned.add(tagName);
      console.warn(`step-up-kit: <${tagName}> is already defined by another version of the kit; keeping that one.`);
    }
  }

  /** Language of the element's text; inherited from ancestors and the page when not set. */
  @property({ reflect: true }) override lang!: string;

  /** Text direction; inherited from ancestors and the page when not set. */
  @property({ reflect: true }) override dir!: string;

  /** Replaces any entries of the string table, e.g. `{ dialogTitle: 'Confirm the export' }`. */
  @property({ attribute: false }) strings?: StepUpStringOverrides;

  #stopObserving?: () => void;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopObserving = observeLocale(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopObserving?.();
  }

  /** The language in effect: own `lang`, else the nearest ancestor's (across shadow roots), else 'en'. */
  get effectiveLang(): string {
    return inheritedAttribute(this, 'lang') || 'en';
  }

  /** 'rtl' or 'ltr', by the same inheritance as `lang`. */
  get effectiveDir(): 'ltr' | 'rtl' {
    return inheritedAttribute(this, 'dir').toLowerCase() === 'rtl' ? 'rtl' : 'ltr';
  }

  /** Overrides that come from an enclosing element (the dialog's `strings`); none by default. */
  protected inheritedStrings(): StepUpStringOverrides | undefined {
    return undefined;
  }

  /** The string table in effect: the locale's, then inherited overrides, then this element's. */
  protected get t(): StepUpStrings {
    return withOverrides(translationFor(this.effectiveLang), this.inheritedStrings(), this.strings);
  }
}
