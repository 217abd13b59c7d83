/**
 * The dashboard's language: `?lang=` (remembered in a cookie), else the
 * cookie, else the browser's Accept-Language, else English.
 */
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";

export const DASHBOARD_LANGUAGES = ["en", "ru", "es"] as const;
const LANG_COOKIE = "dash_lang";

/** Picks the request's language and remembers an explicit choice. */
export function pickLanguage(c: Context, secure: boolean): string {
  const asked = c.req.query("lang");
  if (asked && isSupported(asked)) {
    setCookie(c, LANG_COOKIE, asked, { path: "/dashboard", sameSite: "Strict", httpOnly: true, secure, maxAge: 365 * 86_400 });
    return asked;
  }
  const remembered = getCookie(c, LANG_COOKIE);
  if (remembered && isSupported(remembered)) return remembered;
  const accepted = (c.req.header("accept-language") ?? "")
    .split(",")
    .map((part) => part.trim().slice(0, 2).toLowerCase())
    .find(isSupported);
  return accepted ?? "en";
}

function isSupported(lang: string): lang is (typeof DASHBOARD_LANGUAGES)[number] {
  return (DASHBOARD_LANGUAGES as readonly string[]).includes(lang);
}
