// The one base class: reactive lang/dir, the localized string table, and the guarded define.
import { LitElement, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { StepUpStringOverrides, StepUpStrings } from '../translations/strings.js';
import { withOverrides } from '../translations/strings.js';
import { directionOfLanguage, inheritedAttribute, observeLocale, translationFor } from './localize.js';

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

  /**
   * Text direction; inherited from ancestors and the page when not set. Set to 'rtl' by the
   * element itself when its language is right to left (`lang="ar"`) and no `dir` says otherwise.
   */
  @property({ reflect: true }) override dir!: string;

  /** Replaces any entries of the string table, e.g. `{ dialogTitle: 'Confirm the export' }`. */
  @property({ attribute: false }) strings?: StepUpStringOverrides;

  #stopObserving?: () => void;

  /** The `dir` this element set on itself from its language ('rtl'), if any; any other is the app's. */
  #dirFromLanguage: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#stopObserving = observeLocale(this);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stopObserving?.();
  }

  /**
   * A right-to-left language lays the element out right to left even where the page says
   * nothing (`<step-up-dialog lang="ar">` on an English page): the element sets `dir="rtl"` on
   * itself, and takes it away when the language changes. A `dir` the app set is left alone.
   * In update(), not willUpdate(): subclasses override willUpdate without calling super.
   */
  protected override update(changed: PropertyValues): void {
    const own = this.getAttribute('dir');
    // not the app's: no attribute or the one set here, and no property set that Lit has yet to reflect
    if ((!own || own === this.#dirFromLanguage) && (this.dir || null) === own) {
      const wanted = directionOfLanguage(this, this.lang) ?? null;
      if (wanted !== own) {
        this.#dirFromLanguage = wanted;
        if (wanted) this.setAttribute('dir', wanted);
        else this.removeAttribute('dir');
      }
    }
    super.update(changed);
  }

  /** The language in effect: own `lang`, else the nearest ancestor's (across shadow roots), else 'en'. */
  get effectiveLang(): string {
    // the property first: render() runs before Lit reflects a `lang` just set to the attribute
    return this.lang || inheritedAttribute(this, 'lang') || 'en';
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
