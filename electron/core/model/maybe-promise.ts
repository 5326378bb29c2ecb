/** What a port returns: a plain value where the state is in memory (one instance), a promise where
 * it is in Redis (a fleet). Callers await only when they get a promise, so the local path stays
 * synchronous. */
export type MaybePromise<T> = T | Promise<T>;
