/**
 * Injected faults, set through POST /sandbox/faults: failing the next N
 * order or top-up requests with a chosen status, and delaying every /esim/* answer.
 * They live in memory only; a restart clears them.
 */
import { z } from "zod";

/** Body of POST /sandbox/faults; both parts optional, unknown keys refused (typos would silently do nothing). */
export const faultsRequest = z
  .object({
    orders: z
      .object({
        fail_next: z.number().int().min(0).max(1_000),
        status: z.number().int().min(400).max(599).default(500),
      })
      .strict()
      .optional(),
    latency_ms: z.number().int().min(0).max(60_000).optional(),
  })
  .strict();
/** A parsed POST /sandbox/faults body. */
export type FaultsRequest = z.infer<typeof faultsRequest>;

/** The faults in force, as POST and GET /sandbox/faults report them. */
export interface FaultsState {
  orders: { fail_next: number; status: number };
  latency_ms: number;
}

/** The fault settings of one sandbox server. */
export class SandboxFaults {
  #failNext = 0;
  #failStatus = 500;
  #latencyMs = 0;

  /** Applies the parts present in `request`; `latency_ms: 0` or `fail_next: 0` resets that part. */
  configure(request: FaultsRequest): FaultsState {
    if (request.orders) {
      this.#failNext = request.orders.fail_next;
      this.#failStatus = request.orders.status;
    }
    if (request.latency_ms !== undefined) this.#latencyMs = request.latency_ms;
    return this.state();
  }

  /** Counts down one order failure: the status to fail this order with, or null to let it through. */
  takeOrderFailure(): number | null {
    if (this.#failNext === 0) return null;
    this.#failNext -= 1;
    return this.#failStatus;
  }

  /** How long to hold every /esim/* answer. */
  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** The current settings. */
  state(): FaultsState {
    return { orders: { fail_next: this.#failNext, status: this.#failStatus }, latency_ms: this.#latencyMs };
  }
}
