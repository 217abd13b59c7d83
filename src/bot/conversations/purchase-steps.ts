/**
 * The steps of the purchase: each shows its view in the panel, waits for the
 * traveller and returns the next step (the plan picker is in
 * ./purchase-picker.ts; typed searches and one-line requests in
 * ./purchase-search.ts). A step whose plan is no longer sold returns an
 * earlier step with a notice instead. No money is handled here: the last
 * step sends the invoice; payments are handled outside.
 */
import { InlineKeyboard } from "grammy";
import { formatData } from "../../domain/data-amount.ts";
import { sendInvoice } from "../invoice.ts";
import {
  fitsPicker,
  planDetails,
  placeOrder,
  popularDestinations,
  regionalDestinations,
  sells,
  type PurchaseFlow,
  type Step,
} from "./purchase-flow.ts";
import { requestKeyOf } from "../request-key.ts";
import { BUY } from "../callback-data.ts";
import type { View } from "../view.ts";
import { decide } from "./purchase-decide.ts";
import { plansStep } from "./purchase-picker.ts";
import { wishStep } from "./purchase-search.ts";
import { dataView, destinationView, devicesView, fitDevices, summaryView, validityView } from "./purchase-views.ts";

type At<A extends Step["at"]> = Extract<Step, { at: A }>;

/** Runs one step and returns the next. */
export function runStep(flow: PurchaseFlow, step: Exclude<Step, At<"done">>): Promise<Step> {
  switch (step.at) {
    case "destination":
    case "choices":
      return destinationStep(flow, step);
    case "plans":
      return plansStep(flow, step);
    case "data":
      return dataStep(flow, step);
    case "validity":
      return validityStep(flow, step);
    case "summary":
      return summaryStep(flow, step);
    case "devices":
      return devicesStep(flow, step);
    case "pay":
      return payStep(flow, step);
    case "cancelled":
      return cancelledStep(flow);
  }
}

/** Where to: popular countries, regions, or the choices a search left; until a destination on sale is pressed. */
async function destinationStep(flow: PurchaseFlow, step: At<"destination" | "choices">): Promise<Step> {
  const l = await flow.panel.locale();
  let view: View;
  if (step.at === "choices") view = destinationView(l, { kind: "choices", destinations: step.destinations, notice: step.notice });
  else {
    const mode = { kind: step.mode, destinations: step.mode === "regions" ? await regionalDestinations(flow) : await popularDestinations(flow) };
    const key = `prompt|${l.locale}|${mode.kind}|${mode.destinations.map((destination) => BUY.destination(destination)).join(",")}`;
    view = flow.deps.views.get(key, () => destinationView(l, mode));
  }
  await flow.panel.show(view);
  return decide(flow, step, await flow.panel.next(), async (button) => {
    if (button.kind === "destination") {
      if (!(await sells(flow, button.destination))) return undefined;
      const wish = step.at === "choices" ? step.wish : undefined;
      return wish ? wishStep(flow, button.destination, wish) : { at: "plans", destination: button.destination };
    }
    if (button.kind === "regions") return { at: "destination", mode: "regions" };
    if (button.kind === "popular") return { at: "destination", mode: "popular" };
    return undefined;
  });
}

/**
 * How much data (the step-by-step path); nothing left for the destination
 * sends the traveller back to the destinations. Back leads to the plan
 * picker, or to the destinations when the picker would not hold every plan.
 */
async function dataStep(flow: PurchaseFlow, step: At<"data">): Promise<Step> {
  const { destination } = step;
  const l = await flow.panel.locale();
  const options = await flow.conversation.external(() => flow.deps.catalog.dataOptions(destination));
  if (options.length === 0) return { at: "choices", destinations: await popularDestinations(flow), notice: l.t("buy-plan-gone") };
  const picker = await fitsPicker(flow, destination);
  await flow.panel.show(dataView(l, destination, options, flow.deps.catalog.currency, step.notice));
  return decide(flow, step, await flow.panel.next(), (button) => {
    if (button.kind === "data" && options.some((option) => option.dataMb === button.dataMb)) {
      return { at: "validity", destination, dataMb: button.dataMb };
    }
    if (button.kind === "back") {
      return picker ? { at: "plans", destination } : { at: "destination", mode: destination.kind === "country" ? "popular" : "regions" };
    }
    return undefined;
  });
}

