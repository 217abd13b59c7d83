/** The page frame: navigation, language links, sign-out form; accessible landmarks, phone-width CSS. */
import type { Child } from "hono/jsx";
import type { Translate } from "./context.ts";

/** The navigation's pages. */
const NAV = [
  { path: "/dashboard", key: "dash-nav-overview" },
  { path: "/dashboard/orders", key: "dash-nav-orders" },
  { path: "/dashboard/esims", key: "dash-nav-esims" },
  { path: "/dashboard/reconciliation", key: "dash-nav-reconciliation" },
  { path: "/dashboard/broadcasts", key: "dash-nav-broadcasts" },
] as const;

/** A full page; `csrf` present means signed in (navigation and sign-out shown). */
export function Layout(props: { t: Translate; lang: string; title: string; path: string; csrf?: string; children?: Child }) {
  const { t } = props;
  return (
    <html lang={props.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <meta name="htmx-config" content='{"includeIndicatorStyles":false}' />
        <title>{`${props.title} · ${t("dash-title")}`}</title>
        <link rel="stylesheet" href="/dashboard/assets/dashboard.css" />
        <script src="/dashboard/assets/htmx.min.js" defer></script>
      </head>
      <body {...(props.csrf ? { "hx-headers": JSON.stringify({ "X-CSRF-Token": props.csrf }) } : {})}>
        <a class="skip" href="#main">
          {t("dash-skip")}
        </a>
        <header>
          <strong>{t("dash-title")}</strong>
          {props.csrf && (
            <nav aria-label={t("dash-nav-label")}>
              <ul>
                {NAV.map((item) => (
                  <li>
                    <a href={item.path} {...(item.path === props.path ? { "aria-current": "page" } : {})}>
                      {t(item.key)}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div class="tools">
            <span aria-label={t("dash-language")}>
              {(["en", "ru", "es"] as const).map((lang) => (
                <a href={`?lang=${lang}`} hreflang={lang} {...(lang === props.lang ? { "aria-current": "true" } : {})}>
                  {lang.toUpperCase()}
                </a>
              ))}
            </span>
            {props.csrf && (
              <form method="post" action="/dashboard/sign-out">
                <input type="hidden" name="_csrf" value={props.csrf} />
                <button type="submit">{t("dash-sign-out")}</button>
              </form>
            )}
          </div>
        </header>
        <main id="main">
          <h1>{props.title}</h1>
          {props.children}
        </main>
      </body>
    </html>
  );
}

/** A page that only says something (refusals, sign-in results). */
export function MessagePage(props: { t: Translate; lang: string; title: string; text: string; children?: Child }) {
  return (
    <Layout t={props.t} lang={props.lang} title={props.title} path="">
      <p role="status">{props.text}</p>
      {props.children}
    </Layout>
  );
}
