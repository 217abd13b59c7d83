/** Bearer auth of the sandbox's provider API (/esim/*, /webhooks), like a real upstream's. */
import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { jsonError } from "./http-json.ts";

/** True when the Authorization header carries exactly `Bearer <apiKey>`. */
export function hasBearer(header: string | undefined, apiKey: string): boolean {
  if (header === undefined) return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(`Bearer ${apiKey}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Refuses requests without the key with 401; lets everything through when no key is configured. */
export function requireApiKey(apiKey: string | undefined): MiddlewareHandler {
  return async (c, next) => {
    if (apiKey !== undefined && !hasBearer(c.req.header("authorization"), apiKey)) {
      return jsonError(c, 401, "unauthorized", "missing or wrong API key (Authorization: Bearer <key>)");
    }
    await next();
  };
}