/** For how long; no plan left for the data amount sends the traveller back to the data step. */
async function validityStep(flow: PurchaseFlow, step: At<"validity">): Promise<Step> {
  const { destination, dataMb } = step;
  const l = await flow.panel.locale();
  const options = await flow.conversation.external(() => flow.deps.catalog.validityOptions(destination, dataMb));
  if (options.length === 0) return { at: "data", destination, notice: l.t("buy-plan-gone") };
  await flow.panel.show(validityView(l, destination, dataMb, options, flow.deps.catalog.currency));
  return decide(flow, step, await flow.panel.next(), (button) => {
    const chosen = button.kind === "validity" ? options[button.index] : undefined;
    if (chosen) return { at: "summary", destination, dataMb, planId: chosen.planId, back: "validity" };
    if (button.kind === "back") return { at: "data", destination };
    return undefined;
  });
}

/** Everything about the plan before paying: Pay, the compatible devices, or back (to the picker or the validity step). */
async function summaryStep(flow: PurchaseFlow, step: At<"summary">): Promise<Step> {
  const { destination, dataMb, planId, back } = step;
  const l = await flow.panel.locale();
  const plan = await flow.conversation.external(() => planDetails(flow.deps.catalog, planId));
  if (!plan) return { at: "choices", destinations: [destination], notice: l.t("buy-plan-gone") };
  await flow.panel.show(summaryView(l, plan, step.notice));
  return decide(flow, step, await flow.panel.next(), (button) => {
    if (button.kind === "pay") return { at: "pay", destination, dataMb, planId, back };
    // Only what the devices view shows is kept: a provider's list can be long, and steps live in the conversation's state.
    if (button.kind === "devices") return { at: "devices", destination, dataMb, planId, back, devices: fitDevices(plan.compatibleDevices) };
    if (button.kind === "back") return back === "plans" ? { at: "plans", destination } : { at: "validity", destination, dataMb };
    return undefined;
  });
}

/** The full list of compatible devices, with a way back to the summary. */
async function devicesStep(flow: PurchaseFlow, step: At<"devices">): Promise<Step> {
  const { destination, dataMb, planId, back } = step;
  await flow.panel.show(devicesView(await flow.panel.locale(), step.devices));
  return decide(flow, step, await flow.panel.next(), (button) =>
    button.kind === "summary" ? { at: "summary", destination, dataMb, planId, back } : undefined,
  );
}

/**
 * Creates the order and sends its invoice, which ends the conversation; a
 * plan gone by now offers the destination again. When Telegram refuses the
 * invoice (e.g. a misconfigured payment provider), the traveller is told so
 * and is back at the summary, where Pay tries again.
 */
async function payStep(flow: PurchaseFlow, step: At<"pay">): Promise<Step> {
  const { destination, dataMb, planId, back } = step;
  const l = await flow.panel.locale();
  const requestKey = requestKeyOf(flow.panel.ctx);
  const order = await flow.conversation.external(() => placeOrder(flow, planId, l.locale, requestKey));
  if (!order) return { at: "choices", destinations: [destination], notice: l.t("buy-plan-gone") };
  const texts = {
    title: l.t("invoice-title", { plan: order.planName }),
    description: l.t("invoice-description", { data: formatData(order.dataMb), days: order.days }),
    label: l.t("invoice-label", { plan: order.planName }),
  };
  try {
    await sendInvoice(flow.panel.ctx.api, flow.chatId, order, texts, flow.deps.paymentProviderToken);
  } catch (error) {
    await flow.conversation.external(() => flow.deps.log.error({ err: error, orderId: order.id }, "Telegram refused the invoice"));
    return { at: "summary", destination, dataMb, planId, back, notice: l.t("invoice-failed") };
  }
  await flow.panel.show({ text: l.t("buy-invoice-sent"), keyboard: new InlineKeyboard() });
  return { at: "done" };
}

/** Cancel: the panel says so and loses its buttons. */
async function cancelledStep(flow: PurchaseFlow): Promise<Step> {
  await flow.panel.close((await flow.panel.locale()).t("cancelled"));
  return { at: "done" };
}
