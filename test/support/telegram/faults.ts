/** Errors a test asked the emulator to return instead of handling a method. */
import type { InjectedError } from "./api-error.ts";

interface Fault {
  error: InjectedError;
  remaining: number;
}

/** Queued faults by method; each fault answers the next `times` calls. */
export class FaultInjector {
  readonly #faults = new Map<string, Fault[]>();

  /** Makes the next `times` calls to `method` fail with `error`. */
  failNext(method: string, error: InjectedError, times = 1): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`failNext: times must be a positive integer, got ${times}`);
    const key = method.toLowerCase();
    const faults = this.#faults.get(key) ?? [];
    faults.push({ error: structuredClone(error), remaining: times });
    this.#faults.set(key, faults);
  }

  /** The error for this call of `method`, if one is queued (and uses it up). */
  take(method: string): InjectedError | undefined {
    const faults = this.#faults.get(method.toLowerCase());
    const fault = faults?.[0];
    if (!faults || !fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) faults.shift();
    return structuredClone(fault.error);
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#faults.clear();
  }
}
