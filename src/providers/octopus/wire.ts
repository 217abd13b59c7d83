/**
 * The octopus products/variants API (shared/seeds/003_…txt) on the wire, as
 * documented: products (a country, a region or "GLO"), each with variants
 * (the data plans you order), pagination in response headers, and errors as
 * `{"error": {"name", "code", "message"}}`. Auth: `Authorization: Bearer <key>`.
 *
 * Ordering, usage and top-ups are not documented; their assumed shapes live
 * in ./orders-contract.ts alone.
 */
import { z } from "zod";

/** Where the documented endpoints live, relative to the API root. */
export const OCTOPUS_API_PREFIX = "/api/v1/esim";

/** The country code the API uses for worldwide products. */
export const GLOBAL_COUNTRY_CODE = "GLO";

/** The largest `per_page` the client asks for (the document shows 50, its default). */
export const MAX_PER_PAGE = 100;

/** One entry of GET /api/v1/esim/products (the body is an array of these). */
export const wireProduct = z.object({
  id: z.number().int().positive(),
  name: z.string().min(1),
  /** ISO 3166-1 alpha-3, or "GLO" for global; regional products carry a code of the API's own. */
  country_code: z.string().trim().min(1),
  /** ISO 4217 wallet/charge currency. */
  currency_code: z.string().length(3),
  /** May be empty (""); some APIs send null for "no image", accepted too. */
  image_url: z.string().nullish(),
});
/** A product as listed. */
export type WireProduct = z.infer<typeof wireProduct>;

/** The body of GET /api/v1/esim/products. */
export const wireProductList = z.array(wireProduct);

/** A data plan of a product. */
export const wireVariant = z.object({
  id: z.number().int().positive(),
  esim_product_id: z.number().int().positive(),
  name: z.string().min(1),
  description: z.string().nullish(),
  currency_code: z.string().length(3),
  /** List price in `currency_code`, before the client discount. */
  amount: z.number().nonnegative(),
  data_amount_gb: z.number().positive(),
  validity_days: z.number().int().positive(),
  /** Percent off `amount` for this client (see ./plans.ts); absent reads as no discount. */
  client_discount: z.number().min(0).max(100).default(0),
});
/** A variant (data plan) of a product. */
export type WireVariant = z.infer<typeof wireVariant>;

/** GET /api/v1/esim/products/:id: the product with its variants inlined. */
export const wireProductDetails = wireProduct.extend({ variants: z.array(wireVariant) });
/** A product with its variants. */
export type WireProductDetails = z.infer<typeof wireProductDetails>;

/** The error body of every non-2xx answer. */
export const wireOctopusError = z.object({
  error: z.object({ name: z.string(), code: z.string(), message: z.string() }),
});
/** An error body. */
export type WireOctopusError = z.infer<typeof wireOctopusError>;

const count = z.string().trim().regex(/^\d+$/, "expected a whole number").transform(Number);
const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(["true", "false"]))
  .transform((value) => value === "true");

/**
 * The pagination headers of a list (names lower-cased, as HTTP clients give
 * them). X-Page, X-Total-Count and X-Total-Pages are required to walk the
 * pages safely; the rest are checked when present.
 */
export const wirePaginationHeaders = z
  .object({
    "x-page": count.pipe(z.number().int().positive()),
    "x-per-page": count.optional(),
    "x-total-count": count,
    "x-total-pages": count,
    "x-page-size": count.optional(),
    "x-has-more": flag.optional(),
  })
  .transform((h) => ({
    page: h["x-page"],
    perPage: h["x-per-page"],
    totalCount: h["x-total-count"],
    totalPages: h["x-total-pages"],
    pageSize: h["x-page-size"],
    hasMore: h["x-has-more"],
  }));
/** The pagination of one page, as numbers (optional headers may be undefined). */
export type Pagination = z.output<typeof wirePaginationHeaders>;

/** Query parameters of GET /api/v1/esim/products. */
export interface WireProductQuery {
  page?: string;
  per_page?: string;
  /** Alpha-3, "GLO" or a regional code. */
  country_code?: string;
  /** Case-insensitive name search. */
  search?: string;
}
