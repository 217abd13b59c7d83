/**
 * JSON helpers shared by the sandbox routes: the generic API's error shape
 * (`{"error": {"code", "message"}}`) and request bodies validated with zod.
 */
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";
import type { WireError } from "../../giapi/wire.ts";

/** A JSON error response in the wire's error shape. */
export function jsonError(c: Context, status: number, code: string, message: string): Response {
  const body: WireError = { error: { code, message } };
  return c.json(body, status as ContentfulStatusCode);
}

/** A parsed body, or the 400 response to send instead. */
export type BodyResult<T> = { ok: true; value: T } | { ok: false; response: Response };

/** Reads the request body as JSON and validates it; malformed JSON and schema errors become 400 invalid_request. */
export async function readJsonBody<T>(c: Context, schema: z.ZodType<T>): Promise<BodyResult<T>> {
  const text = await c.req.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, response: jsonError(c, 400, "invalid_request", "the body is not valid JSON") };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".") || "body"}: ${issue.message}`);
    return { ok: false, response: jsonError(c, 400, "invalid_request", problems.join("; ")) };
  }
  return { ok: true, value: parsed.data };
}
