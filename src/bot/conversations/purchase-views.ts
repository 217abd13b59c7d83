/**
 * What each step of the purchase conversation shows: text and inline
 * keyboard, built from plain data so the conversation stays about flow.
 */
import { InlineKeyboard } from "grammy";
import { formatData } from "../../domain/data-amount.ts";
import { formatPrice } from "../../domain/pricing.ts";
import { countryName, type DestinationRef } from "../../domain/destinations/index.ts";
import type { DataOption, PricedPlanDetails, ValidityOption } from "../../services/catalog.ts";
import { BUY } from "../callback-data.ts";
import { destinationFlag, destinationLabel, destinationName } from "../destination-labels.ts";
import { escapeHtml } from "../html.ts";
import type { ViewLocale } from "../view-locale.ts";

/** A message of the conversation. */
export interface View {
  text: string;
  keyboard: InlineKeyboard;
}

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

const SHOWN_COUNTRIES = 6;
const SHOWN_DEVICES = 3;

/** Step 4: everything about the plan before paying. `notice` explains why the traveller is back here. */
export function summaryView(l: ViewLocale, plan: PricedPlanDetails, notice?: string): View {
  const names = plan.coverage.map((code) => countryName(code, l.locale));
  const coverage =
    names.length > SHOWN_COUNTRIES
      ? l.t("buy-summary-coverage-more", { list: names.slice(0, SHOWN_COUNTRIES).join(", "), more: names.length - SHOWN_COUNTRIES })
      : names.join(", ");
  const operatorNames = [...new Set(plan.operators.flatMap((o) => o.operators))];
  const networks = [...new Set(plan.operators.map((o) => o.network))].join(", ");
  const operators = operatorNames.length
    ? `${operatorNames.slice(0, 4).join(", ")}${operatorNames.length > 4 ? "…" : ""}${networks ? ` (${networks})` : ""}`
    : l.t("buy-summary-operators-unknown");
  const devices = `${plan.compatibleDevices.slice(0, SHOWN_DEVICES).join(", ")}${plan.compatibleDevices.length > SHOWN_DEVICES ? "…" : ""}`;
  const price = formatPrice(plan.price, plan.currency, l.locale);
  const text = l.t("buy-summary", {
    flag: destinationFlag(plan.destination),
    plan: escapeHtml(plan.name),
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

/** The full list of compatible devices, with a way back to the summary. */
export function devicesView(l: ViewLocale, devices: string[]): View {
  const list = devices.map((device) => `• ${escapeHtml(device)}`).join("\n");
  return {
    text: l.t("buy-devices", { devices: list }),
    keyboard: new InlineKeyboard().text(l.t("buy-back"), BUY.summary),
  };
}

function heading(l: ViewLocale, destination: DestinationRef) {
  return { flag: destinationFlag(destination), destination: escapeHtml(destinationName(destination, l.locale, l.t)) };
}
