/** The sandbox provider's control API (README: "Sandbox control API"), for tests. */
import { request } from "undici";

/** One order as GET /sandbox/orders lists it. */
export interface SandboxOrder {
  order_id: string;
  external_order_id: string | null;
  plan_id: string;
  iccid: string;
  status: string;
}

/** One webhook delivery attempt as GET /sandbox/webhooks/deliveries lists it. */
export interface SandboxWebhookDelivery {
  event_id: string;
  type: string;
  iccid: string;
  url: string;
  status: number | null;
  error: string | null;
}

/** One top-up as GET /sandbox/topups lists it. */
export interface SandboxTopUp {
  external_topup_id: string;
  order_id: string;
  data_mb: number;
  validity_days: number;
}

/** One order-side request as GET /sandbox/requests lists it. */
export interface SandboxRequest {
  method: string;
  path: string;
  external_order_id: string | null;
  status: number;
}

/** A failure setting of POST /sandbox/faults. */
export interface SandboxFailure {
  fail_next: number;
  status?: number;
  drop?: boolean;
}

/** The body of POST /sandbox/faults (README: "Sandbox control API"). */
export interface SandboxFaultsRequest {
  orders?: SandboxFailure & { apply_first?: boolean };
  lookups?: SandboxFailure;
  latency_ms?: number;
}

/** Drives the sandbox provider over HTTP. */
export class SandboxControl {
  constructor(readonly url: string) {}

  /** Every order the sandbox received. */
  async orders(): Promise<SandboxOrder[]> {
    const body = (await this.#call("GET", "/sandbox/orders")) as { orders: SandboxOrder[] };
    return body.orders;
  }

  /** Every top-up the sandbox applied. */
  async topUps(): Promise<SandboxTopUp[]> {
    const body = (await this.#call("GET", "/sandbox/topups")) as { topups: SandboxTopUp[] };
    return body.topups;
  }

  /** The order-side requests the shop made (orders, lookups by our id, top-ups), oldest first. */
  async requests(): Promise<SandboxRequest[]> {
    const body = (await this.#call("GET", "/sandbox/requests")) as { requests: SandboxRequest[] };
    return body.requests;
  }

  /**
   * Makes the next orders or top-ups fail with `status` (or a dropped
   * connection), before or — `apply_first` — after they are carried out; the
   * next lookups by our id fail the same way; and/or delays every answer.
   */
  async faults(faults: SandboxFaultsRequest): Promise<void> {
    await this.#call("POST", "/sandbox/faults", faults);
  }

  /** Stops selling a plan: it leaves the catalog the shop loads at its next refresh. */
  async withdrawPlan(planId: string): Promise<void> {
    await this.#call("POST", `/sandbox/plans/${planId}/withdraw`);
  }

  /** Replaces the compatible devices a plan's details list. */
  async setCompatibleDevices(planId: string, devices: string[]): Promise<void> {
    await this.#call("POST", `/sandbox/plans/${planId}/devices`, { devices });
  }

  /** The device connects: the eSIM becomes active. */
  async activate(iccid: string): Promise<void> {
    await this.#call("POST", `/sandbox/esims/${iccid}/activate`);
  }

  /** Sets the total data used so far. */
  async usage(iccid: string, usedMb: number): Promise<void> {
    await this.#call("POST", `/sandbox/esims/${iccid}/usage`, { used_mb: usedMb });
  }

  /** Ends the eSIM's validity. */
  async expire(iccid: string): Promise<void> {
    await this.#call("POST", `/sandbox/esims/${iccid}/expire`);
  }

  /** Registered webhook endpoints (without secrets). */
  async webhooks(): Promise<Array<{ webhook_id: string; url: string; events: string[] }>> {
    const body = (await this.#call("GET", "/sandbox/webhooks")) as { webhooks: Array<{ webhook_id: string; url: string; events: string[] }> };
    return body.webhooks;
  }

  /** Every webhook delivery attempt so far, oldest first. */
  async deliveries(): Promise<SandboxWebhookDelivery[]> {
    const body = (await this.#call("GET", "/sandbox/webhooks/deliveries")) as { deliveries: SandboxWebhookDelivery[] };
    return body.deliveries;
  }

  async #call(method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
    const response = await request(this.url + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.body.text();
    if (response.statusCode >= 400) throw new Error(`${method} ${path}: HTTP ${response.statusCode} ${text}`);
    return text ? JSON.parse(text) : undefined;
  }
}
