/** Registering the webhook at start: which URL, and a refusal is one warning, never a failed start. */
import { describe, expect, it } from "vitest";
import type { EsimProvider, WebhookRegistration } from "../src/providers/port.ts";
import { registerProviderWebhook, webhookTargetUrl } from "../src/server/webhook-registration.ts";
import type { Logger } from "../src/services/logger.ts";

/** A logger that keeps every record. */
function recordingLog() {
  const records: Array<{ level: string; obj: object; msg?: string }> = [];
  const log: Logger = {
    info: (obj, msg) => void records.push({ level: "info", obj, msg }),
    warn: (obj, msg) => void records.push({ level: "warn", obj, msg }),
    error: (obj, msg) => void records.push({ level: "error", obj, msg }),
    debug: (obj, msg) => void records.push({ level: "debug", obj, msg }),
    child: () => log,
  };
  return { log, records };
}

const SECRET = "registration-secret-0123";
const LOCAL = "http://127.0.0.1:40123";

function providerWith(registerWebhook?: (input: WebhookRegistration) => Promise<void>): EsimProvider {
  return { registerWebhook } as EsimProvider;
}

describe("webhook target URL", () => {
  it("is PUBLIC_URL plus the path, whatever the provider", () => {
    expect(webhookTargetUrl({ providerKind: "giapi", publicUrl: "https://bot.example.com/shop", localUrl: LOCAL })).toBe(
      "https://bot.example.com/shop/webhooks/provider",
    );
    expect(webhookTargetUrl({ providerKind: "sandbox", publicUrl: "https://bot.example.com", localUrl: LOCAL })).toBe(
      "https://bot.example.com/webhooks/provider",
    );
  });

  it("is the local server for the in-process sandbox only", () => {
    expect(webhookTargetUrl({ providerKind: "sandbox", publicUrl: undefined, localUrl: LOCAL })).toBe(`${LOCAL}/webhooks/provider`);
    expect(webhookTargetUrl({ providerKind: "giapi", publicUrl: undefined, localUrl: LOCAL })).toBeUndefined();
  });
});

describe("registering at start", () => {
  it("sends the URL and the secret to the provider", async () => {
    const calls: WebhookRegistration[] = [];
    const { log } = recordingLog();
    const provider = providerWith(async (input) => void calls.push(input));
    await registerProviderWebhook({ provider, providerKind: "giapi", publicUrl: "https://bot.example.com", localUrl: LOCAL, secret: SECRET, log });
    expect(calls).toEqual([{ url: "https://bot.example.com/webhooks/provider", secret: SECRET }]);
  });

  it("logs a refusal once as a warning, without the secret, and does not throw", async () => {
    const { log, records } = recordingLog();
    const provider = providerWith(async () => {
      throw new Error("POST /webhooks: HTTP 500");
    });
    await expect(
      registerProviderWebhook({ provider, providerKind: "giapi", publicUrl: "https://bot.example.com", localUrl: LOCAL, secret: SECRET, log }),
    ).resolves.toBeUndefined();
    const warnings = records.filter((r) => r.level === "warn");
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.msg).toMatch(/registering the webhook with the provider failed; polling still watches/);
    expect(JSON.stringify(records)).not.toContain(SECRET);
  });

  it("skips providers without registration (octopus) and giapi without PUBLIC_URL, saying so", async () => {
    const { log, records } = recordingLog();
    await registerProviderWebhook({ provider: providerWith(), providerKind: "octopus", publicUrl: "https://x.example", localUrl: LOCAL, secret: SECRET, log });
    let called = false;
    const giapi = providerWith(async () => void (called = true));
    await registerProviderWebhook({ provider: giapi, providerKind: "giapi", publicUrl: undefined, localUrl: LOCAL, secret: SECRET, log });
    expect(called).toBe(false);
    expect(records.map((r) => [r.level, r.msg])).toEqual([
      ["info", expect.stringContaining("no webhook registration")],
      ["info", expect.stringContaining("PUBLIC_URL is not set")],
    ]);
  });
});
