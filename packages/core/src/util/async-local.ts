import { AsyncLocalStorage } from 'node:async_hooks';

/** Creates a typed async-context slot (a thin name for Node's AsyncLocalStorage). */
export function createAsyncSlot<T>(): AsyncLocalStorage<T> {
  return new AsyncLocalStorage<T>();
}
