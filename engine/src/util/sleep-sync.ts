// A pause that blocks the thread, for the few synchronous paths that must wait a moment for
// another process (a lock file, SQLite's first open): a busy loop would only burn CPU.
export function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
