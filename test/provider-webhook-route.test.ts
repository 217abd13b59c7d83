/**
 * The provider webhook route (src/server/provider-webhook-route.ts) with
 * fakes of the services behind it: what the provider is answered in each
 * case, that a failure releases the event id so the provider's retry is
 * handled, and that the outbox is kicked only when there is something to
 * send. The event-id store's daily forgetting (src/services/webhook-event-ids.ts).
 */
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { signWebhook } from "../src/providers/giapi/webhook-signature.ts";
import { createHttpApp } from "../src/server/http-server.ts";
import { providerWebhookRoutes, WEBHOOK_MAX_BODY_BYTES } from "../src/server/provider-webhook-route.ts";
import type { HintOutcome } from "../src/services/provider-events.ts";
import { WebhookEventIds, type HandledEventStore } from "../src/services/webhook-event-ids.ts";

const SECRET = "provider-route-secret-0123456789";
const NOW = new Date("2026-12-10T12:00:00.000Z");
const EVENT = {
  id: "evt_1",
  type: "esim.data_low",
  created_at: "2026-12-10T11:59:58.000Z",
  data: { order_id: "esim_abc", iccid: "8901101201234123451" },
};

/** The route over fakes; `apply` decides what applying a hint does. */
function route(apply: () => Promise<HintOutcome>) {
  const calls: string[] = [];
  const handled = new Set<string>();
  const log = pino({ level: "silent" });
  const routes = providerWebhookRoutes({
    secret: SECRET,
    applyHint: async (hint) => {
      calls.push(`apply ${hint.iccid}`);
      return apply();
    },
    claimEvent: async (id) => {
      if (handled.has(id)) return false;
      handled.add(id);
      return true;
    },
    releaseEvent: async (id) => {
      calls.push(`release ${id}`);
      handled.delete(id);
    },
    onRecorded: () => void calls.push("kick outbox"),
    now: () => NOW,
    log,
  });
  const http = createHttpApp({ routes: [routes], readiness: async () => ({ ready: true, status: "ok", checks: {} }), log });
  const post = async (body: string, signed = true) => {
    const headers = signed ? signWebhook(SECRET, body, NOW) : {};
    const response = await http.request("/webhooks/provider", { method: "POST", body, headers });
    return [response.status, await response.json()];
  };
  return { post, calls };
}

const recorded = (notifications: number) => async (): Promise<HintOutcome> => ({ kind: "recorded", esimId: "esim_1", notifications });

describe("the provider webhook route", () => {
  it("records an event, kicks the outbox only when it has messages to send, and acknowledges a repeat", async () => {
    const withMessages = route(recorded(2));
    expect(await withMessages.post(JSON.stringify(EVENT))).toEqual([200, { status: "recorded" }]);
    expect(await withMessages.post(JSON.stringify(EVENT))).toEqual([200, { status: "duplicate" }]);
    expect(withMessages.calls).toEqual([`apply ${EVENT.data.iccid}`, "kick outbox"]);

    const nothingToSend = route(recorded(0));
    expect(await nothingToSend.post(JSON.stringify(EVENT))).toEqual([200, { status: "recorded" }]);
    expect(nothingToSend.calls).toEqual([`apply ${EVENT.data.iccid}`]);
  });

  it("answers 503 when the eSIM cannot be read, and releases the event id so the provider's retry is handled", async () => {
    let fail = true;
    const { post, calls } = route(async () => {
      if (fail) throw new Error("provider unreachable");
      return { kind: "recorded", esimId: "esim_1", notifications: 1 };
    });
    expect(await post(JSON.stringify(EVENT))).toEqual([503, { error: "temporarily_unavailable" }]);
    fail = false;
    expect(await post(JSON.stringify(EVENT))).toEqual([200, { status: "recorded" }]);
    expect(calls).toEqual([`apply ${EVENT.data.iccid}`, `release ${EVENT.id}`, `apply ${EVENT.data.iccid}`, "kick outbox"]);
  });

  it("names what is wrong: unsigned, too large, not an event; acknowledges unknown types and eSIMs", async () => {
    const { post, calls } = route(async () => ({ kind: "unknown_esim" }));
    expect(await post(JSON.stringify(EVENT), false)).toEqual([401, { error: "invalid_signature" }]);
    const [status, body] = await post(JSON.stringify({ ...EVENT, pad: "x".repeat(WEBHOOK_MAX_BODY_BYTES) }));
    expect([status, body]).toEqual([413, { error: "payload_too_large" }]);
    const [badStatus, bad] = await post('{"id":"evt_2"}');
    expect(badStatus).toBe(400);
    expect(bad).toMatchObject({ error: "invalid_event", problem: expect.any(String) });
    expect(await post(JSON.stringify({ ...EVENT, id: "evt_3", type: "esim.renamed" }))).toEqual([200, { status: "ignored" }]);
    expect(await post(JSON.stringify({ ...EVENT, id: "evt_4" }))).toEqual([202, { status: "unknown_esim" }]);
    expect(calls).toEqual([`apply ${EVENT.data.iccid}`]);
  });
});

describe("handled webhook event ids", () => {
  it("forget ids older than a day, sweeping at most once an hour", async () => {
    let now = NOW.getTime();
    const sweeps: string[] = [];
    const store: HandledEventStore = {
      claim: async () => true,
      release: async () => undefined,
      deleteReceivedBefore: async (cutoff) => {
        sweeps.push(cutoff.toISOString());
        return 1;
      },
    };
    const ids = new WebhookEventIds({ store, now: () => new Date(now), log: pino({ level: "silent" }) });
    await ids.claim("evt_1");
    expect(sweeps).toEqual(["2026-12-09T12:00:00.000Z"]);
    now += 60 * 60_000 - 1;
    await ids.claim("evt_2");
    expect(sweeps).toHaveLength(1);
    now += 1; // exactly an hour after the first sweep
    await ids.claim("evt_3");
    expect(sweeps).toEqual(["2026-12-09T12:00:00.000Z", "2026-12-09T13:00:00.000Z"]);
  });
});
