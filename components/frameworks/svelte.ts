// Svelte 5 typing of the kit's elements (svelte-check): their properties and `on<event>`
// handlers with the event's own name (`onelevated`); `bind:this` is typed from
// `HTMLElementTagNameMap`, which the define modules fill. Load it once in the app:
//   import type {} from 'step-up-kit/svelte';  (in any module)
//   /// <reference types="step-up-kit/svelte" />  (in a .d.ts file, e.g. vite-env.d.ts)
import type { HTMLAttributes } from 'svelte/elements';
import type { StepUpElementTypes, StepUpEventProps } from './elements.js';

/** The attributes of each element in a Svelte template. */
export type StepUpSvelteElements = {
  [Tag in keyof StepUpElementTypes]: HTMLAttributes<StepUpElementTypes[Tag]['element']> &
    Partial<StepUpElementTypes[Tag]['properties']> &
    StepUpEventProps<StepUpElementTypes[Tag]['events']>;
};

declare module 'svelte/elements' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface SvelteHTMLElements extends StepUpSvelteElements {}
}
