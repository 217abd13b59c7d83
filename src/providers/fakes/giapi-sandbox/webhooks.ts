/**
 * The sandbox's webhook registrations and deliveries. Kept in memory, not in
 * the sandbox's SQLite file: the sandbox runs inside the bot, which registers
 * again at every start, so persisted registrations would only keep the URLs
 * of earlier runs (tests use ephemeral ports). Deliveries are signed like the
 * assumed giapi contract (../../giapi/webhook-signature.ts), time out quickly,
 * and a failure is recorded, never thrown at the caller.
 */
import { randomBytes } from "node:crypto";
import type { WebhookEventType, WireWebhookEvent } from "../../giapi/wire.ts";
import { signWebhook } from "../../giapi/webhook-signature.ts";
import type { SandboxEsim } from "./lifecycle.ts";

/** A registered endpoint (the secret stays inside this class). */
export interface SandboxWebhookEndpoint {
  webhook_id: string;
  url: string;
  events: WebhookEventType[];
}

/** One delivery attempt, as GET /sandbox/webhooks/deliveries lists it. */
export interface SandboxWebhookDelivery {
  event_id: string;
  type: WebhookEventType;
  iccid: string;
  url: string;
  /** The receiver's HTTP status, or null when the request failed. */
  status: number | null;
  /** Why the request failed (network error, timeout), else null. */
  error: string | null;
  at: string;
}

interface Endpoint extends SandboxWebhookEndpoint {
  secret: string;
}

/** Enough history for demos and tests without growing forever. */
const MAX_DELIVERIES = 1_000;
const DEFAULT_TIMEOUT_MS = 3_000;

/** Registrations and delivery history of one sandbox. */
export class SandboxWebhooks {
  readonly #endpoints = new Map<string, Endpoint>();
  readonly #deliveries: SandboxWebhookDelivery[] = [];
  readonly #pending = new Set<Promise<void>>();

  constructor(private readonly options: { now: () => Date; timeoutMs?: number }) {}

  /** Registers `url`; registering it again replaces its secret and events. */
  register(input: { url: string; secret: string; events: WebhookEventType[] }): SandboxWebhookEndpoint {
    const webhook_id = this.#endpoints.get(input.url)?.webhook_id ?? `wh_${randomBytes(8).toString("hex")}`;
    const endpoint: Endpoint = { webhook_id, url: input.url, secret: input.secret, events: [...input.events] };
    this.#endpoints.set(input.url, endpoint);
    return { webhook_id, url: endpoint.url, events: endpoint.events };
  }

  /** Registered endpoints, without their secrets. */
  endpoints(): SandboxWebhookEndpoint[] {
    return [...this.#endpoints.values()].map(({ webhook_id, url, events }) => ({ webhook_id, url, events }));
  }

  /** Delivery attempts, oldest first. */
  deliveries(): SandboxWebhookDelivery[] {
    return [...this.#deliveries];
  }

  /**
   * Sends each event about `esim` to every endpoint subscribed to it, in
   * parallel. The promise settles when every attempt is recorded; it never rejects.
   */
  emit(esim: SandboxEsim, types: WebhookEventType[]): Promise<void> {
    const sends: Promise<void>[] = [];
    for (const type of types) {
      const event: WireWebhookEvent = {
        id: `evt_${randomBytes(10).toString("hex")}`,
        type,
        created_at: this.options.now().toISOString(),
        data: { order_id: esim.orderId, iccid: esim.iccid, external_order_id: esim.externalOrderId },
      };
      for (const endpoint of this.#endpoints.values()) {
        if (endpoint.events.includes(type)) sends.push(this.#deliver(endpoint, event));
      }
    }
    const all = Promise.all(sends).then(() => undefined);
    this.#pending.add(all);
    void all.finally(() => this.#pending.delete(all));
    return all;
  }

  /** Waits for deliveries in flight (each is bounded by the timeout). */
  async close(): Promise<void> {
    await Promise.all(this.#pending);
  }

  async #deliver(endpoint: Endpoint, event: WireWebhookEvent): Promise<void> {
    const body = JSON.stringify(event);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(endpoint.url, {
        method: "POST",
        // Signed when sent: every attempt carries its own time of sending.
        headers: { "content-type": "application/json", ...signWebhook(endpoint.secret, body, this.options.now()) },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (failure) {
      error = describeFailure(failure);
    }
    this.#deliveries.push({
      event_id: event.id,
      type: event.type,
      iccid: event.data.iccid,
      url: endpoint.url,
      status,
      error,
      at: this.options.now().toISOString(),
    });
    if (this.#deliveries.length > MAX_DELIVERIES) this.#deliveries.splice(0, this.#deliveries.length - MAX_DELIVERIES);
  }
}

/** fetch hides the network reason in `cause` ("fetch failed" alone says nothing). */
function describeFailure(failure: unknown): string {
  if (!(failure instanceof Error)) return String(failure);
  if (failure.name === "TimeoutError") return "timed out";
  const cause = failure.cause instanceof Error ? failure.cause : undefined;
  const code = cause && "code" in cause && typeof cause.code === "string" ? cause.code : undefined;
  return code ?? cause?.message ?? failure.message;
}
