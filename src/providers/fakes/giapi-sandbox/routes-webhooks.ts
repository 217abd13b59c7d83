/** POST /webhooks of the generic API (assumed shape in ../giapi/wire.ts): register where events go. */
import { Hono } from "hono";
import { wireWebhookRegistrationRequest, type WireWebhookRegistration } from "../../giapi/wire.ts";
import { requireApiKey } from "./api-key.ts";
import type { SandboxDeps } from "./deps.ts";
import { readJsonBody } from "./http-json.ts";

/** The registration route, to mount under /webhooks. */
export function webhookRoutes(deps: SandboxDeps): Hono {
  const routes = new Hono();
  routes.use("*", requireApiKey(deps.apiKey));
  routes.post("/", async (c) => {
    const body = await readJsonBody(c, wireWebhookRegistrationRequest);
    if (!body.ok) return body.response;
    const registered: WireWebhookRegistration = deps.webhooks.register(body.value);
    return c.json(registered, 201);
  });
  return routes;
}
