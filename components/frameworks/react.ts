// JSX typing of the kit's elements for React 19, which sets a custom element's properties from
// its props and listens for its events through `on` + the event name as written
// (`onelevated`, not `onElevated`). Load it once in the app:
//   import type {} from 'step-up-kit/react';  (in any module)
//   /// <reference types="step-up-kit/react" />  (in a .d.ts file, e.g. vite-env.d.ts)
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { StepUpElementTypes, StepUpEventProps } from './elements.js';

/** The props of each element in JSX: HTML attributes, its properties, `on<event>` handlers. */
export type StepUpReactElements = {
  [Tag in keyof StepUpElementTypes]: DetailedHTMLProps<HTMLAttributes<StepUpElementTypes[Tag]['element']>, StepUpElementTypes[Tag]['element']> &
    Partial<StepUpElementTypes[Tag]['properties']> &
    StepUpEventProps<StepUpElementTypes[Tag]['events']>;
};

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface IntrinsicElements extends StepUpReactElements {}
  }
}
