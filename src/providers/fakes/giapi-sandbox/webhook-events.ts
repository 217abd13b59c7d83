/**
 * Which webhook events a change of a sandbox eSIM announces. Pure: the routes
 * compare the eSIM before and after a transition and send what this returns.
 */
import type { WebhookEventType } from "../../giapi/wire.ts";
import type { SandboxEsim } from "./lifecycle.ts";

/** The seed's esim.data_low: less than 20 % of the allowance left. */
export const SANDBOX_LOW_DATA_PERCENT = 20;

function isLow(esim: SandboxEsim): boolean {
  return esim.dataMb > 0 && ((esim.dataMb - esim.usedMb) / esim.dataMb) * 100 < SANDBOX_LOW_DATA_PERCENT;
}

/**
 * Events for a transition from `before` to `after` (both as of now).
 * data_low fires when the remaining share crosses below the threshold, so
 * once per crossing: a top-up that lifts it back above arms it again. An
 * eSIM that ends in the same change announces its expiry, not low data.
 */
export function webhookEventsFor(before: SandboxEsim, after: SandboxEsim, toppedUp = false): WebhookEventType[] {
  const events: WebhookEventType[] = [];
  if (before.status === "issued" && after.status !== "issued" && after.activatedAt !== null) events.push("esim.activated");
  if (toppedUp) events.push("esim.topped_up");
  if (after.status === "expired") {
    if (before.status !== "expired") events.push("esim.expired");
    return events;
  }
  if (isLow(after) && !isLow(before)) events.push("esim.data_low");
  return events;
}
