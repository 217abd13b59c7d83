/**
 * Every locale has every message, each parses, and every key the code uses
 * exists: a locale that misses a key fails here, not in front of a traveller.
 */
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { MENU_COMMANDS } from "../src/bot/commands.ts";
import { LOCALES_DIR } from "../src/bot/i18n.ts";
import { REGION_IDS } from "../src/domain/destinations/index.ts";
import { ORDER_ACTIONS } from "../src/domain/order-card.ts";
import { ORDER_STATUSES } from "../src/domain/order.ts";
import { SALES_PERIODS } from "../src/domain/sales.ts";
import { SUPPORTED_LANGUAGES } from "../src/services/languages.ts";

const SRC = join(LOCALES_DIR, "..", "src");

/** The .ftl files of one language, one per feature. */
function localeFiles(locale: string): string[] {
  return readdirSync(join(LOCALES_DIR, locale)).filter((name) => name.endsWith(".ftl")).sort();
}

/** The whole translation of one language: its files in one resource, as @grammyjs/i18n merges them. */
function localeSource(locale: string): string {
  return localeFiles(locale)
    .map((name) => readFileSync(join(LOCALES_DIR, locale, name), "utf8"))
    .join("\n");
}

function messageIds(locale: string): string[] {
  return new FluentResource(localeSource(locale)).body.map((entry) => entry.id);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return path.endsWith(".ts") || path.endsWith(".tsx") ? [path] : [];
  });
}

/** Keys used literally: t("key"), t('key'), t(`key`) and ternaries of literal keys. */
function keysUsedInCode(): Map<string, string> {
  const keys = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(/(?<!i18n\.)\bt\(\s*(?:[\w.!]+\s*\?\s*)?["'`]([a-z][a-z0-9-]+)["'`](?:\s*:\s*["'`]([a-z][a-z0-9-]+)["'`])?/g)) {
      for (const key of [match[1], match[2]]) if (key) keys.set(key, relative(SRC, file));
    }
  }
  return keys;
}

/** Keys built at run time from a fixed set of values. */
const DYNAMIC_KEYS = [
  ...REGION_IDS.map((id) => `region-${id}`),
  "region-global",
  ...["unknown-order", "already-paid", "expired", "not-sold", "price-changed", "wrong-user", "esim-expired"].map((r) => `precheckout-${r}`),
  ...["delivery", "topup"].flatMap((kind) => [`${kind}-reconciling`, `${kind}-handed-to-operator`]),
  ...["refund", "topup-refund"].flatMap((kind) => [`${kind}-automatic`, `${kind}-manual`]),
  "delivery-preparing",
  "payment-received",
  "payment-unmatched-refunding",
  "payment-unmatched-manual",
  "topup-preparing",
  "topup-expired",
  "topup-not-sold",
  ...MENU_COMMANDS.map((command) => `command-${command}`),
  // The operator's order desk.
  ...SALES_PERIODS.map((period) => `sales-period-${period}`),
  ...["late", "needs-operator", "refund-failed", "refund-manual", "refunded-elsewhere"].map((reason) => `attention-reason-${reason}`),
  ...ORDER_STATUSES.map((status) => `order-status-${status}`),
  ...["created", "paid", "upstream-requested", "delivered", "refunded"].map((kind) => `timeline-${kind}`),
  ...ORDER_ACTIONS.map((action) => `timeline-action-${action}`),
  ...["retry", "resend", "refund-stars", "refund-card", "resolve", "stale", "not-allowed", "busy", "not-found", "note-required", "refused"].map((r) => `order-result-${r}`),
  ...["stars", "card"].flatMap((kind) => [`order-button-refund-${kind}`, `order-confirm-refund-${kind}`]),
  ...["retry", "resend"].map((action) => `order-confirm-${action}`),
  ...["resolve", "refund"].flatMap((action) => [`order-note-ask-${action}`, `order-note-check-${action}`]),
];

describe("locales", () => {
  const english = messageIds("en");

  it.each(SUPPORTED_LANGUAGES)("%s parses without errors", (locale) => {
    const bundle = new FluentBundle(locale);
    const errors = bundle.addResource(new FluentResource(localeSource(locale)));
    expect(errors).toEqual([]);
    // Junk entries (syntax errors) have no id and would shrink the list.
    expect(messageIds(locale).every((id) => typeof id === "string" && id.length > 0)).toBe(true);
  });

  it.each(SUPPORTED_LANGUAGES)("%s has the same files as English", (locale) => {
    expect(localeFiles(locale)).toEqual(localeFiles("en"));
  });

  it.each(SUPPORTED_LANGUAGES)("%s has exactly the keys of English", (locale) => {
    const ids = messageIds(locale);
    expect(english.filter((id) => !ids.includes(id)), `missing in ${locale}`).toEqual([]);
    expect(ids.filter((id) => !english.includes(id)), `extra in ${locale}`).toEqual([]);
  });

  it("has every key the code uses", () => {
    const used = keysUsedInCode();
    expect(used.size).toBeGreaterThan(40);
    const missing = [...used].filter(([key]) => !english.includes(key)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
    expect(DYNAMIC_KEYS.filter((key) => !english.includes(key))).toEqual([]);
  });
});
