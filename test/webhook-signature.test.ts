/**
 * The webhook signature (X-Webhook-Timestamp + X-Webhook-Signature: sha256=<hex
 * HMAC of "<timestamp>.<body>">) and the parsing of delivered events.
 */
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseWebhookEvent } from "../src/providers/giapi/webhook-event.ts";
import { signWebhook, verifyWebhook, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from "../src/providers/giapi/webhook-signature.ts";

const SECRET = "whsec-test-0123456789";
const bytes = (text: string) => new TextEncoder().encode(text);
const SENT = new Date("2026-12-10T12:00:00.000Z");
const seconds = (ms: number) => new Date(SENT.getTime() + ms);

/** The headers of `signWebhook` as verifyWebhook reads them. */
function headersOf(signed: Record<string, string>) {
  return { timestamp: signed[WEBHOOK_TIMESTAMP_HEADER], signature: signed[WEBHOOK_SIGNATURE_HEADER] };
}

describe("webhook signature", () => {
  const body = '{"id":"evt_1","type":"esim.activated"}';

  it("is the send time in seconds, and sha256= the hex HMAC-SHA256 of '<timestamp>.<raw body>'", () => {
    const timestamp = String(SENT.getTime() / 1000);
    const expected = createHmac("sha256", SECRET).update(`${timestamp}.${body}`).digest("hex");
    expect(signWebhook(SECRET, body, SENT)).toEqual({ [WEBHOOK_TIMESTAMP_HEADER]: timestamp, [WEBHOOK_SIGNATURE_HEADER]: `sha256=${expected}` });
  });

  it("accepts the right signature, in either hex case, within 5 minutes of sending", () => {
    const headers = headersOf(signWebhook(SECRET, body, SENT));
    expect(verifyWebhook(SECRET, bytes(body), headers, SENT)).toBeNull();
    expect(verifyWebhook(SECRET, bytes(body), { ...headers, signature: `sha256=${headers.signature!.slice(7).toUpperCase()}` }, SENT)).toBeNull();
    expect(verifyWebhook(SECRET, bytes(body), headers, seconds(5 * 60_000))).toBeNull();
    // A sender whose clock runs a little ahead.
    expect(verifyWebhook(SECRET, bytes(body), headers, seconds(-25_000))).toBeNull();
  });

  it("refuses a delivery signed more than 5 minutes ago, or too far in the future", () => {
    const headers = headersOf(signWebhook(SECRET, body, SENT));
    expect(verifyWebhook(SECRET, bytes(body), headers, seconds(5 * 60_000 + 1_000))).toBe("expired");
    expect(verifyWebhook(SECRET, bytes(body), headers, seconds(365 * 24 * 3_600_000))).toBe("expired");
    expect(verifyWebhook(SECRET, bytes(body), headers, seconds(-31_000))).toBe("future");
  });

  it("refuses a missing, malformed, truncated or wrong-key signature, a changed body or a changed timestamp", () => {
    const headers = headersOf(signWebhook(SECRET, body, SENT));
    const check = (changed: Partial<typeof headers>, text = body) => verifyWebhook(SECRET, bytes(text), { ...headers, ...changed }, SENT);
    expect(check({ signature: undefined })).toBe("missing");
    expect(check({ timestamp: undefined })).toBe("missing");
    expect(check({ signature: "" })).toBe("invalid");
    expect(check({ signature: headers.signature!.slice(7) })).toBe("invalid"); // no sha256= prefix
    expect(check({ signature: headers.signature!.slice(0, -2) })).toBe("invalid");
    expect(check({ signature: `${headers.signature!.slice(0, -1)}z` })).toBe("invalid");
    expect(check({ signature: headersOf(signWebhook("another-secret-0123", body, SENT)).signature })).toBe("invalid");
    expect(check({}, `${body} `)).toBe("invalid");
    // The timestamp is signed: moving it forward to pass the age check breaks the signature.
    expect(check({ timestamp: String(Number(headers.timestamp) + 60) })).toBe("invalid");
    expect(check({ timestamp: "yesterday" })).toBe("invalid");
  });

  it("accepts a sender exactly 30 s ahead of our clock, and ignores spaces around either header", () => {
    const headers = headersOf(signWebhook(SECRET, body, SENT));
    expect(verifyWebhook(SECRET, bytes(body), headers, seconds(-30_000))).toBeNull();
    const spaced = { timestamp: ` ${headers.timestamp} `, signature: `${headers.signature} ` };
    expect(verifyWebhook(SECRET, bytes(body), spaced, SENT)).toBeNull();
  });

  it("refuses a correct HMAC under another scheme name, with an extra hex digit, or over a timestamp that is not whole seconds", () => {
    const headers = headersOf(signWebhook(SECRET, body, SENT));
    const hex = headers.signature!.slice("sha256=".length);
    const check = (changed: Partial<typeof headers>) => verifyWebhook(SECRET, bytes(body), { ...headers, ...changed }, SENT);
    expect(check({ signature: `sha512=${hex}` })).toBe("invalid");
    expect(check({ signature: `sha256=${hex}0` })).toBe("invalid");
    // Signed with the right key, but "1.7e9" is not a Unix time in whole seconds.
    const odd = `${Number(headers.timestamp) / 1e9}e9`;
    expect(Number(odd) * 1000).toBe(SENT.getTime());
    const oddSignature = `sha256=${createHmac("sha256", SECRET).update(`${odd}.${body}`).digest("hex")}`;
    expect(check({ timestamp: odd, signature: oddSignature })).toBe("invalid");
  });

  it("signs bytes, not decoded text: a body that is not UTF-8 still verifies", () => {
    const raw = new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]);
    expect(verifyWebhook(SECRET, raw, headersOf(signWebhook(SECRET, raw, SENT)), SENT)).toBeNull();
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
