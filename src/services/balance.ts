/**
 * Balances for My eSIMs and inline mode. Figures come from the last reading
 * (poll, webhook, top-up); showing an eSIM refreshes it from the provider
 * only when that reading is older than the cache window, and taps that
 * arrive while a refresh is in flight share it, so repeated taps never
 * hammer the provider. A provider failure shows the last figures.
 */
import pLimit from "p-limit";
import type { EsimsRepository } from "../db/esims-repository.ts";
import type { Esim } from "../domain/order.ts";
import type { EsimProvider, EsimUsage } from "../providers/port.ts";
import type { Logger } from "./logger.ts";
import { ownedBy } from "./orders.ts";

/** One page of a user's eSIMs. */
export interface EsimPage {
  esims: Esim[];
  /** Zero-based, clamped to the pages that exist. */
  page: number;
  pages: number;
  total: number;
}

/** What the balance service needs. */
export interface BalanceDeps {
  esims: EsimsRepository;
  provider: EsimProvider;
  /** The lifecycle's transition logic: a refresh may also discover an activation or low data. */
  readings: { applyReading(esimId: string, reading: EsimUsage): Promise<number> };
  /** Called when a refresh queued lifecycle notifications, to send them now. */
  onNotificationsQueued: () => void;
  /** A reading younger than this is shown as is. */
  cacheMs: number;
  log: Logger;
  now: () => Date;
}

/** Refreshes at once when a list is opened: enough for a page, gentle on the provider. */
const REFRESH_CONCURRENCY = 4;

/** Balances with a per-eSIM cache. */
export class BalanceService {
  readonly #inFlight = new Map<string, Promise<Esim>>();

  constructor(private readonly deps: BalanceDeps) {}

  /** A page of the user's eSIMs, newest first, each as fresh as the cache allows. */
  async page(userId: number, page: number, pageSize: number): Promise<EsimPage> {
    const first = await this.deps.esims.pageForUser(userId, { skip: page * pageSize, take: pageSize });
    const pages = Math.max(1, Math.ceil(first.total / pageSize));
    const clamped = Math.min(page, pages - 1);
    // Stryker disable next-line ConditionalExpression: reading the page again shows the same eSIMs (one query more); the clamping itself is tested.
    const listed = clamped === page ? first : await this.deps.esims.pageForUser(userId, { skip: clamped * pageSize, take: pageSize });
    const limit = pLimit(REFRESH_CONCURRENCY);
    const esims = await Promise.all(listed.esims.map((esim) => limit(() => this.#fresh(esim))));
    return { esims, page: clamped, pages, total: listed.total };
  }

  /** How many eSIMs the user has. */
  count(userId: number): Promise<number> {
    return this.deps.esims.countForUser(userId);
  }

  /** One of the user's eSIMs, as fresh as the cache allows; null when it is not theirs. */
  async one(userId: number, esimId: string): Promise<Esim | null> {
    const esim = await this.deps.esims.find(esimId);
    if (!ownedBy(esim, userId)) return null;
    return this.#fresh(esim);
  }

  /** The eSIM itself, or its refreshed state when the last reading is too old. */
  #fresh(esim: Esim): Promise<Esim> {
    // An expired eSIM cannot change any more (it cannot be topped up either).
    if (esim.status === "expired") return Promise.resolve(esim);
    const age = esim.lastPolledAt ? this.deps.now().getTime() - esim.lastPolledAt.getTime() : Infinity;
    if (age < this.deps.cacheMs) return Promise.resolve(esim);
    let refresh = this.#inFlight.get(esim.id);
    if (!refresh) {
      refresh = this.#refresh(esim).finally(() => this.#inFlight.delete(esim.id));
      this.#inFlight.set(esim.id, refresh);
    }
    return refresh;
  }

  async #refresh(esim: Esim): Promise<Esim> {
    try {
      const reading = await this.deps.provider.getUsage(esim.providerOrderId);
      const queued = await this.deps.readings.applyReading(esim.id, reading);
      if (queued > 0) this.deps.onNotificationsQueued();
      return (await this.deps.esims.find(esim.id)) ?? esim;
    } catch (error) {
      this.deps.log.warn({ err: error, esimId: esim.id }, "balance refresh failed; showing the last reading");
      return esim;
    }
  }
}
