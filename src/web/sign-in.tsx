/**
 * Passwordless sign-in. The link (`/dashboard/sign-in?token=…`) opens a page
 * with one button; only pressing it (a POST) uses the one-time token, so a
 * link preview or a prefetch that GETs the link cannot burn it. Success sets
 * the session cookie: HttpOnly, SameSite=Strict, scoped to /dashboard,
 * Secure over https.
 */
import type { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import type { DashboardAuth } from "../services/operator/dashboard-auth.ts";
import type { DashboardEnv } from "./context.ts";
import { MessagePage } from "./layout.tsx";
import { formField, SESSION_COOKIE, sessionGuard } from "./session-guard.tsx";

/** Mounts the sign-in page, its form's target and sign-out. */
export function mountSignIn(app: Hono<DashboardEnv>, deps: { auth: DashboardAuth; secureCookies: boolean }): void {
  app.get("/dashboard/sign-in", (c) => {
    const { t, lang } = c.var;
    const token = c.req.query("token") ?? "";
    return c.html(
      <MessagePage t={t} lang={lang} title={t("dash-sign-in-title")} text={t("dash-sign-in-text")}>
        <form method="post" action="/dashboard/sign-in">
          <input type="hidden" name="token" value={token} />
          <button type="submit">{t("dash-sign-in-button")}</button>
        </form>
      </MessagePage>,
    );
  });

  app.post("/dashboard/sign-in", async (c) => {
    const { t, lang } = c.var;
    const result = await deps.auth.signIn((await formField(c, "token")) ?? "");
    if (!result.ok) {
      const status = result.reason === "not-operator" ? 403 : 401;
      return c.html(<MessagePage t={t} lang={lang} title={t("dash-refused-title")} text={t(`dash-link-${result.reason}`)} />, status);
    }
    setCookie(c, SESSION_COOKIE, result.sessionToken, {
      path: "/dashboard",
      httpOnly: true,
      sameSite: "Strict",
      secure: deps.secureCookies,
      expires: result.expiresAt,
    });
    return c.redirect("/dashboard", 303);
  });

  app.post("/dashboard/sign-out", sessionGuard(deps.auth), async (c) => {
    await deps.auth.signOut(c.var.session);
    deleteCookie(c, SESSION_COOKIE, { path: "/dashboard", secure: deps.secureCookies });
    const { t, lang } = c.var;
    return c.html(<MessagePage t={t} lang={lang} title={t("dash-signed-out-title")} text={t("dash-refused-sign-in")} />);
  });

}
