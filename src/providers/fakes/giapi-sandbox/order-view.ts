/** An eSIM as the wire's order (GET /esim/orders/{id} and friends). */
import { MB_PER_GB } from "../../../domain/data-amount.ts";
import { lpaString } from "../../../domain/lpa.ts";
import type { WireOrder } from "../../giapi/wire.ts";
import type { SandboxEsim } from "./lifecycle.ts";
import type { QrImages } from "./qr-images.ts";

/**
 * The wire order of an eSIM. The QR image is rendered (or taken from the
 * cache) only when `qr` is given: order creation answers with it, status
 * reads do not (rendering a PNG per poll would make the sandbox, not the
 * shop, the bottleneck of a polling cycle).
 */
export function toWireOrder(esim: SandboxEsim, qr: QrImages | null): WireOrder {
  const activationCode = lpaString({ smdpAddress: esim.smdpAddress, matchingId: esim.matchingId });
  return {
    order_id: esim.orderId,
    external_order_id: esim.externalOrderId,
    plan_id: esim.planId,
    status: esim.status,
    ...(qr ? { qr_code_base64: qr.pngBase64(activationCode) } : {}),
    smdp_address: esim.smdpAddress,
    activation_code: activationCode,
    iccid: esim.iccid,
    expires_after_activation_days: esim.validityDays,
    data_gb: esim.dataMb / MB_PER_GB,
    data_used_mb: esim.usedMb,
    activated_at: esim.activatedAt,
    expires_at: esim.expiresAt,
    created_at: esim.createdAt,
  };
}
