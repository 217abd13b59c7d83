/**
 * Walks a list endpoint that paginates in response headers (X-Page,
 * X-Total-Pages, X-Has-More, …) and returns every item once. A server that
 * lies cannot make it loop: it stops at `maxPages`, refuses a page that is
 * not the one asked for or whose X-Page-Size is not its length, and drops
 * items it has already seen.
 */
import type { z } from "zod";
import { ProviderResponseError } from "../errors.ts";
import { describeIssue, type JsonHttpClient, type Query } from "../http/json-client.ts";
import { wirePaginationHeaders, type Pagination } from "./wire.ts";

/** How to walk the pages. */
export interface PageWalk {
  /** `per_page` to ask for. */
  perPage: number;
  /** Refuse to read more pages than this: the server is lying or the catalog is not what we expect. */
  maxPages: number;
}

/** Reads the pagination headers of one page, or throws ProviderResponseError. */
export function readPagination(what: string, headers: Readonly<Record<string, string>>): Pagination {
  const parsed = wirePaginationHeaders.safeParse(headers);
  if (!parsed.success) {
    throw new ProviderResponseError(`${what}: unexpected pagination headers (${describeIssue(parsed.error)})`);
  }
  return parsed.data;
}

/** GETs every page of `path` and returns all items, de-duplicated by id, in the server's order. */
export async function fetchAllPages<T extends { id: number }>(
  http: JsonHttpClient,
  path: string,
  schema: z.ZodType<T[]>,
  query: Query,
  walk: PageWalk,
): Promise<T[]> {
  const items = new Map<number, T>();
  for (let page = 1; ; page++) {
    const what = `GET ${path} page ${page}`;
    const pageQuery = { ...query, page: String(page), per_page: String(walk.perPage) };
    const response = await http.getWithHeaders(path, schema, pageQuery);
    const pagination = readPagination(what, response.headers);
    if (pagination.page !== page) {
      throw new ProviderResponseError(`${what}: the server answered with page ${pagination.page}`);
    }
    if (pagination.pageSize !== undefined && pagination.pageSize !== response.body.length) {
      throw new ProviderResponseError(
        `${what}: X-Page-Size says ${pagination.pageSize} items, the body has ${response.body.length}`,
      );
    }
    for (const item of response.body) if (!items.has(item.id)) items.set(item.id, item);
    const last = pagination.hasMore === false || page >= pagination.totalPages || response.body.length === 0;
    if (last) break;
    if (page >= walk.maxPages) {
      throw new ProviderResponseError(`${what}: still more pages after ${walk.maxPages}; refusing to read on`);
    }
  }
  return [...items.values()];
}
