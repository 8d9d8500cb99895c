// JSX typing for <step-up-dialog>. React 19 sets the element's properties (`scope`) and
// listens for its events through `on<eventname>` props, spelled as the event is: `onelevated`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { StepUpCancelEvent, StepUpDialog, StepUpElevatedEvent } from 'step-up-kit/components';

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'step-up-dialog': DetailedHTMLProps<HTMLAttributes<StepUpDialog>, StepUpDialog> & {
        scope?: string;
        'social-redirect-url'?: string;
        onelevated?: (event: StepUpElevatedEvent) => void;
        onstepupcancel?: (event: StepUpCancelEvent) => void;
      };
    }
  }
}
