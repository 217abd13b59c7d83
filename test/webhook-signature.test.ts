/** The webhook signature (X-Webhook-Signature: sha256=<hex HMAC>) and the parsing of delivered events. */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseWebhookEvent } from "../src/providers/giapi/webhook-event.ts";
import { isValidWebhookSignature, signWebhookBody } from "../src/providers/giapi/webhook-signature.ts";

const SECRET = "whsec-test-0123456789";
const bytes = (text: string) => new TextEncoder().encode(text);

describe("webhook signature", () => {
  const body = '{"id":"evt_1","type":"esim.activated"}';

  it("is sha256= and the hex HMAC-SHA256 of the raw body", () => {
    const expected = createHmac("sha256", SECRET).update(body).digest("hex");
    expect(signWebhookBody(SECRET, body)).toBe(`sha256=${expected}`);
  });

  it("accepts the right signature, in either hex case", () => {
    const header = signWebhookBody(SECRET, body);
    expect(isValidWebhookSignature(SECRET, bytes(body), header)).toBe(true);
    expect(isValidWebhookSignature(SECRET, bytes(body), `sha256=${header.slice(7).toUpperCase()}`)).toBe(true);
  });

  it("refuses a missing, malformed, truncated or wrong-key signature, and a changed body", () => {
    const header = signWebhookBody(SECRET, body);
    expect(isValidWebhookSignature(SECRET, bytes(body), undefined)).toBe(false);
    expect(isValidWebhookSignature(SECRET, bytes(body), "")).toBe(false);
    expect(isValidWebhookSignature(SECRET, bytes(body), header.slice(7))).toBe(false); // no sha256= prefix
    expect(isValidWebhookSignature(SECRET, bytes(body), header.slice(0, -2))).toBe(false);
    expect(isValidWebhookSignature(SECRET, bytes(body), `${header.slice(0, -1)}z`)).toBe(false);
    expect(isValidWebhookSignature(SECRET, bytes(body), signWebhookBody("another-secret-0123", body))).toBe(false);
    expect(isValidWebhookSignature(SECRET, bytes(`${body} `), header)).toBe(false);
  });

  it("signs bytes, not decoded text: a body that is not UTF-8 still verifies", () => {
    const raw = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    expect(isValidWebhookSignature(SECRET, raw, signWebhookBody(SECRET, raw))).toBe(true);
  });
});

describe("webhook event parsing", () => {
  const event = {
    id: "evt_1",
    type: "esim.data_low",
    created_at: "2026-11-25T10:00:00.000Z",
    data: { order_id: "esim_abc", iccid: "8901101201234123451", external_order_id: "ord_1" },
  };

  it("parses a known eSIM event", () => {
    expect(parseWebhookEvent(JSON.stringify(event))).toEqual({ kind: "event", event });
  });

  it("takes events without external_order_id", () => {
    const { external_order_id: _, ...data } = event.data;
    expect(parseWebhookEvent(JSON.stringify({ ...event, data }))).toMatchObject({ kind: "event", event: { data } });
  });

  it("acknowledges an unknown type without reading its data", () => {
    const parsed = parseWebhookEvent(JSON.stringify({ ...event, type: "invoice.paid", data: { whatever: 1 } }));
    expect(parsed).toEqual({ kind: "unknown_type", id: "evt_1", type: "invoice.paid" });
  });

  it("refuses malformed JSON and unknown shapes, saying what is wrong", () => {
    expect(parseWebhookEvent("{not json")).toEqual({ kind: "invalid", problem: "the body is not valid JSON" });
    expect(parseWebhookEvent(JSON.stringify([event]))).toMatchObject({ kind: "invalid" });
    expect(parseWebhookEvent(JSON.stringify({ ...event, created_at: "yesterday" }))).toMatchObject({
      kind: "invalid",
      problem: expect.stringMatching(/^created_at/),
    });
    expect(parseWebhookEvent(JSON.stringify({ ...event, data: { order_id: "esim_abc" } }))).toMatchObject({
      kind: "invalid",
      problem: expect.stringMatching(/^data\.iccid/),
    });
  });
});
