/** Errors a test asked the emulator to return instead of handling a method. */
import type { InjectedError } from "./api-error.ts";
import type { JsonObject } from "./params.ts";

/**
 * What a faulty call gets: a Bot API error, or "drop": the connection is
 * closed without an answer (the bot sees a network error).
 */
export type FaultAnswer = InjectedError | "drop";

/** How a fault treats the call. */
export interface FaultOptions {
  /**
   * Handle the call first (its effect happens: a refund is made, a message
   * sent, updates handed out), then answer with the fault instead of the
   * result: "Telegram did it but answered with an error".
   */
  applyFirst?: boolean;
  /** Only calls whose parameters match (e.g. a message whose text says something) get the fault; others pass. */
  onlyIf?: (params: JsonObject) => boolean;
}

/** A fault taken for one call. */
export interface TakenFault {
  answer: FaultAnswer;
  applyFirst: boolean;
}

interface Fault extends TakenFault {
  remaining: number;
  onlyIf: ((params: JsonObject) => boolean) | undefined;
}

/** Queued faults by method; each fault answers the next `times` calls. */
export class FaultInjector {
  readonly #faults = new Map<string, Fault[]>();

  /** Makes the next `times` calls to `method` fail with `answer`. */
  failNext(method: string, answer: FaultAnswer, times = 1, options: FaultOptions = {}): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`failNext: times must be a positive integer, got ${times}`);
    const key = method.toLowerCase();
    const faults = this.#faults.get(key) ?? [];
    faults.push({ answer: structuredClone(answer), applyFirst: options.applyFirst === true, remaining: times, onlyIf: options.onlyIf });
    this.#faults.set(key, faults);
  }

  /** The fault for this call of `method` with `params`, if one is queued for it (and uses it up). */
  take(method: string, params: JsonObject = {}): TakenFault | undefined {
    const faults = this.#faults.get(method.toLowerCase());
    const fault = faults?.[0];
    if (!faults || !fault || (fault.onlyIf && !fault.onlyIf(params))) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) faults.shift();
    return { answer: structuredClone(fault.answer), applyFirst: fault.applyFirst };
  }

  /** Drops every queued fault. */
  clear(): void {
    this.#faults.clear();
  }
}
