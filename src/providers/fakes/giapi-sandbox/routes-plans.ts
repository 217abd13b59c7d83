/** GET /esim/plans and GET /esim/plans/{id}: the catalog with filters. */
import { Hono, type Context } from "hono";
import type { WirePlanDetails } from "../../giapi/wire.ts";
import { REGION_IDS } from "../../../domain/destinations/index.ts";
import type { PlanSearch } from "./catalog.ts";
import type { SandboxDeps } from "./deps.ts";
import { jsonError } from "./http-json.ts";

/** A parsed filter, or what is wrong with the query. */
export type PlanQueryResult = { ok: true; search: PlanSearch } | { ok: false; message: string };

const REGIONS: ReadonlySet<string> = new Set(REGION_IDS);

/**
 * Parses the query of GET /esim/plans. Wrong values are refused rather than
 * ignored, so a client bug (an alpha-3 code, "5GB") shows up in tests.
 */
export function parsePlanQuery(query: Record<string, string | undefined>): PlanQueryResult {
  const search: PlanSearch = {};
  const { country, region, data_gb: dataGb, validity_days: validityDays } = query;
  if (country !== undefined) {
    if (!/^[A-Za-z]{2}$/.test(country)) return { ok: false, message: "country: expected an ISO alpha-2 code" };
    search.country = country.toUpperCase();
  }
  if (region !== undefined) {
    if (!REGIONS.has(region)) return { ok: false, message: `region: expected one of ${REGION_IDS.join(", ")}` };
    search.region = region;
  }
  if (dataGb !== undefined) {
    const value = Number(dataGb);
    if (dataGb.trim() === "" || !Number.isFinite(value) || value <= 0) {
      return { ok: false, message: "data_gb: expected a positive number" };
    }
    search.dataGb = value;
  }
  if (validityDays !== undefined) {
    if (!/^\d+$/.test(validityDays) || Number(validityDays) === 0) {
      return { ok: false, message: "validity_days: expected a positive whole number" };
    }
    search.validityDays = Number(validityDays);
  }
  return { ok: true, search };
}

/** The plan routes, to mount under /esim. */
export function planRoutes(deps: SandboxDeps): Hono {
  const routes = new Hono();

  routes.get("/plans", (c: Context) => {
    const parsed = parsePlanQuery(c.req.query());
    if (!parsed.ok) return jsonError(c, 400, "invalid_request", parsed.message);
    return c.json({ plans: deps.catalog.search(parsed.search) });
  });

  routes.get("/plans/:id", (c: Context) => {
    const id = c.req.param("id") ?? "";
    const details: WirePlanDetails | undefined = deps.catalog.details(id);
    if (!details) return jsonError(c, 404, "plan_not_found", `no plan ${JSON.stringify(id)}`);
    return c.json(details);
  });

  return routes;
}
