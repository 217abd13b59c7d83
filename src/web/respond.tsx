/** Answers of the pages behind the guard: a page in the frame, or the refusal. */
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { DashboardEnv } from "./context.ts";
import { Layout, MessagePage } from "./layout.tsx";

/** A page in the frame, or the refusal when the service refused (ADMIN_IDS changed mid-request). */
export function page(c: Context<DashboardEnv>, title: string, body: Child, status: 200 | 400 | 404 = 200) {
  const { t, lang, session } = c.var;
  return c.html(
    <Layout t={t} lang={lang} title={title} path={c.req.path} csrf={session.csrfToken}>
      {body}
    </Layout>,
    status,
  );
}

/** The service refused: the operator left ADMIN_IDS while the request ran. */
export function refused(c: Context<DashboardEnv>) {
  const { t, lang } = c.var;
  return c.html(<MessagePage t={t} lang={lang} title={t("dash-refused-title")} text={t("dash-refused-not-operator")} />, 403);
}

