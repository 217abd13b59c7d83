/**
 * Telling a definitive upstream answer from an unknown one. A refund may
 * follow only a definitive answer: the provider refused the order or top-up
 * (4xx: rejected, plan or eSIM not found), or a lookup by our id answered
 * with no such order. Everything else (timeouts, 5xx, a malformed answer, a
 * refused API key, which is an outage of ours) leaves the outcome unknown:
 * the order may exist upstream.
 */
import { ProviderNotFoundError, ProviderRejectedError } from "../providers/errors.ts";
import type { EsimProvider, ProviderOrder } from "../providers/port.ts";

/** True when the provider refused the request for good, so nothing was created upstream. */
export function isDefinitiveRefusal(error: unknown): boolean {
  return error instanceof ProviderRejectedError || error instanceof ProviderNotFoundError;
}

/** What a lookup by our id found: the order, definitively no order, or nothing certain. */
export type Lookup = { kind: "found"; order: ProviderOrder } | { kind: "absent" } | { kind: "unknown"; reason: string };

/** Looks an order up by our id; only a successful answer without it is "absent". */
export async function lookUpOrder(provider: Pick<EsimProvider, "findOrderByExternalId">, externalOrderId: string): Promise<Lookup> {
  try {
    const order = await provider.findOrderByExternalId(externalOrderId);
    return order ? { kind: "found", order } : { kind: "absent" };
  } catch (error) {
    return { kind: "unknown", reason: error instanceof Error ? error.message : String(error) };
  }
}

/** A message for logs and the job's lastError. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
