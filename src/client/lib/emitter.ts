import { safeRun } from './safeRun.js';

type Listener<T> = (payload: T) => void;

export interface Emitter<T> {
  /** Subscribes; returns the function that unsubscribes. */
  on(fn: Listener<T>): () => void;
  emit(payload: T): void;
}

/**
 * A mitt-sized emitter of one kind of event. Modules that react to consent (tracking, Consent
 * Mode, tag unblocking, proof records) subscribe here, so `consent/` never has to import them.
 */
export function createEmitter<T>(): Emitter<T> {
  const list: Listener<T>[] = [];
  return {
    on(fn) {
      list.push(fn);
      return () => {
        list.splice(list.indexOf(fn) >>> 0, 1);
      };
    },
    emit(payload) {
      // Copy, so a listener that unsubscribes while running does not skip its neighbour;
      // one listener failing must not keep the others from hearing about the change.
      for (const fn of list.slice()) safeRun(() => fn(payload));
    },
  };
}
