/**
 * Injected faults, set through POST /sandbox/faults: failing the next N
 * order or top-up requests (before anything is stored, or — `apply_first` —
 * after the order or top-up was made, so only the answer is lost), failing
 * the next N lookups by external_order_id, answering with a status or
 * dropping the connection, and delaying every /esim/* answer. They live in
 * memory only; a restart clears them.
 */
import { z } from "zod";

const failures = {
  fail_next: z.number().int().min(0).max(100_000),
  status: z.number().int().min(400).max(599).default(500),
  /** Close the connection without an answer instead of answering with `status`. */
  drop: z.boolean().default(false),
};

/** Body of POST /sandbox/faults; every part optional, unknown keys refused (typos would silently do nothing). */
export const faultsRequest = z
  .object({
    orders: z
      .object({
        ...failures,
        /** Make the order or top-up first, then fail the answer: the upstream did it, the shop cannot know. */
        apply_first: z.boolean().default(false),
      })
      .strict()
      .optional(),
    lookups: z.object(failures).strict().optional(),
    latency_ms: z.number().int().min(0).max(60_000).optional(),
  })
  .strict();
/** A parsed POST /sandbox/faults body. */
export type FaultsRequest = z.infer<typeof faultsRequest>;

/** How an injected failure answers. */
export interface InjectedFailure {
  status: number;
  drop: boolean;
  /** Orders and top-ups only: the request is carried out before it fails. */
  applyFirst: boolean;
}

/** The faults in force, as POST and GET /sandbox/faults report them. */
export interface FaultsState {
  orders: { fail_next: number; status: number; drop: boolean; apply_first: boolean };
  lookups: { fail_next: number; status: number; drop: boolean };
  latency_ms: number;
}

/** A countdown of failures of one kind. */
class Countdown {
  remaining = 0;
  failure: InjectedFailure = { status: 500, drop: false, applyFirst: false };

  take(): InjectedFailure | null {
    if (this.remaining === 0) return null;
    this.remaining -= 1;
    return { ...this.failure };
  }
}

/** The fault settings of one sandbox server. */
export class SandboxFaults {
  readonly #orders = new Countdown();
  readonly #lookups = new Countdown();
  #latencyMs = 0;

  /** Applies the parts present in `request`; `latency_ms: 0` or `fail_next: 0` resets that part. */
  configure(request: FaultsRequest): FaultsState {
    if (request.orders) {
      this.#orders.remaining = request.orders.fail_next;
      this.#orders.failure = { status: request.orders.status, drop: request.orders.drop, applyFirst: request.orders.apply_first };
    }
    if (request.lookups) {
      this.#lookups.remaining = request.lookups.fail_next;
      this.#lookups.failure = { status: request.lookups.status, drop: request.lookups.drop, applyFirst: false };
    }
    if (request.latency_ms !== undefined) this.#latencyMs = request.latency_ms;
    return this.state();
  }

  /** Counts down one order (or top-up) failure: how to fail this request, or null to let it through. */
  takeOrderFailure(): InjectedFailure | null {
    return this.#orders.take();
  }

  /** Counts down one lookup failure (GET /esim/orders?external_order_id=…). */
  takeLookupFailure(): InjectedFailure | null {
    return this.#lookups.take();
  }

  /** How long to hold every /esim/* answer. */
  get latencyMs(): number {
    return this.#latencyMs;
  }

  /** The current settings. */
  state(): FaultsState {
    const orders = this.#orders.failure;
    const lookups = this.#lookups.failure;
    return {
      orders: { fail_next: this.#orders.remaining, status: orders.status, drop: orders.drop, apply_first: orders.applyFirst },
      lookups: { fail_next: this.#lookups.remaining, status: lookups.status, drop: lookups.drop },
      latency_ms: this.#latencyMs,
    };
  }
}
