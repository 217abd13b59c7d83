/**
 * The gate in front of every dashboard page: the session cookie must open a
 * live session of someone in ADMIN_IDS now, and every state-changing request
 * must carry the session's CSRF token (form field `_csrf` or the
 * X-CSRF-Token header htmx sends) — checked after hono's Origin check.
 */
import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { DashboardAuth, SessionRefusal } from "../services/operator/dashboard-auth.ts";
import type { DashboardEnv } from "./context.ts";
import { MessagePage } from "./layout.tsx";

/** The session cookie's name. */
export const SESSION_COOKIE = "dash_session";

/** Lets signed-in operators through; anyone else gets a page that says why. */
export function sessionGuard(auth: DashboardAuth): MiddlewareHandler<DashboardEnv> {
  return async (c, next) => {
    const result = await auth.authenticate(getCookie(c, SESSION_COOKIE));
    if (!result.ok) return refuse(c, result.reason);
    c.set("session", result.session);
    if (!["GET", "HEAD"].includes(c.req.method)) {
      const sent = c.req.header("x-csrf-token") ?? (await formField(c, "_csrf"));
      if (!auth.checkCsrf(result.session, sent)) {
        const { t, lang } = c.var;
        return c.html(<MessagePage t={t} lang={lang} title={t("dash-refused-title")} text={t("dash-refused-csrf")} />, 403);
      }
    }
    await next();
  };
}

function refuse(c: Context<DashboardEnv>, reason: SessionRefusal) {
  const { t, lang } = c.var;
  const status = reason === "not-operator" ? 403 : 401;
  const text = reason === "not-operator" ? t("dash-refused-not-operator") : t("dash-refused-sign-in");
  return c.html(<MessagePage t={t} lang={lang} title={t("dash-refused-title")} text={text} />, status);
}

/** A field of a form body (urlencoded or multipart); undefined for other bodies. */
export async function formField(c: Context, name: string): Promise<string | undefined> {
  const type = c.req.header("content-type") ?? "";
  if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) return undefined;
  const body = await c.req.parseBody();
  const value = body[name];
  return typeof value === "string" ? value : undefined;
}
