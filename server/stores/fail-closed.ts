// The step-up server's view of its shared store: when the store cannot answer (Redis down), the
// request is refused with 503 step_up_unavailable — never a 500, never a guess. Without the store
// nothing can be counted, spent or remembered, so nothing is sent, verified or accepted.
import { ApiError } from '../errors.js';
import type { StepUpStore } from './step-up-store.js';

const unavailable = () => new ApiError(503, 'step_up_unavailable', 'Confirmations cannot be checked right now. Try again in a moment.');

export function failClosed(store: StepUpStore): StepUpStore {
  const guard =
    <A extends unknown[], R>(operation: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await operation(...args);
      } catch (error) {
        console.error(`step-up-kit reference server: the shared store did not answer (${error instanceof Error ? error.message : String(error)}); refusing.`);
        throw unavailable();
      }
    };
  return {
    setOnce: guard(store.setOnce.bind(store)),
    put: guard(store.put.bind(store)),
    get: guard(store.get.bind(store)),
    take: guard(store.take.bind(store)),
    increment: guard(store.increment.bind(store)),
    delete: guard(store.delete.bind(store)),
    pushToList: guard(store.pushToList.bind(store)),
    list: guard(store.list.bind(store)),
    close: () => store.close(),
  };
}
