/**
 * The order page and its actions: GET shows the card, GET …/<action> the
 * confirmation, POST …/<action> (CSRF-checked by the guard) carries it out
 * on the card version it was confirmed on, then shows the card again with
 * what happened.
 */
import type { Hono } from "hono";
import { ORDER_ACTIONS, type OrderAction } from "../domain/order-card.ts";
import type { DashboardService } from "../services/operator/dashboard.ts";
import type { DashboardEnv } from "./context.ts";
import { page, refused } from "./respond.tsx";
import { ConfirmPage, OrderPage } from "./pages/order.tsx";
import { formField } from "./session-guard.tsx";

function parseAction(value: string): OrderAction | null {
  return ORDER_ACTIONS.find((action) => action === value) ?? null;
}

export function mountOrderRoutes(app: Hono<DashboardEnv>, dashboard: DashboardService): void {
  app.get("/dashboard/orders/:id", async (c) => {
    const card = await dashboard.order(c.var.session.operatorId, c.req.param("id"));
    if (card === null) return refused(c);
    if (card === "missing") return page(c, c.var.t("dash-order-missing"), <p>{c.req.param("id")}</p>, 404);
    const done = c.req.query("result");
    const notice = done ? c.var.t(`dash-result-${done.replace(/[^a-z-]/g, "")}`) : undefined;
    return page(c, c.var.t("dash-order-title", { id: card.order.id }), <OrderPage card={card} t={c.var.t} lang={c.var.lang} {...(notice ? { notice } : {})} />);
  });

  app.get("/dashboard/orders/:id/:action", async (c) => {
    const action = parseAction(c.req.param("action"));
    const card = await dashboard.order(c.var.session.operatorId, c.req.param("id"));
    if (card === null) return refused(c);
    if (card === "missing" || action === null) return page(c, c.var.t("dash-order-missing"), <p>{c.req.param("id")}</p>, 404);
    const version = Number(c.req.query("v") ?? card.version);
    const { t, lang, session } = c.var;
    return page(c, t(`dash-action-${action}`), <ConfirmPage card={card} action={action} version={version} csrf={session.csrfToken} t={t} lang={lang} />);
  });

  app.post("/dashboard/orders/:id/:action", async (c) => {
    const action = parseAction(c.req.param("action"));
    const id = c.req.param("id");
    if (action === null) return c.notFound();
    const version = Number((await formField(c, "version")) ?? "NaN");
    const note = (await formField(c, "note"))?.trim() || undefined;
    const result = await dashboard.act(c.var.session.operatorId, action, id, Number.isInteger(version) ? version : -1, note);
    if (result.kind === "refused") return refused(c);
    return c.redirect(`/dashboard/orders/${encodeURIComponent(id)}?result=${result.kind === "done" ? `done-${action}` : result.kind}`, 303);
  });
}
