/**
 * HTTP helpers of the octopus fake: errors in the API's shape, ids and
 * bodies validated like the API does (400 VALIDATION_FAILURE), and lists
 * paginated in response headers exactly as the document describes.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import { describeIssue } from "../../http/json-client.ts";
import type { BodyResult } from "../giapi-sandbox/http-json.ts";
import { MAX_PER_PAGE, type WireOctopusError } from "../../octopus/wire.ts";

/** Error names and codes the fake answers with, by kind. */
export const FAKE_ERRORS = {
  unauthorized: { status: 401, name: "UnauthorizedError", code: "UNAUTHORIZED" },
  validation: { status: 400, name: "ValidationException", code: "VALIDATION_FAILURE" },
  notFound: { status: 404, name: "NotFoundException", code: "NOT_FOUND" },
  conflict: { status: 409, name: "ConflictException", code: "CONFLICT" },
  internal: { status: 500, name: "InternalServerError", code: "INTERNAL_ERROR" },
} as const;

/** A kind of error the fake answers with. */
export type FakeErrorKind = keyof typeof FAKE_ERRORS;

/** A JSON error response in the API's shape. */
export function octopusError(c: Context, kind: FakeErrorKind, message: string): Response {
  const { status, name, code } = FAKE_ERRORS[kind];
  return errorResponse(c, status, name, code, message);
}

/** An error response with any status (injected faults). */
export function errorResponse(c: Context, status: number, name: string, code: string, message: string): Response {
  const body: WireOctopusError = { error: { name, code, message } };
  return c.json(body, status as ContentfulStatusCode);
}

/** A positive integer path or query value, or null ("0", "-3", "1.5", "abc" are not). */
export function positiveInt(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return null;
  const number = Number(value);
  return number > 0 ? number : null;
}

const NOT_JSON = Symbol("not JSON");

/** The request body validated with `schema`, or the 400 to answer instead. */
export async function readBody<T>(c: Context, schema: z.ZodType<T>): Promise<BodyResult<T>> {
  const json: unknown = await c.req.json().catch(() => NOT_JSON);
  if (json === NOT_JSON) {
    return { ok: false, response: octopusError(c, "validation", "Request body is not valid JSON") };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, response: octopusError(c, "validation", describeIssue(parsed.error)) };
}

/**
 * One page of `items` as the API answers a list: the array body and the
 * X-Page, X-Per-Page, X-Total-Count, X-Total-Pages, X-Page-Size and
 * X-Has-More headers. `page` and `per_page` default to 1 and 50; a page
 * past the end is an empty array.
 */
export function paginated<T>(c: Context, items: readonly T[]): Response {
  const pageText = c.req.query("page");
  const perPageText = c.req.query("per_page");
  const page = pageText === undefined ? 1 : positiveInt(pageText);
  if (page === null) return octopusError(c, "validation", "page must be a positive integer");
  const perPage = perPageText === undefined ? 50 : positiveInt(perPageText);
  if (perPage === null || perPage > MAX_PER_PAGE) {
    return octopusError(c, "validation", `per_page must be an integer from 1 to ${MAX_PER_PAGE}`);
  }
  const totalPages = Math.ceil(items.length / perPage);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  c.header("X-Page", String(page));
  c.header("X-Per-Page", String(perPage));
  c.header("X-Total-Count", String(items.length));
  c.header("X-Total-Pages", String(totalPages));
  c.header("X-Page-Size", String(slice.length));
  c.header("X-Has-More", String(page < totalPages));
  return c.json(slice);
}
