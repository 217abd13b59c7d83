/**
 * Inline mode (`@bot` in any chat): the user's own eSIMs with their balance,
 * filtered by destination; choosing one posts its balance card. A query
 * naming a destination the user has no eSIM for shows plans for it as
 * shareable cards, each opening the bot on that plan. An empty list gets a
 * button saying why (a country not sold, nothing found) that opens the bot's
 * destinations. Results are personal (never cached across users) and cached
 * briefly.
 */
import type { Composer} from "grammy";
import { InlineKeyboard, InlineQueryResultBuilder, type Context } from "grammy";
import { ShopComposer } from "../composer.ts";
import type { InlineQueryResult, InlineQueryResultsButton } from "grammy/types";
import { formatData } from "../../domain/data-amount.ts";
import { countryName, searchKey, type DestinationMatch, type DestinationRef } from "../../domain/destinations/index.ts";
import { cutGraphemes } from "../../domain/grapheme-cut.ts";
import { dataLeftMb, type Esim } from "../../domain/order.ts";
import { formatPrice } from "../../domain/pricing.ts";
import type { BalanceService } from "../../services/balance.ts";
import type { CatalogService } from "../../services/catalog.ts";
import type { BotContext } from "../context.ts";
import { deepLinkUrl, START_PAYLOAD } from "../deep-links.ts";
import { destinationFlag, destinationName } from "../destination-labels.ts";
import { balanceCard, esimDestination, statusText, validityText } from "../esim-views.ts";
import { escapeHtml } from "../html.ts";
import { viewLocale, type ViewLocale } from "../view-locale.ts";

/** eSIMs looked at per query (a traveller rarely has more). */
const MAX_ESIMS = 20;
const MAX_PLANS = 10;
/** Longer queries are cut (destination names are short). */
const MAX_QUERY_CHARS = 64;
/** Seconds Telegram may reuse an answer for this same user and query. */
const CACHE_SECONDS = 10;

/** What inline mode needs. */
export interface InlineDeps {
  balance: BalanceService;
  catalog: CatalogService;
  searchDestinations(query: string, language: string): DestinationMatch;
  now: () => Date;
}

/** The inline query handler (any chat). */
export function inlineFeature(deps: InlineDeps): Composer<BotContext> {
  const composer = new ShopComposer<BotContext>();

  composer.on("inline_query", async (ctx) => {
    const l = await viewLocale(ctx);
    const query = cutGraphemes(ctx.inlineQuery.query.trim(), MAX_QUERY_CHARS);
    const { esims } = await deps.balance.page(ctx.from.id, 0, MAX_ESIMS);
    const match = query ? deps.searchDestinations(query, l.locale) : null;
    const wanted = match ? destinationsOf(match) : [];
    const mine = query ? esims.filter((esim) => matches(esim, query, wanted, l)) : esims;

    let results: InlineQueryResult[] = mine.map((esim) => esimResult(ctx, esim, l, deps.now()));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: with no destination wanted there are no plans to list, so the guard only saves work.
    if (results.length === 0 && wanted.length > 0) {
      results = wanted
        .flatMap((destination) => deps.catalog.plansFor(destination))
        .flatMap((plan) => {
          // A plan id a deep link cannot carry gets no card.
          const payload = START_PAYLOAD.plan(plan.id);
          return payload ? [{ plan, payload }] : [];
        })
        .slice(0, MAX_PLANS)
        .map(({ plan, payload }) => planResult(ctx, plan, payload, l));
    }
    await ctx.answerInlineQuery(results, {
      is_personal: true,
      cache_time: CACHE_SECONDS,
      ...(results.length === 0 ? { button: emptyListButton(match, l) } : {}),
    });
  });

  return composer;
}

/** The destinations a query names (none when it names nothing sold). */
function destinationsOf(match: DestinationMatch): DestinationRef[] {
  if (match.kind === "found") return [match.destination];
  if (match.kind === "ambiguous") return match.options;
  return [];
}

/**
 * Over an empty list, the way into the bot: My eSIMs when nothing was typed,
 * else the destinations, saying when the country typed is not sold (the
 * bot's search then says so too and offers plans covering it).
 */
function emptyListButton(match: DestinationMatch | null, l: ViewLocale): InlineQueryResultsButton {
  if (!match) return { text: l.t("inline-open-bot"), start_parameter: START_PAYLOAD.myEsims };
  const notSold = match.kind === "not-sold" ? match.countryCode : undefined;
  const link = notSold ? START_PAYLOAD.buyIn(notSold) : null;
  if (notSold && link) return { text: l.t("inline-not-sold", { country: countryName(notSold, l.locale) }), start_parameter: link };
  return { text: l.t("inline-nothing-found"), start_parameter: START_PAYLOAD.buy };
}

/** An eSIM fits a query when it is for a destination the query names, or its name contains the query's letters. */
function matches(esim: Esim, query: string, wanted: DestinationRef[], l: ViewLocale): boolean {
  if (wanted.some((destination) => destination.code === esim.destinationCode)) return true;
  // Flags have no letters: every name would contain the empty key.
  const key = searchKey(query);
  return key !== "" && searchKey(esimDestination(esim, l).name).includes(key);
}

function openBot(ctx: Context, label: string, payload: string): InlineKeyboard {
  return new InlineKeyboard().url(label, deepLinkUrl(ctx.me.username, payload));
}

function esimResult(ctx: Context, esim: Esim, l: ViewLocale, now: Date): InlineQueryResult {
  const { flag, name } = esimDestination(esim, l);
  const title = l.t("inline-esim-title", { flag, destination: name, left: formatData(dataLeftMb(esim)), total: formatData(esim.dataMb) });
  const description = `${statusText(esim, l)} · ${validityText(esim, l, now)} · …${esim.iccid.slice(-4)}`;
  return InlineQueryResultBuilder.article(esim.id, title, {
    description,
    reply_markup: openBot(ctx, l.t("inline-open-mysims"), START_PAYLOAD.myEsims),
  }).text(balanceCard(esim, l, now), { parse_mode: "HTML", link_preview_options: { is_disabled: true } });
}

function planResult(ctx: Context, plan: ReturnType<CatalogService["plansFor"]>[number], payload: string, l: ViewLocale): InlineQueryResult {
  const name = destinationName(plan.destination, l.locale, l.t);
  const flag = destinationFlag(plan.destination);
  const price = formatPrice(plan.price, plan.currency, l.locale);
  const vars = { flag, destination: escapeHtml(name), data: formatData(plan.dataMb), days: plan.validityDays, price };
  return InlineQueryResultBuilder.article(`plan:${plan.id}`, l.t("inline-plan-title", { ...vars, destination: name }), {
    description: l.t("inline-plan-description", vars),
    reply_markup: openBot(ctx, l.t("inline-plan-buy"), payload),
  }).text(l.t("inline-plan-card", vars), { parse_mode: "HTML" });
}
