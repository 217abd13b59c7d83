/**
 * Provider webhooks as an accelerator: an event only says "this eSIM
 * changed". The authoritative state is read from the provider and recorded
 * through the same `applyReading` as polling, so an event can be late,
 * repeated or out of order and still never notify twice or record a state
 * the provider does not report. (Each event id is handled once anyway: see
 * ./webhook-event-ids.ts.)
 */
import type { Esim } from "../domain/order.ts";
import type { EsimProvider } from "../providers/port.ts";
import type { LifecycleService } from "./lifecycle.ts";
import type { Logger } from "./logger.ts";

/** Which eSIM an event is about, as the provider names it. */
export interface EsimHint {
  iccid: string;
  providerOrderId: string;
}

/** What came of a hint. */
export type HintOutcome = { kind: "unknown_esim" } | { kind: "recorded"; esimId: string; notifications: number };

/** Turns provider events into recorded readings. */
export class ProviderEventService {
  constructor(
    private readonly deps: {
      esims: { findByIccid(iccid: string): Promise<Esim | null> };
      provider: EsimProvider;
      lifecycle: LifecycleService;
      log: Logger;
    },
  ) {}

  /**
   * Reads the eSIM at the provider and records the reading with the
   * notifications it calls for. Provider errors propagate (the caller answers
   * 5xx so the provider retries; polling covers it anyway).
   */
  async applyHint(hint: EsimHint): Promise<HintOutcome> {
    const esim = await this.deps.esims.findByIccid(hint.iccid);
    // The order id must match too: an ICCID alone is printed on cards and guessable.
    if (!esim || esim.providerOrderId !== hint.providerOrderId) return { kind: "unknown_esim" };
    // Our stored order id, not the event's, is what we ask the provider about.
    const reading = await this.deps.provider.getUsage(esim.providerOrderId);
    const notifications = await this.deps.lifecycle.applyReading(esim.id, reading);
    this.deps.log.debug({ esimId: esim.id, status: reading.status, notifications }, "webhook hint recorded");
    return { kind: "recorded", esimId: esim.id, notifications };
  }
}
