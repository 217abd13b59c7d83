/**
 * `/dashboard` for operators: a one-time sign-in link to the web dashboard
 * (valid 10 minutes), and `/dashboard logout` to sign out every browser.
 * Anyone else gets the answer of any unknown command. Installed before the
 * conversations, so a purchase in progress is left where it was.
 */
import type { Composer } from "grammy";
import { ShopComposer } from "../../composer.ts";
import type { OperatorAccess } from "../../../services/operator/access.ts";
import type { PrivateContext } from "../../context.ts";

/** What the command needs from the dashboard. */
export interface DashboardLinks {
  /** A sign-in URL; null when `operatorId` is not an operator now; "off" when no dashboard runs. */
  signInUrl(operatorId: number): Promise<string | null | "off">;
  /** Revokes every session of the operator; how many; null when not an operator now. */
  signOutEverywhere(operatorId: number): Promise<number | null>;
}

export function dashboardCommandFeature(deps: { access: OperatorAccess; links: DashboardLinks }): Composer<PrivateContext> {
  const composer = new ShopComposer<PrivateContext>();
  composer.command("dashboard").filter(
    (ctx) => deps.access.isOperator(ctx.from.id),
    async (ctx) => {
      if (ctx.match.trim().toLowerCase() === "logout") {
        const count = await deps.links.signOutEverywhere(ctx.from.id);
        if (count !== null) await ctx.reply(ctx.t("dashboard-logged-out", { count }));
        return;
      }
      const url = await deps.links.signInUrl(ctx.from.id);
      if (url === null) return;
      if (url === "off") return void (await ctx.reply(ctx.t("dashboard-off")));
      // No preview: a preview fetcher must not open the page (it could not use the link anyway: that takes a POST).
      await ctx.reply(ctx.t("dashboard-link", { url }), { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
    },
  );
  return composer;
}
