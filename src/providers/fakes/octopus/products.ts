/**
 * The documented catalog endpoints of the octopus fake, under /api/v1/esim:
 * GET /products (page, per_page, country_code, search; pagination headers),
 * GET /products/:id (variants inlined) and GET /products/:id/variants.
 */
import { Hono, type Context } from "hono";
import { octopusError, paginated, positiveInt } from "./http.ts";
import type { WireProduct, WireProductDetails } from "../../octopus/wire.ts";

/** The list entry of a product: everything but its variants. */
function listEntry({ variants: _variants, ...product }: WireProductDetails): WireProduct {
  return product;
}

/** The catalog routes over `products`. */
export function productRoutes(products: readonly WireProductDetails[]): Hono {
  const routes = new Hono();
  const byId = new Map(products.map((p) => [p.id, p]));

  /** The product of the `:id` in the path, or the 400/404 to answer. */
  const productOf = (c: Context): WireProductDetails | Response => {
    const id = positiveInt(c.req.param("id"));
    if (id === null) return octopusError(c, "validation", "Invalid product ID");
    return byId.get(id) ?? octopusError(c, "notFound", "Product not found");
  };

  routes.get("/products", (c) => {
    const countryCode = c.req.query("country_code")?.trim().toUpperCase();
    const search = c.req.query("search")?.trim().toLowerCase();
    const matching = products.filter(
      (p) =>
        (!countryCode || p.country_code.toUpperCase() === countryCode) &&
        (!search || p.name.toLowerCase().includes(search)),
    );
    return paginated(c, matching.map(listEntry));
  });

  routes.get("/products/:id", (c) => {
    const product = productOf(c);
    return product instanceof Response ? product : c.json(product);
  });

  routes.get("/products/:id/variants", (c) => {
    const product = productOf(c);
    return product instanceof Response ? product : c.json(product.variants);
  });

  return routes;
}
