/**
 * The sandbox provider's plan catalog, derived deterministically from
 * ./catalog-data.ts: country plans for every country, regional plans for
 * every region id and worldwide plans, with reseller prices in USD.
 */
import { COMPATIBLE_DEVICES } from "../../../domain/compatible-devices.ts";
import {
  countryName,
  GLOBAL_COUNTRIES,
  REGION_COUNTRIES,
  REGION_IDS,
  type RegionId,
} from "../../../domain/destinations/index.ts";
import type { WirePlan, WirePlanDetails } from "../../giapi/wire.ts";
import {
  COUNTRY_NETWORKS,
  MAJOR_DESTINATIONS,
  REGION_PLAN_LABELS,
  type CountryNetworkData,
  type PriceTier,
} from "./catalog-data.ts";

/** A data amount in GB sold for a number of days. */
type Offer = readonly [dataGb: number, validityDays: number];

/** Filters of GET /esim/plans, already parsed. */
export interface PlanSearch {
  /** ISO alpha-2, any case: plans whose coverage includes it. */
  country?: string;
  /** A region id: the regional plans of that region. */
  region?: string;
  dataGb?: number;
  validityDays?: number;
}

/** The catalog the sandbox serves. */
export interface SandboxCatalog {
  /** Every plan as built (withdrawn ones too): country plans, then regional, then worldwide. */
  readonly plans: readonly WirePlan[];
  /** A plan on sale by id, or undefined for an unknown or withdrawn id. */
  find(planId: string): WirePlan | undefined;
  /** A plan on sale with coverage and compatible devices, or undefined for an unknown or withdrawn id. */
  details(planId: string): WirePlanDetails | undefined;
  /** Plans on sale matching every given filter. */
  search(filter: PlanSearch): WirePlan[];
  /** Stops selling a plan (eSIMs already issued keep working); false for an unknown id. */
  withdraw(planId: string): boolean;
  /** Replaces a plan's compatible devices (e.g. a provider's very long list); false for an unknown id. */
  setCompatibleDevices(planId: string, devices: readonly string[]): boolean;
}

// Offer sets. Some sell one data amount with two validities, so which
// validities exist depends on the data amount, as in real catalogs.
const MAJOR_OFFERS: readonly (readonly Offer[])[] = [
  [[1, 7], [3, 15], [5, 30], [10, 30], [20, 30], [50, 30]],
  [[1, 7], [3, 15], [5, 15], [5, 30], [10, 30], [20, 30]],
  [[1, 7], [3, 7], [3, 30], [10, 30], [20, 30], [50, 30]],
];
const STANDARD_OFFERS: readonly (readonly Offer[])[] = [
  [[1, 7], [3, 15], [5, 30], [10, 30]],
  [[1, 7], [3, 7], [3, 30], [5, 30], [10, 30]],
  [[1, 7], [5, 15], [5, 30], [10, 30], [20, 30]],
  [[1, 7], [3, 15], [10, 15], [10, 30]],
];
const REMOTE_OFFERS: readonly (readonly Offer[])[] = [
  [[1, 7], [3, 15], [5, 30]],
  [[1, 7], [1, 30], [3, 30]],
];
const REGIONAL_OFFERS: readonly Offer[] = [[1, 7], [3, 15], [5, 30], [10, 30], [20, 30]];
const EUROPE_OFFERS: readonly Offer[] = [[1, 7], [3, 15], [5, 30], [10, 30], [20, 30], [50, 30]];
const GLOBAL_OFFERS: readonly Offer[] = [[1, 7], [3, 15], [5, 30], [10, 30], [20, 30]];

/** Price of 1 GB for 7 days by country price tier, in USD. */
const TIER_BASE_USD: Readonly<Record<PriceTier, number>> = { 1: 3.5, 2: 4.5, 3: 5.5, 4: 8.5 };

/** Price of 1 GB for 7 days per region: multi-country plans cost more. */
const REGION_BASE_USD: Readonly<Record<RegionId, number>> = {
  europe: 4.5,
  balkans: 5,
  asia: 6,
  "north-america": 7,
  "middle-east": 7.5,
  oceania: 7.5,
  "latin-america": 8,
  caribbean: 10,
  africa: 11,
};
const GLOBAL_BASE_USD = 10;

/** Region ids become plan-id prefixes; Europe keeps the seed's "eu". */
const REGION_SLUGS: Readonly<Partial<Record<RegionId, string>>> = { europe: "eu" };

/**
 * A reseller price: sub-linear in data (big plans are cheaper per GB), a
 * little more for longer validity, rounded to the usual .49/.99.
 */
export function planPriceUsd(baseUsd: number, dataGb: number, validityDays: number): number {
  const validityFactor = validityDays >= 30 ? 1.2 : validityDays >= 15 ? 1.1 : 1;
  const raw = baseUsd * dataGb ** 0.65 * validityFactor;
  return Math.max(0.99, Math.round(raw * 2) / 2 - 0.01);
}

/** Builds the catalog; throws if the data names a country it has no operators for. */
export function buildSandboxCatalog(): SandboxCatalog {
  const networks = new Map(COUNTRY_NETWORKS.map((c) => [c.code, c]));
  const plans: WirePlan[] = [
    ...COUNTRY_NETWORKS.flatMap(countryPlans),
    ...REGION_IDS.flatMap((region) => regionPlans(region, networks)),
    ...offerPlans(GLOBAL_OFFERS, {
      slug: "global",
      label: "Worldwide",
      type: "global",
      country: null,
      region: null,
      countries: checkedCountries(GLOBAL_COUNTRIES, networks, "global"),
      baseUsd: GLOBAL_BASE_USD,
    }),
  ];
  return new IndexedCatalog(plans, networks);
}

