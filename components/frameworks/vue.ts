// Vue template typing of the kit's elements (vue-tsc, Volar): their properties, their events
// for `@elevated="…"`, and typed template refs. Load it once in the app:
//   import type {} from 'step-up-kit/vue';  (in any module)
//   /// <reference types="step-up-kit/vue" />  (in a .d.ts file, e.g. vite-env.d.ts)
// Vue must still be told the tags are custom elements (`isCustomElement`, see the README).
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { StepUpElementTypes } from './elements.js';

/**
 * An element as Vue's type checker reads a component: `$props` and `$emit` exist for it only
 * (the shape Vue's guide gives for custom elements not built with Vue).
 */
export type StepUpVueElement<Tag extends keyof StepUpElementTypes> = new () => StepUpElementTypes[Tag]['element'] & {
  /** @deprecated For template type checking only: the element has no `$props`. */
  $props: HTMLAttributes & Partial<StepUpElementTypes[Tag]['properties']> & PublicProps;
  /** @deprecated For template type checking only: the element has no `$emit`. */
  $emit: EmitFn<{ [Name in keyof StepUpElementTypes[Tag]['events']]: (event: StepUpElementTypes[Tag]['events'][Name]) => void }>;
};

/** Every element, as Vue's `GlobalComponents` takes it. */
export type StepUpVueElements = { [Tag in keyof StepUpElementTypes]: StepUpVueElement<Tag> };

declare module 'vue' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface GlobalComponents extends StepUpVueElements {}
}
