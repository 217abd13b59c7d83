/** What the operator reads after an action on an order. */
import type { ActionResult } from "../../../services/operator/order-actions.ts";
import type { Translate } from "../../view-locale.ts";

/** One line saying what the action did, or why it did not. */
export function actionResultText(result: ActionResult, t: Translate): string {
  switch (result.kind) {
    case "done":
      return t(result.action === "refund" ? `order-result-refund-${result.refund ?? "stars"}` : `order-result-${result.action}`);
    case "send-failed":
      return t("order-result-send-failed", { reason: result.reason.slice(0, 120) });
    default:
      return t(`order-result-${result.kind}`);
  }
}
