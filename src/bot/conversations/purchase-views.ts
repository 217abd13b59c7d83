/**
 * What each step of the purchase conversation shows: text and inline
 * keyboard, built from plain data so the conversation stays about flow.
 */
import { InlineKeyboard } from "grammy";
import { formatData } from "../../domain/data-amount.ts";
import { cutGraphemes } from "../../domain/grapheme-cut.ts";
import { formatPrice } from "../../domain/pricing.ts";
import { countryName, type DestinationRef } from "../../domain/destinations/index.ts";
import type { DataOption, PricedPlanDetails, ValidityOption } from "../../services/catalog.ts";
import { BUY } from "../callback-data.ts";
import { destinationFlag, destinationLabel, destinationName } from "../destination-labels.ts";
import { escapeHtml } from "../html.ts";
import type { View } from "../view.ts";
import type { ViewLocale } from "../view-locale.ts";


function navigationRow(keyboard: InlineKeyboard, { t }: ViewLocale, withBack: boolean): InlineKeyboard {
  keyboard.row();
  if (withBack) keyboard.text(t("buy-back"), BUY.back);
  return keyboard.text(t("buy-cancel"), BUY.cancel);
}

function destinationButtons(keyboard: InlineKeyboard, destinations: DestinationRef[], l: ViewLocale, perRow: number) {
  destinations.forEach((destination, index) => {
    if (index > 0 && index % perRow === 0) keyboard.row();
    keyboard.text(destinationLabel(destination, l.locale, l.t), BUY.destination(destination));
  });
}

/** Step 1: where to. `choices` replaces the popular list after a search; `notice` explains it. */
export function destinationView(
  l: ViewLocale,
  mode: { kind: "popular"; destinations: DestinationRef[] } | { kind: "regions"; destinations: DestinationRef[] } | { kind: "choices"; destinations: DestinationRef[]; notice: string },
): View {
  const keyboard = new InlineKeyboard();
  if (mode.kind === "regions") {
    destinationButtons(keyboard, mode.destinations, l, 2);
    keyboard.row().text(l.t("buy-popular-button"), BUY.popular);
    return { text: l.t("buy-regions"), keyboard: navigationRow(keyboard, l, false) };
  }
  destinationButtons(keyboard, mode.destinations, l, mode.kind === "popular" ? 3 : 2);
  keyboard.row().text(l.t("buy-regions-button"), BUY.regions);
  const text = mode.kind === "choices" ? `${mode.notice}\n\n${l.t("buy-destination")}` : l.t("buy-destination");
  return { text, keyboard: navigationRow(keyboard, l, false) };
}

/** Step 2: how much data. `notice` explains why the traveller is back here. */
export function dataView(l: ViewLocale, destination: DestinationRef, options: DataOption[], currency: string, notice?: string): View {
  const keyboard = new InlineKeyboard();
  options.forEach((option, index) => {
    if (index > 0 && index % 2 === 0) keyboard.row();
    keyboard.text(
      l.t("buy-data-option", { data: formatData(option.dataMb), price: formatPrice(option.fromPrice, currency, l.locale) }),
      BUY.data(option.dataMb),
    );
  });
  const text = l.t("buy-data", heading(l, destination));
  return { text: notice ? `${notice}\n\n${text}` : text, keyboard: navigationRow(keyboard, l, true) };
}

/** Step 3: for how long. */
export function validityView(
  l: ViewLocale,
  destination: DestinationRef,
  dataMb: number,
  options: ValidityOption[],
  currency: string,
): View {
  const keyboard = new InlineKeyboard();
  options.forEach((option, index) => {
    keyboard
      .text(
        l.t("buy-validity-option", { days: option.validityDays, price: formatPrice(option.price, currency, l.locale) }),
        BUY.validity(index),
      )
      .row();
  });
  return {
    text: l.t("buy-validity", { ...heading(l, destination), data: formatData(dataMb) }),
    keyboard: navigationRow(keyboard, l, true),
  };
}

// Catalog texts come from the provider and can be of any length; each is cut
// so the summary stays far below Telegram's 4,096 characters.
const SHOWN_COUNTRIES = 6;
const SHOWN_OPERATORS = 4;
const SHOWN_DEVICES = 3;
const PLAN_NAME_CHARS = 100;
const OPERATOR_CHARS = 40;
const NETWORKS_CHARS = 60;
const SUMMARY_DEVICE_CHARS = 60;

