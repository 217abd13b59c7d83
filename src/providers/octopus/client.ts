/**
 * The octopus products/variants API (shared/seeds/003_…txt) behind the
 * provider port. The catalog is every page of /products, then each
 * product's variants from /products/:id, a few at a time; products become
 * destinations (./destinations.ts) and variants plans (./plans.ts). Orders,
 * usage and top-ups follow the assumed contract in ./orders-contract.ts.
 */
import { COMPATIBLE_DEVICES } from "../../domain/compatible-devices.ts";
import { ProviderNotFoundError, ProviderResponseError } from "../errors.ts";
import { JsonHttpClient, type JsonHttpOptions } from "../http/json-client.ts";
import { mapConcurrent } from "../http/map-concurrent.ts";
import type {
  EsimProvider,
  EsimUsage,
  PlaceOrderInput,
  Plan,
  PlanDetails,
  PlanFilter,
  ProviderOrder,
  TopUpInput,
} from "../port.ts";
import { productDestination, type ProductDestination } from "./destinations.ts";
import { OctopusOrdersApi } from "./orders-contract.ts";
import { fetchAllPages } from "./pages.ts";
import { parsePlanId, variantToPlan, type UsdRates } from "./plans.ts";
import {
  MAX_PER_PAGE,
  OCTOPUS_API_PREFIX,
  wireProductDetails,
  wireProductList,
  type WireProduct,
  type WireProductDetails,
} from "./wire.ts";

const PRODUCTS_PATH = `${OCTOPUS_API_PREFIX}/products`;

/** Where the API lives by default (the document's examples). */
export const OCTOPUS_DEFAULT_BASE_URL = "https://api.octopuscards.io";

/** Something the catalog could not sell, with why. */
export type OctopusNote = (details: Record<string, unknown>, message: string) => void;

/** Options of OctopusProvider. */
export interface OctopusProviderOptions extends Omit<JsonHttpOptions, "providerName"> {
  /** `per_page` when listing products, 1–100. Default 50 (the API's default). */
  pageSize?: number;
  /** Most product pages read before giving up on a server that never ends. Default 200. */
  maxPages?: number;
  /** Product details fetched at once. Default 8. */
  concurrency?: number;
  /** USD per unit for non-USD variants, e.g. `{ EUR: 1.08 }`; others are skipped. Default none. */
  usdRates?: UsdRates;
  /** Told about each product or variant left out of the catalog (e.g. pino's `log.warn.bind(log)`). */
  onSkip?: OctopusNote;
}

/** EsimProvider over the octopus products/variants HTTP API. */
export class OctopusProvider implements EsimProvider {
  readonly #http: JsonHttpClient;
  readonly #orders: OctopusOrdersApi;
  readonly #pageSize: number;
  readonly #maxPages: number;
  readonly #concurrency: number;
  readonly #usdRates: UsdRates;
  readonly #onSkip: OctopusNote;

  constructor(options: OctopusProviderOptions) {
    this.#http = new JsonHttpClient({ ...options, providerName: "octopus" });
    this.#orders = new OctopusOrdersApi(this.#http);
    this.#pageSize = Math.min(Math.max(Math.trunc(options.pageSize ?? 50), 1), MAX_PER_PAGE);
    this.#maxPages = options.maxPages ?? 200;
    this.#concurrency = options.concurrency ?? 8;
    this.#usdRates = options.usdRates ?? {};
    this.#onSkip = options.onSkip ?? (() => undefined);
  }

