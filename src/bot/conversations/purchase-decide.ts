/** How every step of the purchase turns the traveller's action into the next step. */
import type { DestinationRef } from "../../domain/destinations/index.ts";
import type { BuyButton } from "../callback-data.ts";
import type { PurchaseFlow, Step } from "./purchase-flow.ts";
import { answer, type Action } from "./purchase-panel.ts";
import { restartAt, runIsFull } from "./purchase-restart.ts";
import { searchStep } from "./purchase-search.ts";

/**
 * The step after the traveller's action. Typed text searches (a one-line
 * request with only amounts applies to the step's destination) and Cancel
 * ends the conversation at every step; any other button goes to `onButton`.
 * A press is answered exactly once: as "no longer active" when `onButton`
 * has no use for it (a forged button, or one from another step), which
 * keeps the traveller where they are. A run that took its share of inputs
 * hands this very input to a fresh run at the same step (./purchase-restart.ts).
 */
export async function decide(
  flow: PurchaseFlow,
  current: Step,
  action: Action,
  onButton: (button: BuyButton) => Step | undefined | Promise<Step | undefined>,
): Promise<Step> {
  if (runIsFull(flow)) await restartAt(flow, current);
  if (action.kind === "text") return searchStep(flow, action.text, destinationOf(current));
  const { button } = action;
  let next: Step | undefined;
  if (button?.kind === "cancel") next = { at: "cancelled" };
  else if (button) next = await onButton(button);
  if (!next) {
    await answer(action, (await flow.panel.locale()).t("button-not-active"));
    return current;
  }
  await answer(action);
  return next;
}

/** The destination a step is about, if it is about one. */
function destinationOf(step: Step): DestinationRef | undefined {
  return "destination" in step ? step.destination : undefined;
}