/** Step 4: everything about the plan before paying. `notice` says why the traveller is here (the nearest plan to a request, a refused invoice). */
export function summaryView(l: ViewLocale, plan: PricedPlanDetails, notice?: string): View {
  const names = plan.coverage.map((code) => countryName(code, l.locale));
  const coverage =
    names.length > SHOWN_COUNTRIES
      ? l.t("buy-summary-coverage-more", { list: names.slice(0, SHOWN_COUNTRIES).join(", "), more: names.length - SHOWN_COUNTRIES })
      : names.join(", ");
  const operatorNames = [...new Set(plan.operators.flatMap((o) => o.operators))];
  const networks = cutGraphemes([...new Set(plan.operators.map((o) => o.network))].join(", "), NETWORKS_CHARS, "…");
  const operators = operatorNames.length
    ? `${shortList(operatorNames, SHOWN_OPERATORS, OPERATOR_CHARS)}${networks ? ` (${networks})` : ""}`
    : l.t("buy-summary-operators-unknown");
  const devices = shortList(plan.compatibleDevices, SHOWN_DEVICES, SUMMARY_DEVICE_CHARS);
  const price = formatPrice(plan.price, plan.currency, l.locale);
  const text = l.t("buy-summary", {
    flag: destinationFlag(plan.destination),
    plan: escapeHtml(cutGraphemes(plan.name, PLAN_NAME_CHARS, "…")),
    data: formatData(plan.dataMb),
    days: plan.validityDays,
    price,
    coverage: escapeHtml(coverage),
    operators: escapeHtml(operators),
    devices: escapeHtml(devices),
  });
  const keyboard = new InlineKeyboard()
    .text(l.t("buy-pay-button", { price }), BUY.pay)
    .row()
    .text(l.t("buy-devices-button"), BUY.devices);
  return { text: notice ? `${notice}\n\n${text}` : text, keyboard: navigationRow(keyboard, l, true) };
}

/** The first `count` items, each cut to `chars`, comma-separated, with "…" when there are more. */
function shortList(items: readonly string[], count: number, chars: number): string {
  const shown = items.slice(0, count).map((item) => cutGraphemes(item, chars, "…"));
  return `${shown.join(", ")}${items.length > count ? "…" : ""}`;
}

/** A device name longer than this is cut (a provider's entry may be a whole paragraph). */
const DEVICE_NAME_CHARS = 120;
/**
 * The devices list gets at most this many characters. With the heading and
 * the how-to-check hint (under 600 characters in every language) the message
 * stays within Telegram's 4,096 characters after entity parsing.
 */
const DEVICE_LIST_CHARS = 3_200;

/** The compatible devices that fit in one message, and how many more there are. */
export interface DeviceList {
  shown: string[];
  more: number;
}

/** Lays out a provider's device list for the devices view, however long it is. */
export function fitDevices(devices: readonly string[]): DeviceList {
  const names = devices.map((device) => cutGraphemes(device.trim(), DEVICE_NAME_CHARS, "…")).filter((name) => name !== "");
  const shown: string[] = [];
  let used = 0;
  for (const name of names) {
    const cost = name.length + 3; // "• " and the line break
    if (used + cost > DEVICE_LIST_CHARS) break;
    shown.push(name);
    used += cost;
  }
  return { shown, more: names.length - shown.length };
}

/** The list of compatible devices (as many as fit, then how many more), with a way back to the summary. */
export function devicesView(l: ViewLocale, devices: DeviceList): View {
  const lines = devices.shown.map((device) => `• ${escapeHtml(device)}`);
  if (devices.more > 0) lines.push(l.t("buy-devices-more", { count: devices.more }));
  return {
    text: l.t("buy-devices", { devices: lines.join("\n") }),
    keyboard: new InlineKeyboard().text(l.t("buy-back"), BUY.summary),
  };
}

function heading(l: ViewLocale, destination: DestinationRef) {
  return { flag: destinationFlag(destination), destination: escapeHtml(destinationName(destination, l.locale, l.t)) };
}
