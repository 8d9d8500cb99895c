// What a framework's template typing needs to know about each element: its class, the
// properties a template may set, and the events it fires. react.ts, vue.ts and svelte.ts turn
// this one table into each framework's own shape. `lang` and `dir` are not listed: every
// framework types them as HTML attributes already. A new element, property or event goes here:
// the packed-package test typechecks every one the manifest lists against these typings.
import type {
  StepUpCancelEvent,
  StepUpDialog,
  StepUpElevatedEvent,
  StepUpErrorEvent,
  StepUpMethodChangeEvent,
  StepUpOtp,
  StepUpPasskey,
  StepUpRecoveryCode,
  StepUpSocial,
  StepUpTotp,
  StepUpWallet,
} from '../index.js';

/** One element: its class, the properties a template may set, the events it fires. */
export interface StepUpElementType<Element extends HTMLElement, Properties extends keyof Element, Events extends object> {
  element: Element;
  properties: Pick<Element, Properties>;
  events: Events;
}

/** The dialog's events. */
export interface StepUpDialogEvents {
  elevated: StepUpElevatedEvent;
  stepupcancel: StepUpCancelEvent;
  stepuperror: StepUpErrorEvent;
  stepupmethodchange: StepUpMethodChangeEvent;
}

/** A method element's events (fired when it stands alone; inside the dialog, the dialog fires them). */
export interface StepUpMethodEvents {
  elevated: StepUpElevatedEvent;
  stepuperror: StepUpErrorEvent;
}

type MethodProperties = 'scope' | 'client' | 'backend' | 'credential' | 'strings';

/** Every element of the kit, by tag name. */
export interface StepUpElementTypes {
  'step-up-dialog': StepUpElementType<StepUpDialog, 'scope' | 'action' | 'socialRedirectUrl' | 'client' | 'backend' | 'details' | 'strings', StepUpDialogEvents>;
  'step-up-passkey': StepUpElementType<StepUpPasskey, MethodProperties, StepUpMethodEvents>;
  'step-up-totp': StepUpElementType<StepUpTotp, MethodProperties, StepUpMethodEvents>;
  'step-up-otp': StepUpElementType<StepUpOtp, MethodProperties | 'channel', StepUpMethodEvents>;
  'step-up-recovery-code': StepUpElementType<StepUpRecoveryCode, MethodProperties, StepUpMethodEvents>;
  'step-up-social': StepUpElementType<StepUpSocial, MethodProperties | 'provider' | 'redirectUrl', StepUpMethodEvents>;
  'step-up-wallet': StepUpElementType<StepUpWallet, MethodProperties, StepUpMethodEvents>;
}

/** `on<event>` props with the event's own name, as React 19 and Svelte 5 bind custom element events: `onelevated`. */
export type StepUpEventProps<Events> = {
  [Name in keyof Events & string as `on${Name}`]?: (event: Events[Name]) => void;
};
