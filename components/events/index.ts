export { StepUpElevatedEvent } from './elevated-event.js';
// the detail's type is the core's; offered here too for apps that import only the elements
export type { StepUpElevation } from '../../src/index.js';
export { StepUpCancelEvent } from './cancel-event.js';
export { StepUpErrorEvent } from './error-event.js';
export { StepUpMethodChangeEvent } from './method-change-event.js';
