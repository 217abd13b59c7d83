/** Typed text, at any step of the purchase, starts a new destination search. */
import { countryName } from "../../domain/destinations/index.ts";
import { cutGraphemes } from "../../domain/grapheme-cut.ts";
import { escapeHtml } from "../html.ts";
import { popularDestinations, type PurchaseFlow, type Step } from "./purchase-flow.ts";

/** Search input is cut to this; the query echoed back in a notice, shorter still. */
const MAX_QUERY_CHARS = 100;
const MAX_ECHO_CHARS = 40;

/** The step a typed destination leads to: its data step, or choices with a notice saying why. */
export async function searchStep(flow: PurchaseFlow, text: string): Promise<Step> {
  const { conversation, deps } = flow;
  const l = await flow.panel.locale();
  const match = await conversation.external(() => deps.searchDestinations(cutGraphemes(text, MAX_QUERY_CHARS), l.locale));
  const query = escapeHtml(cutGraphemes(text.trim(), MAX_ECHO_CHARS, "…"));
  switch (match.kind) {
    case "found":
      return { at: "data", destination: match.destination };
    case "ambiguous":
      return { at: "choices", destinations: match.options, notice: l.t("buy-search-ambiguous") };
    case "not-sold": {
      const covering = await conversation.external(() => deps.catalog.destinationsCovering(match.countryCode));
      const country = countryName(match.countryCode, l.locale);
      return covering.length
        ? { at: "choices", destinations: covering, notice: l.t("buy-search-not-sold-covering", { country }) }
        : { at: "choices", destinations: await popularDestinations(flow), notice: l.t("buy-search-not-sold", { country }) };
    }
    case "none":
      return match.suggestions.length
        ? { at: "choices", destinations: match.suggestions, notice: l.t("buy-search-suggestions", { query }) }
        : { at: "choices", destinations: await popularDestinations(flow), notice: l.t("buy-search-none", { query }) };
  }
}
