/**
 * Lets tests wait for a condition on the emulator's state instead of
 * sleeping: every state change calls `notify()`, and each waiter re-checks
 * its condition, first immediately (so an event that already happened counts).
 */

/** Notifies waiters of state changes; one per emulator. */
export class ChangeSignal {
  readonly #waiters = new Set<{ check(): void; fail(error: Error): void }>();
  #closed: Error | undefined;

  /** Re-checks every waiting condition. */
  notify(): void {
    for (const waiter of [...this.#waiters]) waiter.check();
  }

  /**
   * Resolves with the first defined value `check` returns, re-checking after
   * each change; rejects with `onTimeout()` after `timeoutMs`.
   */
  waitFor<T>(check: () => T | undefined, timeoutMs: number, onTimeout: () => Error): Promise<T> {
    if (this.#closed) return Promise.reject(this.#closed);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        check: () => {
          let value: T | undefined;
          try {
            value = check();
          } catch (error) {
            finish();
            reject(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (value === undefined) return;
          finish();
          resolve(value);
        },
        fail: (error: Error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => waiter.fail(onTimeout()), timeoutMs);
      // A forgotten wait must not keep the test process alive.
      timer.unref();
      const finish = () => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      this.#waiters.add(waiter);
      waiter.check();
    });
  }

  /** Rejects every pending and future wait with `reason`. */
  close(reason: Error): void {
    this.#closed = reason;
    for (const waiter of [...this.#waiters]) waiter.fail(reason);
  }
}