  async listPlans(filter: PlanFilter = {}): Promise<Plan[]> {
    const products = await fetchAllPages(this.#http, PRODUCTS_PATH, wireProductList, {}, {
      perPage: this.#pageSize,
      maxPages: this.#maxPages,
    });
    // Place products first, so a filter saves the variant requests of products it leaves out.
    const placed = products.flatMap((product) => {
      const place = this.#place(product);
      return place && matchesPlace(place, filter) ? [{ product, place }] : [];
    });
    const details = await mapConcurrent(placed, this.#concurrency, ({ product }) => this.#productDetails(product.id));
    const plans = details.flatMap((product, i) => this.#plansOf(product, placed[i]!.place));
    return plans.filter((plan) => matchesPlan(plan, filter));
  }

  async getPlan(planId: string): Promise<PlanDetails> {
    const ref = parsePlanId(planId);
    if (!ref) throw new ProviderNotFoundError(`octopus: ${JSON.stringify(planId)} is not an octopus plan id`);
    const product = await this.#productDetails(ref.productId);
    const place = this.#place(product);
    const plan = place && this.#plansOf(product, place).find((p) => p.id === planId);
    if (!plan) throw new ProviderNotFoundError(`octopus: plan ${planId} is no longer sold`);
    // The API documents no operators; the device list is the usual eSIM-capable one.
    return { ...plan, operators: [], compatibleDevices: [...COMPATIBLE_DEVICES] };
  }

  async placeOrder(input: PlaceOrderInput): Promise<ProviderOrder> {
    const ref = parsePlanId(input.planId);
    if (!ref) throw new ProviderNotFoundError(`octopus: ${JSON.stringify(input.planId)} is not an octopus plan id`);
    return this.#orders.place(ref.variantId, input.externalOrderId);
  }

  findOrderByExternalId(externalOrderId: string): Promise<ProviderOrder | null> {
    return this.#orders.findByExternalId(externalOrderId);
  }

  getUsage(providerOrderId: string): Promise<EsimUsage> {
    return this.#orders.usage(providerOrderId);
  }

  topUp(input: TopUpInput): Promise<EsimUsage> {
    return this.#orders.topUp(input);
  }

  /** Releases the connection pool. */
  close(): Promise<void> {
    return this.#http.close();
  }

  async #productDetails(productId: number): Promise<WireProductDetails> {
    return checkedDetails(productId, await this.#http.get(`${PRODUCTS_PATH}/${productId}`, wireProductDetails));
  }

  #place(product: WireProduct): ProductDestination | null {
    const place = productDestination(product);
    if (!place) {
      this.#onSkip(
        { productId: product.id, name: product.name, countryCode: product.country_code },
        "octopus: product skipped: its country code is neither a country nor GLO, and its name names no region",
      );
    }
    return place;
  }

  #plansOf(product: WireProductDetails, place: ProductDestination): Plan[] {
    return product.variants.flatMap((variant) => {
      const mapped = variantToPlan(product.id, place, variant, this.#usdRates);
      if (mapped.ok) return [mapped.plan];
      const details = { productId: product.id, variantId: variant.id, name: variant.name };
      this.#onSkip(details, `octopus: variant skipped: ${mapped.reason}`);
      return [];
    });
  }
}

/** A product whose body is about another product, or whose variants belong elsewhere, is a broken answer. */
function checkedDetails(productId: number, product: WireProductDetails): WireProductDetails {
  const stray = product.variants.find((v) => v.esim_product_id !== product.id);
  if (product.id !== productId || stray) {
    const what = stray ? `variant ${stray.id} of product ${stray.esim_product_id}` : `product ${product.id}`;
    throw new ProviderResponseError(`GET ${PRODUCTS_PATH}/${productId}: the answer is about ${what}`);
  }
  return product;
}

function matchesPlace(place: ProductDestination, filter: PlanFilter): boolean {
  if (filter.country !== undefined && !place.coverage.includes(filter.country.toUpperCase())) return false;
  if (filter.region === undefined) return true;
  return place.destination.kind === "region" && place.destination.code === filter.region;
}

function matchesPlan(plan: Plan, filter: PlanFilter): boolean {
  return (
    (filter.dataMb === undefined || plan.dataMb === filter.dataMb) &&
    (filter.validityDays === undefined || plan.validityDays === filter.validityDays)
  );
}