function countryPlans(country: CountryNetworkData): WirePlan[] {
  return offerPlans(offersFor(country), {
    slug: country.code.toLowerCase(),
    label: countryName(country.code, "en"),
    type: "country",
    country: country.code,
    region: null,
    countries: [country.code],
    baseUsd: TIER_BASE_USD[country.tier],
  });
}

function regionPlans(region: RegionId, networks: ReadonlyMap<string, CountryNetworkData>): WirePlan[] {
  return offerPlans(region === "europe" ? EUROPE_OFFERS : REGIONAL_OFFERS, {
    slug: `${REGION_SLUGS[region] ?? region}-regional`,
    label: REGION_PLAN_LABELS[region],
    type: "regional",
    country: null,
    region,
    countries: checkedCountries(REGION_COUNTRIES[region], networks, region),
    baseUsd: REGION_BASE_USD[region],
  });
}

/** Which offer set a country gets: wide for big destinations, short for remote ones, varied otherwise. */
function offersFor(country: CountryNetworkData): readonly Offer[] {
  const pick = (sets: readonly (readonly Offer[])[]): readonly Offer[] => sets[stableHash(country.code) % sets.length]!;
  if (MAJOR_DESTINATIONS.has(country.code)) return pick(MAJOR_OFFERS);
  if (country.tier === 4) return pick(REMOTE_OFFERS);
  return pick(STANDARD_OFFERS);
}

/** A small deterministic hash, so the offer sets vary by country but never between runs. */
function stableHash(text: string): number {
  let hash = 7;
  for (let i = 0; i < text.length; i++) hash = (hash * 31 + text.charCodeAt(i)) % 1_000_003;
  return hash;
}

function checkedCountries(
  codes: readonly string[],
  networks: ReadonlyMap<string, CountryNetworkData>,
  what: string,
): string[] {
  const unknown = codes.filter((code) => !networks.has(code));
  if (unknown.length > 0) throw new Error(`sandbox catalog: ${what} covers countries without operators: ${unknown.join(", ")}`);
  return [...codes];
}

interface PlanTemplate {
  slug: string;
  label: string;
  type: WirePlan["type"];
  country: string | null;
  region: string | null;
  countries: string[];
  baseUsd: number;
}

function offerPlans(offers: readonly Offer[], template: PlanTemplate): WirePlan[] {
  return offers.map(([dataGb, validityDays]) => ({
    plan_id: `${template.slug}-${dataGb}gb-${validityDays}d`,
    name: `${template.label} ${dataGb} GB / ${validityDays} days`,
    type: template.type,
    country: template.country,
    region: template.region,
    countries: template.countries,
    data_gb: dataGb,
    validity_days: validityDays,
    price: planPriceUsd(template.baseUsd, dataGb, validityDays),
    currency: "USD",
    is_esim_compatible: true,
  }));
}

/** The catalog with lookups by id and by covered country. */
class IndexedCatalog implements SandboxCatalog {
  readonly plans: readonly WirePlan[];
  readonly #byId: ReadonlyMap<string, WirePlan>;
  readonly #byCountry = new Map<string, WirePlan[]>();
  readonly #networks: ReadonlyMap<string, CountryNetworkData>;
  readonly #withdrawn = new Set<string>();
  readonly #devices = new Map<string, readonly string[]>();

  constructor(plans: WirePlan[], networks: ReadonlyMap<string, CountryNetworkData>) {
    this.plans = plans;
    this.#networks = networks;
    this.#byId = new Map(plans.map((p) => [p.plan_id, p]));
    if (this.#byId.size !== plans.length) throw new Error("sandbox catalog: duplicate plan ids");
    for (const plan of plans) {
      for (const code of plan.countries) {
        const list = this.#byCountry.get(code) ?? [];
        list.push(plan);
        this.#byCountry.set(code, list);
      }
    }
  }

  find(planId: string): WirePlan | undefined {
    return this.#withdrawn.has(planId) ? undefined : this.#byId.get(planId);
  }

  details(planId: string): WirePlanDetails | undefined {
    const plan = this.find(planId);
    if (!plan) return undefined;
    const coverage = plan.countries.map((code) => {
      const network = this.#networks.get(code);
      return { country: code, operators: [...(network?.operators ?? [])], network: network?.network ?? "4G" };
    });
    return { ...plan, coverage, compatible_devices: [...(this.#devices.get(planId) ?? COMPATIBLE_DEVICES)] };
  }

  search(filter: PlanSearch): WirePlan[] {
    const candidates = filter.country === undefined ? this.plans : (this.#byCountry.get(filter.country.toUpperCase()) ?? []);
    return candidates.filter(
      (plan) =>
        !this.#withdrawn.has(plan.plan_id) &&
        (filter.region === undefined || plan.region === filter.region) &&
        (filter.dataGb === undefined || plan.data_gb === filter.dataGb) &&
        (filter.validityDays === undefined || plan.validity_days === filter.validityDays),
    );
  }

  withdraw(planId: string): boolean {
    if (!this.#byId.has(planId)) return false;
    this.#withdrawn.add(planId);
    return true;
  }

  setCompatibleDevices(planId: string, devices: readonly string[]): boolean {
    if (!this.#byId.has(planId)) return false;
    this.#devices.set(planId, [...devices]);
    return true;
  }
}
