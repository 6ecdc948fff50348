import { safeRun } from './safeRun.js';

type Listener<T> = (payload: T) => void;

export interface Emitter<Events extends Record<string, unknown>> {
  /** Subscribes; returns the function that unsubscribes. */
  on<K extends keyof Events>(type: K, fn: Listener<Events[K]>): () => void;
  emit<K extends keyof Events>(type: K, payload: Events[K]): void;
}

/**
 * A mitt-sized emitter. Modules that react to consent (tracking, later Consent Mode, tag
 * unblocking, proof records) subscribe here, so `consent/` never has to import them.
 */
export function createEmitter<Events extends Record<string, unknown>>(): Emitter<Events> {
  const all: { [K in keyof Events]?: Listener<Events[K]>[] } = {};
  return {
    on(type, fn) {
      const list = all[type] || [];
      all[type] = list;
      list.push(fn);
      return () => {
        list.splice(list.indexOf(fn) >>> 0, 1);
      };
    },
    emit(type, payload) {
      // Copy, so a listener that unsubscribes while running does not skip its neighbour;
      // one listener failing must not keep the others from hearing about the change.
      for (const fn of (all[type] || []).slice()) safeRun(() => fn(payload));
    },
  };
}
