/**
 * The few IndexedDB calls the outbox makes (read all, put, delete), on the `outbox` store of the
 * `consentlog` database. idb-keyval did the same for ~150 bytes gzip more: its default store and
 * cursor fallback ship even when unused. Same database and keys, so queued events carry over.
 */

/** A request's result, or a transaction's completion, as a promise. */
const settle = <T>(r: IDBRequest<T> | IDBTransaction): Promise<T> =>
  new Promise((ok, fail) => {
    (r as IDBTransaction).oncomplete = (r as IDBRequest).onsuccess = () => ok((r as IDBRequest<T>).result);
    (r as IDBTransaction).onabort = r.onerror = () => fail(r.error);
  });

let db: Promise<IDBDatabase> | undefined;

/** Opens the database once; a closed or failed connection is opened again on the next call. */
function objects(mode: IDBTransactionMode): Promise<IDBObjectStore> {
  if (!db) {
    const open = indexedDB.open('consentlog');
    open.onupgradeneeded = () => open.result.createObjectStore('outbox');
    db = settle(open);
    db.then(
      (d) => {
        d.onclose = () => (db = undefined);
      },
      () => (db = undefined),
    );
  }
  return db.then((d) => d.transaction('outbox', mode).objectStore('outbox'));
}

export const getAll = <T>(): Promise<T[]> => objects('readonly').then((s) => settle(s.getAll()));

/** Writes (`value` set) or deletes (`value` undefined) each key, in one transaction. */
export const write = (entries: [key: string, value?: unknown][]): Promise<unknown> =>
  objects('readwrite').then((s) => {
    for (const [k, v] of entries) v === undefined ? s.delete(k) : s.put(v, k);
    return settle(s.transaction);
  });
