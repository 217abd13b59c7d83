/**
 * The octopus fake's orders and eSIMs, in the assumed contract's shapes
 * (../../octopus/orders-contract.ts). State lives in the sandbox's store
 * (SQLite, a file or ":memory:") and moves through the sandbox's eSIM
 * lifecycle, so both simulated providers behave alike; only the wire view
 * differs.
 */
import { randomInt } from "node:crypto";
import { MB_PER_GB, gbToMb } from "../../../domain/data-amount.ts";
import { lpaString } from "../../../domain/lpa.ts";
import { newIccid, newMatchingId } from "../giapi-sandbox/issuer.ts";
import {
  activate,
  currentState,
  expire,
  recordUsage,
  topUp,
  type SandboxEsim,
  type Transition,
} from "../giapi-sandbox/lifecycle.ts";
import type { SandboxStore } from "../giapi-sandbox/store.ts";
import type { FakeErrorKind } from "./http.ts";
import type { WireOrder, WireOrderRequest, WireTopUpRequest } from "../../octopus/orders-contract.ts";
import type { WireVariant } from "../../octopus/wire.ts";

/** The outcome of a write: the order (201 when new, 200 when repeated), or an error to answer. */
export type OrderOutcome =
  | { ok: true; created: boolean; order: WireOrder }
  | { ok: false; kind: FakeErrorKind; message: string };

/** Generated ids are random; after this many collisions in a row something else is wrong. */
const MAX_ID_ATTEMPTS = 5;

/** Orders, eSIMs and top-ups of one fake server. */
export class OctopusFakeOrderBook {
  constructor(
    private readonly store: SandboxStore,
    private readonly variants: ReadonlyMap<number, WireVariant>,
    private readonly now: () => Date,
    private readonly smdpHost: string,
  ) {}

  /** Places an order; the same external_order_id returns the first order (or a conflict for another variant). */
  place(request: WireOrderRequest): OrderOutcome {
    const existing = this.store.find("externalOrderId", request.external_order_id);
    if (existing) return this.#replay(existing, request);
    const variant = this.variants.get(request.variant_id);
    if (!variant) return { ok: false, kind: "notFound", message: "Variant not found" };
    for (let attempt = 0; attempt < MAX_ID_ATTEMPTS; attempt++) {
      const esim: SandboxEsim = {
        orderId: String(randomInt(100_000, 2_000_000_000)),
        externalOrderId: request.external_order_id,
        planId: String(variant.id),
        createdAt: this.now().toISOString(),
        iccid: newIccid(),
        smdpAddress: this.smdpHost,
        matchingId: newMatchingId(),
        status: "issued",
        dataMb: gbToMb(variant.data_amount_gb),
        validityDays: variant.validity_days,
        usedMb: 0,
        activatedAt: null,
        expiresAt: null,
      };
      // Lookup and insert run with no await between them: two requests cannot both insert.
      const inserted = this.store.insert(esim);
      if (inserted.ok) return { ok: true, created: true, order: this.#view(esim) };
      if (inserted.conflict !== "external_order_id") continue;
      const winner = this.store.find("externalOrderId", request.external_order_id);
      if (winner) return this.#replay(winner, request);
    }
    return { ok: false, kind: "internal", message: "Could not allocate unique eSIM identifiers" };
  }

  /** Orders, oldest first; only the one with `externalOrderId` when given. */
  list(externalOrderId?: string): WireOrder[] {
    if (externalOrderId === undefined) return this.store.all().map((esim) => this.#view(esim));
    const esim = this.store.find("externalOrderId", externalOrderId);
    return esim ? [this.#view(esim)] : [];
  }

  /** One order, or undefined. */
  get(orderId: number): WireOrder | undefined {
    const esim = this.store.find("orderId", String(orderId));
    return esim && this.#view(esim);
  }

  /** Adds data and validity once per external_topup_id. */
  topUp(orderId: number, request: WireTopUpRequest): OrderOutcome {
    if (request.data_amount_gb === 0 && request.validity_days === 0) {
      return { ok: false, kind: "validation", message: "A top-up needs data_amount_gb or validity_days above 0" };
    }
    const id = String(orderId);
    const esim = this.store.find("orderId", id);
    if (!esim) return { ok: false, kind: "notFound", message: "Order not found" };
    const earlier = this.store.topUpById(request.external_topup_id);
    if (earlier) {
      if (earlier.orderId !== id) {
        return { ok: false, kind: "conflict", message: "external_topup_id was used for another order" };
      }
      return { ok: true, created: false, order: this.#view(esim) };
    }
    const now = this.now();
    const dataMb = gbToMb(request.data_amount_gb);
    const result = topUp(esim, dataMb, request.validity_days, now);
    if (!result.ok) return { ok: false, kind: "conflict", message: "The eSIM has expired and cannot be topped up" };
    const record = {
      externalTopUpId: request.external_topup_id,
      orderId: id,
      dataMb,
      validityDays: request.validity_days,
      createdAt: now.toISOString(),
    };
    this.store.applyTopUp(record, result.esim);
    return { ok: true, created: true, order: this.#view(result.esim) };
  }

  /** The traveller's phone connects: validity starts. Throws for an unknown or expired eSIM. */
  activate(iccid: string): WireOrder {
    return this.#change(iccid, activate);
  }

  /** Sets the data used so far (MB); using it all up expires the eSIM. */
  setUsage(iccid: string, usedMb: number): WireOrder {
    return this.#change(iccid, (esim, now) => ({ ok: true, esim: recordUsage(esim, usedMb, now) }));
  }

  /** Ends the eSIM now. */
  expire(iccid: string): WireOrder {
    return this.#change(iccid, (esim, now) => ({ ok: true, esim: expire(esim, now) }));
  }

  #change(iccid: string, apply: (esim: SandboxEsim, now: Date) => Transition): WireOrder {
    const esim = this.store.find("iccid", iccid);
    if (!esim) throw new Error(`octopus fake: no eSIM with ICCID ${iccid}`);
    const result = apply(esim, this.now());
    if (!result.ok) throw new Error(`octopus fake: eSIM ${iccid} has expired`);
    this.store.update(result.esim);
    return this.#view(result.esim);
  }

  #replay(existing: SandboxEsim, request: WireOrderRequest): OrderOutcome {
    if (existing.planId !== String(request.variant_id)) {
      const message = `external_order_id ${JSON.stringify(request.external_order_id)} was ordered with another variant`;
      return { ok: false, kind: "conflict", message };
    }
    return { ok: true, created: false, order: this.#view(existing) };
  }

  #view(stored: SandboxEsim): WireOrder {
    const esim = currentState(stored, this.now());
    return {
      id: Number(esim.orderId),
      external_order_id: esim.externalOrderId,
      variant_id: Number(esim.planId),
      status: esim.status,
      iccid: esim.iccid,
      smdp_address: esim.smdpAddress,
      activation_code: lpaString({ smdpAddress: esim.smdpAddress, matchingId: esim.matchingId }),
      data_amount_gb: esim.dataMb / MB_PER_GB,
      data_used_gb: esim.usedMb / MB_PER_GB,
      validity_days: esim.validityDays,
      activated_at: esim.activatedAt,
      expires_at: esim.expiresAt,
      created_at: esim.createdAt,
    };
  }
}
