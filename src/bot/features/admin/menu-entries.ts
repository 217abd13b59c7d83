/**
 * The entries of the /admin menu, in order: the one place a new operator
 * screen (sales, orders needing attention, order look-up…) is added. An
 * entry's id goes into its button's callback data (`adm:m:<id>`).
 */
import type { PrivateContext } from "../../context.ts";
import type { View } from "../../view.ts";
import { viewLocale, type Translate } from "../../view-locale.ts";
import { BROADCAST_CONVERSATION } from "./broadcast-conversation.ts";
import { showAttention, type OrderDeskDeps } from "./order-desk.ts";
import { salesView } from "./sales-views.ts";

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
export function adminMenuEntries(deps: Pick<OrderDeskDeps, "sales" | "attention">): AdminMenuEntry[] {
  return [
    {
      id: "sales",
      label: (t) => t("admin-menu-sales"),
      open: async (ctx) => show(ctx, salesView(await deps.sales.salesSummary("today"), await viewLocale(ctx))),
    },
    {
      id: "attention",
      label: (t) => t("admin-menu-attention"),
      open: async (ctx) => show(ctx, await showAttention(deps, ctx)),
    },
    {
      id: "lookup",
      label: (t) => t("admin-menu-lookup"),
      open: async (ctx) => void (await ctx.reply(ctx.t("lookup-help"), { parse_mode: "HTML" })),
    },
    {
      id: "broadcast",
      label: (t) => t("admin-menu-broadcast"),
      open: (ctx) => ctx.conversation.enter(BROADCAST_CONVERSATION),
    },
  ];
}

async function show(ctx: PrivateContext, view: View): Promise<void> {
  await ctx.reply(view.text, { parse_mode: "HTML", reply_markup: view.keyboard });
}
