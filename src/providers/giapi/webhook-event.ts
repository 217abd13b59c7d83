/**
 * Parsing a webhook delivery of the generic API (shapes in ./wire.ts): the
 * outcome says whether to act, to acknowledge and ignore (an event type we do
 * not know), or to refuse the body (400).
 */
import { describeIssue } from "../http/json-client.ts";
import {
  WEBHOOK_EVENT_TYPES,
  wireWebhookEnvelope,
  wireWebhookEsimData,
  type WebhookEventType,
  type WireWebhookEvent,
} from "./wire.ts";

/** What a delivery body turned out to be. */
export type ParsedWebhookEvent =
  | { kind: "event"; event: WireWebhookEvent }
  | { kind: "unknown_type"; id: string; type: string }
  | { kind: "invalid"; problem: string };

function isKnownType(type: string): type is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(type);
}

/** Parses the (already authenticated) body text of a delivery. */
export function parseWebhookEvent(text: string): ParsedWebhookEvent {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: "invalid", problem: "the body is not valid JSON" };
  }
  const envelope = wireWebhookEnvelope.safeParse(json);
  if (!envelope.success) return { kind: "invalid", problem: describeIssue(envelope.error) };
  const { id, type, created_at } = envelope.data;
  if (!isKnownType(type)) return { kind: "unknown_type", id, type };
  const data = wireWebhookEsimData.safeParse(envelope.data.data);
  if (!data.success) return { kind: "invalid", problem: `data.${describeIssue(data.error)}` };
  return { kind: "event", event: { id, type, created_at, data: data.data } };
}
