/**
 * The entries of the /admin menu, in order: the one place a new operator
 * screen (sales, orders needing attention, order look-up…) is added. An
 * entry's id goes into its button's callback data (`adm:m:<id>`).
 */
import type { PrivateContext } from "../../context.ts";
import type { Translate } from "../../view-locale.ts";
import { BROADCAST_CONVERSATION } from "./broadcast-conversation.ts";

/** One button of the /admin menu. */
export interface AdminMenuEntry {
  /** Lower-case letters and "-", at most 24 characters. */
  id: string;
  label(t: Translate): string;
  /**
   * Opens the entry for an operator. The button is answered already, and any
   * conversation was left (see adminGateFeature).
   */
  open(ctx: PrivateContext): Promise<void>;
}

/** The /admin menu's entries. */
export function adminMenuEntries(): AdminMenuEntry[] {
  return [
    {
      id: "broadcast",
      label: (t) => t("admin-menu-broadcast"),
      open: (ctx) => ctx.conversation.enter(BROADCAST_CONVERSATION),
    },
  ];
}
