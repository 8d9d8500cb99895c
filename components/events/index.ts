export { StepUpElevatedEvent, type StepUpElevation } from './elevated-event.js';
export { StepUpCancelEvent } from './cancel-event.js';
export { StepUpErrorEvent } from './error-event.js';
export { StepUpMethodChangeEvent } from './method-change-event.js';
