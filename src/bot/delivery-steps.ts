/**
 * A delivery of several messages, sent in order from the first one Telegram
 * has not accepted yet, each recorded as it is accepted (DeliveryProgress),
 * so a retry or another process after a crash sends only what is missing,
 * never a message out of order.
 */
import type { DeliveryProgress } from "../services/ports.ts";

/** One message of a delivery: resolves once Telegram accepted it. */
export type DeliveryStep = () => Promise<unknown>;

/** Sends `steps` from `progress.sent` on (all without progress), recording each one after it went out. */
export async function sendInSteps(steps: readonly DeliveryStep[], progress?: DeliveryProgress): Promise<void> {
  for (let index = progress?.sent ?? 0; index < steps.length; index++) {
    await steps[index]!();
    await progress?.record(index + 1);
  }
}
